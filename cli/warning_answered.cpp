// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningAnsweredOptions {
  std::string id, unit, by, at, note;
};
}  // namespace

void register_warning_answered(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningAnsweredOptions>();
  CLI::App* cmd = warning.add_subcommand(
      "answered", tr("Record that a unit answered a warning's call (叫应到位)"));
  cmd->add_option("ID", opt->id, tr("The warning's id (W-n)"))->required();
  cmd->add_option("--unit", opt->unit, tr("The unit that answered"))->required();
  cmd->add_option("--by", opt->by, tr("Who answered for it"))->required();
  cmd->add_option("--at", opt->at, tr("When the answer came (TIME; default now)"));
  cmd->add_option("--note", opt->note, tr("What they said they will do"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    open_store(ctx, s, Need::kWriteExisting);
    reports::Warning w = reports::record_answer(*s.store, s.office, opt->id, opt->unit, opt->by,
                                                opt->note, at, s.actor);
    const auto& a = w.answers.back();
    std::string line = trf("{0}: {1} answered at {2}", w.id, a.unit, local(s.office, a.at));
    // The round this answer went to (an earlier round of the unit may have been answered late).
    for (const auto& r : reports::rounds_of(w, reports::warning_settings(s.office), s.actor.now)) {
      if (r.unit == a.unit && r.answer && r.answer->at == a.at && r.answered_late()) {
        line += " (" +
                spoken_deadline(a.at - r.due, DeadlineSense::kLate, message_language() == "zh-CN") +
                ")";
      }
    }
    ctx.out << line << '\n';
  });
}

}  // namespace duty::cli
