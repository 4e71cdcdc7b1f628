// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/incident_correct.hpp"

namespace duty::cli {

namespace {
struct TodoVoidOptions {
  std::string id;
  std::string reason;
};
}  // namespace

void register_todo_void(CLI::App& todo, Context& ctx) {
  auto opt = std::make_shared<TodoVoidOptions>();
  CLI::App* cmd =
      todo.add_subcommand("void", tr("Void a pending item (T-n) or a leader's instruction (P-n) "
                                     "entered in error (作废): it stays "
                                     "in the log and leaves every list and record"));
  cmd->add_option("ID", opt->id, tr("T-n (pending item) or P-n (leader's instruction)"))
      ->required();
  cmd->add_option("--reason", opt->reason, tr("Why the entry is void (required)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::PendingItem item =
        reports::void_pending(*s.store, s.office, opt->id, opt->reason, s.actor);
    ctx.out << trf("{0} voided: {1}", item.id, item.void_reason) << '\n';
  });
}

}  // namespace duty::cli
