// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/incident_common.hpp"
#include "cli/on_duty.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {
struct AddOptions {
  FieldOptions fields;
  std::string received;
  std::string format;
};
}  // namespace

void register_incident_add(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<AddOptions>();
  CLI::App* cmd = incident.add_subcommand("add", tr("Record an incoming report (首报); prints the new id"));
  add_field_options(*cmd, opt->fields, true);
  cmd->add_option("--received", opt->received,
                  tr("When the office got the report (TIME; default now, never future; a bare 23:50 is the "
                     "most recent one)"));
  cmd->add_option("--note", opt->fields.note, tr("Brief account (简要经过)"));
  cmd->add_option("--format", opt->format, tr("text (the id, default) or json (the whole incident)"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    Session s = open_session(ctx, Need::kOffice);
    reports::NewIncident in;
    in.fields = to_fields(opt->fields, s.office, s.actor.now);
    in.received = time_option("--received", opt->received, s.office, s.actor.now, ClockReading::kPast);
    reports::validate_new_incident(s.office, in, s.actor);
    open_store(ctx, s, Need::kWriteStore);
    // Whoever received it is a duty officer of the published roster, recorded by name.
    if (in.fields.received_by) {
      in.fields.received_by = person_option(ctx, s, "--by", *in.fields.received_by, UnknownPerson::kRefuse);
    }
    if (!in.fields.received_by) {
      // Whoever was on duty when the report came in took it: the officers of the published shift.
      if (auto shift = shift_on_duty(s, in.received.value_or(s.actor.now))) {
        std::vector<std::string> names;
        for (const auto& id : officers_on_duty(*shift)) {
          for (const auto& slot : shift->slots) {
            for (const auto& p : slot.people) {
              if (p.id == id) names.push_back(p.name);
            }
          }
        }
        if (!names.empty()) in.fields.received_by = join(names, s.office.zh() ? "、" : ", ");
      }
    }
    reports::Incident inc = reports::add_incident(*s.store, s.office, in, s.actor);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      write_incident_json(w, inc, s.office, true, s.actor.now);
      ctx.out << '\n';
    } else {
      ctx.out << inc.id << '\n';
    }
  });
}

}  // namespace duty::cli
