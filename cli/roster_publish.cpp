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
  return lost ? trf(", {0} recorded swap(s) or cover(s) lost", lost) : "";
}
}  // namespace

void register_roster_publish(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<PublishOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "publish",
      tr("Make a roster official: build it (or take a plan) and record it in the office's store"));
  cmd->add_option(
      "INPUT", opt->input,
      tr("Roster spec to build from, or a plan (JSON/YAML) to publish as it is; default: the "
         "office's "
         "roster spec (roster: in office.yaml). The spec's timezone and handover must be "
         "office.yaml's"));
  cmd->add_option("--from", opt->from,
                  tr("First date to publish (YYYY-MM-DD); default the spec's or plan's first"));
  cmd->add_option("--to", opt->to, tr("Last date to publish (YYYY-MM-DD), inclusive"));
  cmd->add_flag("--replace", opt->replace,
                tr("Publish over dates already published even though their duties change (needs "
                   "--reason); without it such a publication only prints what would change"));
  cmd->add_flag("--dry-run", opt->dry_run,
                tr("Print the duties that would change (table or json) and write nothing"));
  cmd->add_flag("--force", opt->force,
                tr("Rewrite shifts that have already started, or publish a plan that breaks rules "
                   "(needs --reason; recorded)"));
  cmd->add_option("--reason", opt->reason,
                  tr("Why this version is published (recorded with every shift)"));
  cmd->add_option("--format", opt->format,
                  trf("How to print the published roster: {0}; with --dry-run, or when --replace "
                      "is needed: table "
                      "or json",
                      tr(kPlanFormatHelp)));
  add_plan_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    check_reason(opt->force, opt->reason);
    if (opt->replace && opt->reason.empty())
      throw UsageError(
          tr("--reason: required with --replace; say why the published roster changes"));
    reports::PublishRosterRequest request;
    request.from = option_date("--from", opt->from);
    request.to = option_date("--to", opt->to);
    if (request.from && request.to && *request.from > *request.to)
      throw UsageError(trf("--from {0} is after --to {1}", opt->from, opt->to));
    request.replace = opt->replace;
    request.dry_run = opt->dry_run;
    request.force = opt->force;
    request.reason = opt->reason;
    Session s = open_session(ctx, Need::kOffice);
    bool given = !opt->input.empty() && looks_like_plan(opt->input);
    if (given) {
      request.plan = roster::load_plan(opt->input);
      if (request.plan->shifts.empty())
        throw UsageError(trf("{0}: the plan has no shifts to publish", opt->input));
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
      write_place_changes(ctx.out, change_format, step);
      ctx.err << "duty: "
              << trf("dry run: publishing {0} would add {1} date(s) and change {2} duty place(s) "
                     "on {3} published "
                     "shift(s){4}; nothing was written",
                     range, step.added, step.changes.size(), step.shifts_changed,
                     lost_summary(step))
              << '\n';
      return;
    }
    if (step.needs_replace) {
      write_place_changes(ctx.out, change_format, step);
      throw UsageError(trf(
          "publishing {0} would change {1} duty place(s) on {2} published shift(s){3} (listed "
          "above); nothing was written. To change only what must change, run 'duty roster replan "
          "--from {4}'; to publish this build over them, add --replace --reason TEXT",
          range, step.changes.size(), step.shifts_changed, lost_summary(step),
          format_date(step.from)));
    }
    roster::ExportOptions options =
        published_export_options(ctx, s, format, opt->render, step.spec);
    render_plan(ctx.out, format, step.spec, step.plan, options);
    ctx.err << "duty: "
            << trf("published {0} as publication {1}: {2} new, {3} changed ({4} duty place(s){5}), "
                   "{6} unchanged",
                   range, step.publication, step.added, step.shifts_changed, step.changes.size(),
                   lost_summary(step), step.unchanged)
            << '\n';
    if (!step.forced.empty()) {
      ctx.err << "duty: " << trf("recorded with --force, {0} rule(s) broken:", step.forced.size())
              << roster::violation_lines(step.forced) << '\n';
    }
  });
}

}  // namespace duty::cli
