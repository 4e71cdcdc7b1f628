// SPDX-License-Identifier: Apache-2.0
#include "tests/unit/support/postgres_test_store.hpp"

#include <cstdlib>
#include <random>

#include "reports/journal/postgres/connection.hpp"
#include "reports/journal/postgres/postgres_store.hpp"

namespace duty::test {

using reports::postgres::Connection;

std::optional<std::string> test_pg_server() {
  const char* env = std::getenv("DUTY_TEST_PG");
  if (!env || !*env) return std::nullopt;
  return std::string(env);
}

TestDatabase::TestDatabase(const std::string& server) : server_(server) {
  std::random_device rd;
  std::uniform_int_distribution<int> letter(0, 25);
  for (int i = 0; i < 10; ++i) suffix_ += static_cast<char>('a' + letter(rd));
  name_ = "duty_t_" + suffix_;
  Connection conn(server_);
  conn.exec("CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0", "creating a test database");
  conninfo_ = reports::postgres::with_dbname(server_, name_);
}

TestDatabase::~TestDatabase() {
  try {
    Connection conn(server_);
    conn.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", "dropping a test database");
    auto roles = conn.exec("SELECT quote_ident(rolname) FROM pg_roles WHERE rolname LIKE '%" + suffix_ + "'",
                           "dropping the test roles");
    for (int i = 0; i < roles.rows(); ++i) conn.exec("DROP ROLE " + roles.text(i, 0), "dropping the test roles");
  } catch (const std::exception&) {
    // Left for the throwaway server to take with it.
  }
}

void init_test_office(const std::string& conninfo, const std::string& office) {
  std::string user;
  {
    Connection conn(conninfo);
    user = conn.exec("SELECT current_user", "setting up a test office").text(0, 0);
  }
  reports::postgres_init(conninfo, office, {user}, {}, nullptr);
}

namespace {

// The store first, then the database: members are destroyed in reverse order of declaration, and
// the base before them is destroyed last.
class TestPostgresStore : private TestDatabase, public reports::PostgresStore {
 public:
  TestPostgresStore(const std::string& server, const std::string& office)
      : TestDatabase(server), PostgresStore(init(conninfo(), office), office, reports::StoreAccess::kReadWrite) {}

 private:
  static const std::string& init(const std::string& conninfo, const std::string& office) {
    init_test_office(conninfo, office);
    return conninfo;
  }
};

}  // namespace

std::unique_ptr<reports::Store> make_test_postgres_store(const std::string& office) {
  auto server = test_pg_server();
  if (!server) return nullptr;
  return std::make_unique<TestPostgresStore>(*server, office);
}

}  // namespace duty::test
