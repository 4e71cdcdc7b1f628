// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/db.hpp"
#include "common/i18n.hpp"
#include "reports/journal/open_store.hpp"
#include "reports/journal/postgres/schema.hpp"

namespace duty::cli {

namespace {
struct DbInitOptions {
  std::vector<std::string> desk_roles;
  std::vector<std::string> reader_roles;
};

void check_role(const std::string& role, const char* option) {
  // PostgreSQL cuts longer names short, which would grant to another role than the one named.
  constexpr std::size_t kMaxRole = 63;
  if (role.empty() || role.size() > kMaxRole) {
    throw UsageError(trf("{0}: '{1}' is not a role name (1 to {2} bytes)", option, role, kMaxRole));
  }
}
}  // namespace

void register_db_init(CLI::App& db, Context& ctx) {
  auto opt = std::make_shared<DbInitOptions>();
  CLI::App* cmd = db.add_subcommand(
      "init", tr("Set up this office (office.id) in a PostgreSQL database: the schema, row-level security, "
                 "its desk and reader roles; run by the database owner, again changes nothing"));
  cmd->add_option("--desk-role", opt->desk_roles,
                  tr("A role whose members read this office's log and add to it (default: a new NOLOGIN role "
                     "duty_desk_ID); repeatable"))
      ->type_name("NAME");
  cmd->add_option("--reader-role", opt->reader_roles,
                  tr("A role whose members only read this office's log (a prefecture reading its counties); "
                     "repeatable"))
      ->type_name("NAME");
  cmd->callback([opt, &ctx] {
    for (const auto& r : opt->desk_roles) check_role(r, "--desk-role");
    for (const auto& r : opt->reader_roles) check_role(r, "--reader-role");
    DbTarget target = db_target(ctx, true);
    if (!reports::is_server_location(target.where)) {
      throw UsageError(trf("'duty db init' sets up a PostgreSQL database, and the store named by {0} is the file "
                           "{1} (SQLite, which needs no setting up); name a database with --db, DUTY_DB or "
                           "database: in office.yaml (e.g. postgresql:///duty)",
                           target.source, target.where));
    }
    reports::postgres_init(target.where, target.office_id, opt->desk_roles, opt->reader_roles, &ctx.out);
  });
}

}  // namespace duty::cli
