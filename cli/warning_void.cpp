// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/warning_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct WarningVoidOptions {
  std::string id, reason;
};
}  // namespace

void register_warning_void(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningVoidOptions>();
  CLI::App* cmd = warning.add_subcommand(
      "void", tr("Void a warning entered by mistake (作废): it stays in the log and leaves every "
                 "listing, record and 叫应 count"));
  cmd->add_option("ID", opt->id, tr("The warning's id (W-n)"))->required();
  cmd->add_option("--reason", opt->reason,
                  tr("Why the entry is void, e.g. \"entered twice, see W-3\" (required)"))
      ->required();
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::Warning w = reports::void_warning(*s.store, s.office, opt->id, opt->reason, s.actor);
    ctx.out << trf("{0} voided at {1}: {2}", w.id, local(s.office, *w.voided_at), w.void_reason)
            << '\n';
  });
}

}  // namespace duty::cli
