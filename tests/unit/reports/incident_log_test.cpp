// SPDX-License-Identifier: Apache-2.0
#include "reports/incident_log.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"
#include "tests/unit/support/store_backends.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::Channel;
using duty::reports::DueReport;
using duty::reports::EscalationRule;
using duty::reports::Event;
using duty::reports::ImportRecord;
using duty::reports::Incident;
using duty::reports::IncidentFields;
using duty::reports::Store;
using duty::reports::MemoryStore;
using duty::reports::NewIncident;
using duty::reports::Office;
using duty::reports::SqliteStore;
using duty::reports::StoreAccess;
using duty::test::InMemory;
using duty::test::InPostgres;
using duty::test::InSqlite;
using duty::test::TempPath;

// Shanghai has kept UTC+8 all year since 1991, so local times convert by a fixed offset and the
// expected instants do not depend on the conversion code under test.
Seconds cst(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}
Seconds at(int h, int mi, int s = 0) {
  return cst(2027, 3, 10, h, mi, s);
}

std::string iso(Seconds t) {
  return duty::format_iso(*duty::find_zone("Asia/Shanghai"), t);
}
std::string iso(const std::optional<Seconds>& t) {
  return t ? iso(*t) : std::string("(none)");
}

Office office() {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan prefecture", ""}, {"province", "Qinghai province", ""}};
  o.categories = duty::reports::builtin_categories();
  EscalationRule phone;
  phone.to = {"prefecture"};
  phone.via = Channel::kPhone;
  phone.within = 30min;
  phone.basis = "Art. 9";
  o.escalation = {phone};
  return o;
}

// The office clock sits late in the day so every time used below is in the past.
const Actor kActor{"ann", at(23, 0)};

NewIncident fire(Seconds received) {
  NewIncident n;
  n.fields.title = "Fire at the Zeku county market";
  n.fields.category = "fire";
  n.received = received;
  return n;
}

std::int64_t event_count(Store& store) {
  std::int64_t n = 0;
  store.for_each_event(
      [&](const Event&) {
        ++n;
        return true;
      },
      false);
  return n;
}

// The field a command refused, checking that nothing was written; "" when it did not refuse.
std::string refused_field(Store& store, const std::function<void()>& command) {
  std::int64_t before = event_count(store);
  std::string field;
  try {
    command();
  } catch (const duty::FieldError& e) {
    CHECK(e.code() == duty::ExitCode::kBadInput);
    field = e.field();
  }
  CHECK(event_count(store) == before);
  return field;
}

std::vector<std::string> types(const Incident& inc) {
  std::vector<std::string> out;
  for (const auto& e : inc.events) out.push_back(e.type);
  return out;
}

// Five events over two incidents; the last one is incident 2027-0002's.
void fill(Store& s) {
  Office o = office();
  add_incident(s, o, fire(at(9, 0)), kActor);
  add_incident(s, o, fire(at(9, 5)), kActor);
  update_incident(s, o, "2027-0001", IncidentFields{}, at(9, 30), kActor);
  escalate_incident(s, o, "2027-0001", "prefecture", Channel::kPhone, at(9, 20), "", kActor);
  duty::reports::close_incident(s, o, "2027-0002", IncidentFields{}, at(10, 0), kActor);
}

// Runs SQL on a file through SQLite directly, as another program would.
void raw_sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* msg = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
  std::string error = msg ? msg : "";
  sqlite3_free(msg);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, error);
}

