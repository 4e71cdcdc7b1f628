// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

void register_hazard_supervise(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<StepOptions>();
  CLI::App* cmd =
      hazard.add_subcommand("supervise", tr("List the hazard for supervision (挂牌督办)"));
  add_step_options(*cmd, *opt);
  cmd->add_option("--level", opt->level, tr("county, prefecture or province (县级, 市级, 省级)"))
      ->required();
  cmd->add_option("--by", opt->unit,
                  tr("The supervising unit, which alone may accept a major hazard"))
      ->required();
  cmd->add_option("--doc", opt->doc, tr("The supervision document (督办文号)"))->required();
  cmd->add_option("--due", opt->date, tr("The supervision's deadline (DATE)"));
  cmd->callback([opt, &ctx] { run_hazard_step(ctx, *opt, reports::HazardStep::Kind::kSupervise); });
}

}  // namespace duty::cli
