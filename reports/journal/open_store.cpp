// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/open_store.hpp"

#include <cctype>

#include "common/i18n.hpp"
#include "reports/journal/postgres/postgres_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"

namespace duty::reports {

bool is_server_location(const std::string& where) {
  if (where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0) return true;
  // libpq's keyword/value form: a keyword of letters and '_', then '=' (spaces allowed around it).
  std::size_t i = 0;
  while (i < where.size() && std::isspace(static_cast<unsigned char>(where[i]))) ++i;
  std::size_t start = i;
  while (i < where.size() && (std::isalpha(static_cast<unsigned char>(where[i])) || where[i] == '_')) ++i;
  if (i == start) return false;
  while (i < where.size() && std::isspace(static_cast<unsigned char>(where[i]))) ++i;
  return i < where.size() && where[i] == '=';
}

std::unique_ptr<Store> open_store(const StoreLocation& location, StoreAccess access) {
  if (is_server_location(location.where)) {
    return std::make_unique<PostgresStore>(location.where, location.office_id, access, location.busy_timeout);
  }
  return std::make_unique<SqliteStore>(location.where, access, location.busy_timeout);
}

}  // namespace duty::reports
