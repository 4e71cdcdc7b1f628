// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/on_duty.hpp"
#include "cli/output.hpp"
#include "cli/render_options.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct BulletinOptions {
  std::string id;
  std::string kind;
  std::string number;
  std::string to;
  bool record_sent = false;
  std::string via;
  RenderOptions render;
};
}  // namespace

void register_bulletin(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<BulletinOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bulletin",
      tr("Render the initial (首报), follow-up (续报N) or final (终报) report on an incident"));
  cmd->add_option("ID", opt->id, tr("Incident id"))->required();
  cmd->add_option("--kind", opt->kind,
                  tr("initial, followup or final (default: the latest report in the log: final "
                     "when closed, else the latest follow-up, else initial)"));
  cmd->add_option("--number", opt->number, tr("Which follow-up (default: the latest)"));
  cmd->add_option(
      "--to", opt->to,
      tr("Addressee: an organisation id from the chain in office.yaml (default: the first)"));
  cmd->add_flag("--record-sent", opt->record_sent,
                tr("Also record on the incident that the report was sent to --to via --via, in the "
                   "same transaction"));
  cmd->add_option("--via", opt->via, tr("With --record-sent: phone, written, fax or system"));
  add_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    reports::BulletinRequest req;
    req.id = opt->id;
    if (!opt->kind.empty()) {
      req.kind = reports::parse_bulletin_kind(opt->kind);
      if (!req.kind)
        throw UsageError(
            trf("--kind: unknown kind '{0}'; expected initial, followup or final", opt->kind));
    }
    if (!opt->number.empty()) {
      int n = 0;
      auto r = std::from_chars(opt->number.data(), opt->number.data() + opt->number.size(), n);
      if (r.ec != std::errc{} || r.ptr != opt->number.data() + opt->number.size() || n < 1) {
        throw UsageError(
            trf("--number: '{0}' is not a follow-up number (1, 2, 3 ...)", opt->number));
      }
      req.number = n;
    }
    if (!opt->to.empty()) req.to = opt->to;
    std::optional<reports::Channel> via;
    if (!opt->via.empty()) {
      via = reports::parse_channel(opt->via);
      if (!via)
        throw UsageError(
            trf("--via: unknown channel '{0}'; expected phone, written, fax or system", opt->via));
    }
    if (opt->record_sent && !via)
      throw UsageError(tr("--record-sent needs --via phone|written|fax|system"));
    if (!opt->record_sent && via) throw UsageError(tr("--via is only used with --record-sent"));
    if (opt->record_sent && opt->render.context) {
      throw UsageError(
          tr("--context prints the data only; it cannot be combined with --record-sent"));
    }
    check_render_options(ctx, opt->render);
    Session s = open_session(ctx, opt->record_sent ? Need::kWriteExisting : Need::kReadStore);
    // The leader on duty when the report was made signs it (签发人).
    auto on_duty_at = [&s](Seconds t) { return duty_shift(shift_on_duty(s, t)); };
    reports::Bulletin b = reports::build_bulletin(*s.store, s.office, req, s.actor.now, on_duty_at);
    std::string text =
        render_output(ctx, s, std::string(reports::to_string(b.kind)), opt->render, b.context);
    if (!opt->record_sent) {
      emit(ctx, opt->render.output, [&](std::ostream& out) { out << text; });
      return;
    }
    if (b.to.empty())
      throw UsageError(tr("--record-sent: office.yaml has no chain to send the report to"));
    std::string note = std::string(s.office.zh() ? "发送" : "sent ") +
                       b.context.get("report")->get("label")->text()->c_str();
    // The bulletin is written inside the transaction, before its commit: emit() throws when the
    // file or stdout did not take it whole (a full disk, a closed pipe), and nothing is recorded.
    reports::escalate_incident(*s.store, s.office, b.incident.id, b.to, *via, std::nullopt, note,
                               s.actor, [&](const reports::Incident&) {
                                 emit(ctx, opt->render.output,
                                      [&](std::ostream& out) { out << text; });
                               });
    ctx.err << "duty: " << trf("recorded as sent: {0} -> {1} ({2})", b.incident.id, b.to, opt->via)
            << '\n';
  });
}

}  // namespace duty::cli
