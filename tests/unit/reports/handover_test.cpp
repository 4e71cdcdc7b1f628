// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "reports/bulletins/bulletin.hpp"
#include "reports/carry.hpp"
#include "reports/incident_log.hpp"
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

Office office() {
  Office o;
  o.name = "Zeku";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.locale = "zh-CN";
  o.chain = {{"prefecture", "黄南州应急管理局", ""}};
  o.categories = builtin_categories();
  EscalationRule written;
  written.to = {"prefecture"};
  written.via = Channel::kWritten;
  written.within = 2h;
  o.escalation = {written};
  return o;
}

std::string add(Store& store, const Office& o, const char* title, Seconds received,
                Seconds now) {
  NewIncident n;
  n.fields.title = title;
  n.fields.category = "flood";
  n.received = received;
  return add_incident(store, o, n, Actor{"ann", now}).id;
}

const ContextNode& at(const ContextNode& n, std::initializer_list<const char*> path) {
  const ContextNode* cur = &n;
  for (const char* key : path) {
    cur = cur->get(key);
    REQUIRE(cur != nullptr);
  }
  return *cur;
}

std::string text(const ContextNode& n, std::initializer_list<const char*> path) {
  REQUIRE(at(n, path).text() != nullptr);
  return *at(n, path).text();
}

}  // namespace

TEST_SUITE("reports::handover") {
  TEST_CASE(
      "prepared before the handover the record holds the facts up to now, after it up to "
      "the handover") {
    MemoryStore store;
    Office o = office();
    Seconds handover = cst(2026, 11, 21, 8, 30);
    Seconds early = cst(2026, 11, 21, 6, 0);
    add(store, o, "flood at Zequ", cst(2026, 11, 21, 5, 50), early);
    add_note(store, o, "radio broken", early, Actor{"ann", early});

    ContextNode prepared = build_handover(store, o, handover, std::nullopt, std::nullopt, early);
    CHECK(text(prepared, {"handover", "at"}) == "2026-11-21 08:30");
    CHECK(text(prepared, {"handover", "as_of"}) == "2026-11-21 06:00");
    CHECK(*at(prepared, {"handover", "preparing"}).flag());
    CHECK_FALSE(*at(prepared, {"handover", "final"}).flag());
    CHECK(at(prepared, {"received"}).items()->size() == 1);
    CHECK(at(prepared, {"notes"}).items()->size() == 1);
    const ContextNode& next = (*at(prepared, {"open_incidents"}).items())[0];
    CHECK(text(next, {"next_due", "time_text"}) == "剩余1小时50分");
    CHECK(text(next, {"next_due", "status"}) == "due");

    // After the handover: a later incident belongs to the incoming shift.
    Seconds later = cst(2026, 11, 21, 9, 0);
    add(store, o, "fire at Maixiu", cst(2026, 11, 21, 8, 45), later);
    ContextNode final_record =
        build_handover(store, o, handover, std::nullopt, std::nullopt, later);
    CHECK(text(final_record, {"handover", "as_of"}) == "2026-11-21 08:30");
    CHECK(*at(final_record, {"handover", "final"}).flag());
    CHECK(at(final_record, {"received"}).items()->size() == 1);
    const ContextNode& overdue = (*at(final_record, {"due_reports"}).items())[0];
    CHECK(text(overdue, {"time_text"}) == "已超时40分钟");
    CHECK(text(overdue, {"status_label"}) == "未报，已超时40分钟");
    CHECK(*at(overdue, {"minutes_late"}).number() == 40);
  }
}
