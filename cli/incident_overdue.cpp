// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"

namespace duty::cli {

namespace {
struct OverdueOptions {
  std::string at;
  bool upcoming = false;
  std::string format;
};
}  // namespace

void register_incident_overdue(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<OverdueOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "overdue", "Required reports not made and past their deadline; exit 1 when there is any");
  cmd->add_option("--at", opt->at, "As of TIME (default now)");
  cmd->add_flag("--upcoming", opt->upcoming, "Also list reports still due");
  cmd->add_option("--format", opt->format, "table or json (default: table)");
  cmd->callback([opt, &ctx] {
    if (!opt->format.empty() && opt->format != "table" && opt->format != "json") {
      throw UsageError("--format: unknown format '" + opt->format + "'; expected table or json");
    }
    Session s = open_session(ctx, Need::kReadStore);
    Seconds at = time_option("--at", opt->at, s.office, s.actor.now).value_or(s.actor.now);
    bool any_overdue = false;
    std::string format = opt->format.empty() ? "table" : opt->format;
    if (format == "json") {
      // Streamed: a store with tens of thousands of reports owed never holds them all in memory.
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      s.store->for_each_due_report(at, opt->upcoming, [&](const reports::DueReport& d) {
        any_overdue = any_overdue || d.requirement.due < at;
        w.begin_object();
        w.key("incident").value(d.incident);
        w.key("title").value(d.title);
        w.key("to").value(d.requirement.to);
        w.key("via").value(reports::to_string(d.requirement.via));
        w.key("due").value(iso(s.office, d.requirement.due));
        w.key("minutes_late").value(static_cast<std::int64_t>(d.requirement.minutes_overdue(at)));
        w.key("basis").value(d.requirement.basis);
        w.end_object();
      });
      w.end_array();
      ctx.out << '\n';
    } else {
      Labels l(s.office.locale);
      Table t({l("Incident", "事件"), l("To", "报送单位"), l("Via", "方式"), l("Due", "时限"),
               l("Late (min)", "超时（分钟）"), l("Title", "标题")});
      bool none = true;
      s.store->for_each_due_report(at, opt->upcoming, [&](const reports::DueReport& d) {
        none = false;
        any_overdue = any_overdue || d.requirement.due < at;
        const auto* org = s.office.find_org(d.requirement.to);
        long late = d.requirement.minutes_overdue(at);
        t.add({d.incident, org ? org->name : d.requirement.to,
               std::string(reports::label(d.requirement.via, s.office.zh())), local(s.office, d.requirement.due),
               late > 0 ? std::to_string(late) : "-", d.title});
      });
      if (none) {
        ctx.out << l("No report is overdue.", "没有超时未报的事项。") << '\n';
      } else {
        t.print(ctx.out);
      }
    }
    if (any_overdue) ctx.exit_code = ExitCode::kProblems;
  });
}

}  // namespace duty::cli
