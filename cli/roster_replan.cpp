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
      "Re-solve the published roster from a date after the spec changed (new leave), changing "
      "only the duties that must change and keeping recorded swaps and forced covers");
  cmd->add_option("--from", opt->from,
                  "First date to re-plan (YYYY-MM-DD); earlier shifts are kept")
      ->required();
  cmd->add_option("--to", opt->to,
                  "Last date to re-plan (YYYY-MM-DD); default the last published date");
  cmd->add_option("--reason", opt->reason, "Why (recorded with every re-planned shift)");
  cmd->add_flag("--force", opt->force,
                "Allow changing shifts that have already started (needs --reason)");
  cmd->add_flag("--dry-run", opt->dry_run, "Print the duties that would change; write nothing");
  cmd->add_option("--format", opt->format,
                  "table or json: the changed duties (default: table)");
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
    write_place_changes(ctx.out, format, step, s.office.zh());
    ctx.err << "duty: " << (opt->dry_run ? "dry run: re-planning " : "re-planned ")
            << format_date(step.from) << " .. " << format_date(step.to) << ": "
            << step.changes.size() << " duty place(s) "
            << (opt->dry_run ? "would change" : "changed") << " on "
            << step.shifts_changed + step.added << " shift(s)";
    if (step.written) ctx.err << " (publication " << step.publication << ")";
    if (opt->dry_run) ctx.err << "; nothing was written";
    ctx.err << '\n';
  });
}

}  // namespace duty::cli
