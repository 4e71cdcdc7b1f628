// SPDX-License-Identifier: Apache-2.0
#include "reports/roster_record.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/incident_log.hpp"
#include "reports/memory_store.hpp"
#include "reports/sqlite_store.hpp"

namespace {

using duty::Days;
using duty::Seconds;
using namespace duty::reports;

Days day(unsigned d) {
  return Days{date::year{2027} / 1 / date::day{d}};
}
// Asia/Shanghai (+08:00): the 08:30 handover is 00:30 UTC.
Seconds handover(unsigned d) {
  return Seconds{day(d)} + std::chrono::minutes{30};
}

RosterShiftRecord shift(unsigned d, std::string leader, std::string officer) {
  RosterShiftRecord r;
  r.date = day(d);
  r.start = handover(d);
  r.end = handover(d + 1);
  r.day_type = "workday";
  r.assignments = {{"leader", {std::move(leader)}}, {"officer", {std::move(officer)}}};
  r.slot_names = {{"leader", "带班领导"}, {"officer", "值班员"}};
  return r;
}

PublishRequest january(const std::vector<std::pair<std::string, std::string>>& who,
                       unsigned first = 1) {
  PublishRequest req;
  for (std::size_t i = 0; i < who.size(); ++i)
    req.shifts.push_back(shift(first + static_cast<unsigned>(i), who[i].first, who[i].second));
  req.people = {{"dorje", "多杰", "139", 0}, {"tashi", "扎西", "138", 0}, {"lhamo", "拉毛", "", 0}};
  return req;
}

// Before January: nothing published has started.
const Actor kDecember{"ann", Seconds{Days{date::year{2026} / 12 / 1}}};
// On 2027-01-02 at noon: the shifts of January 1 and 2 have started.
const Actor kJan2{"ann", handover(2) + std::chrono::hours{3}};

struct TempPath {
  std::string path;
  TempPath() {
    static std::atomic<int> n{0};
    path =
        (std::filesystem::temp_directory_path() /
         ("duty-roster-record-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".db"))
            .string();
  }
  ~TempPath() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

// Runs a test against both stores.
void each_store(const std::function<void(IncidentStore&)>& fn) {
  SUBCASE("memory") {
    MemoryStore store;
    fn(store);
  }
  SUBCASE("sqlite") {
    TempPath tmp;
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    fn(store);
  }
}

PublishResult publish(IncidentStore& store, const PublishRequest& req, const Actor& actor) {
  PublishResult result;
  store.write([&](StoreTransaction& tx) { result = publish_roster(tx, req, actor); });
  return result;
}

}  // namespace

TEST_SUITE("reports::roster_record") {
  TEST_CASE("assignments and slot names round-trip through their stored forms") {
    std::vector<RosterSlotPeople> a{
        {"leader", {"dorje"}}, {"officer", {"wang-lei", "tashi"}}, {"spare", {}}};
    CHECK(encode_assignments(a) == "leader=dorje;officer=wang-lei,tashi;spare=");
    CHECK(decode_assignments(encode_assignments(a)) == a);
    std::vector<std::pair<std::string, std::string>> names{{"leader", "带班;领导=1"},
                                                           {"officer", ""}};
    CHECK(decode_slot_names(encode_slot_names(names)) == names);
  }

  TEST_CASE("a publication is projected: shifts by date, the shift at a moment, people") {
    each_store([](IncidentStore& store) {
      auto r = publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}, {"dorje", "tashi"}}),
                       kDecember);
      CHECK(r.added == 3);
      CHECK(r.publication == 4);  // three people first, then the shifts
      auto rows = store.roster_shifts(day(2), std::nullopt);
      REQUIRE(rows.size() == 2);
      CHECK(rows[0].date == day(2));
      CHECK(rows[0].version == 1);
      CHECK(rows[0].changes == 0);
      CHECK(rows[0].slot_names[0].second == "带班领导");
      CHECK(rows[0].last_seq == 5);
      // The handover minute belongs to the shift that starts then.
      CHECK(store.roster_shift_at(handover(2) - std::chrono::seconds{1})->date == day(1));
      CHECK(store.roster_shift_at(handover(2))->date == day(2));
      CHECK_FALSE(store.roster_shift_at(handover(4)).has_value());
      CHECK_FALSE(store.roster_shift_at(handover(1) - std::chrono::seconds{1}).has_value());
      CHECK(store.roster_people().size() == 3);
      CHECK(verify_chain(store).ok());
    });
  }

  TEST_CASE(
      "versions and changes: republishing counts only real changes; swaps and cover count too") {
    each_store([](IncidentStore& store) {
      publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}}), kDecember);
      auto again = publish(store, january({{"dorje", "tashi"}, {"dorje", "tashi"}}), kDecember);
      CHECK(again.unchanged == 1);
      CHECK(again.changed == 1);
      CHECK(again.changed_dates == std::vector<Days>{day(2)});
      store.write([](StoreTransaction& tx) {
        record_roster_change(tx, kRosterCover, {{day(1), "officer", "tashi", "lhamo"}}, "sick",
                             false, kDecember);
      });
      auto seq = roster_sequences(store, day(1), day(31));
      CHECK(seq == std::map<Days, int>{{day(1), 1}, {day(2), 1}});
      auto rows = store.roster_shifts(day(1), day(1));
      CHECK(rows[0].version == 2);
      CHECK(*rows[0].people_in("officer") == std::vector<std::string>{"lhamo"});
      auto events = store.events(roster_subject(day(1)));
      REQUIRE(events.size() == 3);
      CHECK(events[2].type == kRosterCover);
      CHECK(events[2].text("reason") == "sick");
      CHECK(events[2].text("out") == "tashi");
      CHECK(events[2].by == "ann");
      CHECK(verify_chain(store).ok());
    });
  }

  TEST_CASE("started shifts are not rewritten without force, and nothing is written") {
    each_store([](IncidentStore& store) {
      publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}, {"dorje", "tashi"}}),
              kDecember);
      std::size_t events = 0;
      store.for_each_event(
          [&](const Event&) {
            ++events;
            return true;
          },
          false);
      // The shift of the 2nd has started at kJan2; changing it is refused, the 3rd alone is fine.
      CHECK_THROWS_AS(
          publish(store, january({{"dorje", "tashi"}, {"dorje", "tashi"}, {"dorje", "lhamo"}}),
                  kJan2),
          duty::UsageError);
      std::size_t after = 0;
      store.for_each_event(
          [&](const Event&) {
            ++after;
            return true;
          },
          false);
      CHECK(after == events);
      // Republishing started shifts unchanged is allowed.
      CHECK(publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}, {"dorje", "lhamo"}}),
                    kJan2)
                .changed == 1);
      auto forced = january({{"dorje", "tashi"}}, 2);
      forced.force = true;
      forced.reason = "record correction";
      CHECK(publish(store, forced, kJan2).changed == 1);
      auto last = store.events(roster_subject(day(2))).back();
      CHECK(last.integer("forced") == 1);
      CHECK(last.text("reason") == "record correction");
    });
  }

  TEST_CASE("a change of someone not on that duty is refused") {
    each_store([](IncidentStore& store) {
      publish(store, january({{"dorje", "tashi"}}), kDecember);
      CHECK_THROWS_AS(store.write([](StoreTransaction& tx) {
        record_roster_change(tx, kRosterCover, {{day(1), "officer", "lhamo", "tashi"}}, "x", false,
                             kDecember);
      }),
                      duty::UsageError);
      CHECK_THROWS_AS(store.write([](StoreTransaction& tx) {
        record_roster_change(tx, kRosterCover, {{day(9), "officer", "tashi", "lhamo"}}, "x", false,
                             kDecember);
      }),
                      duty::UsageError);
      CHECK(store.roster_shifts(day(1), day(1))[0].changes == 0);
    });
  }

  TEST_CASE("a version 1 store is migrated forward: the roster tables are added, incidents kept") {
    TempPath tmp;
    { SqliteStore store(tmp.path, StoreAccess::kReadWrite); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(
                db,
                "DROP TABLE roster_shifts; DROP TABLE roster_people; DROP TABLE pending; "
                "DROP INDEX events_type_at; DROP INDEX incidents_open; DROP INDEX incidents_closed_at; "
                "DROP INDEX requirements_unmade_due; DROP INDEX requirements_made; "
                "ALTER TABLE incidents DROP COLUMN description; ALTER TABLE incidents DROP COLUMN actions; "
                "ALTER TABLE incidents DROP COLUMN leaders_on_scene; "
                "CREATE INDEX requirements_due ON requirements(due); PRAGMA user_version = 1",
                nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
      // A read-only open does not migrate: the old store has no roster published.
      SqliteStore ro(tmp.path, StoreAccess::kReadOnly);
      CHECK(ro.roster_shifts(std::nullopt, std::nullopt).empty());
      CHECK_FALSE(ro.roster_shift_at(handover(1)).has_value());
      CHECK(ro.roster_people().empty());
      CHECK(verify_chain(ro).ok());
    }
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    publish(store, january({{"dorje", "tashi"}}), kDecember);
    CHECK(store.roster_shifts(std::nullopt, std::nullopt).size() == 1);
    REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == SqliteStore::kSchemaVersion);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }

  TEST_CASE("verify notices a projection row whose events were cut off") {
    MemoryStore store;
    publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}}), kDecember);
    store.raw_events().pop_back();
    auto r = verify_chain(store);
    CHECK_FALSE(r.ok());
    CHECK(r.problem.find("roster:2027-01-02") != std::string::npos);
  }
}
