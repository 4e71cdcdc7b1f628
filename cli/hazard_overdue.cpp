// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <memory>
#include <system_error>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/hazards/hazard_settings.hpp"

namespace duty::cli {

namespace {
struct HazardOverdueOptions {
  std::string at, format, upcoming;
};
}  // namespace

void register_hazard_overdue(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardOverdueOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "overdue", tr("Hazards past their due date and not closed; exit 1 when there is any"));
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  cmd->add_option("--upcoming", opt->upcoming,
                  tr("Also list hazards due within DAYS days (default: office.yaml's "
                     "hazards.upcoming_days, 3)"))
      ->expected(0, 1);
  cmd->add_option("--format", opt->format, tr("table or json (default: table)"));
  cmd->callback([opt, &ctx, cmd] {
    Session s = open_session(ctx, Need::kOffice);
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    const reports::Office& o = s.office;
    Seconds at = time_option("--at", opt->at, o, s.actor.now).value_or(s.actor.now);
    std::optional<int> upcoming;
    if (cmd->count("--upcoming") > 0) {
      upcoming = reports::load_hazard_settings(o).upcoming_days;
      if (!opt->upcoming.empty()) {
        int n = -1;
        auto [end, ec] =
            std::from_chars(opt->upcoming.data(), opt->upcoming.data() + opt->upcoming.size(), n);
        if (ec != std::errc() || end != opt->upcoming.data() + opt->upcoming.size() || n < 0 ||
            n > 366) {
          throw FieldError("upcoming",
                           trf("'{0}' is not a number of days from 0 to 366", opt->upcoming));
        }
        upcoming = n;
      }
    }
    open_store(ctx, s, Need::kReadStore);
    auto all = reports::all_hazards(*s.store, o, at);
    auto due = reports::due_hazards(all, *o.zone, at, upcoming);
    bool any_overdue = false;
    for (const auto& d : due) any_overdue = any_overdue || d.overdue;
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& d : due) {
        w.begin_object();
        w.key("hazard").value(d.hazard->id);
        w.key("due").value(format_date(d.hazard->due));
        w.key("days_late").value(d.days_late);
        w.key("status").value(d.overdue ? "overdue" : "due");
        w.key("title").value(d.hazard->title);
        w.key("grade").value(reports::to_string(d.hazard->grade));
        w.key("township").value(d.hazard->township);
        w.key("unit").value(d.hazard->unit);
        w.key("owner").value(d.hazard->owner);
        w.key("supervised").value(d.hazard->supervision.has_value());
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
    } else if (due.empty()) {
      ctx.out << (upcoming ? tr("No hazard is overdue or due soon.") : tr("No hazard is overdue."))
              << '\n';
    } else {
      bool zh = message_language() == "zh-CN";
      Table t({tr("ID"), tr("Due"), tr("Overdue / left"), tr("Grade"), tr("Township"),
               tr("Responsible unit"), tr("Owner"), tr("Supervised"), tr("Title")});
      for (const auto& d : due) {
        const reports::Hazard& h = *d.hazard;
        std::string when = reports::hazard_due_text(d.days_late, d.overdue, zh);
        t.add({h.id, format_date(h.due), when, std::string(reports::label(h.grade, zh)), h.township,
               h.unit, h.owner,
               h.supervision
                   ? std::string(reports::label(h.supervision->level, zh)) + " " + h.supervision->by
                   : "",
               h.title});
      }
      t.print(ctx.out);
    }
    if (any_overdue) ctx.exit_code = ExitCode::kProblems;
  });
}

}  // namespace duty::cli
