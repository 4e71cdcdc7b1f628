// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/render_options.hpp"
#include "common/i18n.hpp"
#include "reports/shift_change.hpp"

namespace duty::cli {

namespace {
struct HandoverOptions {
  std::string at;
  RenderOptions render;
};
}  // namespace

void register_handover(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<HandoverOptions>();
  CLI::App* cmd = app.add_subcommand("handover", tr("Render the shift handover record"));
  cmd->add_option("--at", opt->at,
                  tr("The shift change (TIME), a handover of the published roster or office.yaml; "
                     "default: the next one when it is less than 12 hours away (the record is "
                     "prepared before handing over), else the last one"));
  add_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    check_render_options(ctx, opt->render);
    Session s = open_session(ctx, Need::kReadStore);
    Seconds now = s.actor.now;
    auto at_option = time_option("--at", opt->at, s.office, now);
    if (at_option) reports::check_handover_moment(*s.store, s.office, *at_option, now);
    Seconds at = at_option.value_or(reports::default_handover(*s.store, s.office, now));
    auto outgoing = duty_shift(shift_on_duty(s, at - std::chrono::seconds{1}));
    auto incoming = duty_shift(shift_on_duty(s, at));
    reports::ContextNode c =
        reports::build_handover(*s.store, s.office, at, outgoing, incoming, now);
    std::string text = render_output(ctx, s, "handover", opt->render, c);
    emit(ctx, opt->render.output, [&](std::ostream& out) { out << text; });
  });
}

}  // namespace duty::cli
