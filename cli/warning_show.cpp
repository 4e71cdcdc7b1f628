// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "cli/output.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/duration.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

namespace {
struct WarningShowOptions {
  std::string id, format;
};

std::string round_state(const reports::Round& r, Seconds now, const reports::Office& o) {
  bool zh = message_language() == "zh-CN";
  if (r.answer) {
    std::string s = trf("answered at {0} by {1}", local(o, r.answer->at), r.answer->by);
    if (r.answered_late())
      s += " (" + spoken_deadline(r.answer->at - r.due, DeadlineSense::kLate, zh) + ")";
    return s;
  }
  if (r.late(now)) {
    Seconds until = r.ended && *r.ended < now ? *r.ended : now;
    return std::string(tr("no answer")) + " (" +
           spoken_deadline(until - r.due, DeadlineSense::kOverdue, zh) + ")";
  }
  if (r.ended) return tr("no longer owed");
  return std::string(tr("awaiting answer")) + " (" +
         spoken_deadline(r.due - now, DeadlineSense::kLeft, zh) + ")";
}
}  // namespace

void register_warning_show(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningShowOptions>();
  CLI::App* cmd = warning.add_subcommand(
      "show", tr("Show a warning: its history and its 叫应 (call and answer)"));
  cmd->add_option("ID", opt->id, tr("The warning's id (W-n)"))->required();
  cmd->add_option("--format", opt->format, tr("text (default) or json"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    Session s = open_session(ctx, Need::kReadStore);
    const reports::Office& o = s.office;
    Seconds now = s.actor.now;
    reports::Warning w = reports::load_warning(*s.store, opt->id);
    if (opt->format == "json") {
      JsonWriter jw(ctx.out, 2);
      write_warning_json(jw, w, o, now, true);
      ctx.out << '\n';
      return;
    }
    auto& out = ctx.out;
    out << w.id << "  " << warning_title(o, w, w.level) << "  [" << state_label(w.state(now))
        << "]";
    if (w.exercise()) out << "  [" << reports::to_string(w.status) << "]";
    out << '\n';
    if (w.voided_at) {
      out << trf("Voided at {0} as entered by mistake: {1}", local(o, *w.voided_at), w.void_reason)
          << '\n';
    }
    out << tr("Issuer") << ": " << w.issuer << '\n';
    if (!w.area.empty()) out << tr("Area") << ": " << join(w.area, ", ") << '\n';
    out << tr("Issued") << ": " << local(o, w.issued_at) << "  " << tr("Received") << ": "
        << local(o, w.received_at) << '\n';
    out << tr("Expires") << ": " << (w.expires_at ? local(o, *w.expires_at) : tr("until lifted"))
        << '\n';
    if (w.fire_rating) {
      out << tr("Fire-danger rating (森林草原火险等级)") << ": " << *w.fire_rating << '\n';
    }
    if (!w.headline.empty()) out << tr("Headline") << ": " << w.headline << '\n';
    if (!w.text.empty()) out << tr("Text") << ": " << w.text << '\n';
    if (!w.instruction.empty()) out << tr("Instructions") << ": " << w.instruction << '\n';
    if (!w.cap.empty()) out << "CAP: " << w.cap << '\n';
    if (reports::leader_in_room(w, reports::warning_settings(o), now)) {
      out << tr("The leader on duty must be in the duty room while this warning is in force "
                "(领导在岗带班).")
          << '\n';
    }
    out << '\n' << tr("History") << ":\n";
    for (const auto& c : w.history) {
      out << "  " << local(o, c.at) << "  " << change_label(c.kind);
      if (c.kind != reports::ChangeKind::kLifted) out << "  " << warning_title(o, w, c.level);
      if (c.kind == reports::ChangeKind::kRenewed) {
        out << "  "
            << (c.expires_at ? trf("until {0}", local(o, *c.expires_at)) : tr("until lifted"));
      }
      if (!c.note.empty()) out << "  " << c.note;
      out << "  (" << c.by << ")\n";
    }
    auto rounds = reports::rounds_of(w, reports::warning_settings(o), now);
    out << '\n' << tr("叫应 (call and answer)") << ":\n";
    if (rounds.empty()) {
      out << "  " << tr("No response rule of office.yaml calls any unit for this warning.") << '\n';
      return;
    }
    Table t({tr("Unit"), tr("Person"), tr("Phone"), tr("Owed from"), tr("Due"), tr("Calls"),
             tr("Answer")});
    for (const auto& r : rounds) {
      t.add({r.unit, r.person, r.phone, local(o, r.start), local(o, r.due), std::to_string(r.calls),
             round_state(r, now, o)});
    }
    t.print(out);
  });
}

}  // namespace duty::cli
