// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {
struct ListOptions {
  bool open = false;
  bool closed = false;
  bool include_void = false;
  std::string from, to, category, severity, format;
};

const std::vector<std::string> kCsvHeader = {"id", "received_at", "occurred_at", "category", "severity",
                                             "stated_severity", "graded_severity", "status", "title", "location",
                                             "deaths", "injured", "seriously_injured", "missing", "trapped", "loss",
                                             "followups"};
}  // namespace

void register_incident_list(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<ListOptions>();
  CLI::App* cmd = incident.add_subcommand("list", "List incidents, oldest first");
  auto* open = cmd->add_flag("--open", opt->open, "Only incidents still open");
  cmd->add_flag("--closed", opt->closed, "Only closed incidents")->excludes(open);
  cmd->add_option("--from", opt->from, "Received at or after TIME");
  cmd->add_option("--to", opt->to, tr("Received at or before TIME (a bare date: through its end)"));
  cmd->add_option("--category", opt->category, tr("Only this category (id or name, e.g. 道路交通事故)"));
  cmd->add_option("--severity", opt->severity, tr("Only this effective severity (较大 or III, ..., unknown)"));
  cmd->add_option("--format", opt->format, tr("table, json or csv (default: table)"));
  cmd->add_flag("--include-void", opt->include_void, tr("Also incidents voided as entered in error (作废)"));
  cmd->callback([opt, &ctx] {
    if (!opt->format.empty() && opt->format != "table" && opt->format != "json" && opt->format != "csv") {
      throw UsageError(trf("--format: unknown format '{0}'; expected table, json or csv", opt->format));
    }
    Session s = open_session(ctx, Need::kReadStore);
    reports::ListQuery q;
    if (opt->open) q.closed = false;
    if (opt->closed) q.closed = true;
    q.include_void = opt->include_void;
    q.from = time_option("--from", opt->from, s.office, s.actor.now);
    q.to = range_end_option("--to", opt->to, s.office, s.actor.now);
    if (!opt->category.empty()) q.category = category_option("--category", opt->category, s.office);
    if (!opt->severity.empty()) q.severity = severity_option("--severity", opt->severity);
    auto rows = s.store->incidents().list(q);
    std::string format = opt->format.empty() ? "table" : opt->format;
    if (format == "json") {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& inc : rows) write_incident_json(w, inc, s.office, false, s.actor.now);
      w.end_array();
      ctx.out << '\n';
    } else if (format == "csv") {
      CsvWriter csv(ctx.out);
      csv.row(kCsvHeader);
      for (const auto& i : rows) {
        csv.row({i.id, iso(s.office, i.received_at), i.occurred_at ? iso(s.office, *i.occurred_at) : "", i.category,
                 std::string(reports::to_string(i.severity())), std::string(reports::to_string(i.stated)),
                 std::string(reports::to_string(i.graded)), i.voided ? "void" : i.closed ? "closed" : "open", i.title, i.location,
                 std::to_string(i.casualties.deaths), std::to_string(i.casualties.injured),
                 std::to_string(i.casualties.seriously_injured), std::to_string(i.casualties.missing),
                 std::to_string(i.casualties.trapped), format_number(i.loss), std::to_string(i.followups)});
      }
    } else {
      Labels l(s.office.locale);
      Table t({l("ID", "编号"), l("Received", "接报时间"), l("Category", "类别"), l("Severity", "级别"),
               l("Status", "状态"), l("Deaths", "死亡"), l("Title", "标题")});
      for (const auto& i : rows) {
        t.add({i.id, local(s.office, i.received_at), category_label(s.office, i.category),
               std::string(reports::to_string(i.severity())),
               i.voided ? tr("void") : i.closed ? l("closed", "已终报") : l("open", "处置中"),
               std::to_string(i.casualties.deaths), i.title});
      }
      t.print(ctx.out);
    }
  });
}

}  // namespace duty::cli
