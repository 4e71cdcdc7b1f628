// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/text.hpp"
#include "reports/projection.hpp"

namespace duty::cli {

namespace {
struct BackupOptions {
  std::string file;
  bool force = false;
};
}  // namespace

void register_backup(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<BackupOptions>();
  CLI::App* cmd = app.add_subcommand(
      "backup",
      "Copy the store to FILE while others go on writing (SQLite's online backup), checked before it is kept");
  cmd->add_option("FILE", opt->file, "The copy to make (mode 0600); refused when it exists, unless --force")
      ->required();
  cmd->add_flag("--force", opt->force, "Replace FILE when it exists (a regular file only)");
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kReadStore);
    auto* store = dynamic_cast<reports::SqliteStore*>(s.store.get());
    if (!store) {
      throw StoreError("there is no store to back up yet (" +
                       (ctx.global.db.empty() ? s.office.resolve(s.office.database) : ctx.global.db) +
                       "); check --db / database:");
    }
    reports::VerifyResult r;
    try {
      r = store->backup(opt->file, opt->force);
    } catch (const reports::ChainBrokenError& e) {
      ctx.err << "duty: error: " << printable(e.what()) << '\n'
              << "duty: the store itself does not verify ('duty log verify' names the problem); keep it as "
                 "evidence\n";
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    ctx.out << "backed up " << r.checked << " event" << (r.checked == 1 ? "" : "s") << " to " << opt->file;
    if (r.head) ctx.out << " (last: event " << r.head->seq << " " << r.head->hash.substr(0, 12) << ")";
    ctx.out << "; the copy verifies\n";
  });
}

}  // namespace duty::cli
