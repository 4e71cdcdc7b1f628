// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningCallOptions {
  std::string id, unit, person, via, at;
};
}  // namespace

void register_warning_call(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningCallOptions>();
  CLI::App* cmd =
      warning.add_subcommand("call", tr("Record a call to a unit about a warning (叫应)"));
  cmd->add_option("ID", opt->id, tr("The warning's id (W-n)"))->required();
  cmd->add_option("--unit", opt->unit, tr("The unit called, as office.yaml's contacts name it"))
      ->required();
  cmd->add_option("--person", opt->person, tr("Who was called (default: the unit's contact)"));
  cmd->add_option("--via", opt->via, tr("phone (default), sms, wechat or fax"));
  cmd->add_option("--at", opt->at, tr("When the call was made (TIME; default now)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    open_store(ctx, s, Need::kWriteExisting);
    reports::Warning w = reports::record_call(*s.store, s.office, opt->id, opt->unit, opt->person,
                                              opt->via, at, s.actor);
    const auto& c = w.calls.back();
    ctx.out << trf("{0}: called {1} at {2}", w.id, c.unit, local(s.office, c.at)) << '\n';
  });
}

}  // namespace duty::cli
