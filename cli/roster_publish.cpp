// SPDX-License-Identifier: Apache-2.0
#include <memory>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "cli/roster_render.hpp"
#include "common/files.hpp"
#include "reports/incident_log.hpp"

namespace duty::cli {

namespace {
struct PublishOptions {
  std::string input;
  std::string from;
  std::string to;
  bool force = false;
  bool replace = false;
  bool dry_run = false;
  std::string reason;
  std::string format;
  PlanRenderFlags render;
};

std::string lost_summary(const reports::RosterStep& step) {
  int lost = 0;
  for (const auto& c : step.changes) lost += c.lost.empty() ? 0 : 1;
  return lost ? ", " + std::to_string(lost) + " recorded swap(s) or cover(s) lost" : "";
}
}  // namespace

void register_roster_publish(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<PublishOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "publish",
      "Make a roster official: build it (or take a plan) and record it in the office's store");
  cmd->add_option(
      "INPUT", opt->input,
      "Roster spec to build from, or a plan (JSON/YAML) to publish as it is; default: the office's "
      "roster spec (roster: in office.yaml). The spec's timezone and handover must be "
      "office.yaml's");
  cmd->add_option("--from", opt->from,
                  "First date to publish (YYYY-MM-DD); default the spec's or plan's first");
  cmd->add_option("--to", opt->to, "Last date to publish (YYYY-MM-DD), inclusive");
  cmd->add_flag("--replace", opt->replace,
                "Publish over dates already published even though their duties change (needs "
                "--reason); without it such a publication only prints what would change");
  cmd->add_flag("--dry-run", opt->dry_run,
                "Print the duties that would change (table or json) and write nothing");
  cmd->add_flag("--force", opt->force,
                "Rewrite shifts that have already started, or publish a plan that breaks rules "
                "(needs --reason; recorded)");
  cmd->add_option("--reason", opt->reason,
                  "Why this version is published (recorded with every shift)");
  cmd->add_option("--format", opt->format,
                  std::string("How to print the published roster: ") + kPlanFormatHelp +
                      "; with --dry-run, or when --replace is needed: table or json");
  add_plan_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    check_reason(opt->force, opt->reason);
    if (opt->replace && opt->reason.empty())
      throw UsageError("--reason: required with --replace; say why the published roster changes");
    reports::PublishRosterRequest request;
    request.from = option_date("--from", opt->from);
    request.to = option_date("--to", opt->to);
    if (request.from && request.to && *request.from > *request.to)
      throw UsageError("--from " + opt->from + " is after --to " + opt->to);
    request.replace = opt->replace;
    request.dry_run = opt->dry_run;
    request.force = opt->force;
    request.reason = opt->reason;
    Session s = open_session(ctx, Need::kOffice);
    bool given = !opt->input.empty() && looks_like_plan(opt->input);
    if (given) {
      request.plan = roster::load_plan(opt->input);
      if (request.plan->shifts.empty())
        throw UsageError(opt->input + ": the plan has no shifts to publish");
    }
    reports::SpecInForce spec = spec_in_force(s, given ? std::string() : opt->input);
    Format change_format = Format::kTable;
    Format format = Format::kTable;
    if (opt->dry_run) {
      change_format =
          choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    } else {
      format = choose_format(ctx, opt->format, std::nullopt, kPlanFormats);
      change_format = format == Format::kJson ? Format::kJson : Format::kTable;
      // Checked before anything is written: a bad --person or --bom publishes nothing.
      plan_export_options(ctx, format, opt->render,
                          spec.load(s.office, {request.from, request.to}));
    }
    open_store(ctx, s, Need::kWriteStore);
    reports::RosterStep step =
        reports::publish_roster_range(*s.store, s.office, spec, request, s.actor);
    std::string range = format_date(step.from) + " .. " + format_date(step.to);
    if (opt->dry_run) {
      write_place_changes(ctx.out, change_format, step, s.office.zh());
      ctx.err << "duty: dry run: publishing " << range << " would add " << step.added
              << " date(s) and change " << step.changes.size() << " duty place(s) on "
              << step.shifts_changed << " published shift(s)" << lost_summary(step)
              << "; nothing was written\n";
      return;
    }
    if (step.needs_replace) {
      write_place_changes(ctx.out, change_format, step, s.office.zh());
      throw UsageError(
          "publishing " + range + " would change " + std::to_string(step.changes.size()) +
          " duty place(s) on " + std::to_string(step.shifts_changed) + " published shift(s)" +
          lost_summary(step) +
          " (listed above); nothing was written. To change only what must change, run 'duty "
          "roster replan --from " +
          format_date(step.from) +
          "'; to publish this build over them, add --replace --reason TEXT");
    }
    roster::ExportOptions options =
        published_export_options(ctx, s, format, opt->render, step.spec);
    render_plan(ctx.out, format, step.spec, step.plan, options);
    ctx.err << "duty: published " << range << " as publication " << step.publication << ": "
            << step.added << " new, " << step.shifts_changed << " changed (" << step.changes.size()
            << " duty place(s)" << lost_summary(step) << "), " << step.unchanged << " unchanged\n";
    if (!step.forced.empty()) {
      ctx.err << "duty: recorded with --force, " << step.forced.size()
              << " rule(s) broken:" << roster::violation_lines(step.forced) << '\n';
    }
  });
}

}  // namespace duty::cli
