// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "cli/output.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningOverdueOptions {
  std::string at, format;
  bool upcoming = false;
  bool include_exercise = false;
};

struct Owed {
  const reports::Warning* warning;
  reports::Round round;
};
}  // namespace

void register_warning_overdue(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningOverdueOptions>();
  CLI::App* cmd =
      warning.add_subcommand("overdue", tr("Units whose answer to a warning's call (叫应) is owed "
                                           "and late; exit 1 when there is any"));
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  cmd->add_flag("--upcoming", opt->upcoming, tr("Also list answers still due, with the time left"));
  cmd->add_flag("--include-exercise", opt->include_exercise,
                tr("Also list the answers owed for exercise and test warnings (marked as such; "
                   "they never make the exit status 1)"));
  cmd->add_option("--format", opt->format, tr("table or json (default: table)"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kReadStore);
    const reports::Office& o = s.office;
    Seconds at = time_option("--at", opt->at, o, s.actor.now).value_or(s.actor.now);
    auto warnings = reports::list_warnings(*s.store, at);
    std::vector<Owed> owed;
    bool any_late = false;
    for (const auto& w : warnings) {
      if (!w.in_force(at) || (w.exercise() && !opt->include_exercise)) continue;
      for (auto& r : reports::current_rounds(w, reports::warning_settings(o), at)) {
        if (r.answer || r.ended) continue;
        bool late = r.due < at;
        if (!late && !opt->upcoming) continue;
        any_late = any_late || (late && !w.exercise());
        owed.push_back({&w, std::move(r)});
      }
    }
    std::stable_sort(owed.begin(), owed.end(),
                     [](const Owed& a, const Owed& b) { return a.round.due < b.round.due; });
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& x : owed) {
        w.begin_object();
        w.key("warning").value(x.warning->id);
        w.key("unit").value(x.round.unit);
        w.key("due").value(iso(o, x.round.due));
        auto late = std::chrono::duration_cast<std::chrono::minutes>(at - x.round.due).count();
        w.key("minutes_late").value(static_cast<std::int64_t>(late > 0 ? late : 0));
        w.key("status").value(x.round.due < at ? "late" : "due");
        w.key("person").value(x.round.person);
        w.key("phone").value(x.round.phone);
        w.key("exercise").value(x.warning->exercise());
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
    } else if (owed.empty()) {
      ctx.out << (opt->upcoming ? tr("No answer is late or due.") : tr("No answer is late."))
              << '\n';
    } else {
      bool zh = message_language() == "zh-CN";
      Table t({tr("Warning"), tr("Unit"), tr("Person"), tr("Phone"), tr("Due"), tr("Late / left"),
               tr("Title")});
      for (const auto& x : owed) {
        std::string when = x.round.due < at
                               ? spoken_deadline(at - x.round.due, DeadlineSense::kOverdue, zh)
                               : spoken_deadline(x.round.due - at, DeadlineSense::kLeft, zh);
        std::string id =
            x.warning->exercise() ? x.warning->id + " " + tr("(exercise)") : x.warning->id;
        t.add({id, x.round.unit, x.round.person, x.round.phone, local(o, x.round.due), when,
               warning_title(o, *x.warning, x.warning->level_at(at))});
      }
      t.print(ctx.out);
    }
    if (any_late) ctx.exit_code = ExitCode::kProblems;
  });
}

}  // namespace duty::cli
