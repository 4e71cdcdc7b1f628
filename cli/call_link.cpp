// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/calls/call_log.hpp"

namespace duty::cli {

namespace {
struct CallLinkOptions {
  std::string call, incident, at;
};
}  // namespace

void register_call_link(CLI::App& call, Context& ctx) {
  auto opt = std::make_shared<CallLinkOptions>();
  CLI::App* cmd = call.add_subcommand("link", tr("Record that a call became an incident"));
  cmd->add_option("CALL", opt->call, tr("The call's id (C-n)"))->required();
  cmd->add_option("INCIDENT", opt->incident, tr("The incident's id"))->required();
  cmd->add_option("--at", opt->at, tr("When the link was made (TIME; default now)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    open_store(ctx, s, Need::kWriteExisting);
    reports::Call c = reports::link_call(*s.store, s.office, opt->call, opt->incident, at, s.actor);
    ctx.out << trf("{0} linked to {1}", c.id, c.incident) << '\n';
  });
}

}  // namespace duty::cli
