// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/incident_correct.hpp"

namespace duty::cli {

namespace {
struct VoidOptions {
  std::string id;
  std::string reason;
};
}  // namespace

void register_incident_void(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<VoidOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "void",
      tr("Void an incident entered in error (作废), e.g. a duplicate: it stays in the log and in "
         "'show' and leaves lists, counts, overdue reports, the daily bulletin and the handover"));
  cmd->add_option("ID", opt->id, tr("Incident id, e.g. 2027-0042"))->required();
  cmd->add_option("--reason", opt->reason,
                  tr("Why the entry is void, e.g. \"duplicate of 2027-0041\" (required)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::Incident inc =
        reports::void_incident(*s.store, s.office, opt->id, opt->reason, s.actor);
    ctx.out << trf("{0} voided at {1}: {2}", inc.id, local(s.office, *inc.voided_at),
                   inc.void_reason)
            << '\n';
  });
}

}  // namespace duty::cli
