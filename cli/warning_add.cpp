// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningAddOptions {
  std::vector<std::string> area;
  std::string type, level, issuer, issued, received, expires, headline, text, instruction, status,
      rating, format;
};
}  // namespace

void register_warning_add(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningAddOptions>();
  CLI::App* cmd =
      warning.add_subcommand("add", tr("Record a warning received (预警); prints its id W-n"));
  cmd->add_option("--type", opt->type,
                  tr("The warning's type: rainstorm, 暴雨 ... (docs/warnings.md)"))
      ->required();
  cmd->add_option("--level", opt->level, tr("blue, yellow, orange or red (蓝色 ... 红色, Ⅳ ... Ⅰ)"))
      ->required();
  cmd->add_option("--issuer", opt->issuer, tr("Who issued it (发布单位), e.g. 泽库县气象台"))
      ->required();
  cmd->add_option("--area", opt->area,
                  tr("The areas it covers, separated by commas (may be given more than once)"))
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--issued", opt->issued, tr("When it was issued (TIME; default: when received)"));
  cmd->add_option("--received", opt->received,
                  tr("When the duty room received it (TIME; default now)"));
  cmd->add_option("--expires", opt->expires,
                  tr("When it expires (TIME; default: in force until lifted)"));
  cmd->add_option("--headline", opt->headline, tr("Its headline"));
  cmd->add_option("--text", opt->text, tr("Its text"));
  cmd->add_option("--instruction", opt->instruction, tr("What it asks people to do (防御指南)"));
  cmd->add_option("--status", opt->status, tr("actual (default), exercise or test"));
  cmd->add_option(
      "--rating", opt->rating,
      tr("Fire-danger warnings only: the 森林草原火险等级 rating, 1 to 5 (not the colour)"));
  cmd->add_option("--format", opt->format,
                  tr("text (the id, default) or json (the whole warning)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    check_text_or_json(opt->format);
    const reports::Office& o = s.office;
    reports::NewWarning w;
    w.type = opt->type;
    w.level = opt->level;
    w.issuer = opt->issuer;
    w.area = area_option(opt->area);
    w.received = time_option("--received", opt->received, o, s.actor.now, ClockReading::kPast);
    w.issued = time_option("--issued", opt->issued, o, w.received.value_or(s.actor.now),
                           ClockReading::kPast);
    w.expires = time_option("--expires", opt->expires, o, w.received.value_or(s.actor.now),
                            ClockReading::kNext);
    w.headline = opt->headline;
    w.text = opt->text;
    w.instruction = opt->instruction;
    w.status = warning_status_option(opt->status);
    w.fire_rating = fire_rating_option(opt->rating);
    // Checked before the store is opened, so bad input writes nothing (not even a new store).
    reports::validate_new_warning(o, w, s.actor);
    open_store(ctx, s, Need::kWriteStore);
    reports::Warning out = reports::add_warning(*s.store, o, w, s.actor);
    if (opt->format == "json") {
      JsonWriter jw(ctx.out, 2);
      write_warning_json(jw, out, o, s.actor.now, true);
      ctx.out << '\n';
    } else {
      ctx.out << out.id << '\n';
    }
  });
}

}  // namespace duty::cli
