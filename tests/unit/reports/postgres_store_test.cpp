// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/postgres_store.hpp"

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/unit/reports/postgres_test_helpers.hpp"

using namespace duty::test::pg;

TEST_SUITE("reports::postgres") {
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
