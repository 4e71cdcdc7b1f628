// SPDX-License-Identifier: Apache-2.0
#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/text.hpp"
#include "reports/journal/projection.hpp"

namespace duty::cli {

void register_log_rebuild(CLI::App& log, Context& ctx) {
  CLI::App* cmd =
      log.add_subcommand("rebuild", tr("Rewrite every projection table from the events, in one "
                                       "transaction, after verifying the chain; print "
                                       "what changed"));
  cmd->callback([&ctx] {
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::RebuildResult r;
    try {
      r = reports::rebuild_projections(*s.store, s.office);
    } catch (const reports::ChainBrokenError& e) {
      ctx.err << error_prefix() << printable(e.what()) << '\n'
              << "duty: "
              << tr("nothing was rebuilt: projections are rebuilt only from a chain that verifies; "
                    "keep this store "
                    "as evidence and restore from a backup")
              << '\n';
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    for (const auto& p : r.before.problems) {
      ctx.out << trf("rebuilt: {0} {1}: {2}", reports::projection_table(p.table).name,
                     printable(p.key), printable(p.what))
              << '\n';
    }
    if (r.before.problem_count > static_cast<std::int64_t>(r.before.problems.size())) {
      ctx.out << trf("... and {0} more",
                     r.before.problem_count - static_cast<std::int64_t>(r.before.problems.size()))
              << '\n';
    }
    ctx.out << trn("ok: {0} projection row written from the events; {1} of them differed",
                   "ok: {0} projection rows written from the events; {1} of them differed",
                   static_cast<unsigned long>(r.rows), r.rows, r.before.problem_count)
            << '\n';
  });
}

}  // namespace duty::cli
