// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/calls/call_log.hpp"

namespace duty::cli {

namespace {
struct CallLinkOptions {
  std::string call, incident;
};
}  // namespace

void register_call_link(CLI::App& call, Context& ctx) {
  auto opt = std::make_shared<CallLinkOptions>();
  CLI::App* cmd = call.add_subcommand("link", tr("Record that a call became an incident"));
  cmd->add_option("CALL", opt->call, tr("The call's id (C-n)"))->required();
  cmd->add_option("INCIDENT", opt->incident, tr("The incident's id"))->required();
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::Call c = reports::link_call(*s.store, s.office, opt->call, opt->incident, s.actor);
    ctx.out << trf("{0} linked to {1}", c.id, c.incident) << '\n';
  });
}

}  // namespace duty::cli
