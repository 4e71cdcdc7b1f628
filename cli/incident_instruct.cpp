// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/carry.hpp"

namespace duty::cli {

namespace {
struct InstructOptions {
  std::string id;
  std::string from;
  std::string text;
  std::string due;
  std::string at;
};
}  // namespace

void register_incident_instruct(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<InstructOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "instruct", tr("Record a leader's instruction (领导批示) on an incident; tracked until 'duty todo done P-n'"));
  cmd->add_option("ID", opt->id, tr("Incident id"))->required();
  cmd->add_option("--from", opt->from,
                  tr("The leader who gave it: a person of the roster by id or name, or any name as written"))
      ->required();
  cmd->add_option("--text", opt->text, tr("The instruction"))->required();
  cmd->add_option("--due", opt->due,
                  tr("By when it is to be carried out (TIME; +2h counts from --at; a bare 17:00 is the next one)"));
  cmd->add_option("--at", opt->at, tr("When it was given (TIME; default now; a bare 23:50 is the most recent one)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    // A deadline given with the moment of the instruction counts from that moment.
    auto due = time_option("--due", opt->due, s.office, at.value_or(s.actor.now), ClockReading::kNext);
    open_store(ctx, s, Need::kWriteExisting);
    // County leaders are often nobody on the duty roster: a name is kept as written.
    std::string from = person_option(ctx, s, "--from", opt->from, UnknownPerson::kKeep);
    reports::PendingItem item =
        reports::add_instruction(*s.store, s.office, opt->id, from.empty() ? opt->from : from, opt->text, due, at,
                                 s.actor);
    ctx.out << item.id << '\n';
  });
}

}  // namespace duty::cli
