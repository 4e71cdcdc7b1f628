// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_cover_part.hpp"
#include "cli/roster_record_io.hpp"
#include "reports/incident_log.hpp"

namespace duty::cli {

namespace {
struct CoverOptions {
  std::string date;
  std::string slot;
  std::string person;
  std::string by;
  std::string reason;
  std::string from;
  std::string to;
  bool force = false;
};
}  // namespace

void register_roster_cover(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<CoverOptions>();
  CLI::App* cmd = roster.add_subcommand(
      "cover",
      "One person covers another's duty once (代班): PERSON's place on DATE goes to OTHER");
  cmd->add_option("DATE", opt->date, "Date of the duty (YYYY-MM-DD)")->required();
  cmd->add_option("SLOT", opt->slot, "Slot id of the duty (e.g. leader)")->required();
  cmd->add_option("PERSON", opt->person, "Who is on duty and cannot serve")->required();
  cmd->add_option("--by", opt->by, "OTHER: who covers")->required();
  cmd->add_option("--reason", opt->reason, "Why (recorded with who made the change and when)")
      ->required();
  cmd->add_option("--from", opt->from,
                  "TIME: OTHER covers only part of the shift, from TIME (with --to; HH:MM is that "
                  "time within the shift, or as --at of 'duty who'); the duty stays PERSON's");
  cmd->add_option("--to", opt->to, "TIME: the end of a cover of part of the shift (with --from)");
  cmd->add_flag("--force", opt->force,
                "Record it even when it breaks a rule of the roster spec (recorded)");
  cmd->callback([opt, &ctx] {
    Days d = *option_date("DATE", opt->date.empty() ? "-" : opt->date);
    check_reason(opt->force, opt->reason);
    if (opt->reason.empty()) throw UsageError("--reason: cannot be empty");
    if (opt->person == opt->by)
      throw UsageError("--by: " + opt->by + " cannot cover their own duty");
    Session s = open_session(ctx, Need::kWriteExisting);
    if ((!opt->from.empty() || !opt->to.empty()) &&
        record_cover_part(
            ctx, s,
            {d, opt->slot, opt->person, opt->by, opt->reason, opt->from, opt->to, opt->force})) {
      return;
    }
    std::vector<reports::RosterChange> changes{{d, opt->slot, opt->person, opt->by}};
    s.store->write([&](reports::StoreTransaction& tx) {
      auto violations = check_changes(tx, s, changes);
      if (!violations.empty() && !opt->force) {
        throw UsageError(
            "the cover breaks the roster's rules; nothing was changed (--force records it "
            "anyway):" +
            violation_lines(violations));
      }
      reports::record_roster_change(tx, reports::kRosterCover, changes, opt->reason, opt->force,
                                    s.actor);
    });
    ctx.out << format_date(d) << ' ' << opt->slot << ": " << opt->person << " -> " << opt->by
            << '\n';
  });
}

}  // namespace duty::cli
