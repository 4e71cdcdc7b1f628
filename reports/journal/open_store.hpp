// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "reports/journal/store.hpp"

namespace duty::reports {

/// Where an office keeps its journal, as `--db`, DUTY_DB or office.yaml `database:` name it.
struct StoreLocation {
  /// A path (SQLite) or a libpq connection string or URI (PostgreSQL).
  std::string where;
  /// office.yaml `office.id`: the office's identity in a shared database (may be empty for SQLite).
  std::string office_id;
  /// How long a command waits for another writer.
  std::chrono::milliseconds busy_timeout{10000};
};

/// True when `where` names a PostgreSQL server rather than a file: a URI `postgresql://...` or
/// `postgres://...`, or a libpq keyword/value string (`service=duty`, `host=... dbname=...`).
bool is_server_location(const std::string& where);

/// Opens the journal at `location` (SQLite when it is a path, PostgreSQL when a connection string);
/// StoreError (exit 4) when it cannot be opened, UsageError for a location that must not be used
/// (a password in a URI, a shared database without an office id).
std::unique_ptr<Store> open_store(const StoreLocation& location, StoreAccess access);

}  // namespace duty::reports