// The one number a query of the file's raw SQLite answers (a count, a pragma).
long long scalar(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  long long n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// The message of the StoreError opening the file throws; "" when it opens.
std::string open_error(const std::string& path, StoreAccess access) {
  try {
    SqliteStore s(path, access);
  } catch (const duty::StoreError& e) {
    CHECK(e.code() == duty::ExitCode::kEnvironment);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("reports::incident_log") {
  TEST_CASE_TEMPLATE("ids are YYYY-NNNN by the received date in the office's zone", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    Actor actor{"ann", cst(2027, 1, 2, 12, 0)};
    // 23:30 on New Year's Eve in Shanghai is 15:30 UTC, still 2026 both ways.
    CHECK(add_incident(b.store(), o, fire(cst(2026, 12, 31, 23, 30)), actor).id == "2026-0001");
    // 00:10 on 1 January in Shanghai is 16:10 UTC on 31 December: the local date decides.
    CHECK(add_incident(b.store(), o, fire(cst(2027, 1, 1, 0, 10)), actor).id == "2027-0001");
    CHECK(add_incident(b.store(), o, fire(cst(2027, 1, 1, 9, 0)), actor).id == "2027-0002");
    // A 2026 incident entered late continues 2026's numbering.
    CHECK(add_incident(b.store(), o, fire(cst(2026, 12, 31, 8, 0)), actor).id == "2026-0002");
    // Without --received, the actor's now decides.
    NewIncident now = fire(cst(2027, 1, 1, 0, 0));
    now.received.reset();
    CHECK(add_incident(b.store(), o, now, actor).id == "2027-0003");
  }

  TEST_CASE_TEMPLATE("ids are sequential and never reused", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    Store& s = b.store();
    CHECK(add_incident(s, o, fire(at(9, 0)), kActor).id == "2027-0001");
    CHECK(add_incident(s, o, fire(at(9, 5)), kActor).id == "2027-0002");
    CHECK(add_incident(s, o, fire(at(9, 10)), kActor).id == "2027-0003");
    duty::reports::close_incident(s, o, "2027-0003", IncidentFields{}, at(10, 0), kActor);
    update_incident(s, o, "2027-0001", IncidentFields{}, at(10, 0), kActor);
    // A refused add consumes no number.
    NewIncident bad = fire(at(9, 20));
    bad.fields.category = "volcano";
    CHECK_THROWS_AS(add_incident(s, o, bad, kActor), duty::FieldError);
    // Received earlier than the others, still numbered after them.
    CHECK(add_incident(s, o, fire(at(8, 0)), kActor).id == "2027-0004");
    Store& again = b.reopen();
    CHECK(add_incident(again, o, fire(at(9, 30)), kActor).id == "2027-0005");
    auto rows = again.incidents().list({});
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].id == "2027-0004");  // listed by received time
    CHECK(rows[1].id == "2027-0001");
  }

  TEST_CASE_TEMPLATE("add, update, escalate, close and load keep the whole timeline", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    NewIncident n = fire(at(14, 0));
    n.fields.occurred = at(13, 45);
    n.fields.location = "Market street";
    n.fields.deaths = 0;
    n.fields.injured = 2;
    n.fields.loss = 12.5;
    n.fields.severity = duty::reports::Severity::kIV;
    n.fields.note = "Stall fire spreading to the roof";
    Incident added = add_incident(b.store(), o, n, kActor);
    CHECK(added.id == "2027-0001");
    CHECK(added.last_seq == 1);
    REQUIRE(added.requirements.size() == 1);
    CHECK(iso(added.requirements[0].due) == "2027-03-10T14:30:00+08:00");

    IncidentFields u;
    u.deaths = 1;
    u.note = "One stall keeper died";
    Incident updated = update_incident(b.store(), o, added.id, u, at(14, 40), kActor);
    CHECK(updated.followups == 1);
    CHECK(updated.casualties.deaths == 1);

    Incident escalated = escalate_incident(b.store(), o, added.id, "prefecture", Channel::kPhone,
                                           at(14, 50), "duty officer Li", kActor);
    CHECK(escalated.requirements.at(0).minutes_late() == 20);

    IncidentFields fin;
    fin.loss = 80;
    fin.note = "Fire out at 16:20";
    Incident closed =
        duty::reports::close_incident(b.store(), o, added.id, fin, at(16, 30), kActor);
    CHECK(closed.closed);

    Store& s = b.reopen();
    Incident inc = duty::reports::load_incident(s, o, added.id);
    CHECK(types(inc) == std::vector<std::string>{"created", "update", "escalation", "closed"});
    CHECK(inc.title == "Fire at the Zeku county market");
    CHECK(inc.category == "fire");
    CHECK(inc.location == "Market street");
    CHECK(inc.description == "Stall fire spreading to the roof");
    CHECK(iso(inc.occurred_at) == "2027-03-10T13:45:00+08:00");
    CHECK(iso(inc.received_at) == "2027-03-10T14:00:00+08:00");
    CHECK(inc.casualties.deaths == 1);
    CHECK(inc.casualties.injured == 2);
    CHECK(inc.loss == 80.0);
    CHECK(inc.followups == 1);
    CHECK(inc.closed);
    CHECK(iso(inc.closed_at) == "2027-03-10T16:30:00+08:00");
    CHECK(inc.last_seq == 4);
    REQUIRE(inc.requirements.size() == 1);
    CHECK(iso(inc.requirements[0].made_at) == "2027-03-10T14:50:00+08:00");
    CHECK(inc.requirements[0].made_seq == 3);

    REQUIRE(inc.events.size() == 4);
    for (std::size_t k = 0; k < inc.events.size(); ++k) {
      CAPTURE(k);
      CHECK(inc.events[k].seq == static_cast<std::int64_t>(k) + 1);
      CHECK(inc.events[k].subject == "2027-0001");
      CHECK(inc.events[k].by == "ann");
      // recorded_at is the system clock, never the time the user gave.
      CHECK(iso(inc.events[k].recorded_at) == "2027-03-10T23:00:00+08:00");
      CHECK(inc.events[k].hash.size() == 64);
    }
    CHECK(inc.events[0].prev_hash == duty::reports::kGenesisHash);
    CHECK(inc.events[1].prev_hash == inc.events[0].hash);
    CHECK(inc.events[0].text("description") == "Stall fire spreading to the roof");
    CHECK(inc.events[0].text("severity") == "IV");
    CHECK(inc.events[0].number("loss") == 12.5);
    CHECK(inc.events[1].integer("number") == 1);
    CHECK(inc.events[1].integer("deaths") == 1);
    CHECK(inc.events[1].text("note") == "One stall keeper died");
    CHECK(iso(inc.events[1].at) == "2027-03-10T14:40:00+08:00");
    CHECK(inc.events[2].text("to") == "prefecture");
    CHECK(inc.events[2].text("via") == "phone");
    CHECK(inc.events[2].text("note") == "duty officer Li");
    CHECK(inc.events[3].text("note") == "Fire out at 16:20");
    CHECK(inc.events[3].number("loss") == 80.0);

    auto rows = s.incidents().list({});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == "2027-0001");
    CHECK(rows[0].closed);
    CHECK(rows[0].casualties.deaths == 1);
    CHECK(rows[0].followups == 1);
    CHECK(rows[0].last_seq == 4);
    CHECK(event_count(s) == 4);
    CHECK(duty::reports::verify_chain(s).ok());
  }

  TEST_CASE_TEMPLATE(
      "due_reports orders by deadline, incident, then the rules' order, also looking back", B,
      InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    // The rules' order is not alphabetical, so a sort by organisation would show.
    EscalationRule province = o.escalation[0], written = o.escalation[0];
    province.to = {"province"};
    written.via = Channel::kWritten;
    o.escalation = {province, o.escalation[0], written};
    std::string first = add_incident(b.store(), o, fire(at(14, 0)), kActor).id;
    std::string second = add_incident(b.store(), o, fire(at(14, 0)), kActor).id;
    std::string earlier = add_incident(b.store(), o, fire(at(13, 50)), kActor).id;
    auto listing = [&](Seconds when) {
      std::string out;
      for (const auto& d : b.store().incidents().due_reports(when, false)) {
        out += d.incident + " " + d.requirement.to + " " +
               std::string(to_string(d.requirement.via)) + "\n";
      }
      return out;
    };
    const std::string all = earlier + " province phone\n" + earlier + " prefecture phone\n" +
                            earlier + " prefecture written\n" + first + " province phone\n" +
                            first + " prefecture phone\n" + first + " prefecture written\n" +
                            second + " province phone\n" + second + " prefecture phone\n" + second +
                            " prefecture written\n";
    CHECK(listing(at(14, 45)) == all);
    // Made at 14:50: gone from 15:00, but still owed as of 14:45, in the same place.
    escalate_incident(b.store(), o, first, "prefecture", Channel::kPhone, at(14, 50), "", kActor);
    escalate_incident(b.store(), o, earlier, "province", Channel::kPhone, at(14, 55), "", kActor);
    CHECK(listing(at(14, 45)) == all);
    CHECK(listing(at(15, 0)) ==
          earlier + " prefecture phone\n" + earlier + " prefecture written\n" + first +
              " province phone\n" + first + " prefecture written\n" + second + " province phone\n" +
              second + " prefecture phone\n" + second + " prefecture written\n");
    CHECK(listing(at(13, 0)).empty());
  }

  TEST_CASE_TEMPLATE("due_reports lists what is owed and drops what was made", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    std::string id = add_incident(b.store(), o, fire(at(14, 0)), kActor).id;
    CHECK(b.store().incidents().due_reports(at(14, 20), false).empty());
    auto upcoming = b.store().incidents().due_reports(at(14, 20), true);
    REQUIRE(upcoming.size() == 1);
    CHECK(upcoming[0].incident == id);
    CHECK(upcoming[0].title == "Fire at the Zeku county market");
    CHECK(iso(upcoming[0].requirement.due) == "2027-03-10T14:30:00+08:00");
    auto overdue = b.store().incidents().due_reports(at(14, 45), false);
    REQUIRE(overdue.size() == 1);
    CHECK(overdue[0].requirement.minutes_overdue(at(14, 45)) == 15);
    escalate_incident(b.store(), o, id, "prefecture", Channel::kPhone, at(14, 50), "", kActor);
    CHECK(b.store().incidents().due_reports(at(15, 0), true).empty());
    // As of 14:45 the report had not been made yet.
    CHECK(b.store().incidents().due_reports(at(14, 45), false).size() == 1);
  }

  TEST_CASE_TEMPLATE("every refused field is named and nothing is written", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Store& s = b.store();
    Office o = office();
    std::string id = add_incident(s, o, fire(at(14, 0)), kActor).id;
    std::string closed_id = add_incident(s, o, fire(at(14, 5)), kActor).id;
    duty::reports::close_incident(s, o, closed_id, IncidentFields{}, at(15, 0), kActor);
    REQUIRE(event_count(s) == 3);

    auto add = [&](const std::function<void(NewIncident&)>& change) {
      return refused_field(s, [&] {
        NewIncident n = fire(at(14, 10));
        change(n);
        add_incident(s, o, n, kActor);
      });
    };
    auto update = [&](const std::function<void(IncidentFields&)>& change) {
      return refused_field(s, [&] {
        IncidentFields f;
        change(f);
        update_incident(s, o, id, f, at(14, 30), kActor);
      });
    };

    SUBCASE("unknown category") {
      CHECK(add([](NewIncident& n) { n.fields.category = "minning"; }) == "category");
      CHECK(update([](IncidentFields& f) { f.category = "volcano"; }) == "category");
      NewIncident n = fire(at(14, 10));
      n.fields.category = "minning";
      try {
        add_incident(s, o, n, kActor);
        FAIL("an unknown category was accepted");
      } catch (const duty::FieldError& e) {
        CHECK(std::string(e.what()) ==
              "unknown category 'minning' (did you mean 矿山事故 (mining)?); 'duty incident "
              "categories' lists them");
      }
    }
    SUBCASE("missing title or category on add") {
      CHECK(add([](NewIncident& n) { n.fields.title.reset(); }) == "title");
      CHECK(add([](NewIncident& n) { n.fields.category.reset(); }) == "category");
      CHECK(add([](NewIncident& n) { n.fields.title = ""; }) == "title");
    }
    SUBCASE("negative figures") {
      CHECK(add([](NewIncident& n) { n.fields.deaths = -1; }) == "deaths");
      CHECK(add([](NewIncident& n) { n.fields.injured = -1; }) == "injured");
      CHECK(add([](NewIncident& n) { n.fields.seriously_injured = -1; }) == "seriously-injured");
      CHECK(add([](NewIncident& n) { n.fields.missing = -1; }) == "missing");
      CHECK(add([](NewIncident& n) { n.fields.trapped = -1; }) == "trapped");
      CHECK(add([](NewIncident& n) { n.fields.loss = -0.5; }) == "loss");
      CHECK(update([](IncidentFields& f) { f.deaths = -3; }) == "deaths");
      CHECK(update([](IncidentFields& f) { f.loss = -1; }) == "loss");
      CHECK(refused_field(s, [&] {
              IncidentFields f;
              f.trapped = -1;
              duty::reports::close_incident(s, o, id, f, at(16, 0), kActor);
            }) == "trapped");
    }
    SUBCASE("received in the future") {
      CHECK(add([](NewIncident& n) { n.received = kActor.now + 1s; }) == "received");
      // Exactly now is not the future.
      CHECK(add_incident(s, o, fire(kActor.now), kActor).id == "2027-0003");
    }
    SUBCASE("occurred in the future") {
      CHECK(add([](NewIncident& n) { n.fields.occurred = kActor.now + 1min; }) == "occurred");
    }
    SUBCASE("received before it occurred") {
      CHECK(add([](NewIncident& n) { n.fields.occurred = at(14, 11); }) == "received");
      // Received the minute it occurred is possible.
      NewIncident same = fire(at(14, 10));
      same.fields.occurred = at(14, 10);
      CHECK(add_incident(s, o, same, kActor).id == "2027-0003");
    }
    SUBCASE("an update before the incident was received, or in the future") {
      CHECK(refused_field(s, [&] {
              update_incident(s, o, id, IncidentFields{}, at(13, 59), kActor);
            }) == "at");
      CHECK(refused_field(s, [&] {
              update_incident(s, o, id, IncidentFields{}, kActor.now + 1s, kActor);
            }) == "at");
      CHECK(refused_field(s, [&] {
              escalate_incident(s, o, id, "prefecture", Channel::kPhone, at(13, 59), "", kActor);
            }) == "at");
      CHECK(refused_field(s, [&] {
              duty::reports::close_incident(s, o, id, IncidentFields{}, at(13, 0), kActor);
            }) == "at");
    }
    SUBCASE("an update or a second close of a closed incident") {
      CHECK(refused_field(s, [&] {
              update_incident(s, o, closed_id, IncidentFields{}, at(16, 0), kActor);
            }) == "id");
      CHECK(refused_field(s, [&] {
              duty::reports::close_incident(s, o, closed_id, IncidentFields{}, at(16, 0), kActor);
            }) == "id");
      // An escalation is still accepted after closing.
      escalate_incident(s, o, closed_id, "prefecture", Channel::kPhone, at(16, 0), "", kActor);
      CHECK(event_count(s) == 4);
    }
    SUBCASE("an unknown id") {
      CHECK(refused_field(s, [&] {
              update_incident(s, o, "2027-0099", IncidentFields{}, at(16, 0), kActor);
            }) == "id");
      CHECK(refused_field(s, [&] {
              escalate_incident(s, o, "2027-0099", "prefecture", Channel::kPhone, at(16, 0), "",
                                kActor);
            }) == "id");
      CHECK(refused_field(s, [&] {
              duty::reports::close_incident(s, o, "2027-0099", IncidentFields{}, at(16, 0), kActor);
            }) == "id");
      CHECK(refused_field(s, [&] { duty::reports::load_incident(s, o, "2027-0099"); }) == "id");
    }
    SUBCASE("an unknown organisation") {
      CHECK(refused_field(s, [&] {
              escalate_incident(s, o, id, "prefectur", Channel::kPhone, at(14, 20), "", kActor);
            }) == "to");
    }
    SUBCASE("control characters in text") {
      CHECK(add([](NewIncident& n) { n.fields.location = std::string("Market\x01street"); }) ==
            "location");
    }
    CHECK(event_count(s) >= 3);
    CHECK(duty::reports::verify_chain(s).ok());
  }

  TEST_CASE_TEMPLATE("import_incidents records updates, escalations and closing", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    ImportRecord a;
    a.incident = fire(at(9, 0));
    a.incident.fields.injured = 1;
    ImportRecord::Update u1{at(9, 30), {}};
    u1.fields.deaths = 1;
    ImportRecord::Update u2{at(10, 0), {}};
    u2.fields.note = "Second follow-up";
    a.updates = {u1, u2};
    a.escalations = {{"prefecture", Channel::kPhone, at(9, 20), "phoned"}};
    a.closed_at = at(12, 0);
    a.closed_fields.note = "Final report";
    ImportRecord c;
    c.incident = fire(at(8, 0));

    auto ids = duty::reports::import_incidents(b.store(), o, {a, c}, kActor);
    CHECK(ids == std::vector<std::string>{"2027-0001", "2027-0002"});
    CHECK(event_count(b.store()) == 6);

    Incident inc = duty::reports::load_incident(b.reopen(), o, "2027-0001");
    CHECK(types(inc) ==
          std::vector<std::string>{"created", "update", "update", "escalation", "closed"});
    CHECK(inc.followups == 2);
    CHECK(inc.casualties.deaths == 1);
    CHECK(inc.casualties.injured == 1);
    CHECK(inc.closed);
    CHECK(iso(inc.closed_at) == "2027-03-10T12:00:00+08:00");
    CHECK(inc.events[1].integer("number") == 1);
    CHECK(inc.events[2].integer("number") == 2);
    CHECK(inc.events[4].text("note") == "Final report");
    REQUIRE(inc.requirements.size() == 1);
    CHECK(iso(inc.requirements[0].made_at) == "2027-03-10T09:20:00+08:00");
    CHECK(inc.requirements[0].minutes_late() == 0);
    // The listing row is the fold of all the imported events, not just the created one.
    auto rows = b.store().incidents().list({});
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].id == "2027-0001");
    CHECK(rows[1].closed);
    CHECK(rows[1].followups == 2);
    CHECK(rows[1].last_seq == 5);
    CHECK(b.store().incidents().due_reports(at(23, 0), false).size() == 1);  // 2027-0002's phone report
    CHECK(duty::reports::verify_chain(b.store()).ok());
  }

  TEST_CASE_TEMPLATE("import_incidents is all or nothing", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    add_incident(b.store(), o, fire(at(7, 0)), kActor);
    REQUIRE(event_count(b.store()) == 1);

    ImportRecord good;
    good.incident = fire(at(9, 0));
    good.pos = {"import.yaml", 1, 3};
    ImportRecord bad_category;
    bad_category.incident = fire(at(9, 0));
    bad_category.incident.fields.category = "minning";
    bad_category.pos = {"import.yaml", 5, 3};
    ImportRecord bad_escalation;
    bad_escalation.incident = fire(at(9, 0));
    bad_escalation.escalations = {{"county", Channel::kPhone, at(9, 10), ""}};
    bad_escalation.pos = {"import.yaml", 9, 3};
    ImportRecord update_too_early;
    update_too_early.incident = fire(at(9, 0));
    update_too_early.updates = {{at(8, 0), {}}};
    update_too_early.pos = {"import.yaml", 12, 3};

    try {
      duty::reports::import_incidents(
          b.store(), o, {good, bad_category, bad_escalation, update_too_early}, kActor);
      FAIL("an import with bad records was accepted");
    } catch (const duty::InputError& e) {
      const auto& ds = e.diagnostics();
      REQUIRE(ds.size() == 3);
      CHECK(ds[0].pos.str() == "import.yaml:5:3");
      CHECK(ds[0].message.rfind(
                "category: unknown category 'minning' (did you mean 矿山事故 (mining)?)", 0) == 0);
      CHECK(ds[1].pos.str() == "import.yaml:9:3");
      CHECK(ds[1].message.rfind("to: unknown organisation 'county'", 0) == 0);
      CHECK(ds[2].pos.str() == "import.yaml:12:3");
      CHECK(ds[2].message.rfind("updates: ", 0) == 0);
    }
    CHECK(event_count(b.store()) == 1);
    CHECK(b.store().incidents().list({}).size() == 1);
    // No number was consumed by the refused import.
    CHECK(add_incident(b.store(), o, fire(at(9, 0)), kActor).id == "2027-0002");
  }

  TEST_CASE("import_incidents refuses a follow-up dated after the final report") {
    // close_incident documents that no updates are accepted after the final report; an import
    // must not be a way around that.
    MemoryStore s;
    Office o = office();
    ImportRecord r;
    r.incident = fire(at(9, 0));
    r.closed_at = at(10, 0);
    r.updates = {{at(11, 0), {}}};
    r.pos = {"import.yaml", 1, 3};
    CHECK_THROWS_AS(duty::reports::import_incidents(s, o, {r}, kActor), duty::InputError);
    CHECK(event_count(s) == 0);
  }

  TEST_CASE_TEMPLATE("a failing write leaves nothing behind", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    Office o = office();
    add_incident(b.store(), o, fire(at(9, 0)), kActor);
    CHECK_THROWS_AS(b.store().write([&](duty::reports::StoreTransaction& tx) {
      Event e;
      e.type = "created";
      e.subject = "2027-0002";
      e.at = at(9, 0);
      e.recorded_at = kActor.now;
      tx.append(e);
      throw duty::FieldError("test", "abandoned half-way");
    }),
                    duty::FieldError);
    CHECK(event_count(b.store()) == 1);
    CHECK(b.store().events("2027-0002").empty());
    CHECK(add_incident(b.store(), o, fire(at(9, 5)), kActor).id == "2027-0002");
    CHECK(duty::reports::verify_chain(b.store()).ok());
  }
}

