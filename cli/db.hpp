// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "cli/context.hpp"

namespace duty::cli {

/// The database a `duty db` command works on, and the office it is for.
struct DbTarget {
  std::string where;      ///< a libpq connection string or URI, or an SQLite path
  std::string source;     ///< where `where` came from: --db, DUTY_DB or office.yaml
  std::string office_id;  ///< office.yaml `office.id` ("" when not needed or not set)
};

/// --db, else $DUTY_DB, else `database:` of the workspace's office.yaml; and `office.id` of that
/// office.yaml when `need_office` (UsageError when it has none). Without `need_office` a location
/// given by --db or DUTY_DB needs no workspace.
DbTarget db_target(const Context& ctx, bool need_office);

/// True when `where` names a PostgreSQL server rather than a file: a URI postgresql:// or
/// postgres://, or a libpq keyword/value string (service=duty, host=... dbname=...).
bool names_server(const std::string& where);

}  // namespace duty::cli
