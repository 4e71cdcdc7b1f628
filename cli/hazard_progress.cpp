// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_progress(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "progress", tr("Record rectification progress (整改进展); append-only"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--note", opt->note, tr("What was done (进展情况)"))->required();
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kProgress); });
}

}  // namespace duty::cli
