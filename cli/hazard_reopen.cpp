// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_reopen(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "reopen", tr("Reopen a closed hazard that recurs; its history is kept"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--note", opt->note, tr("What recurred"))->required();
  cmd->add_option("--due", opt->date, tr("The new due DATE (default: the due in force)"));
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kReopen); });
}

}  // namespace duty::cli
