// SPDX-License-Identifier: Apache-2.0
#include "cli/commands.hpp"
#include "cli/workspace.hpp"

namespace duty::cli {

void register_log_verify(CLI::App& log, Context& ctx) {
  CLI::App* cmd = log.add_subcommand(
      "verify", "Recompute the tamper-evident hash chain; exit 1 naming the first event that does not match");
  cmd->callback([&ctx] {
    Session s = open_session(ctx, Need::kReadStore);
    reports::VerifyResult r = reports::verify_chain(*s.store);
    if (!r.ok()) {
      ctx.err << "duty: error: the log does not verify: " << r.problem << '\n'
              << "duty: " << r.checked << " event" << (r.checked == 1 ? "" : "s")
              << " before it verified; keep this store as evidence and restore from a backup\n";
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    ctx.out << "ok: " << r.checked << " event" << (r.checked == 1 ? "" : "s") << " verified\n";
  });
}

}  // namespace duty::cli
