// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "cli/roster_render.hpp"

namespace duty::cli {

namespace {
struct ShowOptions {
  std::string from;
  std::string to;
  std::string format;
  std::string output;
  PlanRenderFlags render;
};
}  // namespace

void register_roster_show(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<ShowOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "show",
      tr("The published roster with swaps and cover applied (the plan contract of roster build)"));
  cmd->add_option("--from", opt->from, tr("First date (YYYY-MM-DD); default the first published"));
  cmd->add_option("--to", opt->to,
                  tr("Last date (YYYY-MM-DD), inclusive; default the last published"));
  cmd->add_option("--format", opt->format, tr(kPlanFormatHelp));
  cmd->add_option("-o,--output", opt->output,
                  tr("Write to FILE instead of stdout (replaced whole, never half-written)"));
  add_plan_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    std::optional<std::string> output =
        opt->output.empty() ? std::nullopt : std::optional(opt->output);
    Format format = choose_format(ctx, opt->format, output, kPlanFormats);
    auto from = option_date("--from", opt->from);
    auto to = option_date("--to", opt->to);
    if (from && to && *from > *to)
      throw UsageError(trf("--from {0} is after --to {1}", opt->from, opt->to));
    Session s = open_session(ctx, Need::kReadStore);
    auto rows = s.store->roster().shifts(from, to);
    if (rows.empty()) {
      throw UsageError(
          from || to
              ? trf("no published shifts between {0} and {1}; 'duty roster show' lists what is "
                    "published",
                    from ? opt->from : std::string(tr("the start")),
                    to ? opt->to : std::string(tr("the end")))
              : std::string(
                    tr("no roster is published yet; publish one with 'duty roster publish'")));
    }
    roster::Spec spec = load_roster_spec(s, "", {rows.front().date, rows.back().date});
    auto people = s.store->roster().people();
    roster::Plan plan = reports::plan_from_record(rows, people, spec);
    // --person may also name someone who has left the spec but is still in the published roster.
    for (const auto& p : people) opt->render.recorded.push_back({p.id, p.name});
    roster::ExportOptions options = published_export_options(ctx, s, format, opt->render, spec);
    emit(ctx, output, [&](std::ostream& out) { render_plan(out, format, spec, plan, options); });
  });
}

}  // namespace duty::cli
