// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers of the PostgreSQL store's tests (postgres_store_test.cpp, postgres_access_test.cpp).

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reports/journal/postgres/connection.hpp"
#include "reports/journal/postgres/postgres_store.hpp"
#include "tests/unit/support/postgres_test_store.hpp"

namespace duty::test::pg {

using namespace std::chrono_literals;
using duty::Days;
using duty::Seconds;
using duty::StoreError;
using duty::UsageError;
using duty::reports::Channel;
using duty::reports::ChainPoint;
using duty::reports::Event;
using duty::reports::Fields;
using duty::reports::Incident;
using duty::reports::ListQuery;
using duty::reports::PendingItem;
using duty::reports::PostgresStore;
using duty::reports::Projection;
using duty::reports::ProjectionRow;
using duty::reports::Requirement;
using duty::reports::RosterPersonRecord;
using duty::reports::RosterShiftRecord;
using duty::reports::Severity;
using duty::reports::Store;
using duty::reports::StoreAccess;
using duty::reports::StoreTransaction;
using duty::reports::postgres::Connection;
using duty::test::TestDatabase;

// The server, or nullopt after saying why the test is skipped.
inline std::optional<std::string> server() {
  auto s = duty::test::test_pg_server();
  if (!s) MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
  return s;
}

inline Seconds t(long long s) { return Seconds{std::chrono::seconds{1'800'000'000 + s}}; }

inline Event note(const std::string& text, long long at = 0, const std::string& by = "tester") {
  Event e;
  e.type = "note";
  e.subject = "notes";
  e.at = t(at);
  e.recorded_at = t(at + 1);
  e.by = by;
  e.data["text"] = text;
  return e;
}

inline Event created(const std::string& id, long long at) {
  Event e;
  e.type = "created";
  e.subject = id;
  e.at = t(at);
  e.recorded_at = t(at);
  e.by = "tester";
  e.data["title"] = "incident " + id;
  return e;
}

inline Incident incident(const std::string& id, long long received, int requirements = 0) {
  Incident i;
  i.id = id;
  i.title = "title of " + id;
  i.category = "fire";
  i.location = "东山路 12 号";
  i.source = "caller";
  i.received_by = "desk";
  i.description = "line one\nline two\twith a tab and a \\ backslash";
  i.stated = Severity::kIII;
  i.received_at = t(received);
  i.recorded_at = t(received + 5);
  i.casualties = {1, 2, 3, 4, 5};
  i.loss = 1.0 / 3;
  i.last_seq = 1;
  for (int n = 0; n < requirements; ++n) {
    Requirement r;
    // Made in the order the rules made them, not in (org, via) order.
    r.to = std::string(1, static_cast<char>('z' - n));
    r.via = Channel::kPhone;
    r.arose_at = t(received);
    r.due = t(received + 3600);
    r.basis = "rule " + std::to_string(n);
    i.requirements.push_back(r);
  }
  i.events.push_back(created(id, received));
  return i;
}

inline std::vector<ProjectionRow> stored_rows(Store& store, Projection p) {
  std::vector<ProjectionRow> out;
  auto cursor = store.projection_rows(p);
  ProjectionRow row;
  while (cursor->next(row)) out.push_back(row);
  return out;
}

// Runs SQL as the test server's superuser on `conninfo`; the error's SQLSTATE when it fails.
inline std::string sql_state(Connection& conn, const std::string& sql) {
  try {
    conn.exec(sql, "a test");
  } catch (const duty::reports::postgres::ServerError& e) {
    return e.sqlstate();
  }
  return "";
}

inline std::unique_ptr<PostgresStore> open(const TestDatabase& db, const std::string& office,
                                    StoreAccess access = StoreAccess::kReadWrite) {
  return std::make_unique<PostgresStore>(db.conninfo(), office, access);
}

inline std::string superuser(const TestDatabase& db) {
  Connection conn(db.conninfo());
  return conn.exec("SELECT current_user", "a test").text(0, 0);
}

}  // namespace duty::test::pg
