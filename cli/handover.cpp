// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/render_options.hpp"

namespace duty::cli {

namespace {
struct HandoverOptions {
  std::string at;
  RenderOptions render;
};
}  // namespace

void register_handover(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<HandoverOptions>();
  CLI::App* cmd = app.add_subcommand("handover", "Render the shift handover record (交接班记录)");
  cmd->add_option("--at", opt->at,
                  "The shift change (TIME; default: the handover time nearest before now)");
  add_render_options(*cmd, opt->render);
  cmd->callback([opt, &ctx] {
    check_render_options(ctx, opt->render);
    Session s = open_session(ctx, Need::kReadStore);
    auto at_option = time_option("--at", opt->at, s.office, s.actor.now);
    Seconds at = at_option.value_or(reports::handover_before(s.office, s.actor.now));
    auto outgoing = duty_shift(shift_on_duty(s, at - std::chrono::seconds{1}));
    auto incoming = duty_shift(shift_on_duty(s, at));
    reports::ContextNode c =
        reports::build_handover(*s.store, s.office, at, outgoing, incoming, s.actor.now);
    std::string text = render_output(ctx, s, "handover", opt->render, c);
    emit(ctx, opt->render.output, [&](std::ostream& out) { out << text; });
  });
}

}  // namespace duty::cli
