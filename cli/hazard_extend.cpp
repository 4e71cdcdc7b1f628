// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_extend(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "extend", tr("Extend the deadline (延期); the original deadline is kept and shown"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--to", opt->date, tr("The new due DATE (YYYY-MM-DD; the end of that day)"))
      ->required();
  cmd->add_option("--reason", opt->reason, tr("Why the deadline moves (延期理由)"))->required();
  cmd->add_option("--approved-by", opt->person, tr("Who approved the extension"))->required();
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kExtend); });
}

}  // namespace duty::cli
