// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {
struct EscalateOptions {
  std::string id;
  std::string to;
  std::string via;
  std::string at;
  std::string note;
};
}  // namespace

void register_incident_escalate(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<EscalateOptions>();
  CLI::App* cmd = incident.add_subcommand("escalate", tr("Record that the incident was reported up the chain"));
  cmd->add_option("ID", opt->id, tr("Incident id"))->required();
  cmd->add_option("--to", opt->to, tr("Organisation id from the chain in office.yaml"))->required();
  cmd->add_option("--via", opt->via, tr("phone, written, fax or system"))->required();
  cmd->add_option("--at", opt->at, tr("When it was reported (TIME; default now; a bare 23:50 is the most recent one)"));
  cmd->add_option("--note", opt->note, tr("Who took the report, what was said"));
  cmd->callback([opt, &ctx] {
    auto via = reports::parse_channel(opt->via);
    if (!via) {
      throw UsageError(trf("--via: unknown channel '{0}'{1}; expected phone, written, fax or system", opt->via,
                           did_you_mean(opt->via, {"phone", "written", "fax", "system"})));
    }
    Session s = open_session(ctx, Need::kWriteExisting);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    reports::Incident inc = reports::escalate_incident(*s.store, s.office, opt->id, opt->to, *via, at, opt->note, s.actor);
    for (const auto& r : inc.requirements) {
      if (r.to == opt->to && r.via == *via && r.made_at && r.minutes_late() > 0) {
        ctx.err << "duty: " << tr("note") << ": "
                << trf("this report was {0} minutes late (due {1}); it is recorded as late", r.minutes_late(),
                       local(s.office, r.due))
                << '\n';
      }
    }
    ctx.out << trf("{0} reported to {1} via {2}", inc.id, opt->to, opt->via) << '\n';
  });
}

}  // namespace duty::cli
