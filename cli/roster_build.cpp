// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_render.hpp"
#include "cli/workspace.hpp"
#include "roster/solver.hpp"

namespace duty::cli {

namespace {
struct BuildOptions {
  std::string spec;
  std::string from;
  std::string to;
  std::string format;
  std::string output;
  PlanRenderFlags render;
};
}  // namespace

void register_roster_build(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<BuildOptions>();
  CLI::App* cmd = roster.add_subcommand("build", tr("Build a roster from a spec and print it"));
  cmd->add_option(
      "SPEC", opt->spec,
      tr("Roster spec (YAML), see docs/roster-spec.md; default: the office's (roster: in "
         "office.yaml) when run inside an office workspace"));
  cmd->add_option("--from", opt->from,
                  tr("First date (YYYY-MM-DD); overrides the spec's period.from"));
  cmd->add_option("--to", opt->to, tr("Last date (YYYY-MM-DD), inclusive; overrides period.to"));
  cmd->add_option("--format", opt->format, tr(kPlanFormatHelp));
  cmd->add_option("-o,--output", opt->output,
                  tr("Write to FILE instead of stdout (replaced whole, never half-written)"));
  add_plan_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    roster::PeriodOverride period{option_date("--from", opt->from), option_date("--to", opt->to)};
    std::optional<std::string> output = opt->output.empty() ? std::nullopt : std::optional(opt->output);
    Format format = choose_format(ctx, opt->format, output, kPlanFormats);
    std::string path = opt->spec;
    if (path.empty()) {
      try {
        reports::Office office = reports::load_office(find_workspace(ctx));
        path = office.resolve(office.roster);
      } catch (const UsageError& e) {
        throw UsageError(trf("SPEC is required outside an office workspace ({0})", e.what()));
      }
    }
    roster::Spec spec = roster::load_spec(path, period);
    roster::ExportOptions options = plan_export_options(ctx, format, opt->render, spec);
    roster::Model model = roster::build_model(spec);
    roster::Solution solution = roster::solve(model);
    emit(ctx, output, [&](std::ostream& out) { render_plan(out, format, spec, solution.plan, options); });
  });
}

}  // namespace duty::cli
