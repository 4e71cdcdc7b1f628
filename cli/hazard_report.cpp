// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/render_options.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/hazards/hazard_context.hpp"

namespace duty::cli {

namespace {
struct HazardReportOptions {
  std::string quarter, at;
  RenderOptions render;
};
}  // namespace

void register_hazard_report(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardReportOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "report", tr("The quarterly hazard statistics table (报表) per township and unit, from a "
                   "template"));
  cmd->add_option("--quarter", opt->quarter, tr("The quarter, such as 2026Q4"))->required();
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  add_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    check_render_options(ctx, opt->render);
    Session s = open_session(ctx, Need::kOffice);
    auto q = reports::parse_quarter(opt->quarter);
    if (!q) {
      throw FieldError("quarter",
                       trf("'{0}' is not a quarter; expected YYYYQn such as 2026Q4", opt->quarter));
    }
    Seconds at = time_option("--at", opt->at, s.office, s.actor.now).value_or(s.actor.now);
    open_store(ctx, s, Need::kReadStore);
    auto all = reports::all_hazards(*s.store, s.office, at);
    reports::ContextNode c =
        reports::hazard_report_context(all, s.office, opt->quarter, q->first, q->second, at);
    std::string text = render_output(ctx, s, "hazards", opt->render, c);
    emit(ctx, opt->render.output, [&](std::ostream& out) { out << text; });
  });
}

}  // namespace duty::cli
