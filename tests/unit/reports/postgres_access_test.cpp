// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/postgres_store.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/reports/postgres_test_helpers.hpp"

using namespace duty::test::pg;

TEST_SUITE("reports::postgres") {
  TEST_CASE("postgres store: a password in the location is refused before connecting") {
    for (const char* where : {"postgresql://duty:s3cret@localhost/duty", "host=localhost password=s3cret dbname=duty",
                              "postgres://duty:s3cret@/duty?host=/var/run/postgresql"}) {
      CAPTURE(where);
      try {
        PostgresStore store(where, "zeku", StoreAccess::kReadOnly);
        FAIL("a location with a password was accepted");
      } catch (const UsageError& e) {
        const std::string message = e.what();
        CHECK(message.find("s3cret") == std::string::npos);
        CHECK(message.find(".pgpass") != std::string::npos);
      }
    }
  }

  TEST_CASE("postgres store: an unreachable server is a StoreError") {
    try {
      PostgresStore store("host=127.0.0.1 port=1 connect_timeout=2 dbname=duty", "zeku", StoreAccess::kReadOnly);
      FAIL("connected to nothing");
    } catch (const UsageError&) {
      FAIL("an unreachable server is not bad usage");
    } catch (const StoreError& e) {
      const std::string message = e.what();
      CHECK(message.find("cannot connect to the database server") != std::string::npos);
      CHECK(message.find("127.0.0.1") != std::string::npos);
    }
  }

  TEST_CASE("postgres store: 8 desks on one office and 2 on another append at once") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    const std::string user = superuser(db);
    const std::string a = "a_" + db.suffix();
    const std::string b = "b_" + db.suffix();
    duty::reports::postgres_init(db.conninfo(), a, {user}, {}, nullptr);
    duty::reports::postgres_init(db.conninfo(), b, {user}, {}, nullptr);
    int go[2];
    REQUIRE(::pipe(go) == 0);
    std::vector<pid_t> children;
    for (int w = 0; w < 10; ++w) {
      pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        // The child: its own connection, started when every child is ready; never back to doctest.
        ::close(go[1]);
        int status = 0;
        try {
          PostgresStore store(db.conninfo(), w < 8 ? a : b, StoreAccess::kReadWrite);
          char c;
          while (::read(go[0], &c, 1) > 0) {
          }
          for (int i = 0; i < 50; ++i) {
            store.write([&](StoreTransaction& tx) {
              tx.append(note("desk " + std::to_string(w) + " entry " + std::to_string(i), i, "desk" + std::to_string(w)));
            });
          }
        } catch (const std::exception& e) {
          std::fprintf(stderr, "desk %d: %s\n", w, e.what());
          status = 1;
        }
        ::_exit(status);
      }
      children.push_back(pid);
    }
    ::close(go[0]);
    ::close(go[1]);
    int failed = 0;
    for (pid_t pid : children) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
    CHECK(failed == 0);
    for (const auto& office_count : {std::pair{a, 400}, std::pair{b, 100}}) {
      const std::string& office = office_count.first;
      const int expected = office_count.second;
      CAPTURE(office);
      auto store = open(db, office, StoreAccess::kReadOnly);
      std::int64_t seq = 0;
      std::map<std::string, int> per_desk;
      store->for_each_event(
          [&](const Event& e) {
            CHECK(e.seq == ++seq);
            ++per_desk[e.by];
            return true;
          },
          true);
      CHECK(seq == expected);
      CHECK(per_desk.size() == (expected == 400 ? 8u : 2u));
      for (const auto& desk : per_desk) CHECK(desk.second == 50);
      auto verified = duty::reports::verify_chain(*store);
      CHECK(verified.ok());
      CHECK(verified.checked == expected);
    }
  }

  TEST_CASE("postgres store: desk roles are kept to their office, and the log to appends") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    const std::string a = "a_" + db.suffix();
    const std::string b = "b_" + db.suffix();
    const std::string reader = "prefecture_" + db.suffix();
    Connection admin(db.conninfo());
    admin.exec("CREATE ROLE " + reader + " NOLOGIN", "a test");
    std::ostringstream log;
    duty::reports::postgres_init(db.conninfo(), a, {}, {reader}, &log);
    CHECK(log.str().find("created role duty_desk_" + a) != std::string::npos);
    duty::reports::postgres_init(db.conninfo(), b, {}, {reader}, nullptr);
    std::ostringstream again;
    duty::reports::postgres_init(db.conninfo(), a, {}, {reader}, &again);
    CHECK(again.str().find("nothing changed") != std::string::npos);
    CHECK_THROWS_AS(duty::reports::postgres_init(db.conninfo(), a, {"no_such_role_" + db.suffix()}, {}, nullptr),
                    UsageError);

    // Each office's desk writes its own office's log, through the store as any desk would.
    for (const auto& office : {a, b}) {
      auto store = std::make_unique<PostgresStore>(
          db.conninfo() + " options='-c role=duty_desk_" + office + "'", office, StoreAccess::kReadWrite);
      store->write([&](StoreTransaction& tx) {
        tx.append(note("from " + office));
        tx.incidents().save(incident("2027-0001", 0, 1));
      });
      CHECK(store->events("notes").size() == 1);
    }
    // A desk of A does not even see office B.
    CHECK_THROWS_AS(PostgresStore(db.conninfo() + " options='-c role=duty_desk_" + a + "'", b, StoreAccess::kReadOnly),
                    StoreError);

    Connection desk(db.conninfo());
    desk.exec("SET ROLE duty_desk_" + a, "a test");
    CHECK(sql_state(desk, "UPDATE duty.events SET by = 'forger'") == "42501");
    CHECK(sql_state(desk, "DELETE FROM duty.events") == "42501");
    CHECK(sql_state(desk, "TRUNCATE duty.events") == "42501");
    CHECK(desk.exec("SELECT count(*) FROM duty.events WHERE office = '" + b + "'", "a test").integer(0, 0) == 0);
    CHECK(desk.exec("SELECT count(*) FROM duty.events", "a test").integer(0, 0) == 1);
    CHECK(desk.exec("SELECT count(*) FROM duty.incidents", "a test").integer(0, 0) == 1);
    CHECK(desk.exec("SELECT count(*) FROM duty.offices", "a test").integer(0, 0) == 1);
    // Writing into another office's rows: refused by row-level security.
    CHECK(sql_state(desk, "INSERT INTO duty.events VALUES ('" + b +
                              "', 2, 'note', 'notes', 0, 0, 'x', '{}', 'p', 'h')") == "42501");
    CHECK(sql_state(desk, "INSERT INTO duty.incidents SELECT '" + b +
                              "', 'x-1', year, number + 1, title, category, location, source, received_by, stated, "
                              "graded, severity, occurred_at, received_at, recorded_at, deaths, injured, "
                              "seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
                              "description, actions, leaders_on_scene, voided, void_reason, corrections, "
                              "supplements FROM duty.incidents") == "42501");
    desk.exec("UPDATE duty.incidents SET title = 'x' WHERE office = '" + b + "'", "a test");
    CHECK(admin.exec("SELECT title FROM duty.incidents WHERE office = '" + b + "'", "a test").text(0, 0) ==
          "title of 2027-0001");
    // Its own projections it may rewrite.
    CHECK(sql_state(desk, "DELETE FROM duty.requirements") == "");
    desk.exec("RESET ROLE", "a test");

    // The prefecture reads both counties and writes neither.
    desk.exec("SET ROLE " + reader, "a test");
    CHECK(desk.exec("SELECT count(*) FROM duty.events", "a test").integer(0, 0) == 2);
    CHECK(sql_state(desk, "INSERT INTO duty.events VALUES ('" + a +
                              "', 2, 'note', 'notes', 0, 0, 'x', '{}', 'p', 'h')") == "42501");
    desk.exec("RESET ROLE", "a test");

    // Not even a superuser changes or removes an event, in replica mode either.
    for (const char* sql : {"DELETE FROM duty.events", "UPDATE duty.events SET by = 'forger'", "TRUNCATE duty.events"}) {
      CAPTURE(sql);
      CHECK(sql_state(admin, sql) == "P0001");
    }
    admin.exec("SET session_replication_role = replica", "a test");
    CHECK(sql_state(admin, "DELETE FROM duty.events") == "P0001");
    CHECK(admin.exec("SELECT count(*) FROM duty.events", "a test").integer(0, 0) == 2);
  }

  TEST_CASE("postgres store: another schema version, or no schema, is refused") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    try {
      open(db, "zeku", StoreAccess::kReadOnly);
      FAIL("opened a database without the duty schema");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("duty db init") != std::string::npos);
    }
    duty::reports::postgres_init(db.conninfo(), "zeku", {superuser(db)}, {}, nullptr);
    CHECK_THROWS_AS(open(db, "other"), StoreError);
    Connection admin(db.conninfo());
    admin.exec("UPDATE duty.meta SET version = 2", "a test");
    try {
      open(db, "zeku");
      FAIL("opened a newer schema");
    } catch (const StoreError& e) {
      const std::string message = e.what();
      CHECK(message.find("version 2, newer than this duty's 1") != std::string::npos);
    }
    CHECK_THROWS_AS(duty::reports::postgres_migrate(db.conninfo()), StoreError);
    admin.exec("UPDATE duty.meta SET version = 1", "a test");
    CHECK(duty::reports::postgres_migrate(db.conninfo()) == 1);
    CHECK_NOTHROW(open(db, "zeku"));

    // Without office.id the database (or the login) may say which office it is; never both, differently.
    CHECK_THROWS_AS(open(db, ""), UsageError);
    admin.exec("ALTER DATABASE " + db.name() + " SET duty.office = 'zeku'", "a test");
    CHECK(open(db, "")->office() == "zeku");
    CHECK(open(db, "zeku")->office() == "zeku");
    try {
      open(db, "other");
      FAIL("opened office other in a database that says it is zeku's");
    } catch (const UsageError&) {
      FAIL("a disagreement between office.yaml and the server is not bad usage");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("sets duty.office to 'zeku'") != std::string::npos);
    }
  }

  TEST_CASE("postgres store: a connection lost in the middle of a write leaves nothing") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    duty::reports::postgres_init(db.conninfo(), "zeku", {superuser(db)}, {}, nullptr);
    auto store = open(db, "zeku");
    store->write([](StoreTransaction& tx) { tx.append(note("before")); });
    Connection admin(db.conninfo());
    try {
      store->write([&](StoreTransaction& tx) {
        tx.append(note("half"));
        // The server goes away (an administrator, a restart, the network) before the commit.
        admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                   "AND pid <> pg_backend_pid()",
                   "a test");
        tx.append(note("never"));
      });
      FAIL("a write on a lost connection succeeded");
    } catch (const UsageError&) {
      FAIL("a lost connection is not bad usage");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("lost the connection to the database server") != std::string::npos);
    }
    auto again = open(db, "zeku", StoreAccess::kReadOnly);
    auto events = again->events("notes");
    REQUIRE(events.size() == 1);
    CHECK(events[0].text("text") == "before");
  }
}
