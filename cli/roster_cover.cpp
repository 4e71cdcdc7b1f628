// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_cover_part.hpp"
#include "cli/roster_record_io.hpp"
#include "reports/incident_log.hpp"
#include "roster/people.hpp"

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
      tr("One person covers another's duty once (代班): PERSON's place on DATE goes to OTHER"));
  cmd->add_option("DATE", opt->date, tr("Date of the duty (YYYY-MM-DD)"))->required();
  cmd->add_option("SLOT", opt->slot, tr("Slot id of the duty (e.g. leader)"))->required();
  cmd->add_option("PERSON", opt->person, tr("Who is on duty and cannot serve (id or name)"))
      ->required();
  cmd->add_option("--by", opt->by, tr("OTHER: who covers (id or name)"))->required();
  cmd->add_option("--reason", opt->reason, tr("Why (recorded with who made the change and when)"))
      ->required();
  cmd->add_option(
      "--from", opt->from,
      tr("TIME: OTHER covers only part of the shift, from TIME (with --to; HH:MM is that "
         "time within the shift, or as --at of 'duty who'); the duty stays PERSON's"));
  cmd->add_option("--to", opt->to,
                  tr("TIME: the end of a cover of part of the shift (with --from)"));
  cmd->add_flag("--force", opt->force,
                tr("Record it even when it breaks a rule of the roster spec (recorded)"));
  cmd->callback([opt, &ctx] {
    reports::CoverRequest request;
    request.date = *option_date("DATE", opt->date.empty() ? "-" : opt->date);
    request.slot = opt->slot;
    request.person = opt->person;
    request.by = opt->by;
    request.reason = opt->reason;
    request.force = opt->force;
    check_reason(opt->force, opt->reason);
    Session s = open_session(ctx, Need::kWriteExisting);
    if (!opt->from.empty() || !opt->to.empty()) {
      roster::Spec spec = spec_in_force(s).load(s.office, {request.date, request.date});
      std::vector<roster::PersonName> recorded;
      for (const auto& p : s.store->roster().people()) recorded.push_back({p.id, p.name});
      auto known = roster::known_people(spec, recorded);
      if (record_cover_part(
              ctx, s,
              {request.date, opt->slot, roster::resolve_person(opt->person, known, "PERSON"),
               roster::resolve_person(opt->by, known, "--by"), opt->reason, opt->from, opt->to,
               opt->force}))
        return;
    }
    reports::RosterStep step =
        reports::cover_duty(*s.store, s.office, spec_in_force(s), request, s.actor);
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
