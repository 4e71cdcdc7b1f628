// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/call_common.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct CallAddOptions {
  std::string from, phone, summary, at, kind, unit, format;
};
}  // namespace

void register_call_add(CLI::App& call, Context& ctx) {
  auto opt = std::make_shared<CallAddOptions>();
  CLI::App* cmd =
      call.add_subcommand("add", tr("Log a call to the duty room (来电登记); prints its id C-n"));
  cmd->add_option("--from", opt->from, tr("Who called (来电人)"))->required();
  cmd->add_option("--phone", opt->phone, tr("The caller's phone number"));
  cmd->add_option("--unit", opt->unit, tr("The caller's unit (来电单位)"));
  cmd->add_option("--summary", opt->summary, tr("What was said (电话内容)"))->required();
  cmd->add_option("--at", opt->at, tr("When the call came in (TIME; default now)"));
  cmd->add_option("--kind", opt->kind,
                  tr("inquiry, notice, report or other (咨询, 通知, 报告, 其他; default other)"));
  cmd->add_option("--format", opt->format, tr("text (the id, default) or json (the whole call)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    check_text_or_json(opt->format);
    reports::NewCall c{opt->from,
                       opt->phone,
                       opt->unit,
                       opt->summary,
                       kind_option(opt->kind),
                       time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast)};
    // Checked before the store is opened, so bad input writes nothing (not even a new store).
    reports::validate_new_call(s.office, c, s.actor);
    open_store(ctx, s, Need::kWriteStore);
    reports::Call out = reports::add_call(*s.store, s.office, c, s.actor);
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      write_call_json(w, out, s.office);
      ctx.out << '\n';
    } else {
      ctx.out << out.id << '\n';
    }
  });
}

}  // namespace duty::cli
