// SPDX-License-Identifier: Apache-2.0
#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/text.hpp"
#include "reports/projection.hpp"

namespace duty::cli {

void register_log_rebuild(CLI::App& log, Context& ctx) {
  CLI::App* cmd = log.add_subcommand(
      "rebuild",
      "Rewrite every projection table from the events, in one transaction, after verifying the chain; print what "
      "changed");
  cmd->callback([&ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::RebuildResult r;
    try {
      r = reports::rebuild_projections(*s.store, s.office);
    } catch (const reports::ChainBrokenError& e) {
      ctx.err << "duty: error: " << printable(e.what()) << '\n'
              << "duty: nothing was rebuilt: projections are rebuilt only from a chain that verifies; keep this store "
                 "as evidence and restore from a backup\n";
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    for (const auto& p : r.before.problems) {
      ctx.out << "rebuilt: " << reports::projection_table(p.table).name << " " << printable(p.key) << ": "
              << printable(p.what) << '\n';
    }
    if (r.before.problem_count > static_cast<std::int64_t>(r.before.problems.size())) {
      ctx.out << "... and " << r.before.problem_count - static_cast<std::int64_t>(r.before.problems.size())
              << " more\n";
    }
    ctx.out << "ok: " << r.rows << " projection row" << (r.rows == 1 ? "" : "s") << " written from the events; "
            << r.before.problem_count << " of them differed\n";
  });
}

}  // namespace duty::cli
