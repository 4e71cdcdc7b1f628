// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/render_options.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct DailyOptions {
  std::string date;
  RenderOptions render;
};
}  // namespace

void register_daily(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<DailyOptions>();
  CLI::App* cmd =
      app.add_subcommand("daily", tr("Render the daily duty bulletin (值班日报) of one duty day"));
  cmd->add_option(
      "--date", opt->date,
      tr("The duty day, YYYY-MM-DD: from its handover to the next day's (default: the duty day "
         "now)"));
  add_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    auto date = option_date("--date", opt->date);
    check_render_options(ctx, opt->render);
    Session s = open_session(ctx, Need::kReadStore);
    Days day = date.value_or(reports::duty_date(s.office, s.actor.now));
    auto on_duty = duty_shift(shift_on_duty(s, reports::duty_day(s.office, day).first));
    reports::ContextNode c = reports::build_daily(*s.store, s.office, day, on_duty, s.actor.now);
    std::string text = render_output(ctx, s, "daily", opt->render, c);
    emit(ctx, opt->render.output, [&](std::ostream& out) { out << text; });
  });
}

}  // namespace duty::cli
