// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"

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
  CLI::App* cmd = incident.add_subcommand("escalate", "Record that the incident was reported up the chain");
  cmd->add_option("ID", opt->id, "Incident id")->required();
  cmd->add_option("--to", opt->to, "Organisation id from the chain in office.yaml")->required();
  cmd->add_option("--via", opt->via, "phone, written, fax or system")->required();
  cmd->add_option("--at", opt->at, "When it was reported (TIME; default now)");
  cmd->add_option("--note", opt->note, "Who took the report, what was said");
  cmd->callback([opt, &ctx] {
    auto via = reports::parse_channel(opt->via);
    if (!via) throw UsageError("--via: unknown channel '" + opt->via + "'; expected phone, written, fax or system");
    Session s = open_session(ctx, Need::kWriteExisting);
    auto at = time_option("--at", opt->at, s.office, s.actor.now);
    reports::Incident inc = reports::escalate_incident(*s.store, s.office, opt->id, opt->to, *via, at, opt->note, s.actor);
    for (const auto& r : inc.requirements) {
      if (r.to == opt->to && r.via == *via && r.made_at && r.minutes_late() > 0) {
        if (s.office.zh()) {
          ctx.err << "duty: 提示：本次报告迟报 " << r.minutes_late() << " 分钟（时限 " << local(s.office, r.due)
                  << "），已记为迟报\n";
        } else {
          ctx.err << "duty: note: this report was " << r.minutes_late() << " minutes late (due "
                  << local(s.office, r.due) << "); it is recorded as late\n";
        }
      }
    }
    ctx.out << inc.id << " reported to " << opt->to << " via " << opt->via << '\n';
  });
}

}  // namespace duty::cli
