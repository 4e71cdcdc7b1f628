// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "reports/hazards/hazard_settings.hpp"

namespace duty::cli {

namespace {
struct HazardListOptions {
  std::string status, township, unit, grade, at, format;
  bool overdue = false;
};
}  // namespace

void register_hazard_list(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardListOptions>();
  CLI::App* cmd = hazard.add_subcommand("list", tr("List the hazard ledger, by id"));
  cmd->add_option("--status", opt->status,
                  tr("Only this status: open, awaiting-acceptance, closed or void"));
  cmd->add_flag("--overdue", opt->overdue, tr("Only hazards past their due date and not closed"));
  cmd->add_option("--township", opt->township, tr("Only this township"));
  cmd->add_option("--unit", opt->unit, tr("Only this responsible unit"));
  cmd->add_option("--grade", opt->grade, tr("Only this grade: general or major (一般, 重大)"));
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  cmd->add_option("--format", opt->format, tr("table (default), json or csv"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    Format format = choose_format(ctx, opt->format, std::nullopt,
                                  {Format::kTable, Format::kJson, Format::kCsv});
    const reports::Office& o = s.office;
    reports::HazardQuery q;
    q.status = hazard_status_option(opt->status);
    q.grade = grade_option(opt->grade);
    q.overdue_only = opt->overdue;
    q.township = opt->township;
    q.unit = opt->unit;
    auto as_of = time_option("--at", opt->at, o, s.actor.now);
    Seconds at = as_of.value_or(s.actor.now);
    open_store(ctx, s, Need::kReadStore);
    auto all = reports::all_hazards(*s.store, o, as_of);
    reports::check_query_names(q, reports::load_hazard_settings(o), all);
    auto hazards = reports::filter_hazards(all, q, at);
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& h : hazards) write_hazard_json(w, h, o, at, true);
      w.end_array();
      ctx.out << '\n';
    } else if (format == Format::kCsv) {
      CsvWriter csv(ctx.out);
      csv.row({"id", "title", "grade", "status", "overdue", "township", "unit", "owner", "due",
               "original_due", "supervision", "found", "closed_at", "on_time"});
      for (const auto& h : hazards) {
        csv.row({h.id, h.title, std::string(reports::to_string(h.grade)),
                 std::string(reports::to_string(h.status)), h.overdue(at) ? "true" : "false",
                 h.township, h.unit, h.owner, format_date(h.due), format_date(h.original_due),
                 h.supervision ? std::string(reports::to_string(h.supervision->level)) + " " +
                                     h.supervision->by
                               : "",
                 iso(o, h.found), h.closed_at ? iso(o, *h.closed_at) : "",
                 h.on_time ? (*h.on_time ? "true" : "false") : ""});
      }
    } else {
      bool zh = message_language() == "zh-CN";
      Table t({tr("ID"), tr("Grade"), tr("Status"), tr("Township"), tr("Responsible unit"),
               tr("Owner"), tr("Due"), tr("Supervised"), tr("Title")});
      for (const auto& h : hazards) {
        std::string due = format_date(h.due);
        if (h.due != h.original_due)
          due += zh ? "（原" + format_date(h.original_due) + "）"
                    : " (was " + format_date(h.original_due) + ")";
        t.add({h.id, std::string(reports::label(h.grade, zh)), status_text(h, at), h.township,
               h.unit, h.owner, due,
               h.supervision
                   ? std::string(reports::label(h.supervision->level, zh)) + " " + h.supervision->by
                   : "",
               h.title});
      }
      if (hazards.empty()) {
        ctx.out << tr("No hazard matches.") << '\n';
      } else {
        t.print(ctx.out);
      }
    }
  });
}

}  // namespace duty::cli
