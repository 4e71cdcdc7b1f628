// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/language.hpp"
#include "cli/workspace.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/journal/projection.hpp"

namespace duty::cli {

namespace {
struct BackupOptions {
  std::string file;
  bool force = false;
};
}  // namespace

void register_backup(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<BackupOptions>();
  CLI::App* cmd =
      app.add_subcommand("backup", tr("Copy the store to FILE while others go on writing (SQLite's "
                                      "online backup), checked before it is kept"));
  cmd->add_option("FILE", opt->file,
                  tr("The copy to make (mode 0600); refused when it exists, unless --force"))
      ->required();
  cmd->add_flag("--force", opt->force, tr("Replace FILE when it exists (a regular file only)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kReadStore);
    auto* store = dynamic_cast<reports::SqliteStore*>(s.store.get());
    if (!store) {
      throw UsageError(trf("{0} is a PostgreSQL database: back it up with pg_dump (docs/storage.md), or copy "
                           "the office's log to an SQLite file with 'duty db copy --to FILE'",
                           s.store->location()));
    }
    reports::VerifyResult r;
    try {
      r = store->backup(opt->file, opt->force);
    } catch (const reports::ChainBrokenError& e) {
      ctx.err << error_prefix() << printable(e.what()) << '\n'
              << "duty: "
              << tr("the store itself does not verify ('duty log verify' names the problem); keep "
                    "it as evidence")
              << '\n';
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    std::string last =
        r.head ? trf(" (last: event {0} {1})", r.head->seq, r.head->hash.substr(0, 12)) : "";
    ctx.out << trn("backed up {0} event to {1}{2}; the copy verifies",
                   "backed up {0} events to {1}{2}; the copy verifies",
                   static_cast<unsigned long>(r.checked), r.checked, opt->file, last)
            << '\n';
  });
}

}  // namespace duty::cli
