// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "reports/incident_log.hpp"

namespace duty::cli {

namespace {
struct SwapOptions {
  std::string date_a;
  std::string date_b;
  std::string slot;
  std::string person_a;
  std::string person_b;
  std::string reason;
  bool force = false;
};
}  // namespace

void register_roster_swap(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<SwapOptions>();
  CLI::App* cmd = roster.add_subcommand("swap",
                                        "Two people exchange duties (串班): PERSON_A's duty on "
                                        "DATE_A goes to PERSON_B and back on DATE_B");
  cmd->add_option("DATE_A", opt->date_a, "Date of PERSON_A's duty (YYYY-MM-DD)")->required();
  cmd->add_option("DATE_B", opt->date_b, "Date of PERSON_B's duty (YYYY-MM-DD)")->required();
  cmd->add_option("SLOT", opt->slot, "Slot id both duties are in (e.g. officer)")->required();
  cmd->add_option("PERSON_A", opt->person_a, "On duty on DATE_A")->required();
  cmd->add_option("PERSON_B", opt->person_b, "On duty on DATE_B")->required();
  cmd->add_option("--reason", opt->reason, "Why (recorded with who made the change and when)")
      ->required();
  cmd->add_flag("--force", opt->force,
                "Record it even when it breaks a rule of the roster spec (recorded)");
  cmd->callback([opt, &ctx] {
    Days a = *option_date("DATE_A", opt->date_a.empty() ? "-" : opt->date_a);
    Days b = *option_date("DATE_B", opt->date_b.empty() ? "-" : opt->date_b);
    check_reason(opt->force, opt->reason);
    if (opt->reason.empty()) throw UsageError("--reason: cannot be empty");
    if (a == b)
      throw UsageError(
          "DATE_A and DATE_B are the same date; a swap exchanges two different duties");
    if (opt->person_a == opt->person_b)
      throw UsageError("PERSON_A and PERSON_B are the same person");
    Session s = open_session(ctx, Need::kWriteExisting);
    std::vector<reports::RosterChange> changes{{a, opt->slot, opt->person_a, opt->person_b},
                                               {b, opt->slot, opt->person_b, opt->person_a}};
    s.store->write([&](reports::StoreTransaction& tx) {
      auto violations = check_changes(tx, s, changes);
      if (!violations.empty() && !opt->force) {
        throw UsageError(
            "the swap breaks the roster's rules; nothing was changed (--force records it anyway):" +
            violation_lines(violations));
      }
      reports::record_roster_change(tx, reports::kRosterSwap, changes, opt->reason, opt->force,
                                    s.actor);
    });
    for (const auto& c : changes) {
      ctx.out << format_date(c.date) << ' ' << c.slot << ": " << c.out << " -> " << c.in << '\n';
    }
  });
}

}  // namespace duty::cli
