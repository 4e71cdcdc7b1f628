// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/postgres_store.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "reports/journal/postgres/connection.hpp"
#include "tests/unit/support/postgres_test_store.hpp"

namespace {

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
std::optional<std::string> server() {
  auto s = duty::test::test_pg_server();
  if (!s) MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
  return s;
}

Seconds t(long long s) { return Seconds{std::chrono::seconds{1'800'000'000 + s}}; }

Event note(const std::string& text, long long at = 0, const std::string& by = "tester") {
  Event e;
  e.type = "note";
  e.subject = "notes";
  e.at = t(at);
  e.recorded_at = t(at + 1);
  e.by = by;
  e.data["text"] = text;
  return e;
}

Event created(const std::string& id, long long at) {
  Event e;
  e.type = "created";
  e.subject = id;
  e.at = t(at);
  e.recorded_at = t(at);
  e.by = "tester";
  e.data["title"] = "incident " + id;
  return e;
}

Incident incident(const std::string& id, long long received, int requirements = 0) {
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

std::vector<ProjectionRow> stored_rows(Store& store, Projection p) {
  std::vector<ProjectionRow> out;
  auto cursor = store.projection_rows(p);
  ProjectionRow row;
  while (cursor->next(row)) out.push_back(row);
  return out;
}

// Runs SQL as the test server's superuser on `conninfo`; the error's SQLSTATE when it fails.
std::string sql_state(Connection& conn, const std::string& sql) {
  try {
    conn.exec(sql, "a test");
  } catch (const duty::reports::postgres::ServerError& e) {
    return e.sqlstate();
  }
  return "";
}

std::unique_ptr<PostgresStore> open(const TestDatabase& db, const std::string& office,
                                    StoreAccess access = StoreAccess::kReadWrite) {
  return std::make_unique<PostgresStore>(db.conninfo(), office, access);
}

std::string superuser(const TestDatabase& db) {
  Connection conn(db.conninfo());
  return conn.exec("SELECT current_user", "a test").text(0, 0);
}

}  // namespace

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

  TEST_CASE("postgres store: events come back byte for byte") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    Event awkward = note("中文 \"quoted\" back\\slash\nnew line\ttab \x01 control \x7f end");
    awkward.data["third"] = 1.0 / 3;
    awkward.data["big"] = 9'007'199'254'740'993LL;
    awkward.data["nothing"] = std::monostate{};
    awkward.by = "值班员 \\ \t";
    std::vector<Event> written;
    store->write([&](StoreTransaction& tx) {
      written.push_back(tx.append(awkward));
      written.push_back(tx.append(note("second", 10)));
    });
    REQUIRE(written.size() == 2);
    CHECK(written[0].seq == 1);
    CHECK(written[0].prev_hash == duty::reports::kGenesisHash);
    CHECK(written[1].prev_hash == written[0].hash);
    auto back = store->events("notes");
    REQUIRE(back.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(back[i].payload == written[i].payload);
      CHECK(back[i].hash == written[i].hash);
      CHECK(back[i].prev_hash == written[i].prev_hash);
      CHECK(back[i].by == written[i].by);
      CHECK(back[i].at == written[i].at);
      CHECK(back[i].recorded_at == written[i].recorded_at);
      CHECK(back[i].data == written[i].data);
      CHECK(duty::reports::chain_hash(back[i].prev_hash, back[i]) == back[i].hash);
    }
    std::vector<std::string> payloads;
    store->for_each_event(
        [&](const Event& e) {
          CHECK(e.data.empty());
          payloads.push_back(e.payload);
          return true;
        },
        false);
    CHECK(payloads == std::vector<std::string>{written[0].payload, written[1].payload});
    payloads.clear();
    store->for_each_event(
        [&](const Event& e) {
          payloads.push_back(e.payload);
          return true;
        },
        false, 1);
    CHECK(payloads == std::vector<std::string>{written[1].payload});
    store->write([&](StoreTransaction& tx) {
      auto e = tx.event_at(1);
      REQUIRE(e);
      CHECK(e->payload == written[0].payload);
      CHECK_FALSE(tx.event_at(3));
    });
    auto head = store->chain_point(std::nullopt);
    REQUIRE(head);
    CHECK(head->seq == 2);
    CHECK(head->hash == written[1].hash);
  }

  TEST_CASE("postgres store: the chain verifies, walked in chunks") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    // More events than one chunk of the walk (10,000), in one transaction.
    store->write([&](StoreTransaction& tx) {
      for (int i = 0; i < 10'050; ++i) tx.append(note("n" + std::to_string(i), i));
    });
    store->write([&](StoreTransaction& tx) { tx.append(created("2027-0001", 20'000)); });
    auto result = duty::reports::verify_chain(*store, {5, 10'051});
    CHECK(result.ok());
    CHECK(result.checked == 10'051);
    REQUIRE(result.head);
    CHECK(result.head->seq == 10'051);
    CHECK(result.remembered.size() == 2);
    std::int64_t count = 0;
    std::string last_subject;
    store->for_each_event_by_subject([&](const Event& e) {
      CHECK(e.subject >= last_subject);
      last_subject = e.subject;
      ++count;
      return true;
    });
    CHECK(count == 10'051);
  }

  TEST_CASE("postgres store: the write prelude runs first in every write") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    int runs = 0;
    store->set_write_prelude([&](StoreTransaction& tx) {
      ++runs;
      if (tx.events_of_type("rules").empty()) {
        Event e = note("rules recorded");
        e.type = "rules";
        e.subject = "rules";
        tx.append(e);
      }
    });
    store->write([&](StoreTransaction& tx) { tx.append(note("first")); });
    store->write([&](StoreTransaction& tx) { tx.append(note("second")); });
    CHECK(runs == 2);
    std::vector<std::string> types;
    store->for_each_event(
        [&](const Event& e) {
          types.push_back(e.type);
          return true;
        },
        true);
    CHECK(types == std::vector<std::string>{"rules", "note", "note"});
  }

  TEST_CASE("postgres store: a write that throws leaves nothing") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    // Both ways of writing projection rows: one at a time, and batched (more than 32 saves).
    for (int saves : {1, 100}) {
      CAPTURE(saves);
      CHECK_THROWS_AS(store->write([&](StoreTransaction& tx) {
        for (int i = 1; i <= saves; ++i) {
          tx.append(note("doomed"));
          tx.incidents().save(incident("2027-" + std::to_string(1000 + i), i, 2));
        }
        PendingItem p;
        p.id = "T-1";
        p.text = "doomed";
        p.created_at = t(0);
        tx.pending().save(p);
        throw std::runtime_error("the command failed half-way");
      }),
                      std::runtime_error);
      CHECK_FALSE(store->chain_point(std::nullopt));
      CHECK(store->incidents().list({}).empty());
      CHECK(store->pending().items(true).empty());
      CHECK(stored_rows(*store, Projection::kRequirements).empty());
    }
    store->write([&](StoreTransaction& tx) { CHECK(tx.append(note("kept")).seq == 1); });
  }

  TEST_CASE("postgres store: a conflict reruns the transaction, a bounded number of times") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    int runs = 0;
    store->write([&](StoreTransaction& tx) {
      ++runs;
      tx.append(note("attempt " + std::to_string(runs)));
      if (runs == 1) throw duty::reports::postgres::ServerError("could not serialize access", "40001");
    });
    CHECK(runs == 2);
    auto events = store->events("notes");
    REQUIRE(events.size() == 1);
    CHECK(events[0].text("text") == "attempt 2");
    runs = 0;
    try {
      store->write([&](StoreTransaction& tx) {
        ++runs;
        tx.append(note("never"));
        throw duty::reports::postgres::ServerError("deadlock detected", "40P01");
      });
      FAIL("a transaction that always conflicts was committed");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("5 attempts") != std::string::npos);
    }
    CHECK(runs == 5);
    CHECK(store->events("notes").size() == 1);
  }

  TEST_CASE("postgres store: the registers' tables") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    Incident open = incident("2027-0002", 100, 3);
    Incident closed = incident("2027-0001", 200, 1);
    closed.closed = true;
    closed.closed_at = t(300);
    closed.requirements[0].made_at = t(250);
    closed.requirements[0].made_seq = 7;
    Incident voided = incident("2027-0003", 150);
    voided.voided = true;
    voided.void_reason = "entered twice";
    store->write([&](StoreTransaction& tx) {
      CHECK(tx.incidents().max_number(2027) == 0);
      for (const auto& i : {open, closed, voided}) tx.incidents().save(i);
      CHECK(tx.incidents().max_number(2027) == 3);
      CHECK(tx.incidents().max_number(2026) == 0);
    });
    auto ids = [](const std::vector<Incident>& list) {
      std::vector<std::string> out;
      for (const auto& i : list) out.push_back(i.id);
      return out;
    };
    CHECK(ids(store->incidents().list({})) == std::vector<std::string>{"2027-0002", "2027-0001"});
    ListQuery all;
    all.include_void = true;
    CHECK(ids(store->incidents().list(all)) == std::vector<std::string>{"2027-0002", "2027-0003", "2027-0001"});
    ListQuery still_open;
    still_open.closed = false;
    CHECK(ids(store->incidents().list(still_open)) == std::vector<std::string>{"2027-0002"});
    ListQuery open_then;
    open_then.open_at = t(250);
    CHECK(ids(store->incidents().list(open_then)) == std::vector<std::string>{"2027-0002", "2027-0001"});
    open_then.open_at = t(350);
    CHECK(ids(store->incidents().list(open_then)) == std::vector<std::string>{"2027-0002"});
    ListQuery graver;
    graver.severity = Severity::kIII;
    graver.from = t(150);
    CHECK(ids(store->incidents().list(graver)) == std::vector<std::string>{"2027-0001"});

    auto listed = store->incidents().list({});
    REQUIRE(listed.size() == 2);
    CHECK(listed[1].closed);
    CHECK(listed[1].closed_at == t(300));
    CHECK(listed[0].description == open.description);
    CHECK(listed[0].location == open.location);
    CHECK(listed[0].loss == open.loss);
    CHECK(listed[0].casualties.trapped == 5);

    // Reports due at the same moment come in the order the rules made them (z, y, x), not by name.
    auto due = store->incidents().due_reports(t(100 + 7200), false);
    std::vector<std::string> to;
    for (const auto& d : due) to.push_back(d.incident + " " + d.requirement.to);
    CHECK(to == std::vector<std::string>{"2027-0002 z", "2027-0002 y", "2027-0002 x"});
    // Looking back to before the closed incident's report was made, it was owed.
    due = store->incidents().due_reports(t(240), true);
    to.clear();
    for (const auto& d : due) to.push_back(d.incident + " " + d.requirement.to);
    CHECK(to == std::vector<std::string>{"2027-0002 z", "2027-0002 y", "2027-0002 x", "2027-0001 z"});
    CHECK(due.back().requirement.made_at == t(250));
    CHECK(due.back().title == closed.title);

    // The stored rows are the rows of the records.
    auto rows = stored_rows(*store, Projection::kIncidents);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].key == duty::reports::incident_row(closed).key);
    CHECK(rows[0].cells == duty::reports::incident_row(closed).cells);
    CHECK(rows[1].cells == duty::reports::incident_row(open).cells);
    CHECK(stored_rows(*store, Projection::kRequirements).size() == 4);

    PendingItem todo;
    todo.id = "T-1";
    todo.text = "call back";
    todo.created_at = t(10);
    todo.due = t(500);
    PendingItem order = todo;
    order.id = "P-1";
    order.instruction = true;
    order.leader = "director";
    RosterShiftRecord shift;
    shift.date = Days{date::days{20'000}};
    shift.start = t(0);
    shift.end = t(86'400);
    shift.day_type = "workday";
    shift.assignments = {{"leader", {"wang"}}, {"officer", {"li", "zhao"}}};
    shift.slot_names = {{"leader", "带班领导"}};
    shift.version = 1;
    shift.last_seq = 3;
    store->write([&](StoreTransaction& tx) {
      tx.pending().save(todo);
      tx.pending().save(order);
      CHECK(tx.pending().max_number("T") == 1);
      CHECK(tx.pending().max_number("P") == 1);
      REQUIRE(tx.pending().find("P-1"));
      CHECK(tx.pending().find("P-1")->leader == "director");
      CHECK_FALSE(tx.pending().find("T-2"));
      tx.roster().save_shift(shift);
      tx.roster().save_person({"wang", "王", "123", 4});
      CHECK(tx.roster().shifts(std::nullopt, std::nullopt).size() == 1);
    });
    auto items = store->pending().items(false);
    REQUIRE(items.size() == 2);
    CHECK(items[0].id == "T-1");
    CHECK(items[0].due == t(500));
    CHECK(store->roster().shift_at(t(100)));
    CHECK(store->roster().shift_at(t(100))->assignments == shift.assignments);
    CHECK_FALSE(store->roster().shift_at(t(86'400)));
    CHECK(store->roster().shifts(Days{date::days{20'001}}, std::nullopt).empty());
    CHECK(store->roster().people().at(0).name == "王");
    auto heads = store->subject_heads();
    CHECK(heads.size() == 5);

    store->write([&](StoreTransaction& tx) { tx.clear_projections(); });
    for (Projection p : duty::reports::kProjections) CHECK(stored_rows(*store, p).empty());
  }

  TEST_CASE("postgres store: a batch of saves writes what one save at a time writes") {
    auto store = duty::test::make_test_postgres_store("zeku");
    if (!store) {
      MESSAGE("DUTY_TEST_PG is not set: the PostgreSQL test is skipped");
      return;
    }
    std::vector<Incident> incidents;
    for (int i = 1; i <= 200; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "2027-%04d", i);
      incidents.push_back(incident(id, i, i % 4));
    }
    store->write([&](StoreTransaction& tx) {
      for (const auto& i : incidents) tx.incidents().save(i);
      // Saved again, changed, in the same batch: the newest save wins, its reports replace the old.
      Incident again = incidents[0];
      again.closed = true;
      again.closed_at = t(999);
      again.requirements.resize(1);
      again.events.push_back(created("x", 0));
      tx.incidents().save(again);
      incidents[0] = again;
      // A read in the middle of the batch sees every save before it.
      CHECK(tx.incidents().max_number(2027) == 200);
    });
    // And in a later transaction, one more save, one at a time, on top of the batch's rows.
    store->write([&](StoreTransaction& tx) {
      incidents[1].title = "renamed";
      incidents[1].events.push_back(created("x", 0));
      incidents[1].requirements.clear();
      tx.incidents().save(incidents[1]);
    });
    auto rows = stored_rows(*store, Projection::kIncidents);
    REQUIRE(rows.size() == 200);
    for (std::size_t n = 0; n < rows.size(); ++n) CHECK(rows[n].cells == duty::reports::incident_row(incidents[n]).cells);
    std::size_t reports = 0;
    for (const auto& i : incidents) reports += i.requirements.size();
    CHECK(stored_rows(*store, Projection::kRequirements).size() == reports);
  }

  TEST_CASE("postgres store: a whole chain copied through COPY") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    const std::string user = superuser(db);
    duty::reports::postgres_init(db.conninfo(), "from", {user}, {}, nullptr);
    duty::reports::postgres_init(db.conninfo(), "to", {user}, {}, nullptr);
    auto from = open(db, "from");
    from->write([&](StoreTransaction& tx) {
      for (int i = 0; i < 500; ++i) tx.append(note("line\t" + std::to_string(i) + "\\n", i));
      tx.append(created("2027-0001", 600));
    });
    std::vector<Event> source;
    from->for_each_event(
        [&](const Event& e) {
          source.push_back(e);
          return true;
        },
        false);
    auto to = open(db, "to");
    to->write([&](StoreTransaction& tx) {
      for (const auto& e : source) tx.append_copied(e);
      tx.incidents().save(incident("2027-0001", 600, 2));
    });
    std::vector<Event> copied;
    to->for_each_event(
        [&](const Event& e) {
          copied.push_back(e);
          return true;
        },
        false);
    REQUIRE(copied.size() == source.size());
    for (std::size_t i = 0; i < copied.size(); ++i) {
      CHECK(copied[i].payload == source[i].payload);
      CHECK(copied[i].hash == source[i].hash);
      CHECK(copied[i].prev_hash == source[i].prev_hash);
    }
    CHECK(duty::reports::verify_chain(*to).ok());
    CHECK(to->incidents().list({}).size() == 1);
    // A second copy onto it is refused, at once, and leaves it as it was.
    int runs = 0;
    CHECK_THROWS_AS(to->write([&](StoreTransaction& tx) {
      ++runs;
      for (const auto& e : source) tx.append_copied(e);
    }),
                    StoreError);
    CHECK(runs == 1);
    CHECK(to->chain_point(std::nullopt)->seq == static_cast<std::int64_t>(source.size()));
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
  }

  TEST_CASE("postgres store: read-only stores and snapshots") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    duty::reports::postgres_init(db.conninfo(), "zeku", {superuser(db)}, {}, nullptr);
    auto writer = open(db, "zeku");
    auto reader = open(db, "zeku", StoreAccess::kReadOnly);
    CHECK_THROWS_AS(reader->write([](StoreTransaction&) {}), StoreError);
    writer->write([](StoreTransaction& tx) { tx.append(note("one")); });
    reader->read([&] {
      CHECK(reader->events("notes").size() == 1);
      writer->write([](StoreTransaction& tx) { tx.append(note("two")); });
      // One snapshot for the whole read.
      CHECK(reader->events("notes").size() == 1);
      CHECK(reader->chain_point(std::nullopt)->seq == 1);
    });
    CHECK(reader->events("notes").size() == 2);
  }

  TEST_CASE("postgres store: waiting for another desk's events") {
    auto srv = server();
    if (!srv) return;
    TestDatabase db(*srv);
    const std::string user = superuser(db);
    duty::reports::postgres_init(db.conninfo(), "zeku", {user}, {}, nullptr);
    duty::reports::postgres_init(db.conninfo(), "other", {user}, {}, nullptr);
    auto watcher = open(db, "zeku", StoreAccess::kReadOnly);
    auto desk = open(db, "zeku");
    auto elsewhere = open(db, "other");
    CHECK_FALSE(watcher->wait_for_change(50ms));
    elsewhere->write([](StoreTransaction& tx) { tx.append(note("not ours")); });
    CHECK_FALSE(watcher->wait_for_change(200ms));
    desk->write([](StoreTransaction& tx) { tx.append(note("ours")); });
    auto start = std::chrono::steady_clock::now();
    CHECK(watcher->wait_for_change(5s));
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    // A write that appends nothing notifies nobody.
    desk->write([](StoreTransaction&) {});
    CHECK_FALSE(watcher->wait_for_change(100ms));
  }
}
