// SPDX-License-Identifier: Apache-2.0
#include "reports/roster_record.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/projection.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"

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
void each_store(const std::function<void(Store&)>& fn) {
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

PublishResult publish(Store& store, const PublishRequest& req, const Actor& actor) {
  PublishResult result;
  store.write([&](StoreTransaction& tx) { result = publish_roster(tx, req, actor); });
  return result;
}

// A moment of January `d` in Asia/Shanghai (+08:00).
Seconds cst(unsigned d, int h, int mi = 0) {
  return Seconds{day(d)} + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

PartialCoverRequest part(unsigned d, std::string slot, std::string out, std::string in,
                         Seconds from, Seconds to) {
  return {day(d), {std::move(slot), std::move(out), std::move(in), from, to, "clinic"}, false};
}

void cover_part(Store& store, const PartialCoverRequest& req) {
  store.write([&](StoreTransaction& tx) { record_partial_cover(tx, req, kDecember); });
}

std::size_t event_count(Store& store) {
  std::size_t n = 0;
  store.for_each_event(
      [&](const Event&) {
        ++n;
        return true;
      },
      false);
  return n;
}

// The projections recomputed from the events match the stored rows.
bool projections_verify(Store& store) {
  Office office;
  office.zone = duty::find_zone("Asia/Shanghai");
  auto report = verify_projections(store, office);
  for (const auto& p : report.problems) MESSAGE(p.key << ": " << p.what);
  return report.ok();
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
    each_store([](Store& store) {
      auto r = publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}, {"dorje", "tashi"}}),
                       kDecember);
      CHECK(r.added == 3);
      CHECK(r.publication == 4);  // three people first, then the shifts
      auto rows = store.roster().shifts(day(2), std::nullopt);
      REQUIRE(rows.size() == 2);
      CHECK(rows[0].date == day(2));
      CHECK(rows[0].version == 1);
      CHECK(rows[0].changes == 0);
      CHECK(rows[0].slot_names[0].second == "带班领导");
      CHECK(rows[0].last_seq == 5);
      // The handover minute belongs to the shift that starts then.
      CHECK(store.roster().shift_at(handover(2) - std::chrono::seconds{1})->date == day(1));
      CHECK(store.roster().shift_at(handover(2))->date == day(2));
      CHECK_FALSE(store.roster().shift_at(handover(4)).has_value());
      CHECK_FALSE(store.roster().shift_at(handover(1) - std::chrono::seconds{1}).has_value());
      CHECK(store.roster().people().size() == 3);
      CHECK(verify_chain(store).ok());
    });
  }

  TEST_CASE(
      "versions and changes: republishing counts only real changes; swaps and cover count too") {
    each_store([](Store& store) {
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
      auto rows = store.roster().shifts(day(1), day(1));
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
    each_store([](Store& store) {
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
    each_store([](Store& store) {
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
      CHECK(store.roster().shifts(day(1), day(1))[0].changes == 0);
    });
  }

  TEST_CASE("a version 1 store is migrated forward: the roster tables are added, incidents kept") {
    TempPath tmp;
    { SqliteStore store(tmp.path, StoreAccess::kReadWrite); }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(
        sqlite3_exec(
            db,
            "DROP TABLE roster_shifts; DROP TABLE roster_people; DROP TABLE pending; "
            "DROP INDEX events_type_at; DROP INDEX incidents_open; DROP INDEX incidents_closed_at; "
            "DROP INDEX requirements_unmade_due; DROP INDEX requirements_made; "
            "ALTER TABLE incidents DROP COLUMN description; ALTER TABLE incidents DROP COLUMN "
            "actions; "
            "ALTER TABLE incidents DROP COLUMN leaders_on_scene; "
            "ALTER TABLE incidents DROP COLUMN voided; ALTER TABLE incidents DROP COLUMN "
            "void_reason; "
            "ALTER TABLE incidents DROP COLUMN corrections; ALTER TABLE incidents DROP COLUMN "
            "supplements; "
            "CREATE INDEX requirements_due ON requirements(due); PRAGMA user_version = 1",
            nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
      // A read-only open does not migrate: the old store has no roster published.
      SqliteStore ro(tmp.path, StoreAccess::kReadOnly);
      CHECK(ro.roster().shifts(std::nullopt, std::nullopt).empty());
      CHECK_FALSE(ro.roster().shift_at(handover(1)).has_value());
      CHECK(ro.roster().people().empty());
      CHECK(verify_chain(ro).ok());
    }
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    publish(store, january({{"dorje", "tashi"}}), kDecember);
    CHECK(store.roster().shifts(std::nullopt, std::nullopt).size() == 1);
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
  TEST_CASE("partial covers round-trip through their stored form, whatever their reason holds") {
    std::vector<PartialCover> covers{
        {"officer", "tashi", "lhamo", cst(1, 14), cst(1, 18), "clinic\nvisit; \"x\" \x1e\x1f=,"},
        {"leader", "dorje", "pema", cst(2, 2), cst(2, 6), ""}};
    std::string stored = encode_partial_covers(covers);
    CHECK(std::count(stored.begin(), stored.end(), '\n') == 1);
    CHECK(decode_partial_covers(stored) == covers);
    CHECK(encode_partial_covers({}).empty());
    CHECK(decode_partial_covers("").empty());
    CHECK_THROWS_AS(decode_partial_covers("{\"slot\":\"officer\"}"), duty::StoreError);
  }

  TEST_CASE("a partial cover is recorded and folded: the duty stays, who covers is known by time") {
    each_store([](Store& store) {
      publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}}), kDecember);
      cover_part(store, part(1, "officer", "tashi", "lhamo", cst(1, 14), cst(1, 18)));
      auto row = store.roster().shifts(day(1), day(1)).at(0);
      CHECK(*row.people_in("officer") == std::vector<std::string>{"tashi"});
      CHECK(row.changes == 0);
      REQUIRE(row.partial_covers.size() == 1);
      CHECK(row.partial_covers[0] ==
            PartialCover{"officer", "tashi", "lhamo", cst(1, 14), cst(1, 18), "clinic"});
      auto events = store.events(roster_subject(day(1)));
      REQUIRE(events.size() == 2);
      CHECK(events[1].type == kRosterCover);
      CHECK(events[1].integer("from") == cst(1, 14).time_since_epoch().count());
      CHECK(events[1].integer("to") == cst(1, 18).time_since_epoch().count());
      CHECK_FALSE(events[1].text("assignments").has_value());
      CHECK(row.last_seq == events[1].seq);
      // The window is [from, to): 18:00 is tashi's again.
      CHECK(partial_cover_at(row, "officer", "tashi", cst(1, 13, 59)) == nullptr);
      CHECK(partial_cover_at(row, "officer", "tashi", cst(1, 14))->in == "lhamo");
      CHECK(partial_cover_at(row, "officer", "tashi", cst(1, 17, 59))->in == "lhamo");
      CHECK(partial_cover_at(row, "officer", "tashi", cst(1, 18)) == nullptr);
      CHECK(partial_cover_at(row, "leader", "dorje", cst(1, 15)) == nullptr);
      // The shift at a moment carries them too (`duty who`).
      CHECK(store.roster().shift_at(cst(1, 15))->partial_covers.size() == 1);
      // Another place, and the same place at another time, may be covered as well.
      cover_part(store, part(1, "officer", "tashi", "pema", cst(1, 18), cst(2, 2)));
      cover_part(store, part(1, "leader", "dorje", "pema", cst(1, 9), cst(1, 12)));
      CHECK(store.roster().shifts(day(1), day(1)).at(0).partial_covers.size() == 3);
      CHECK(verify_chain(store).ok());
      CHECK(projections_verify(store));
    });
  }

  TEST_CASE("a refused partial cover writes nothing") {
    each_store([](Store& store) {
      publish(store, january({{"dorje", "tashi"}}), kDecember);
      cover_part(store, part(1, "officer", "tashi", "lhamo", cst(1, 14), cst(1, 18)));
      const std::size_t before = event_count(store);
      const std::vector<PartialCoverRequest> bad{
          part(2, "officer", "tashi", "lhamo", cst(2, 14), cst(2, 18)),       // not published
          part(1, "officer", "dorje", "lhamo", cst(1, 9), cst(1, 10)),        // not in the slot
          part(1, "officer", "tashi", "tashi", cst(1, 9), cst(1, 10)),        // their own duty
          part(1, "officer", "tashi", "pema", cst(1, 8), cst(1, 10)),         // before the shift
          part(1, "officer", "tashi", "pema", cst(2, 8, 30), cst(2, 9)),      // after it
          part(1, "officer", "tashi", "pema", cst(2, 6), cst(2, 9)),          // ends after it
          part(1, "officer", "tashi", "pema", cst(1, 12), cst(1, 10)),        // reversed
          part(1, "officer", "tashi", "pema", cst(1, 12), cst(1, 12)),        // empty
          part(1, "officer", "tashi", "pema", cst(1, 8, 30), cst(2, 8, 30)),  // whole shift
          part(1, "officer", "tashi", "pema", cst(1, 17), cst(1, 19)),        // overlaps the place
          part(1, "leader", "dorje", "lhamo", cst(1, 15), cst(1, 16)),        // lhamo is elsewhere
      };
      for (const auto& req : bad) {
        CAPTURE(req.cover.in);
        CAPTURE(req.cover.from.time_since_epoch().count());
        CHECK_THROWS_AS(cover_part(store, req), duty::UsageError);
      }
      CHECK(event_count(store) == before);
      CHECK(store.roster().shifts(day(1), day(1)).at(0).partial_covers.size() == 1);
      // Touching windows do not overlap.
      cover_part(store, part(1, "officer", "tashi", "pema", cst(1, 18), cst(1, 20)));
      cover_part(store, part(1, "leader", "dorje", "lhamo", cst(1, 18), cst(1, 19)));
      CHECK(event_count(store) == before + 2);
    });
  }

  TEST_CASE("a later change keeps the partial covers whose person still holds the place") {
    each_store([](Store& store) {
      publish(store, january({{"dorje", "tashi"}, {"dorje", "lhamo"}}), kDecember);
      cover_part(store, part(1, "officer", "tashi", "lhamo", cst(1, 14), cst(1, 18)));
      cover_part(store, part(1, "leader", "dorje", "pema", cst(1, 9), cst(1, 12)));
      // Published again as it was: both kept.
      publish(store, january({{"dorje", "tashi"}}), kDecember);
      CHECK(store.roster().shifts(day(1), day(1)).at(0).partial_covers.size() == 2);
      // A full cover of the officer's duty: the officer's partial cover goes, the leader's stays.
      store.write([](StoreTransaction& tx) {
        record_roster_change(tx, kRosterCover, {{day(1), "officer", "tashi", "lhamo"}}, "sick",
                             false, kDecember);
      });
      auto row = store.roster().shifts(day(1), day(1)).at(0);
      REQUIRE(row.partial_covers.size() == 1);
      CHECK(row.partial_covers[0].out == "dorje");
      CHECK(row.changes == 1);
      // A publication that gives the leader's duty to someone else drops the rest.
      publish(store, january({{"pema", "lhamo"}}), kDecember);
      CHECK(store.roster().shifts(day(1), day(1)).at(0).partial_covers.empty());
      CHECK(projections_verify(store));
    });
  }

  TEST_CASE("a schema-6 store is read as it is and migrated to hold partial covers") {
    TempPath tmp;
    {
      SqliteStore store(tmp.path, StoreAccess::kReadWrite);
      publish(store, january({{"dorje", "tashi"}}), kDecember);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
    REQUIRE(
        sqlite3_exec(
            db,
            "ALTER TABLE roster_shifts DROP COLUMN partial_covers; "
            "ALTER TABLE incidents DROP COLUMN voided; ALTER TABLE incidents DROP COLUMN "
            "void_reason; "
            "ALTER TABLE incidents DROP COLUMN corrections; ALTER TABLE incidents DROP COLUMN "
            "supplements; "
            "ALTER TABLE pending DROP COLUMN voided; ALTER TABLE pending DROP COLUMN void_reason; "
            "PRAGMA user_version = 6",
            nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
      SqliteStore ro(tmp.path, StoreAccess::kReadOnly);
      auto rows = ro.roster().shifts(std::nullopt, std::nullopt);
      REQUIRE(rows.size() == 1);
      CHECK(rows[0].partial_covers.empty());
      CHECK(ro.roster().shift_at(cst(1, 12))->date == day(1));
      CHECK(projections_verify(ro));
    }
    SqliteStore store(tmp.path, StoreAccess::kReadWrite);
    cover_part(store, part(1, "officer", "tashi", "lhamo", cst(1, 14), cst(1, 18)));
    CHECK(store.roster().shifts(day(1), day(1)).at(0).partial_covers.size() == 1);
    CHECK(projections_verify(store));
    // A rebuild writes the same rows again.
    Office office;
    office.zone = duty::find_zone("Asia/Shanghai");
    CHECK(rebuild_projections(store, office).before.ok());
    CHECK(store.roster().shifts(day(1), day(1)).at(0).partial_covers.size() == 1);
  }

  TEST_CASE("verify names a stored partial cover the events do not give") {
    MemoryStore store;
    publish(store, january({{"dorje", "tashi"}}), kDecember);
    cover_part(store, part(1, "officer", "tashi", "lhamo", cst(1, 14), cst(1, 18)));
    store.raw_shifts()[day(1)].partial_covers[0].in = "mallory";
    Office office;
    office.zone = duty::find_zone("Asia/Shanghai");
    auto report = verify_projections(store, office);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].key == "2027-01-01");
    CHECK(report.problems[0].what.find("partial_covers: stored") == 0);
  }
}
