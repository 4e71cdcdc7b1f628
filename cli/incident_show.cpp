// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/event_labels.hpp"
#include "cli/output.hpp"
#include "cli/incident_common.hpp"
#include "cli/incident_corrections.hpp"
#include "cli/labels.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"
#include "reports/incident_correct.hpp"

namespace duty::cli {

namespace {
struct ShowOptions {
  std::string id;
  std::string format;
};

std::string describe_event(const reports::Event& e, const reports::Incident& inc, const reports::Office& office,
                           const Labels& l) {
  std::string s = event_label(e, office);
  if (e.type != reports::event_type::kEscalation) return s;
  for (const auto& r : inc.requirements) {
    if (r.made_seq == e.seq && r.minutes_late() > 0) {
      s += std::string(l(" (", "（")) + spoken_deadline(*r.made_at - r.due, DeadlineSense::kLate, l.zh) +
           l(")", "）");
    }
  }
  return s;
}
}  // namespace

void register_incident_show(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<ShowOptions>();
  CLI::App* cmd = incident.add_subcommand("show", "Show an incident: its state, required reports and timeline");
  cmd->add_option("ID", opt->id, "Incident id")->required();
  cmd->add_option("--format", opt->format, "text (default) or json");
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    Session s = open_session(ctx, Need::kReadStore);
    reports::Incident inc = reports::load_incident(*s.store, s.office, opt->id);
    std::string format = opt->format.empty() ? "text" : opt->format;
    if (format == "json") {
      JsonWriter w(ctx.out, 2);
      write_incident_json(w, inc, s.office, true, s.actor.now);
      ctx.out << '\n';
      return;
    }
    const reports::Office& o = s.office;
    Labels l(o.locale);
    auto& out = ctx.out;
    out << inc.id << "  " << inc.title << "  [" << (inc.closed ? l("closed", "已终报") : l("open", "处置中"));
    if (inc.voided) out << ", " << tr("VOID");
    out << "]\n";
    if (inc.voided) {
      out << trf("Voided at {0} by {1}: {2}", local(o, *inc.voided_at), inc.voided_by, inc.void_reason) << '\n';
    }
    out << l("Category: ", "类别：") << category_label(o, inc.category) << " (" << inc.category << ")\n";
    out << l("Severity: ", "级别：") << reports::to_string(inc.severity()) << " "
        << reports::label(inc.severity(), o.zh()) << l(" (stated ", "（报告 ") << (inc.stated == reports::Severity::kUnknown ? std::string(reports::label(inc.stated, o.zh())) : std::string(reports::to_string(inc.stated)))
        << l(", graded from figures ", "，按数据评定 ") << reports::to_string(inc.graded) << l(")", "）") << '\n';
    if (!inc.location.empty()) out << l("Location: ", "地点：") << inc.location << '\n';
    if (!inc.source.empty()) out << l("Reported by: ", "报告人：") << inc.source << '\n';
    if (inc.occurred_at) out << l("Occurred: ", "事发时间：") << local(o, *inc.occurred_at) << '\n';
    out << l("Received: ", "接报时间：") << local(o, inc.received_at);
    if (!inc.received_by.empty()) out << l(" by ", "，接报人 ") << inc.received_by;
    out << l(" (recorded ", "（录入 ") << local(o, inc.recorded_at) << l(")", "）") << '\n';
    const auto& c = inc.casualties;
    out << l("Casualties: ", "伤亡：") << l("deaths ", "死亡 ") << c.deaths << l(", injured ", "，受伤 ") << c.injured
        << l(", seriously injured ", "，重伤 ") << c.seriously_injured << l(", missing ", "，失踪 ") << c.missing
        << l(", trapped ", "，被困 ") << c.trapped << '\n';
    out << l("Direct loss: ", "直接经济损失：") << format_number(inc.loss) << l(" x10,000 yuan", " 万元") << '\n';
    if (!inc.description.empty()) out << l("Account: ", "简要经过：") << inc.description << '\n';
    if (!inc.actions.empty()) out << l("Measures: ", "已采取措施：") << inc.actions << '\n';
    if (!inc.leaders_on_scene.empty())
      out << l("Leaders on scene: ", "领导到位情况：") << inc.leaders_on_scene << '\n';
    if (inc.closed_at) out << l("Closed: ", "终报时间：") << local(o, *inc.closed_at) << '\n';
    if (!inc.next_steps.empty()) out << tr("Next steps: ") << inc.next_steps << '\n';
    if (inc.closed && !inc.voided) {
      out << trf("Supplementary reports (补报) accepted until {0} ({1} days after the accident)",
                 local(o, reports::supplement_deadline(o, inc)), reports::supplement_days(o, inc.category))
          << '\n';
    }
    if (!inc.corrections.empty()) {
      out << '\n' << tr("Corrections:") << '\n';
      for (const auto& fix : inc.corrections) {
        out << "  #" << fix.seq << "  " << trf("{0} by {1}: {2}", local(o, fix.at), fix.by, fix.reason) << '\n';
        for (const auto& ch : fix.changes) out << "      " << correction_change_text(o, ch) << '\n';
        for (const auto& r : reports::made_late_by(inc, fix.seq, o)) {
          out << "      " << trf("LATE: {0}", made_late_text(o, r)) << '\n';
        }
      }
    }
    out << '\n' << l("Reports required:", "应报要求：") << '\n';
    if (inc.requirements.empty()) out << "  " << l("none", "无") << '\n';
    for (const auto& r : inc.requirements) {
      const auto* org = o.find_org(r.to);
      out << "  " << (org ? org->name : r.to) << " " << reports::label(r.via, o.zh()) << l(" due ", " 时限 ")
          << local(o, r.due);
      if (r.made_at) {
        out << l(", made ", "，已报 ") << local(o, *r.made_at);
        if (r.minutes_late() > 0)
          out << l(" (", "（") << spoken_deadline(*r.made_at - r.due, DeadlineSense::kLate, l.zh)
              << l(")", "）");
      } else if (s.actor.now > r.due) {
        out << l(", NOT MADE: ", "，未报：")
            << spoken_deadline(s.actor.now - r.due, DeadlineSense::kOverdue, l.zh);
      } else {
        out << l(", not yet made, ", "，尚未报送，")
            << spoken_deadline(r.due - s.actor.now, DeadlineSense::kLeft, l.zh);
      }
      if (!r.basis.empty()) out << "  [" << r.basis << "]";
      out << '\n';
    }
    out << '\n' << l("Timeline:", "时间线：") << '\n';
    for (const auto& e : inc.events) {
      out << "  #" << e.seq << "  " << local(o, e.at) << "  " << describe_event(e, inc, o, l) << l("  by ", "  录入人 ")
          << e.by;
      if (e.recorded_at != e.at) out << l(" (recorded ", "（录入于 ") << local(o, e.recorded_at) << l(")", "）");
      out << '\n';
      const bool reasoned = e.type == reports::event_type::kCorrection || e.type == reports::event_type::kVoid;
      if (auto note = e.text(e.type == reports::event_type::kCreated ? "description" : reasoned ? "reason" : "note")) {
        out << "      " << *note << '\n';
      }
      if (auto next = e.text("next_steps"))
        out << "      " << l("Next steps: ", "下一步工作：") << *next << '\n';
    }
  });
}

}  // namespace duty::cli
