// SPDX-License-Identifier: Apache-2.0
#include "reports/shift_change.hpp"

#include <doctest/doctest.h>

#include "common/error.hpp"
#include "reports/journal/memory/memory_store.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Seconds;
using namespace duty::reports;

// Local time in Asia/Shanghai (UTC+8, no daylight saving).
Seconds cst(int y, unsigned mo, unsigned d, int h, int mi) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

Office office(std::chrono::minutes handover) {
  Office o;
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.locale = "en";
  o.handover = handover;
  return o;
}

// Publishes the shifts of the given dates (November 2026), changing at 08:30.
void publish(MemoryStore& store, std::initializer_list<unsigned> days) {
  store.write([&](StoreTransaction& tx) {
    for (unsigned d : days) {
      RosterShiftRecord r;
      r.date = date::sys_days{date::year{2026} / date::November / date::day{d}};
      r.start = cst(2026, 11, d, 8, 30);
      r.end = r.start + 24h;
      tx.roster().save_shift(r);
    }
  });
}

}  // namespace

TEST_SUITE("reports::shift_change") {
  TEST_CASE("without a published roster, the office's handover time makes the shift changes") {
    MemoryStore store;
    Office o = office(8h + 30min);
    ShiftChanges around = shift_changes_around(store, o, cst(2026, 11, 20, 10, 0));
    CHECK(around.before == cst(2026, 11, 20, 8, 30));
    CHECK(around.after == cst(2026, 11, 21, 8, 30));
    // A moment exactly at the handover belongs to the shift that starts then.
    around = shift_changes_around(store, o, cst(2026, 11, 20, 8, 30));
    CHECK(around.before == cst(2026, 11, 20, 8, 30));
    CHECK(is_shift_change(store, o, cst(2026, 11, 20, 8, 30)));
    CHECK_FALSE(is_shift_change(store, o, cst(2026, 11, 20, 8, 31)));
  }

  TEST_CASE("the published roster's shifts win over a handover time changed after publishing") {
    MemoryStore store;
    publish(store, {19, 20, 21});
    Office o = office(9h);
    CHECK(is_shift_change(store, o, cst(2026, 11, 20, 8, 30)));
    CHECK_FALSE(is_shift_change(store, o, cst(2026, 11, 20, 9, 0)));
    // The end of the last published shift, then office.yaml's time beyond the roster.
    CHECK(is_shift_change(store, o, cst(2026, 11, 22, 8, 30)));
    CHECK(is_shift_change(store, o, cst(2026, 11, 23, 9, 0)));
    ShiftChanges around = shift_changes_around(store, o, cst(2026, 11, 22, 8, 45));
    CHECK(around.before == cst(2026, 11, 22, 8, 30));
    CHECK(around.after == cst(2026, 11, 22, 9, 0));
    // Before the roster begins, its first shift's start is the nearer change.
    around = shift_changes_around(store, o, cst(2026, 11, 18, 12, 0));
    CHECK(around.before == cst(2026, 11, 18, 9, 0));
    CHECK(around.after == cst(2026, 11, 19, 8, 30));
  }

  TEST_CASE("the default handover is the coming one within 12 hours, else the last one") {
    MemoryStore store;
    Office o = office(8h + 30min);
    CHECK(default_handover(store, o, cst(2026, 11, 21, 0, 0)) == cst(2026, 11, 21, 8, 30));
    CHECK(default_handover(store, o, cst(2026, 11, 20, 20, 31)) == cst(2026, 11, 21, 8, 30));
    // Exactly 12 hours before: the last one.
    CHECK(default_handover(store, o, cst(2026, 11, 20, 20, 30)) == cst(2026, 11, 20, 8, 30));
    CHECK(default_handover(store, o, cst(2026, 11, 20, 8, 30)) == cst(2026, 11, 20, 8, 30));
    CHECK(default_handover(store, o, cst(2026, 11, 20, 9, 0)) == cst(2026, 11, 20, 8, 30));
  }

  TEST_CASE("a handover moment must be a shift change, at most the coming one") {
    MemoryStore store;
    Office o = office(8h + 30min);
    Seconds now = cst(2026, 11, 21, 1, 0);
    CHECK_NOTHROW(check_handover_moment(store, o, cst(2026, 11, 20, 8, 30), now));
    CHECK_NOTHROW(check_handover_moment(store, o, cst(2026, 11, 21, 8, 30), now));
    CHECK_THROWS_WITH_AS(check_handover_moment(store, o, cst(2026, 11, 20, 10, 0), now),
                         "2026-11-20 10:00 is not a shift change; the nearest are 2026-11-20 08:30 "
                         "and 2026-11-21 08:30",
                         duty::FieldError);
    CHECK_THROWS_WITH_AS(check_handover_moment(store, o, cst(2026, 11, 22, 8, 30), now),
                         "2026-11-22 08:30 is in the future beyond the next shift change "
                         "(2026-11-21 08:30); a handover record is prepared only for the coming "
                         "shift change",
                         duty::FieldError);
  }
}
