// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_void(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "void", tr("Void a hazard entered by mistake (撤销), from any status but closed"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--reason", opt->reason, tr("Why (e.g. entered twice)"))->required();
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kVoid); });
}

}  // namespace duty::cli
