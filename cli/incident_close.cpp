// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"

namespace duty::cli {

namespace {
struct CloseOptions {
  std::string id;
  FieldOptions fields;
  std::string at;
};
}  // namespace

void register_incident_close(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<CloseOptions>();
  CLI::App* cmd = incident.add_subcommand("close", "Record the final report (终报) with the final figures");
  cmd->add_option("ID", opt->id, "Incident id")->required();
  add_field_options(*cmd, opt->fields, false);
  cmd->add_option("--at", opt->at, "When (TIME; default now)");
  cmd->add_option("--note", opt->fields.note, "The whole course and what comes next")->required();
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::IncidentFields fields = to_fields(opt->fields, s.office, s.actor.now);
    auto at = time_option("--at", opt->at, s.office, s.actor.now);
    reports::Incident inc = reports::close_incident(*s.store, s.office, opt->id, fields, at, s.actor);
    ctx.out << inc.id << " closed\n";
    for (const auto& r : inc.requirements) {
      if (!r.made_at) {
        ctx.err << "duty: warning: the report to " << r.to << " via " << reports::to_string(r.via) << " (due "
                << local(s.office, r.due) << ") was never made; closing does not waive it\n";
      }
    }
  });
}

}  // namespace duty::cli
