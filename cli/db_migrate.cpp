// SPDX-License-Identifier: Apache-2.0
#include "cli/commands.hpp"
#include "cli/db.hpp"
#include "common/i18n.hpp"
#include "reports/journal/open_store.hpp"
#include "reports/journal/postgres/schema.hpp"

namespace duty::cli {

void register_db_migrate(CLI::App& db, Context& ctx) {
  CLI::App* cmd = db.add_subcommand(
      "migrate", tr("Move the PostgreSQL database's duty schema forward to this duty's version, under a lock, "
                    "all or nothing; run by the database owner"));
  cmd->callback([&ctx] {
    DbTarget target = db_target(ctx, false);
    if (!reports::is_server_location(target.where)) {
      ctx.out << trf("{0} is an SQLite store; duty moves it forward by itself when a command writes to it",
                     target.where)
              << '\n';
      return;
    }
    reports::postgres_migrate(target.where, &ctx.out);
  });
}

}  // namespace duty::cli
