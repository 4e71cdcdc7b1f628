// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/call_common.hpp"
#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct CallListOptions {
  std::string from, to, kind, format;
};

const std::vector<std::string> kCsvHeader = {"id",       "at",        "from",       "phone",
                                             "unit",     "kind",      "summary",    "by",
                                             "incident", "linked_at", "recorded_at"};
}  // namespace

void register_call_list(CLI::App& call, Context& ctx) {
  auto opt = std::make_shared<CallListOptions>();
  CLI::App* cmd = call.add_subcommand("list", tr("List logged calls, oldest first"));
  cmd->add_option("--from", opt->from, tr("Calls at or after TIME"));
  cmd->add_option("--to", opt->to, tr("Calls at or before TIME"));
  cmd->add_option("--kind", opt->kind,
                  tr("Only this kind: inquiry, notice, report or other (咨询, 通知, 报告, 其他)"));
  cmd->add_option("--format", opt->format, tr("table (default), json or csv"));
  cmd->callback([opt, &ctx] {
    // The office first, so that messages about the options are in its language.
    Session s = open_session(ctx, Need::kOffice);
    if (!opt->format.empty() && opt->format != "table" && opt->format != "json" &&
        opt->format != "csv") {
      throw UsageError(
          trf("--format: unknown format '{0}'; expected table, json or csv", opt->format));
    }
    const reports::Office& o = s.office;
    reports::CallQuery q;
    q.kind = kind_option(opt->kind);
    q.from = time_option("--from", opt->from, o, s.actor.now);
    q.to = time_option("--to", opt->to, o, s.actor.now);
    if (q.from && q.to && *q.from > *q.to) {
      throw UsageError(trf("--to: {0} is before --from ({1})", local(o, *q.to), local(o, *q.from)));
    }
    open_store(ctx, s, Need::kReadStore);
    std::vector<reports::Call> calls = reports::list_calls(*s.store, q);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& c : calls) write_call_json(w, c, o);
      w.end_array();
      ctx.out << '\n';
    } else if (opt->format == "csv") {
      CsvWriter csv(ctx.out);
      csv.row(kCsvHeader);
      for (const auto& c : calls) {
        csv.row({c.id, iso(o, c.at), c.from, c.phone, c.unit,
                 std::string(reports::to_string(c.kind)), c.summary, c.by, c.incident,
                 c.linked_at ? iso(o, *c.linked_at) : "", iso(o, c.recorded_at)});
      }
    } else {
      Table t({tr("ID"), tr("Time"), tr("Kind"), tr("Caller"), tr("Caller's unit"), tr("Phone"),
               tr("Call summary"), tr("Taken by"), tr("Incident")});
      for (const auto& c : calls) {
        t.add({c.id, local(o, c.at), kind_label(c.kind), c.from, c.unit, c.phone, c.summary, c.by,
               c.incident});
      }
      t.print(ctx.out);
    }
  });
}

}  // namespace duty::cli