TEST_SUITE("reports::verify") {
  TEST_CASE_TEMPLATE("an untouched chain verifies", B, InMemory, InSqlite,
                     InPostgres) {
    B b;
    if (!b.ready()) return;
    fill(b.store());
    auto r = duty::reports::verify_chain(b.reopen());
    CHECK(r.ok());
    CHECK(r.checked == 5);
    CHECK_FALSE(r.first_bad.has_value());
    CHECK(r.problem == "");
  }

  TEST_CASE("an empty store verifies") {
    MemoryStore s;
    auto r = duty::reports::verify_chain(s);
    CHECK(r.ok());
    CHECK(r.checked == 0);
  }

  TEST_CASE("an edited event is found at its seq") {
    MemoryStore s;
    fill(s);
    SUBCASE("its stored payload") {
      std::string& p = s.raw_events()[2].payload;
      REQUIRE(p.find("\"number\":1") != std::string::npos);
      p.replace(p.find("\"number\":1"), 10, "\"number\":7");
    }
    SUBCASE("its time") {
      s.raw_events()[2].at += 1min;
    }
    SUBCASE("who entered it") {
      s.raw_events()[2].by = "bob";
    }
    SUBCASE("its type") {
      s.raw_events()[2].type = "closed";
    }
    auto r = duty::reports::verify_chain(s);
    CHECK_FALSE(r.ok());
    CHECK(r.first_bad == 3);
    CHECK(r.checked == 2);
    CHECK(r.problem.find("event 3 (") == 0);
    CHECK(r.problem.find("was changed after it was written") != std::string::npos);
  }

  TEST_CASE("a deleted middle event is found where the chain jumps") {
    MemoryStore s;
    fill(s);
    auto& ev = s.raw_events();
    ev.erase(ev.begin() + 2);
    auto r = duty::reports::verify_chain(s);
    CHECK_FALSE(r.ok());
    CHECK(r.first_bad == 3);
    CHECK(r.problem == "event 3 is missing: the chain jumps to event 4 (escalation 2027-0001)");
  }

  TEST_CASE("a deleted middle event with the later seqs renumbered breaks the hash links") {
    MemoryStore s;
    fill(s);
    auto& ev = s.raw_events();
    ev.erase(ev.begin() + 2);
    for (std::size_t k = 2; k < ev.size(); ++k) ev[k].seq = static_cast<std::int64_t>(k) + 1;
    auto r = duty::reports::verify_chain(s);
    CHECK_FALSE(r.ok());
    CHECK(r.first_bad == 3);
    CHECK(r.problem.find("does not follow the event before it") != std::string::npos);
  }

  TEST_CASE("a deleted last event is found from the incident whose head is beyond the chain") {
    MemoryStore s;
    fill(s);
    s.raw_events().pop_back();
    auto r = duty::reports::verify_chain(s);
    CHECK_FALSE(r.ok());
    CHECK(r.first_bad == 5);
    CHECK(r.checked == 4);
    CHECK(r.problem ==
          "event 5 and later are missing: incident 2027-0002 was last changed by event 5");
  }

  TEST_CASE("reordered events are found at the first one out of place") {
    MemoryStore s;
    fill(s);
    auto& ev = s.raw_events();
    SUBCASE("swapped as they are") {
      std::swap(ev[1], ev[2]);
      auto r = duty::reports::verify_chain(s);
      CHECK(r.first_bad == 2);
      CHECK(r.checked == 1);
      CHECK(r.problem == "event 2 is missing: the chain jumps to event 3 (update 2027-0001)");
    }
    SUBCASE("swapped and renumbered") {
      std::swap(ev[1], ev[2]);
      ev[1].seq = 2;
      ev[2].seq = 3;
      auto r = duty::reports::verify_chain(s);
      CHECK(r.first_bad == 2);
      CHECK(r.problem.find("does not follow the event before it") != std::string::npos);
    }
    SUBCASE("an earlier seq after a later one") {
      // Renumbered so seq 4 appears where 3 belongs: out of order, not missing.
      ev[3].seq = 2;
      auto r = duty::reports::verify_chain(s);
      CHECK(r.first_bad == 4);
      CHECK(r.problem == "event 2 (escalation 2027-0001) is out of order");
    }
  }

  TEST_CASE("an edited or deleted row in the SQLite file is found") {
    TempPath file;
    {
      SqliteStore s(file.path, StoreAccess::kReadWrite);
      fill(s);
    }
    const char* sql = nullptr;
    std::int64_t expected_bad = 0;
    SUBCASE("edited payload") {
      sql = "UPDATE events SET data = replace(data, '\"number\":1', '\"number\":2') WHERE seq = 3";
      expected_bad = 3;
    }
    SUBCASE("edited time") {
      sql = "UPDATE events SET at = at + 60 WHERE seq = 2";
      expected_bad = 2;
    }
    SUBCASE("deleted middle row") {
      sql = "DELETE FROM events WHERE seq = 3";
      expected_bad = 3;
    }
    SUBCASE("deleted last row") {
      sql = "DELETE FROM events WHERE seq = 5";
      expected_bad = 5;
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.path.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK(sqlite3_changes(db) == 1);
    sqlite3_close(db);
    SqliteStore s(file.path, StoreAccess::kReadOnly);
    auto r = duty::reports::verify_chain(s);
    CHECK_FALSE(r.ok());
    CHECK(r.first_bad == expected_bad);
  }
}

TEST_SUITE("reports::sqlite_store") {
  TEST_CASE("the store file is created readable and writable by its owner only") {
    TempPath file;
    {
      SqliteStore s(file.path, StoreAccess::kReadWrite);
      add_incident(s, office(), fire(at(9, 0)), kActor);
    }
    namespace fs = std::filesystem;
    CHECK(fs::status(file.path).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    for (const char* side : {"-wal", "-shm"}) {
      if (fs::exists(file.path + side)) {
        CAPTURE(side);
        CHECK((fs::status(file.path + side).permissions() &
               (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
      }
    }
  }

  TEST_CASE("opening read-only does not create a store") {
    TempPath file;
    CHECK(open_error(file.path, StoreAccess::kReadOnly)
              .find("no store at " + file.path + "; check --db") == 0);
    CHECK_FALSE(std::filesystem::exists(file.path));
  }

  TEST_CASE("a read-only store refuses to write") {
    TempPath file;
    { SqliteStore s(file.path, StoreAccess::kReadWrite); }
    SqliteStore ro(file.path, StoreAccess::kReadOnly);
    CHECK_THROWS_AS(add_incident(ro, office(), fire(at(9, 0)), kActor), duty::StoreError);
  }

  TEST_CASE("a store written by a newer duty is refused") {
    TempPath file;
    {
      SqliteStore s(file.path, StoreAccess::kReadWrite);
      add_incident(s, office(), fire(at(9, 0)), kActor);
    }
    const std::string newer = std::to_string(SqliteStore::kSchemaVersion + 1);
    raw_sql(file.path, ("PRAGMA user_version = " + newer).c_str());
    for (StoreAccess access : {StoreAccess::kReadOnly, StoreAccess::kReadWrite}) {
      std::string message = open_error(file.path, access);
      CHECK(message == "the store " + file.path + " was written by a newer duty (schema " + newer +
                           "; this duty knows up to " +
                           std::to_string(SqliteStore::kSchemaVersion) +
                           "); upgrade duty to use it");
    }
  }

  TEST_CASE("another program's SQLite database is refused and left alone") {
    TempPath file;
    raw_sql(file.path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
    for (StoreAccess access : {StoreAccess::kReadOnly, StoreAccess::kReadWrite}) {
      CHECK(open_error(file.path, access).find(file.path + " is not a duty store") == 0);
    }
    // Its tables were not touched: no duty schema was added.
    CHECK(scalar(file.path, "SELECT count(*) FROM sqlite_schema") == 1);
  }

  TEST_CASE(
      "a version 4 store lists the same overdue reports before and after its migration to 5") {
    TempPath file;
    Office o = office();
    EscalationRule written = o.escalation[0];
    written.via = Channel::kWritten;
    written.within = 2h;
    o.escalation.push_back(written);
    auto listing = [](Store& s, Seconds when, bool upcoming) {
      std::string out;
      s.incidents().for_each_due_report(when, upcoming, [&](const DueReport& d) {
        out += d.incident + " " + std::string(to_string(d.requirement.via)) + "\n";
      });
      return out;
    };
    {
      SqliteStore s(file.path, StoreAccess::kReadWrite);
      add_incident(s, o, fire(at(9, 0)), kActor);
      add_incident(s, o, fire(at(11, 45)), kActor);
    }
    const std::string overdue = "2027-0001 phone\n2027-0001 written\n";
    const std::string upcoming = overdue + "2027-0002 phone\n2027-0002 written\n";
    // Back to version 4's indexes of requirements.
    raw_sql(
        file.path,
        "DROP INDEX requirements_unmade_due; DROP INDEX requirements_made; "
        "CREATE INDEX requirements_due ON requirements(due); "
        "CREATE INDEX requirements_unmade ON requirements(arose_at) WHERE made_at IS NULL; "
        "CREATE INDEX requirements_made_at ON requirements(made_at); "
        "ALTER TABLE incidents DROP COLUMN description; ALTER TABLE incidents DROP COLUMN actions; "
        "ALTER TABLE incidents DROP COLUMN leaders_on_scene; "
        "ALTER TABLE incidents DROP COLUMN voided; ALTER TABLE incidents DROP COLUMN void_reason; "
        "ALTER TABLE incidents DROP COLUMN corrections; ALTER TABLE incidents DROP COLUMN "
        "supplements; "
        "ALTER TABLE pending DROP COLUMN voided; ALTER TABLE pending DROP COLUMN void_reason; "
        "ALTER TABLE roster_shifts DROP COLUMN partial_covers; PRAGMA user_version = 4");
    {
      SqliteStore ro(file.path, StoreAccess::kReadOnly);  // read as it is
      CHECK(listing(ro, at(12, 0), false) == overdue);
      CHECK(listing(ro, at(12, 0), true) == upcoming);
    }
    {
      SqliteStore s(file.path, StoreAccess::kReadWrite);  // migrated
      CHECK(listing(s, at(12, 0), false) == overdue);
      CHECK(listing(s, at(12, 0), true) == upcoming);
    }
    CHECK(scalar(file.path, "PRAGMA user_version") == SqliteStore::kSchemaVersion);
    CHECK(scalar(file.path,
                 "SELECT count(*) FROM sqlite_schema WHERE name = 'requirements_unmade_due'") == 1);
    CHECK(scalar(file.path,
                 "SELECT count(*) FROM sqlite_schema WHERE name = 'requirements_made_at'") == 0);
  }

  TEST_CASE("a SQLite file with a schema version but not duty's application id is refused") {
    TempPath file;
    raw_sql(file.path, "CREATE TABLE t (x); PRAGMA user_version = 1");
    CHECK(open_error(file.path, StoreAccess::kReadWrite).find(file.path + " is not a duty store") ==
          0);
  }

  TEST_CASE("a file that is not SQLite at all is refused") {
    TempPath file;
    {
      std::ofstream out(file.path, std::ios::binary);
      for (int i = 0; i < 200; ++i) out << "this is a duty roster, not a database\n";
    }
    for (StoreAccess access : {StoreAccess::kReadOnly, StoreAccess::kReadWrite}) {
      CHECK(open_error(file.path, access) == file.path +
                                                 " is not a duty store (not an SQLite database); "
                                                 "check --db or 'database:' in office.yaml");
    }
  }

  TEST_CASE("an empty file is taken as a new store") {
    // The store creates the file itself before SQLite opens it, so an empty file is a fresh store.
    TempPath file;
    { std::ofstream out(file.path); }
    CHECK(open_error(file.path, StoreAccess::kReadWrite) == "");
  }

  TEST_CASE("a store in a folder that does not exist is refused with a StoreError") {
    TempPath file;
    std::string path = file.path + ".missing/duty.db";
    CHECK(open_error(path, StoreAccess::kReadWrite).find("cannot create the store " + path) == 0);
  }
}
