// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
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
  CLI::App* cmd =
      todo.add_subcommand("add", tr("Add a pending item (待办事项): on every handover until reported done"));
  cmd->add_option("TEXT", opt->text, tr("What is to be done"))->required();
  cmd->add_option("--owner", opt->owner,
                  tr("Who is to do it: a person of the roster by id or name, or any name or unit as written"));
  cmd->add_option("--due", opt->due, tr("By when (TIME; +2h counts from --at; a bare 17:00 is the next one)"));
  cmd->add_option("--incident", opt->incident, tr("The incident it is about"));
  cmd->add_option("--at", opt->at, tr("When it was entered (TIME; default now; a bare 23:50 is the most recent one)"));
  cmd->callback([opt, &ctx] {
    if (opt->text.empty()) throw UsageError(tr("TEXT: cannot be empty"));
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    auto due = time_option("--due", opt->due, s.office, at.value_or(s.actor.now), ClockReading::kNext);
    // An item about an incident needs the store that holds it; a free-standing one may create it.
    open_store(ctx, s, opt->incident.empty() ? Need::kWriteStore : Need::kWriteExisting);
    // The owner may be a unit or someone outside the roster: kept as written unless it names a person.
    std::string owner = person_option(ctx, s, "--owner", opt->owner, UnknownPerson::kKeep);
    reports::NewTodo t{opt->text, owner, due, opt->incident, at};
    reports::PendingItem item = reports::add_todo(*s.store, s.office, t, s.actor);
    ctx.out << item.id << '\n';
  });
}

}  // namespace duty::cli
