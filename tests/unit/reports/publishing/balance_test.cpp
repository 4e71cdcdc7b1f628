// SPDX-License-Identifier: Apache-2.0
#include "reports/publishing/balance.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/projection.hpp"
#include "reports/roster_record.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"

namespace {

using duty::Days;
using duty::Seconds;
using namespace duty::reports;
using std::chrono::hours;
using std::chrono::minutes;

Days day(int y, unsigned m, unsigned d) {
  return Days{date::year{y} / m / date::day{d}};
}
// Asia/Shanghai (+08:00): the 08:30 handover is 00:30 UTC.
Seconds handover(Days d) {
  return Seconds{d} + minutes{30};
}

RosterShiftRecord shift(Days d, std::string leader, std::string officer) {
  RosterShiftRecord r;
  r.date = d;
  r.start = handover(d);
  r.end = handover(d + date::days{1});
  r.day_type = "workday";
  r.assignments = {{"leader", {std::move(leader)}}, {"officer", {std::move(officer)}}};
  r.slot_names = {{"leader", "带班领导"}, {"officer", "值班员"}};
  return r;
}

const Actor kDesk{"desk", Seconds{day(2026, 12, 1)}};

struct TempPath {
  std::string path;
  TempPath() {
    static std::atomic<int> n{0};
    path = (std::filesystem::temp_directory_path() /
            ("duty-balance-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".db"))
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

// Publishes 2026-12-30 .. 2027-01-05: dorje leads, the officers take turns.
void publish_winter(Store& store) {
  PublishRequest req;
  const char* officers[] = {"tashi", "lhamo", "sonam"};
  for (int i = 0; i < 7; ++i) {
    Days d = day(2026, 12, 30) + date::days{i};
    req.shifts.push_back(shift(d, "dorje", officers[i % 3]));
  }
  // One shift of 25 hours, as a handover moved by an hour would make it.
  req.shifts[4].end += hours{1};
  req.people = {{"dorje", "多杰", "", 0},
                {"tashi", "扎西", "", 0},
                {"lhamo", "拉毛", "", 0},
                {"sonam", "索南", "", 0}};
  store.write([&](StoreTransaction& tx) { publish_roster(tx, req, kDesk); });
}

void cover(Store& store, Days d, const std::string& slot, const std::string& out,
           const std::string& in) {
  store.write([&](StoreTransaction& tx) {
    record_roster_change(tx, kRosterCover, {{d, slot, out, in}}, "sick", false, kDesk);
  });
}

void swap(Store& store, Days a, const std::string& pa, Days b, const std::string& pb) {
  store.write([&](StoreTransaction& tx) {
    record_roster_change(tx, kRosterSwap, {{a, "officer", pa, pb}, {b, "officer", pb, pa}}, "x",
                         false, kDesk);
  });
}

// A cover of part of a shift, as the partial covers of `roster cover --from --to` record it: the
// event carries `from` and `to` (Unix seconds) beside slot, out and in.
void partial_cover(Store& store, Days d, const std::string& out, const std::string& in,
                   Seconds from, Seconds to) {
  store.write([&](StoreTransaction& tx) {
    RosterShiftRecord before = tx.roster().shifts(d, d).front();
    RosterShiftRecord after = before;
    for (auto& a : after.assignments) {
      for (auto& p : a.people) {
        if (p == out) p = in;
      }
    }
    Event e;
    e.type = kRosterCover;
    e.subject = roster_subject(d);
    e.at = kDesk.now;
    e.recorded_at = kDesk.now;
    e.by = kDesk.by;
    e.data["slot"] = std::string("officer");
    e.data["out"] = out;
    e.data["in"] = in;
    e.data["reason"] = std::string("doctor");
    e.data["assignments"] = encode_assignments(after.assignments);
    e.data["from"] = static_cast<long long>(from.time_since_epoch().count());
    e.data["to"] = static_cast<long long>(to.time_since_epoch().count());
    tx.roster().save_shift(fold_roster_event(before, d, tx.append(std::move(e))));
  });
}

const CoverBalance* find(const std::vector<CoverBalance>& rows, const std::string& id) {
  for (const auto& r : rows) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

constexpr std::int64_t kDay = 24 * 3600;

}  // namespace

TEST_SUITE("reports::publishing::balance") {
  TEST_CASE("covers done and received per person, by the shift's date; swaps are not counted") {
    each_store([](Store& store) {
      publish_winter(store);
      // 2026-12-31 (lhamo's) is in 2026; the rest in 2027.
      cover(store, day(2026, 12, 31), "officer", "lhamo", "tashi");
      cover(store, day(2027, 1, 1), "officer", "sonam", "lhamo");
      cover(store, day(2027, 1, 2), "officer", "tashi", "lhamo");
      cover(store, day(2027, 1, 3), "leader", "dorje", "sonam");  // the 25-hour shift
      swap(store, day(2027, 1, 4), "sonam", day(2027, 1, 5), "tashi");

      auto rows = roster_balance(store, balance_year(2027));
      REQUIRE(rows.size() == 4);
      // By id.
      CHECK(rows[0].id == "dorje");
      CHECK(rows[1].id == "lhamo");
      CHECK(rows[2].id == "sonam");
      CHECK(rows[3].id == "tashi");
      CHECK(rows[1] == CoverBalance{"lhamo", "拉毛", 2, 0, 2 * kDay, 0});
      CHECK(rows[1].net() == 2);
      CHECK(rows[2] == CoverBalance{"sonam", "索南", 1, 1, 25 * 3600, kDay});
      CHECK(rows[2].net() == 0);
      CHECK(rows[3] == CoverBalance{"tashi", "扎西", 0, 1, 0, kDay});
      CHECK(rows[3].net() == -1);
      CHECK(rows[0] == CoverBalance{"dorje", "多杰", 0, 1, 0, 25 * 3600});

      // 2026 holds only the cover of 31 December.
      auto last_year = roster_balance(store, balance_year(2026));
      REQUIRE(last_year.size() == 2);
      CHECK(last_year[0] == CoverBalance{"lhamo", "拉毛", 0, 1, 0, kDay});
      CHECK(last_year[1] == CoverBalance{"tashi", "扎西", 1, 0, kDay, 0});

      // A range across the year's end holds both; one day holds its cover only.
      CHECK(roster_balance(store, {day(2026, 12, 31), day(2027, 1, 1)}).size() == 3);
      auto one = roster_balance(store, {day(2027, 1, 2), day(2027, 1, 2)});
      REQUIRE(one.size() == 2);
      CHECK(find(one, "lhamo")->done == 1);
      CHECK(find(one, "tashi")->received == 1);
      CHECK(roster_balance(store, balance_year(2028)).empty());
    });
  }

  TEST_CASE("a cover of part of a shift counts its own hours") {
    each_store([](Store& store) {
      publish_winter(store);
      Days d = day(2027, 1, 2);
      Seconds from = handover(d) + hours{6};  // 14:30 to 18:45
      partial_cover(store, d, "tashi", "sonam", from, from + hours{4} + minutes{15});
      auto rows = roster_balance(store, balance_year(2027));
      REQUIRE(rows.size() == 2);
      CHECK(*find(rows, "sonam") == CoverBalance{"sonam", "索南", 1, 0, 4 * 3600 + 900, 0});
      CHECK(*find(rows, "tashi") == CoverBalance{"tashi", "扎西", 0, 1, 0, 4 * 3600 + 900});
    });
  }

  TEST_CASE("a chain of covers passes the debt on: B covers A, then C covers B") {
    each_store([](Store& store) {
      publish_winter(store);
      cover(store, day(2027, 1, 2), "officer", "tashi", "lhamo");
      cover(store, day(2027, 1, 2), "officer", "lhamo", "sonam");
      auto rows = roster_balance(store, balance_year(2027));
      CHECK(find(rows, "tashi")->net() == -1);
      CHECK(find(rows, "lhamo")->net() == 0);
      CHECK(find(rows, "sonam")->net() == 1);
    });
  }

  TEST_CASE("a cover a later publication undid is not counted; one it kept is") {
    each_store([](Store& store) {
      publish_winter(store);
      Days kept = day(2027, 1, 1), undone = day(2027, 1, 2), partial = day(2027, 1, 3);
      cover(store, kept, "officer", "sonam", "lhamo");
      cover(store, undone, "officer", "tashi", "lhamo");
      Seconds from = handover(partial) + hours{12};
      partial_cover(store, partial, "tashi", "sonam", from, from + hours{3});
      REQUIRE(find(roster_balance(store, balance_year(2027)), "lhamo")->done == 2);
      // Published over: the 1st keeps lhamo's cover, the 2nd goes to sonam (lhamo's cover is lost)
      // and the 3rd to lhamo (tashi, whom sonam covered for three hours, leaves the place).
      PublishRequest req;
      req.shifts = {shift(kept, "dorje", "lhamo"), shift(undone, "dorje", "sonam"),
                    shift(partial, "dorje", "lhamo")};
      req.kept_cover[kept] = {{"officer", {"lhamo"}}};
      req.reason = "leave";
      store.write([&](StoreTransaction& tx) { publish_roster(tx, req, kDesk); });
      auto rows = roster_balance(store, balance_year(2027));
      REQUIRE(rows.size() == 2);
      CHECK(*find(rows, "lhamo") == CoverBalance{"lhamo", "拉毛", 1, 0, kDay, 0});
      CHECK(*find(rows, "sonam") == CoverBalance{"sonam", "索南", 0, 1, 0, kDay});
    });
  }

  TEST_CASE("a cover of someone the record does not name keeps an empty name") {
    MemoryStore store;
    publish_winter(store);
    cover(store, day(2027, 1, 2), "officer", "tashi", "newcomer");
    auto rows = roster_balance(store, balance_year(2027));
    REQUIRE(find(rows, "newcomer"));
    CHECK(find(rows, "newcomer")->name == "");
    CHECK(find(rows, "tashi")->name == "扎西");
  }

  TEST_CASE("a period that ends before it starts is refused") {
    MemoryStore store;
    CHECK_THROWS_AS(roster_balance(store, {day(2027, 2, 1), day(2027, 1, 1)}), duty::UsageError);
    CHECK(balance_year(2027).from == day(2027, 1, 1));
    CHECK(balance_year(2027).to == day(2027, 12, 31));
  }
}
