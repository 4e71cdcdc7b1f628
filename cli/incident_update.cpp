// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct UpdateOptions {
  std::string id;
  FieldOptions fields;
  std::string at;
  std::string format;
};
}  // namespace

void register_incident_update(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<UpdateOptions>();
  CLI::App* cmd = incident.add_subcommand("update", tr("Record a follow-up report (续报) with changed figures"));
  cmd->add_option("ID", opt->id, tr("Incident id, e.g. 2027-0042"))->required();
  add_field_options(*cmd, opt->fields, true);
  cmd->add_option("--at", opt->at, tr("When the office learned it (TIME; default now; a bare 23:50 is the most recent one)"));
  cmd->add_option("--note", opt->fields.note, tr("What changed and the progress made"))->required();
  cmd->add_option("--format", opt->format, tr("text (default) or json"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::IncidentFields change = to_fields(opt->fields, s.office, s.actor.now);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    if (change.received_by) {
      change.received_by = person_option(ctx, s, "--by", *change.received_by, UnknownPerson::kRefuse);
    }
    reports::Incident inc = reports::update_incident(*s.store, s.office, opt->id, change, at, s.actor);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      write_incident_json(w, inc, s.office, true, s.actor.now);
      ctx.out << '\n';
    } else {
      ctx.out << trf("{0} follow-up {1}", inc.id, inc.followups) << '\n';
    }
  });
}

}  // namespace duty::cli
