// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "reports/carry.hpp"

namespace duty::cli {

namespace {
struct TodoAddOptions {
  std::string text;
  std::string owner;
  std::string due;
  std::string incident;
  std::string at;
};
}  // namespace

void register_todo_add(CLI::App& todo, Context& ctx) {
  auto opt = std::make_shared<TodoAddOptions>();
  CLI::App* cmd = todo.add_subcommand(
      "add", "Add a pending item (待办事项): on every handover until reported done");
  cmd->add_option("TEXT", opt->text, "What is to be done")->required();
  cmd->add_option("--owner", opt->owner, "Who is to do it");
  cmd->add_option("--due", opt->due, "By when (TIME)");
  cmd->add_option("--incident", opt->incident, "The incident it is about");
  cmd->add_option("--at", opt->at, "When it was entered (TIME; default now)");
  cmd->callback([opt, &ctx] {
    if (opt->text.empty()) throw UsageError("TEXT: cannot be empty");
    Session s = open_session(ctx, Need::kOffice);
    reports::NewTodo t{opt->text, opt->owner, time_option("--due", opt->due, s.office, s.actor.now),
                       opt->incident, time_option("--at", opt->at, s.office, s.actor.now)};
    // An item about an incident needs the store that holds it; a free-standing one may create it.
    open_store(ctx, s, opt->incident.empty() ? Need::kWriteStore : Need::kWriteExisting);
    reports::PendingItem item = reports::add_todo(*s.store, s.office, t, s.actor);
    ctx.out << item.id << '\n';
  });
}

}  // namespace duty::cli
