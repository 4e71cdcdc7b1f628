// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/event_labels.hpp"
#include "cli/hazard_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct HazardShowOptions {
  std::string id, at, format;
};
}  // namespace

void register_hazard_show(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardShowOptions>();
  CLI::App* cmd =
      hazard.add_subcommand("show", tr("Show a hazard: its state, deadlines and history"));
  cmd->add_option("ID", opt->id, tr("The hazard's id (H-n)"))->required();
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  cmd->add_option("--format", opt->format, tr("text (default) or json"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    check_text_or_json(opt->format);
    const reports::Office& o = s.office;
    auto as_of = time_option("--at", opt->at, o, s.actor.now);
    Seconds at = as_of.value_or(s.actor.now);
    open_store(ctx, s, Need::kReadStore);
    reports::Hazard h = reports::load_hazard(*s.store, o, opt->id, as_of);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      write_hazard_json(w, h, o, at, true);
      ctx.out << '\n';
      return;
    }
    Labels l(o.locale);
    auto& out = ctx.out;
    out << h.id << "  " << h.title << "  [" << reports::label(h.status, l.zh);
    if (h.overdue(at)) out << l(", OVERDUE", "，逾期");
    out << "]\n";
    if (h.supervision) {
      out << l("Supervised (挂牌督办): ", "挂牌督办：")
          << reports::label(h.supervision->level, l.zh) << " " << h.supervision->by << " "
          << h.supervision->doc;
      if (h.supervision->due) out << l(", due ", "，督办期限 ") << format_date(*h.supervision->due);
      out << '\n';
    }
    out << l("Grade: ", "等级：") << reports::label(h.grade, l.zh) << '\n';
    if (!h.basis.empty()) out << l("Basis: ", "判定依据：") << h.basis << '\n';
    out << l("Township: ", "属地：") << h.township << l("  Location: ", "  部位：") << h.location
        << '\n';
    out << l("Category: ", "类别：") << h.category << l("  Source: ", "  来源：")
        << reports::label(h.source, l.zh) << '\n';
    out << l("Found: ", "排查时间：") << local(o, h.found) << l(" by ", "，排查人 ") << h.found_by
        << '\n';
    out << l("Responsible unit: ", "责任单位：") << h.unit << l("  Owner: ", "  责任人：")
        << h.owner;
    if (!h.owner_phone.empty()) out << " " << h.owner_phone;
    out << '\n';
    if (!h.supervisor.empty())
      out << l("Supervising department: ", "监管部门：") << h.supervisor << '\n';
    out << l("Measures: ", "整改措施：") << h.measures << '\n';
    out << l("Due: ", "整改时限：") << format_date(h.due);
    if (h.due != h.original_due)
      out << l(" (originally ", "（原定 ") << format_date(h.original_due) << l(")", "）");
    out << '\n';
    for (const auto& x : h.extensions) {
      out << l("  extended to ", "  延期至 ") << format_date(x.to) << l(" on ", "，")
          << local(o, x.at) << l(", approved by ", "，批准人 ") << x.approved_by << l(": ", "：")
          << x.reason << '\n';
    }
    if (h.submitted_at) out << l("Submitted: ", "申请验收：") << local(o, *h.submitted_at) << '\n';
    if (h.closed_at) {
      out << l("Closed: ", "销号：") << local(o, *h.closed_at) << l(", accepted by ", "，验收人 ")
          << h.accepted_by << " (" << h.accepted_unit << ")"
          << (*h.on_time ? l(", on time", "，按期完成") : l(", late", "，逾期完成")) << '\n';
    }
    if (h.voided_at)
      out << l("Voided: ", "撤销：") << local(o, *h.voided_at) << l(": ", "：") << h.void_reason
          << '\n';
    out << l("History:", "记录：") << '\n';
    for (const auto& e : h.events) {
      out << "  " << local(o, e.at) << "  " << event_label(e, o) << "  " << e.by;
      std::string gist = event_gist(e);
      if (!gist.empty()) out << "  " << gist;
      out << '\n';
    }
  });
}

}  // namespace duty::cli
