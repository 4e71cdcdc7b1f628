// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_ledger.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/hazards/hazard_settings.hpp"
#include "reports/hazards/hazard_stats.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "tests/unit/reports/hazards/hazard_test_support.hpp"

namespace {

using duty::Days;
using duty::FieldError;
using duty::Seconds;
using duty::UnsatisfiableError;
using duty::reports::Actor;
using duty::reports::Hazard;
using duty::reports::HazardGrade;
using duty::reports::HazardSettings;
using duty::reports::HazardSource;
using duty::reports::HazardStatus;
using duty::reports::HazardStep;
using duty::reports::MemoryStore;
using duty::reports::NewHazard;
using duty::reports::Office;
using K = duty::reports::HazardStep::Kind;

using duty::test::at;
using duty::test::dec;

Office office() {
  return duty::test::hazard_office();
}

const Actor kActor{"ann", at(20, 12)};

using duty::test::hazard;

HazardStep step(K kind, Seconds when) {
  HazardStep s;
  s.kind = kind;
  s.at = when;
  s.note = "done";
  s.reason = "because";
  s.person = "Zhao";
  s.unit = "Fire brigade";
  s.doc = "督办〔2026〕1号";
  return s;
}

template <class F>
std::string field_error(F fn) {
  try {
    fn();
  } catch (const FieldError& e) {
    return e.field() + ": " + e.what();
  }
  return "";
}

template <class F>
std::vector<std::string> refusal(F fn) {
  try {
    fn();
  } catch (const UnsatisfiableError& e) {
    return e.reasons();
  }
  return {};
}

struct Ledger {
  MemoryStore store;
  Office o = office();
  HazardSettings settings;
  Hazard add(const NewHazard& n) {
    return duty::reports::add_hazard(store, o, settings, n, kActor);
  }
  Hazard step(const std::string& id, const HazardStep& s) {
    return duty::reports::record_hazard_step(store, o, id, s, kActor);
  }
};

}  // namespace

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard ledger: hazard grades, sources and statuses in English and Chinese") {
    using namespace duty::reports;
    CHECK(parse_hazard_grade("重大") == HazardGrade::kMajor);
    CHECK(parse_hazard_grade("一般事故隐患") == HazardGrade::kGeneral);
    CHECK(parse_hazard_grade("general") == HazardGrade::kGeneral);
    CHECK_FALSE(parse_hazard_grade("big"));
    CHECK(parse_hazard_source("举报") == HazardSource::kTipOff);
    CHECK(parse_hazard_source("self-check") == HazardSource::kSelfCheck);
    CHECK(parse_hazard_status("awaiting-acceptance") == HazardStatus::kAwaitingAcceptance);
    CHECK(to_string(HazardStatus::kVoid) == "void");
    CHECK(label(HazardStatus::kClosed, true) == "已销号");
  }

  TEST_CASE("hazard ledger: a due date is the end of that day in the office's zone") {
    Office o = office();
    // 2026-12-10 23:59:59 +08:00 is 15:59:59 UTC.
    CHECK(duty::reports::end_of_day(*o.zone, dec(10)) == at(10, 23, 59) + std::chrono::seconds{59});
  }

  TEST_CASE(
      "hazard ledger: state machine: open, submitted, rejected, submitted, accepted; reopened") {
    Ledger l;
    Hazard h = l.add(hazard("Blocked exit", HazardGrade::kGeneral, dec(10)));
    CHECK(h.id == "H-1");
    CHECK(h.status == HazardStatus::kOpen);
    CHECK_FALSE(h.on_time.has_value());
    h = l.step("H-1", step(K::kProgress, at(3, 9)));
    CHECK(h.status == HazardStatus::kOpen);
    h = l.step("H-1", step(K::kSubmit, at(5, 9)));
    CHECK(h.status == HazardStatus::kAwaitingAcceptance);
    CHECK(h.submitted_at == at(5, 9));
    h = l.step("H-1", step(K::kReject, at(6, 9)));
    CHECK(h.status == HazardStatus::kOpen);
    CHECK_FALSE(h.submitted_at.has_value());
    // Accept is not allowed while open.
    CHECK(field_error([&] { l.step("H-1", step(K::kAccept, at(6, 10))); }) ==
          "id: H-1 is open: acceptance is allowed only while it is awaiting-acceptance");
    // The second submission is on the due day, late in the evening: on time.
    h = l.step("H-1", step(K::kSubmit, at(10, 23, 30)));
    h = l.step("H-1", step(K::kAccept, at(12, 9)));
    CHECK(h.status == HazardStatus::kClosed);
    CHECK(h.closed_at == at(12, 9));
    CHECK(h.on_time == true);
    CHECK(h.accepted_by == "Zhao");
    CHECK_FALSE(h.overdue(at(20, 0)));  // closed: never overdue
    // Void is refused once closed; reopen turns it open again with the history kept.
    CHECK(field_error([&] { l.step("H-1", step(K::kVoid, at(13, 9))); })
              .rfind("id: H-1 is closed: voiding is allowed only while it is open or "
                     "awaiting-acceptance",
                     0) == 0);
    HazardStep reopen = step(K::kReopen, at(14, 9));
    reopen.date = dec(25);
    h = l.step("H-1", reopen);
    CHECK(h.status == HazardStatus::kOpen);
    CHECK(h.reopened == 1);
    CHECK_FALSE(h.on_time.has_value());
    CHECK_FALSE(h.closed_at.has_value());
    CHECK(h.due == dec(25));
    CHECK(h.original_due == dec(10));
    CHECK(h.events.size() == 7);  // hazard, progress, submit, reject, submit, accept, reopen
    h = l.step("H-1", step(K::kVoid, at(15, 9)));
    CHECK(h.status == HazardStatus::kVoid);
    CHECK(field_error([&] {
            l.step("H-1", step(K::kProgress, at(15, 10)));
          }).rfind("id: H-1 is void", 0) == 0);
  }

  TEST_CASE(
      "hazard ledger: on time: the accepted submission against the due in force after extensions") {
    Ledger l;
    l.add(hazard("A", HazardGrade::kGeneral, dec(10)));
    // Extended to the 15th; submitted on the 14th: on time, though after the original due.
    HazardStep ext = step(K::kExtend, at(9, 9));
    ext.date = dec(15);
    Hazard h = l.step("H-1", ext);
    CHECK(h.due == dec(15));
    CHECK(h.original_due == dec(10));
    REQUIRE(h.extensions.size() == 1);
    CHECK(h.extensions[0].to == dec(15));
    CHECK_FALSE(h.overdue(at(15, 23, 59)));
    CHECK(h.overdue(at(16, 0, 0)));
    l.step("H-1", step(K::kSubmit, at(14, 9)));
    CHECK(l.step("H-1", step(K::kAccept, at(18, 9))).on_time == true);

    // Submitted a day after the due: late, even though accepted.
    l.add(hazard("B", HazardGrade::kGeneral, dec(10)));
    l.step("H-2", step(K::kSubmit, at(11, 0, 1)));
    Hazard b = l.step("H-2", step(K::kAccept, at(12, 9)));
    CHECK(b.on_time == false);
  }

  TEST_CASE(
      "hazard ledger: an extension must move the deadline later; nothing is written otherwise") {
    Ledger l;
    l.add(hazard("A", HazardGrade::kGeneral, dec(10)));
    auto before = l.store.raw_events().size();
    HazardStep ext = step(K::kExtend, at(9, 9));
    ext.date = dec(10);
    CHECK(field_error([&] { l.step("H-1", ext); }) ==
          "to: 2026-12-10 is not later than the due date in force (2026-12-10); an extension "
          "moves the deadline later");
    ext.date = dec(8);
    CHECK(field_error([&] { l.step("H-1", ext); }).rfind("to: 2026-12-08 is not later", 0) == 0);
    CHECK(l.store.raw_events().size() == before);
  }

  TEST_CASE(
      "hazard ledger: bad new hazards: due before found, unknown township or unit, future found") {
    Ledger l;
    l.settings.townships = {"Zequ", "Heri"};
    l.settings.units = {"Market office", "Fire brigade"};
    NewHazard early = hazard("A", HazardGrade::kGeneral, dec(1), at(2, 9));
    CHECK(field_error([&] { l.add(early); }) ==
          "due: 2026-12-01 is before the day the hazard was found (2026-12-02)");
    NewHazard town = hazard("A", HazardGrade::kGeneral, dec(10));
    town.township = "Zequu";
    CHECK(field_error([&] { l.add(town); }) ==
          "township: unknown township 'Zequu' (did you mean 'Zequ'?); office.yaml lists them "
          "under 'hazards.townships'");
    NewHazard unit = hazard("A", HazardGrade::kGeneral, dec(10));
    unit.unit = "Water bureau";
    CHECK(field_error([&] { l.add(unit); }).rfind("unit: unknown unit 'Water bureau'", 0) == 0);
    NewHazard future = hazard("A", HazardGrade::kGeneral, dec(30), at(21, 9));
    CHECK(field_error([&] { l.add(future); }).rfind("found: ", 0) == 0);
    CHECK(l.store.raw_events().empty());
    // Due on the day it was found is fine.
    CHECK(l.add(hazard("A", HazardGrade::kGeneral, dec(1), at(1, 9))).id == "H-1");
  }

  TEST_CASE(
      "hazard ledger: acceptance: not the owner, not the responsible unit, the supervising unit "
      "for a "
      "supervised major hazard") {
    Ledger l;
    l.add(hazard("Gas main", HazardGrade::kMajor, dec(10)));
    HazardStep sup = step(K::kSupervise, at(2, 9));
    sup.unit = "County safety committee";
    Hazard h = l.step("H-1", sup);
    REQUIRE(h.supervision.has_value());
    CHECK(h.supervision->by == "County safety committee");
    l.step("H-1", step(K::kSubmit, at(5, 9)));
    auto before = l.store.raw_events().size();
    HazardStep by_owner = step(K::kAccept, at(6, 9));
    by_owner.person = "Wang";
    by_owner.unit = "Market office";
    auto reasons = refusal([&] { l.step("H-1", by_owner); });
    REQUIRE(reasons.size() == 3);
    CHECK(reasons[0].find("the owner may not accept") != std::string::npos);
    CHECK(reasons[1].find("acceptance must come from another unit") != std::string::npos);
    CHECK(reasons[2] ==
          "H-1 is a major hazard under supervision by County safety committee; only County "
          "safety committee may accept it");
    // Another unit, but not the supervising one.
    CHECK(refusal([&] { l.step("H-1", step(K::kAccept, at(6, 9))); }).size() == 1);
    CHECK(l.store.raw_events().size() == before);
    HazardStep ok = step(K::kAccept, at(6, 9));
    ok.unit = "County safety committee";
    CHECK(l.step("H-1", ok).status == HazardStatus::kClosed);

    // A general hazard under supervision may be accepted by any other unit.
    l.add(hazard("Railing", HazardGrade::kGeneral, dec(10)));
    l.step("H-2", sup);
    l.step("H-2", step(K::kSubmit, at(5, 9)));
    CHECK(l.step("H-2", step(K::kAccept, at(6, 9))).status == HazardStatus::kClosed);
  }

  TEST_CASE(
      "hazard ledger: times: not before found, not before the submission, not in the future") {
    Ledger l;
    l.add(hazard("A", HazardGrade::kGeneral, dec(10), at(3, 9)));
    CHECK(field_error([&] { l.step("H-1", step(K::kProgress, at(2, 9))); }) ==
          "at: 2026-12-02 09:00 is before the hazard was found (2026-12-03 09:00)");
    CHECK(field_error([&] { l.step("H-1", step(K::kProgress, at(21, 9))); }).rfind("at: ", 0) == 0);
    l.step("H-1", step(K::kSubmit, at(5, 9)));
    CHECK(field_error([&] {
            l.step("H-1", step(K::kAccept, at(4, 9)));
          }).rfind("at: 2026-12-04 09:00 is before the rectification was submitted", 0) == 0);
    CHECK(field_error([&] { l.step("H-9", step(K::kProgress, at(5, 9))); }) ==
          "id: no hazard 'H-9'; 'duty hazard list' shows them");
  }

  TEST_CASE("hazard ledger: overdue and due soon, by calendar days") {
    Ledger l;
    l.add(hazard("late", HazardGrade::kGeneral, dec(17)));   // H-1: 3 days late on the 20th
    l.add(hazard("today", HazardGrade::kGeneral, dec(20)));  // H-2: due today, not overdue
    l.add(hazard("soon", HazardGrade::kGeneral, dec(23)));   // H-3: 3 days left
    l.add(hazard("later", HazardGrade::kGeneral, dec(24)));  // H-4: 4 days left
    l.add(hazard("done", HazardGrade::kGeneral, dec(5)));    // H-5: closed late: not overdue
    l.step("H-5", step(K::kSubmit, at(8, 9)));
    l.step("H-5", step(K::kAccept, at(9, 9)));
    auto all = duty::reports::all_hazards(l.store, l.o);
    REQUIRE(all.size() == 5);
    auto due = duty::reports::due_hazards(all, *l.o.zone, at(20, 12), std::nullopt);
    REQUIRE(due.size() == 1);
    CHECK(due[0].hazard->id == "H-1");
    CHECK(due[0].days_late == 3);
    CHECK(due[0].overdue);
    due = duty::reports::due_hazards(all, *l.o.zone, at(20, 12), 3);
    REQUIRE(due.size() == 3);
    CHECK(due[1].hazard->id == "H-2");
    CHECK(due[1].days_late == 0);
    CHECK_FALSE(due[1].overdue);
    CHECK(due[2].hazard->id == "H-3");
    CHECK(due[2].days_late == -3);
  }

  TEST_CASE(
      "hazard ledger: statistics by hand: found, fixed, rates, on time, overdue, not yet due, "
      "groups") {
    Ledger l;
    // In range (December): four hazards, one void.
    l.add(hazard("g1", HazardGrade::kGeneral, dec(10)));  // H-1 closed on time
    l.step("H-1", step(K::kSubmit, at(9, 9)));
    l.step("H-1", step(K::kAccept, at(11, 9)));
    l.add(hazard("g2", HazardGrade::kGeneral, dec(10)));  // H-2 closed late
    l.step("H-2", step(K::kSubmit, at(12, 9)));
    l.step("H-2", step(K::kAccept, at(13, 9)));
    NewHazard m = hazard("m1", HazardGrade::kMajor, dec(15));
    m.township = "Heri";
    l.add(m);  // H-3 major, open, overdue on the 20th
    NewHazard m2 = hazard("m2", HazardGrade::kMajor, dec(31));
    m2.township = "Heri";
    l.add(m2);  // H-4 major, awaiting acceptance, not yet due
    l.step("H-4", step(K::kSubmit, at(19, 9)));
    l.add(hazard("dup", HazardGrade::kGeneral, dec(10)));  // H-5 void: left out
    l.step("H-5", step(K::kVoid, at(2, 9)));
    // Found in November: outside the range.
    l.add(hazard("old", HazardGrade::kGeneral, dec(10), at(1, 9) - date::days{5}));

    auto all = duty::reports::all_hazards(l.store, l.o, at(20, 12));
    auto s = duty::reports::hazard_stats(all, at(1, 0), at(31, 23, 59), at(20, 12),
                                         duty::reports::HazardGroupBy::kTownship);
    CHECK(s.total.found == 4);
    CHECK(s.total.fixed == 2);
    CHECK(s.total.fix_rate() == doctest::Approx(0.5));
    CHECK(s.total.major_found == 2);
    CHECK(s.total.major_fixed == 0);
    CHECK(s.total.major_fix_rate() == doctest::Approx(0.0));
    CHECK(s.total.on_time_rate() == doctest::Approx(0.5));
    CHECK(s.total.overdue == 1);
    CHECK(s.total.not_yet_due == 1);
    REQUIRE(s.groups.size() == 2);
    CHECK(s.groups[0].key == "Heri");
    CHECK(s.groups[0].figures.found == 2);
    CHECK_FALSE(s.groups[0].figures.fix_rate() == std::nullopt);
    CHECK_FALSE(s.groups[0].figures.on_time_rate().has_value());  // nothing fixed: null, not 0
    CHECK(s.groups[1].key == "Zequ");
    CHECK(s.groups[1].figures.fixed == 2);

    // As of the 10th: H-1 submitted but not accepted, H-2 not submitted; nothing fixed yet.
    auto early = duty::reports::all_hazards(l.store, l.o, at(10, 12));
    auto e = duty::reports::hazard_stats(early, at(1, 0), at(31, 23, 59), at(10, 12),
                                         duty::reports::HazardGroupBy::kNone);
    CHECK(e.total.found == 4);  // H-5 was voided on the 2nd
    CHECK(e.total.fixed == 0);
    CHECK_FALSE(e.total.on_time_rate().has_value());
    CHECK(e.total.not_yet_due == 4);
    CHECK(e.groups.empty());
    // An empty range: every rate is null.
    auto none = duty::reports::hazard_stats(all, at(25, 0), at(26, 0), at(20, 12),
                                            duty::reports::HazardGroupBy::kNone);
    CHECK(none.total.found == 0);
    CHECK_FALSE(none.total.fix_rate().has_value());
    CHECK_FALSE(none.total.major_fix_rate().has_value());
  }

  TEST_CASE("hazard ledger: office.yaml's hazards: section") {
    using duty::YamlSource;
    auto s = duty::reports::parse_hazard_settings(YamlSource(
        "office.yaml",
        "office: {name: x}\nhazards:\n  townships: [A, B]\n  units: [U]\n  upcoming_days: 5\n"));
    CHECK(s.townships == std::vector<std::string>{"A", "B"});
    CHECK(s.units == std::vector<std::string>{"U"});
    CHECK(s.upcoming_days == 5);
    CHECK(duty::reports::parse_hazard_settings(YamlSource("office.yaml", "office: {}\n"))
              .upcoming_days == 3);
    try {
      duty::reports::parse_hazard_settings(
          YamlSource("office.yaml", "hazards:\n  townships: [A, A]\n  unit: [U]\n"));
      FAIL("no error");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 2);
      CHECK(e.diagnostics()[0].pos.line == 2);
      CHECK(e.diagnostics()[1].pos.line == 3);
    }
  }
}

