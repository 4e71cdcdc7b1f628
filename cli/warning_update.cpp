// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningUpdateOptions {
  std::vector<std::string> area;
  std::string id, level, expires, text, headline, instruction, rating, at;
};
}  // namespace

void register_warning_update(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningUpdateOptions>();
  CLI::App* cmd = warning.add_subcommand(
      "update",
      tr("Record an update of a warning: 升级 (upgrade), 降级 (downgrade), 续发 (renewal)"));
  cmd->add_option("ID", opt->id, tr("The warning's id (W-n)"))->required();
  cmd->add_option("--level", opt->level, tr("Its new level: blue, yellow, orange or red"));
  cmd->add_option("--expires", opt->expires, tr("Its new expiry (TIME)"));
  cmd->add_option("--area", opt->area,
                  tr("The areas it now covers, separated by commas (may be given more than once)"))
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--text", opt->text, tr("Its new text"));
  cmd->add_option("--headline", opt->headline, tr("Its new headline"));
  cmd->add_option("--instruction", opt->instruction, tr("Its new instructions"));
  cmd->add_option("--rating", opt->rating,
                  tr("Fire-danger warnings only: the new 森林草原火险等级 rating, 1 to 5"));
  cmd->add_option("--at", opt->at, tr("When the update was received (TIME; default now)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    const reports::Office& o = s.office;
    reports::WarningUpdate u;
    u.at = time_option("--at", opt->at, o, s.actor.now, ClockReading::kPast);
    if (!opt->level.empty()) u.level = opt->level;
    u.expires =
        time_option("--expires", opt->expires, o, u.at.value_or(s.actor.now), ClockReading::kNext);
    if (!opt->area.empty()) u.area = area_option(opt->area);
    if (!opt->text.empty()) u.text = opt->text;
    if (!opt->headline.empty()) u.headline = opt->headline;
    if (!opt->instruction.empty()) u.instruction = opt->instruction;
    u.fire_rating = fire_rating_option(opt->rating);
    open_store(ctx, s, Need::kWriteExisting);
    reports::Warning w = reports::update_warning(*s.store, o, opt->id, u, s.actor);
    const auto& last = w.history.back();
    ctx.out << trf("{0} {1}: {2}", w.id, change_label(last.kind), warning_title(o, w, last.level))
            << '\n';
  });
}

}  // namespace duty::cli
