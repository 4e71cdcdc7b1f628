// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
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
  CLI::App* cmd = incident.add_subcommand("instruct",
                                          "Record a leader's instruction (领导批示) on an "
                                          "incident; tracked until 'duty todo done P-n'");
  cmd->add_option("ID", opt->id, "Incident id")->required();
  cmd->add_option("--from", opt->from, "The leader who gave it")->required();
  cmd->add_option("--text", opt->text, "The instruction")->required();
  cmd->add_option("--due", opt->due, "By when it is to be carried out (TIME)");
  cmd->add_option("--at", opt->at, "When it was given (TIME; default now)");
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto due = time_option("--due", opt->due, s.office, s.actor.now);
    auto at = time_option("--at", opt->at, s.office, s.actor.now);
    open_store(ctx, s, Need::kWriteExisting);
    reports::PendingItem item = reports::add_instruction(*s.store, s.office, opt->id, opt->from,
                                                         opt->text, due, at, s.actor);
    ctx.out << item.id << '\n';
  });
}

}  // namespace duty::cli
