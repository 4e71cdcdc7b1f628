// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "reports/journal/store.hpp"

// PostgreSQL for tests: the server DUTY_TEST_PG names (a libpq connection string or URI of a
// database where the test may create databases, e.g. "dbname=postgres" inside pg_virtualenv).
// Without it the PostgreSQL tests skip (a MESSAGE, no failure), so a plain ctest still passes.
namespace duty::test {

/// DUTY_TEST_PG, nullopt when unset or empty.
std::optional<std::string> test_pg_server();

/// A database of its own (duty_t_<random>) on the test server, dropped WITH (FORCE) when this
/// goes, with every role whose name ends in its suffix (roles are the server's, not a database's).
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& server);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  /// A connection string to it.
  const std::string& conninfo() const { return conninfo_; }
  const std::string& name() const { return name_; }
  /// Random letters unique to this database: office ids and role names made from it are too.
  const std::string& suffix() const { return suffix_; }

 private:
  std::string server_;
  std::string suffix_;
  std::string name_;
  std::string conninfo_;
};

/// Sets up `office` in the database at `conninfo` (postgres_init) with the server's own user as
/// its desk role.
void init_test_office(const std::string& conninfo, const std::string& office);

/// A read-write store of `office` in a database of its own, set up by postgres_init with the
/// server's own user as the desk role; the database is dropped with the store. nullptr when there
/// is no test server (DUTY_TEST_PG unset): the caller skips.
std::unique_ptr<reports::Store> make_test_postgres_store(const std::string& office = "test");

}  // namespace duty::test
