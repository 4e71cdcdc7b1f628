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
  CLI::App* cmd =
      roster.add_subcommand("swap", tr("Two people exchange duties (串班): PERSON_A's duty on "
                                       "DATE_A goes to PERSON_B and back on DATE_B"));
  cmd->add_option("DATE_A", opt->date_a, tr("Date of PERSON_A's duty (YYYY-MM-DD)"))->required();
  cmd->add_option("DATE_B", opt->date_b, tr("Date of PERSON_B's duty (YYYY-MM-DD)"))->required();
  cmd->add_option("SLOT", opt->slot, tr("Slot id both duties are in (e.g. officer)"))->required();
  cmd->add_option("PERSON_A", opt->person_a, tr("On duty on DATE_A (id or name)"))->required();
  cmd->add_option("PERSON_B", opt->person_b, tr("On duty on DATE_B (id or name)"))->required();
  cmd->add_option("--reason", opt->reason, tr("Why (recorded with who made the change and when)"))
      ->required();
  cmd->add_flag("--force", opt->force,
                tr("Record it even when it breaks a rule of the roster spec (recorded)"));
  cmd->callback([opt, &ctx] {
    reports::SwapRequest request;
    request.date_a = *option_date("DATE_A", opt->date_a.empty() ? "-" : opt->date_a);
    request.date_b = *option_date("DATE_B", opt->date_b.empty() ? "-" : opt->date_b);
    request.slot = opt->slot;
    request.person_a = opt->person_a;
    request.person_b = opt->person_b;
    request.reason = opt->reason;
    request.force = opt->force;
    check_reason(opt->force, opt->reason);
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::RosterStep step =
        reports::swap_duties(*s.store, s.office, spec_in_force(s), request, s.actor);
    for (const auto& c : step.changes) {
      ctx.out << format_date(c.date) << ' ' << c.slot << ": " << c.out << " -> " << c.in << '\n';
    }
    if (!step.forced.empty()) {
      ctx.err << "duty: " << trf("recorded with --force, {0} rule(s) broken:", step.forced.size())
              << roster::violation_lines(step.forced) << '\n';
    }
  });
}

}  // namespace duty::cli
