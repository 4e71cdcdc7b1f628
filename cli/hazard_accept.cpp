// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_accept(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "accept", tr("Accept the rectification and close the hazard (验收销号)"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--by", opt->person, tr("Who accepts (验收人): not the owner"))->required();
  cmd->add_option("--unit", opt->unit,
                  tr("The acceptor's unit: not the responsible unit; the supervising unit for a "
                     "supervised major hazard"))
      ->required();
  cmd->add_option("--note", opt->note, tr("The acceptance opinion (验收意见)"));
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kAccept); });
}

}  // namespace duty::cli
