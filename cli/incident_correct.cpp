// SPDX-License-Identifier: Apache-2.0
#include "reports/incident_correct.hpp"

#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/incident_common.hpp"
#include "cli/incident_corrections.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct CorrectOptions {
  std::string id;
  FieldOptions fields;
  std::string received;
  std::string reason;
  bool reason_given = false;
  std::string at;
  std::string format;
};
}  // namespace

void register_incident_correct(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<CorrectOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "correct",
      tr("Correct recorded facts of an incident (更正): its own entry, never a follow-up report"));
  cmd->add_option("ID", opt->id, tr("Incident id, e.g. 2027-0042"))->required();
  cmd->add_option("--received", opt->received,
                  tr("Corrected time the report came in (TIME); deadlines run from it"));
  cmd->add_option("--occurred", opt->fields.occurred, tr("Corrected time it happened (TIME)"));
  cmd->add_option("--category", opt->fields.category, tr("Corrected category id"));
  cmd->add_option("--title", opt->fields.title, tr("Corrected title"));
  cmd->add_option("--location", opt->fields.location, tr("Corrected place"));
  cmd->add_option("--source", opt->fields.source, tr("Corrected reporter: name, unit, phone"));
  cmd->add_option("--received-by", opt->fields.by, tr("Corrected duty officer who received it"));
  cmd->add_option("--severity", opt->fields.severity,
                  tr("Corrected stated severity: I, II, III, IV or unknown"));
  cmd->add_option("--deaths", opt->fields.deaths, tr("Corrected deaths"));
  cmd->add_option("--injured", opt->fields.injured, tr("Corrected injured"));
  cmd->add_option("--seriously-injured", opt->fields.seriously_injured,
                  tr("Corrected seriously injured"));
  cmd->add_option("--missing", opt->fields.missing, tr("Corrected missing"));
  cmd->add_option("--trapped", opt->fields.trapped, tr("Corrected trapped"));
  cmd->add_option("--loss", opt->fields.loss, tr("Corrected direct loss in 万元 (10,000 yuan)"));
  cmd->add_option("--description", opt->fields.note, tr("Corrected account (简要经过)"));
  cmd->add_option("--actions", opt->fields.actions, tr("Corrected measures taken"));
  cmd->add_option("--leaders-on-scene", opt->fields.leaders_on_scene,
                  tr("Corrected leaders at the scene"));
  cmd->add_option("--reason", opt->reason, tr("Why the record was wrong (required)"));
  cmd->add_option("--at", opt->at, tr("When the correction was made (TIME; default now)"));
  cmd->add_option("--format", opt->format, tr("text (default) or json"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::CorrectionRequest req;
    req.fields = to_fields(opt->fields, s.office, s.actor.now);
    req.received = time_option("--received", opt->received, s.office, s.actor.now);
    req.at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    req.reason = opt->reason;
    reports::CorrectionResult r =
        reports::correct_incident(*s.store, s.office, opt->id, req, s.actor);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      w.begin_object();
      w.key("id").value(r.incident.id);
      w.key("correction");
      write_corrections_json(w, s.office, {r.correction});
      w.key("made_late").begin_array();
      for (const auto& q : r.made_late) {
        w.begin_object().key("to").value(q.to).key("via").value(reports::to_string(q.via));
        w.key("minutes_late").value(static_cast<std::int64_t>(q.minutes_late()));
        w.end_object();
      }
      w.end_array();
      w.end_object();
      ctx.out << '\n';
      return;
    }
    ctx.out << trf("{0} corrected (not a follow-up report):", r.incident.id) << '\n';
    for (const auto& ch : r.correction.changes)
      ctx.out << "  " << correction_change_text(s.office, ch) << '\n';
    for (const auto& q : r.made_late)
      ctx.out << "  " << trf("LATE: {0}", made_late_text(s.office, q)) << '\n';
  });
}

}  // namespace duty::cli
