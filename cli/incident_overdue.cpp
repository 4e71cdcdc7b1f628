// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct OverdueOptions {
  std::string at;
  bool upcoming = false;
  std::string format;
};

// "3 d 18 h overdue" or, for a report still due, "1 h 20 min left", in the language of messages.
std::string time_text(const reports::Requirement& r, Seconds at) {
  bool zh = message_language() == "zh-CN";
  return at > r.due ? spoken_deadline(at - r.due, DeadlineSense::kOverdue, zh)
                    : spoken_deadline(r.due - at, DeadlineSense::kLeft, zh);
}
}  // namespace

void register_incident_overdue(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<OverdueOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "overdue", tr("Required reports not made and past their deadline; exit 1 when there is any"));
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  cmd->add_flag("--upcoming", opt->upcoming, tr("Also list reports still due, with the time left"));
  cmd->add_option("--format", opt->format,
                  tr("table or json (default: table)"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kReadStore);
    Seconds at = time_option("--at", opt->at, s.office, s.actor.now).value_or(s.actor.now);
    bool any_overdue = false;
    if (format == Format::kJson) {
      // Streamed: a store with tens of thousands of reports owed never holds them all in memory.
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      s.store->incidents().for_each_due_report(at, opt->upcoming, [&](const reports::DueReport& d) {
        bool overdue = d.requirement.due < at;
        any_overdue = any_overdue || overdue;
        w.begin_object();
        w.key("incident").value(d.incident);
        w.key("title").value(d.title);
        w.key("to").value(d.requirement.to);
        w.key("via").value(reports::to_string(d.requirement.via));
        w.key("due").value(iso(s.office, d.requirement.due));
        w.key("minutes_late").value(static_cast<std::int64_t>(d.requirement.minutes_overdue(at)));
        w.key("status").value(overdue ? "overdue" : "due");
        w.key("basis").value(d.requirement.basis);
        w.end_object();
      });
      w.end_array();
      ctx.out << '\n';
    } else {
      Table t({tr("Incident"), tr("To"), tr("Via"), tr("Due"), tr("Overdue / left"), tr("Title")});
      bool none = true;
      s.store->incidents().for_each_due_report(at, opt->upcoming, [&](const reports::DueReport& d) {
        none = false;
        any_overdue = any_overdue || d.requirement.due < at;
        const auto* org = s.office.find_org(d.requirement.to);
        t.add({d.incident, org ? org->name : d.requirement.to,
               std::string(reports::label(d.requirement.via, message_language() == "zh-CN")),
               local(s.office, d.requirement.due), time_text(d.requirement, at), d.title});
      });
      if (none) {
        ctx.out << (opt->upcoming ? tr("No report is overdue or due.")
                                  : tr("No report is overdue."))
                << '\n';
      } else {
        t.print(ctx.out);
      }
    }
    if (any_overdue) ctx.exit_code = ExitCode::kProblems;
  });
}

}  // namespace duty::cli
