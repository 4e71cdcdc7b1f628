// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct CloseOptions {
  std::string id;
  FieldOptions fields;
  std::string at;
  std::string next_steps;
};
}  // namespace

void register_incident_close(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<CloseOptions>();
  CLI::App* cmd =
      incident.add_subcommand("close", tr("Record the final report (终报) with the final figures"));
  cmd->add_option("ID", opt->id, tr("Incident id"))->required();
  add_field_options(*cmd, opt->fields, false);
  cmd->add_option("--at", opt->at, tr("When (TIME; default now)"));
  cmd->add_option("--note", opt->fields.note,
                  tr("The final account: how the response went and how it ended"))
      ->required();
  cmd->add_option("--next-steps", opt->next_steps,
                  tr("What comes next (下一步工作 of the final report): aftermath, rebuilding, "
                     "assessment"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::IncidentFields fields = to_fields(opt->fields, s.office, s.actor.now);
    if (!opt->next_steps.empty()) fields.next_steps = opt->next_steps;
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    reports::Incident inc = reports::close_incident(*s.store, s.office, opt->id, fields, at, s.actor);
    ctx.out << trf("{0} closed", inc.id) << '\n';
    for (const auto& r : inc.requirements) {
      if (!r.made_at) {
        // Named as the office names them (the organisation's name, 电话/书面 in a zh-CN office).
        const reports::Organisation* org = s.office.find_org(r.to);
        bool zh = message_language() == "zh-CN";
        ctx.err << warning_prefix()
                << trf("the report to {0} via {1} (due {2}) was never made; closing does not waive it",
                       org && !org->name.empty() ? org->name : r.to, reports::label(r.via, zh),
                       local(s.office, r.due))
                << '\n';
      }
    }
  });
}

}  // namespace duty::cli