TEST_CASE("hazard ledger: quarters and years") {
  auto q = duty::reports::parse_quarter("2026Q4");
  REQUIRE(q);
  CHECK(q->first == dec(1) - date::days{61});  // 2026-10-01
  CHECK(q->second == dec(31));
  auto q1 = duty::reports::parse_quarter("2027-q1");
  REQUIRE(q1);
  CHECK(duty::format_date(q1->first) == "2027-01-01");
  CHECK(duty::format_date(q1->second) == "2027-03-31");
  CHECK_FALSE(duty::reports::parse_quarter("2026Q5"));
  CHECK_FALSE(duty::reports::parse_quarter("26Q1"));
  auto y = duty::reports::parse_year("2026");
  REQUIRE(y);
  CHECK(duty::format_date(y->second) == "2026-12-31");
  CHECK_FALSE(duty::reports::parse_year("20x6"));
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard ledger: names typed another way: office.yaml's spelling, one key everywhere") {
    using namespace duty::reports;
    CHECK(parse_hazard_grade("MAJOR") == HazardGrade::kMajor);
    CHECK(parse_hazard_grade(" 重 大 ") == HazardGrade::kMajor);
    CHECK(parse_hazard_source("Ｉｎｓｐｅｃｔｉｏｎ") == HazardSource::kInspection);
    CHECK(parse_hazard_status("Closed") == HazardStatus::kClosed);
    CHECK_FALSE(parse_hazard_grade(""));
    CHECK_FALSE(parse_hazard_grade("   "));

    Ledger l;
    l.settings.townships = {"Zequ", "泽曲镇"};
    l.settings.units = {"Market office", "Fire brigade"};
    NewHazard n = hazard("A", HazardGrade::kGeneral, dec(10));
    n.township = " ＺＥＱＵ ";
    n.unit = "market  OFFICE";
    n.supervisor = "fire brigade";
    Hazard h = l.add(n);
    CHECK(h.township == "Zequ");
    CHECK(h.unit == "Market office");
    CHECK(h.supervisor == "Fire brigade");
    auto all = all_hazards(l.store, l.o);
    HazardQuery q;
    q.unit = "MARKET OFFICE";
    CHECK(filter_hazards(all, q, kActor.now).size() == 1);
    q.township = "泽曲镇";
    CHECK(filter_hazards(all, q, kActor.now).empty());

    // Without a list, the same unit typed two ways is one group in the statistics.
    Ledger loose;
    NewHazard a = hazard("A", HazardGrade::kGeneral, dec(10));
    a.unit = "Water bureau";
    NewHazard b = hazard("B", HazardGrade::kGeneral, dec(10));
    b.unit = "water BUREAU";
    loose.add(a);
    loose.add(b);
    auto st = hazard_stats(all_hazards(loose.store, loose.o), std::nullopt, std::nullopt,
                           kActor.now, HazardGroupBy::kUnit);
    REQUIRE(st.groups.size() == 1);
    CHECK(st.groups[0].key == "Water bureau");
    CHECK(st.groups[0].figures.found == 2);
  }

  TEST_CASE("hazard ledger: steps in the order they happened; nothing written otherwise") {
    Ledger l;
    l.add(hazard("A", HazardGrade::kGeneral, dec(30)));
    l.step("H-1", step(K::kSubmit, at(5, 9)));
    HazardStep accept = step(K::kAccept, at(6, 10));
    l.step("H-1", accept);
    auto before = l.store.raw_events().size();
    // A reopening dated before the closing it undoes.
    CHECK(field_error([&] { l.step("H-1", step(K::kReopen, at(5, 12))); }) ==
          "at: 2026-12-05 12:00 is before the latest step recorded for H-1 (acceptance at "
          "2026-12-06 10:00); steps are recorded in the order they happened");
    CHECK(l.store.raw_events().size() == before);
    Hazard h = l.step("H-1", step(K::kReopen, at(6, 10)));  // the same minute is fine
    CHECK(h.status == HazardStatus::kOpen);
    HazardStep ext = step(K::kExtend, at(8, 9));
    ext.date = dec(31);
    l.step("H-1", ext);
    for (K kind : {K::kSubmit, K::kVoid, K::kSupervise, K::kExtend}) {
      HazardStep s = step(kind, at(7, 9));
      s.date = kind == K::kExtend ? std::optional<Days>(dec(31) + date::days{1}) : std::nullopt;
      CAPTURE(static_cast<int>(kind));
      CHECK(field_error([&] {
              l.step("H-1", s);
            }).rfind("at: 2026-12-07 09:00 is before the latest", 0) == 0);
    }
    // A progress note entered late may be dated before the last step.
    CHECK(l.step("H-1", step(K::kProgress, at(7, 9))).status == HazardStatus::kOpen);
  }

  TEST_CASE("hazard ledger: a major hazard is not listed for supervision by its own unit") {
    Ledger l;
    l.add(hazard("Gas", HazardGrade::kMajor, dec(30)));
    HazardStep sup = step(K::kSupervise, at(2, 9));
    sup.unit = " market OFFICE";
    CHECK(field_error([&] {
            l.step("H-1", sup);
          }).rfind("by: market OFFICE is the responsible unit of H-1", 0) == 0);
    CHECK(l.store.raw_events().size() == 1);
    // A general hazard may be: any other unit accepts it.
    l.add(hazard("Railing", HazardGrade::kGeneral, dec(30)));
    CHECK(l.step("H-2", sup).supervision.has_value());
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard ledger: ids as people type them") {
    using duty::reports::hazard_id;
    CHECK(hazard_id("H-12") == "H-12");
    CHECK(hazard_id(" h-12 ") == "H-12");
    CHECK(hazard_id("H-0012") == "H-12");
    CHECK(hazard_id("Ｈ－１２") == "H-12");
    CHECK(hazard_id("H-0") == "H-0");
    CHECK(hazard_id("H-1x") == "H-1x");
    CHECK(hazard_id("2026-0001") == "2026-0001");
    CHECK(hazard_id("H-99999999999999999999999") == "H-99999999999999999999999");
    Ledger l;
    l.add(hazard("A", HazardGrade::kGeneral, dec(30)));
    CHECK(l.step("h-01", step(K::kProgress, at(2, 9))).id == "H-1");
    CHECK(l.store.raw_events().back().subject == "H-1");
    CHECK(duty::reports::load_hazard(l.store, l.o, "h-1").id == "H-1");
  }

  TEST_CASE("hazard ledger: every problem of a new hazard, field by field") {
    Ledger l;
    l.settings.townships = {"Zequ"};
    NewHazard n = hazard("", HazardGrade::kGeneral, dec(1), at(2, 9));
    n.township = "Nowhere";
    n.owner_phone = "call me";
    auto problems = duty::reports::new_hazard_problems(l.o, l.settings, n, kActor);
    std::vector<std::string> fields;
    for (const auto& p : problems) fields.push_back(p.field());
    CHECK(fields == std::vector<std::string>{"title", "township", "owner_phone", "due"});
    CHECK(field_error([&] { l.add(n); }) == "title: cannot be empty");
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE(
      "hazard ledger: a second owner beside the first, or a title in brackets, is the owner") {
    Ledger l;
    NewHazard n = hazard("A", HazardGrade::kGeneral, dec(30));
    n.owner = "王刚、李明";
    n.unit = "县住建局，县交通局";
    l.add(n);
    l.step("H-1", step(K::kSubmit, at(5, 9)));
    auto before = l.store.raw_events().size();
    auto accept = [&](const std::string& person, const std::string& unit) {
      HazardStep s = step(K::kAccept, at(6, 9));
      s.person = person;
      s.unit = unit;
      return refusal([&] { l.step("H-1", s); }).size();
    };
    CHECK(accept("李明", "县安委办") == 1);
    CHECK(accept("王刚（厂长）", "县安委办") == 1);
    CHECK(accept("赵磊", "县交通局") == 1);
    CHECK(accept("赵磊", "县住建局(城建监察大队)") == 1);
    CHECK(l.store.raw_events().size() == before);
    // Spaces do not separate names: "Gang Li" is not "Wang Gang".
    Ledger en;
    NewHazard m = hazard("B", HazardGrade::kGeneral, dec(30));
    m.owner = "Wang Gang";
    en.add(m);
    en.step("H-1", step(K::kSubmit, at(5, 9)));
    HazardStep ok = step(K::kAccept, at(6, 9));
    ok.person = "Gang Li";
    CHECK(en.step("H-1", ok).status == HazardStatus::kClosed);
    CHECK(accept("赵磊", "县安委办") == 0);
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard ledger: a filter naming no listed township or unit is refused, not empty") {
    using namespace duty::reports;
    Ledger l;
    l.add(hazard("A", HazardGrade::kGeneral, dec(30)));  // township Zequ, unit Market office
    auto all = all_hazards(l.store, l.o);
    HazardSettings s;
    HazardQuery q;
    q.township = "Zequu";
    CHECK_NOTHROW(check_query_names(q, s, all));  // nothing listed: an empty result is an answer
    s.townships = {"Heri"};
    s.units = {"Fire brigade"};
    CHECK(field_error([&] {
            check_query_names(q, s, all);
          }).rfind("township: unknown township 'Zequu'", 0) == 0);
    q.township = "zequ";  // registered before the list: still found
    CHECK_NOTHROW(check_query_names(q, s, all));
    q.township = "HERI";
    CHECK_NOTHROW(check_query_names(q, s, all));
    q.unit = "Water bureau";
    CHECK(field_error([&] {
            check_query_names(q, s, all);
          }).rfind("unit: unknown unit 'Water bureau'", 0) == 0);
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard ledger: invisible text is no text") {
    Ledger l;
    NewHazard n = hazard("\u200b", HazardGrade::kGeneral, dec(30));
    n.owner = "\u00a0\ufeff";
    n.measures = "\u3000\u200b";
    auto problems = duty::reports::new_hazard_problems(l.o, l.settings, n, kActor);
    std::vector<std::string> fields;
    for (const auto& p : problems) fields.push_back(std::string(p.what()) + " " + p.field());
    CHECK(fields == std::vector<std::string>{"cannot be empty title", "cannot be empty owner",
                                             "cannot be empty measures"});
    l.add(hazard("A", HazardGrade::kGeneral, dec(30)));
    HazardStep s = step(K::kProgress, at(2, 9));
    s.note = "\u200b";
    CHECK(field_error([&] { l.step("H-1", s); }) == "note: cannot be empty");
  }
}
