// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningLiftOptions {
  std::string id, at, note;
};
}  // namespace

void register_warning_lift(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningLiftOptions>();
  CLI::App* cmd = warning.add_subcommand("lift", tr("Record that a warning was lifted (解除)"));
  cmd->add_option("ID", opt->id, tr("The warning's id (W-n)"))->required();
  cmd->add_option("--at", opt->at, tr("When the lifting was received (TIME; default now)"));
  cmd->add_option("--note", opt->note, tr("A note"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    open_store(ctx, s, Need::kWriteExisting);
    reports::Warning w =
        reports::lift_warning(*s.store, s.office, opt->id, at, opt->note, "", s.actor);
    ctx.out << trf("{0} lifted at {1}", w.id, local(s.office, *w.lifted_at)) << '\n';
  });
}

}  // namespace duty::cli
