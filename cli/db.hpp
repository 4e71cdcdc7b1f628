// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "cli/context.hpp"

namespace duty::cli {

/// The database a `duty db` command works on, and the office it is for.
struct DbTarget {
  std::string where;      ///< a libpq connection string or URI, or an SQLite path
  std::string source;     ///< where `where` came from, for messages: --db, DUTY_DB or office.yaml
  std::string office_id;  ///< office.yaml `office.id` ("" when not needed or not set)
};

/// store_location's answer (--db, else $DUTY_DB, else office.yaml `database:`), and with
/// `need_office` office.yaml's office.id ("" when it has none). Without `need_office` a location
/// given by --db or DUTY_DB needs no workspace.
DbTarget db_target(const Context& ctx, bool need_office);

}  // namespace duty::cli
