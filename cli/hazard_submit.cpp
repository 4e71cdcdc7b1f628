// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_submit(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd =
      hazard.add_subcommand("submit", tr("Rectification done: request acceptance (申请验收)"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--note", opt->note, tr("What was done (整改情况)"))->required();
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kSubmit); });
}

}  // namespace duty::cli
