// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_reject(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "reject", tr("Reject the rectification: back to rectification (验收不通过)"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--by", opt->person, tr("Who rejected it"))->required();
  cmd->add_option("--reason", opt->reason, tr("Why (what is still wrong)"))->required();
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kReject); });
}

}  // namespace duty::cli
