// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "reports/carry.hpp"

namespace duty::cli {

namespace {
struct TodoDoneOptions {
  std::string id;
  std::string note;
  std::string at;
};
}  // namespace

void register_todo_done(CLI::App& todo, Context& ctx) {
  auto opt = std::make_shared<TodoDoneOptions>();
  CLI::App* cmd = todo.add_subcommand("done",
                                      "Report a pending item (T-n) or a leader's instruction (P-n) "
                                      "done: it leaves the handover record");
  cmd->add_option("ID", opt->id, "T-n (pending item) or P-n (leader's instruction)")->required();
  cmd->add_option("--note", opt->note, "How it was done (the feedback reported on an instruction)");
  cmd->add_option("--at", opt->at, "When it was done (TIME; default now)");
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    open_store(ctx, s, Need::kWriteExisting);
    reports::PendingItem item =
        reports::complete_pending(*s.store, s.office, opt->id, opt->note, at, s.actor);
    ctx.out << item.id << (s.office.zh() ? " 已办结 " : " done at ")
            << local(s.office, *item.done_at) << '\n';
  });
}

}  // namespace duty::cli
