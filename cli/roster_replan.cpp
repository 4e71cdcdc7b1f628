// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "reports/incident_log.hpp"

namespace duty::cli {

namespace {
struct ReplanOptions {
  std::string from;
  std::string to;
  std::string reason;
  bool force = false;
  bool dry_run = false;
  std::string format;
};
}  // namespace

void register_roster_replan(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<ReplanOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "replan",
      tr("Re-solve the published roster from a date after the spec changed (new leave), changing "
         "only the duties that must change and keeping recorded swaps and forced covers"));
  cmd->add_option("--from", opt->from,
                  tr("First date to re-plan (YYYY-MM-DD); earlier shifts are kept"))
      ->required();
  cmd->add_option("--to", opt->to,
                  tr("Last date to re-plan (YYYY-MM-DD); default the last published date"));
  cmd->add_option("--reason", opt->reason, tr("Why (recorded with every re-planned shift)"));
  cmd->add_flag("--force", opt->force,
                tr("Allow changing shifts that have already started (needs --reason)"));
  cmd->add_flag("--dry-run", opt->dry_run, tr("Print the duties that would change; write nothing"));
  cmd->add_option("--format", opt->format,
                  tr("table or json: the changed duties (default: table)"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    reports::ReplanRosterRequest request;
    request.from = *option_date("--from", opt->from);
    request.to = option_date("--to", opt->to);
    request.force = opt->force;
    request.dry_run = opt->dry_run;
    request.reason = opt->reason;
    check_reason(opt->force, opt->reason);
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::RosterStep step =
        reports::replan_roster(*s.store, s.office, spec_in_force(s), request, s.actor);
    write_place_changes(ctx.out, format, step);
    std::string range = format_date(step.from) + " .. " + format_date(step.to);
    std::size_t shifts = static_cast<std::size_t>(step.shifts_changed + step.added);
    ctx.err
        << "duty: "
        << (opt->dry_run
                ? trf("dry run: re-planning {0}: {1} duty place(s) would change on {2} shift(s)",
                      range, step.changes.size(), shifts)
                : trf("re-planned {0}: {1} duty place(s) changed on {2} shift(s)", range,
                      step.changes.size(), shifts));
    if (step.written) ctx.err << trf(" (publication {0})", step.publication);
    if (opt->dry_run) ctx.err << tr("; nothing was written");
    ctx.err << '\n';
  });
}

}  // namespace duty::cli
