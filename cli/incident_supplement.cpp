// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/incident_correct.hpp"

namespace duty::cli {

namespace {
struct SupplementOptions {
  std::string id;
  FieldOptions fields;
  std::string at;
  std::string format;
};
}  // namespace

void register_incident_supplement(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<SupplementOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "supplement",
      tr("Record a supplementary report (补报) on a closed incident whose figures changed: within "
         "30 days of the accident, 7 for road-traffic and fire (office.yaml: supplement_days)"));
  cmd->add_option("ID", opt->id, tr("Incident id, e.g. 2027-0042"))->required();
  cmd->add_option("--deaths", opt->fields.deaths, tr("Deaths now (0 to 1000000)"));
  cmd->add_option("--injured", opt->fields.injured, tr("Injured now (0 to 1000000)"));
  cmd->add_option("--seriously-injured", opt->fields.seriously_injured,
                  tr("Seriously injured now (0 to 1000000)"));
  cmd->add_option("--missing", opt->fields.missing, tr("Missing now (0 to 1000000)"));
  cmd->add_option("--trapped", opt->fields.trapped, tr("Trapped now (0 to 1000000)"));
  cmd->add_option("--loss", opt->fields.loss,
                  tr("Direct economic loss now, in 万元 (10,000 yuan)"));
  cmd->add_option("--note", opt->fields.note, tr("What changed since the final report (required)"));
  cmd->add_option("--at", opt->at, tr("When the office learned it (TIME; default now)"));
  cmd->add_option("--format", opt->format, tr("text (default) or json"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::IncidentFields fields = to_fields(opt->fields, s.office, s.actor.now);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    reports::Incident inc =
        reports::supplement_incident(*s.store, s.office, opt->id, fields, at, s.actor);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      write_incident_json(w, inc, s.office, true, s.actor.now);
      ctx.out << '\n';
      return;
    }
    ctx.out << trf("{0} supplement {1} (补报) recorded; 'duty bulletin {0}' renders it", inc.id,
                   inc.supplements)
            << '\n';
  });
}

}  // namespace duty::cli
