// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "roster/export.hpp"

namespace {

using duty::roster::ExportOptions;

duty::Days ymd(int y, unsigned m, unsigned d) {
  return duty::Days{date::year{y} / date::month{m} / date::day{d}};
}

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

// Berlin across both changes of 2027 (28 March, 31 October) with a 08:30 handover; names with
// characters RFC 5545 TEXT must escape, and a long Chinese title that has to be folded.
const std::string kBerlin = R"(timezone: Europe/Berlin
handover: "08:30"
locale: zh-CN
title: 泽库县应急管理局值班表（测试用的一个很长很长的标题，需要折行才能放下）
period: {from: 2027-03-27, to: 2027-11-01}
slots:
  - {id: leader, name: 带班领导, group: leaders}
  - {id: officer, name: "Officer; on call", group: staff, count: 2}
people:
  - {id: ann, name: "Ann, the \\boss", groups: [leaders], phone: "+49 30 1234"}
  - {id: bob, name: Bob, groups: [leaders]}
  - {id: cat, name: 卓玛, groups: [staff], phone: "139"}
  - {id: dan, name: Dan, groups: [staff]}
  - {id: eve, name: Eve, groups: [staff]}
)";

duty::roster::Plan filled(const duty::roster::Spec& spec) {
  duty::roster::Plan plan = duty::roster::make_empty_plan(spec);
  for (std::size_t i = 0; i < plan.shifts.size(); ++i) {
    plan.shifts[i].assignments[0].people = {i % 2 ? "bob" : "ann"};
    plan.shifts[i].assignments[1].people = {i % 2 ? "dan" : "cat", "eve"};
  }
  return plan;
}

ExportOptions options() {
  ExportOptions o;
  o.now = duty::Seconds{date::sys_days{ymd(2026, 11, 29)}} + std::chrono::hours{9};
  return o;
}

std::string ics(const duty::roster::Spec& spec, const duty::roster::Plan& plan,
                const ExportOptions& o) {
  std::ostringstream out;
  duty::roster::write_plan_ics(out, spec, plan, o);
  return out.str();
}

// The logical lines: CRLF-separated physical lines with folds undone.
std::vector<std::string> unfold(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    std::string physical = text.substr(pos, end - pos);
    if (!physical.empty() && physical[0] == ' ') {
      REQUIRE(!lines.empty());
      lines.back() += physical.substr(1);
    } else {
      lines.push_back(physical);
    }
    pos = end + 2;
  }
  return lines;
}

// The VEVENTs as property maps (name with parameters -> value).
std::vector<std::map<std::string, std::string>> events(const std::string& text) {
  std::vector<std::map<std::string, std::string>> out;
  bool in = false;
  for (const auto& line : unfold(text)) {
    if (line == "BEGIN:VEVENT") {
      in = true;
      out.emplace_back();
      continue;
    }
    if (line == "END:VEVENT") in = false;
    if (!in) continue;
    auto colon = line.find(':');
    out.back()[line.substr(0, colon)] = line.substr(colon + 1);
  }
  return out;
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

TEST_SUITE("roster::export_ics") {
  TEST_CASE("folding keeps lines within 75 octets and never splits a UTF-8 character") {
    for (std::size_t prefix = 0; prefix < 6; ++prefix) {
      std::string line = "DESCRIPTION:" + std::string(prefix, 'x');
      for (int i = 0; i < 60; ++i) line += i % 3 ? "值" : "😀";
      std::string folded = duty::roster::ics_fold(line);
      std::string rejoined;
      std::size_t pos = 0;
      bool first = true;
      while (pos < folded.size()) {
        std::size_t end = folded.find("\r\n", pos);
        REQUIRE(end != std::string::npos);
        std::string physical = folded.substr(pos, end - pos);
        CHECK(physical.size() <= 75);
        if (!first) {
          REQUIRE(physical[0] == ' ');
          physical.erase(0, 1);
          CHECK_FALSE(is_continuation(static_cast<unsigned char>(physical[0])));
        }
        // The byte after a fold starts a character, so the line before ends on a whole one.
        if (end + 2 < folded.size())
          CHECK_FALSE(is_continuation(static_cast<unsigned char>(folded[end + 3])));
        rejoined += physical;
        pos = end + 2;
        first = false;
      }
      CHECK(rejoined == line);
    }
    CHECK(duty::roster::ics_fold("VERSION:2.0") == "VERSION:2.0\r\n");
    CHECK(duty::roster::ics_fold(std::string(75, 'a')) == std::string(75, 'a') + "\r\n");
    CHECK(duty::roster::ics_fold(std::string(76, 'a')) == std::string(75, 'a') + "\r\n a\r\n");
  }

  TEST_CASE("TEXT escaping") {
    CHECK(duty::roster::ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
    CHECK(duty::roster::ics_escape("x\r\ny") == "x\\ny");
    CHECK(duty::roster::ics_escape("带班领导：多杰") == "带班领导：多杰");
  }

  TEST_CASE("a calendar: header, CRLF only, every line within 75 octets, escaped summaries") {
    auto spec = parse(kBerlin);
    auto plan = filled(spec);
    std::string text = ics(spec, plan, options());
    CHECK(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
    CHECK(text.find("CALSCALE:GREGORIAN\r\n") != std::string::npos);
    CHECK(text.find("METHOD:PUBLISH\r\n") != std::string::npos);
    CHECK(text.size() >= 15);
    CHECK(text.substr(text.size() - 15) == "END:VCALENDAR\r\n");
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') CHECK(i > 0);
      if (text[i] == '\n') CHECK(text[i - 1] == '\r');
    }
    for (const auto& line : unfold(text)) CHECK(!line.empty());
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find("\r\n", pos);
      CHECK(end - pos <= 75);
      pos = end + 2;
    }
    auto ev = events(text);
    REQUIRE(ev.size() == plan.shifts.size());
    CHECK(ev[0]["SUMMARY"] == "带班领导：Ann\\, the \\\\boss；Officer\\; on call：卓玛、Eve");
    CHECK(ev[0]["DTSTART;TZID=Europe/Berlin"] == "20270327T083000");
    CHECK(ev[0]["DTEND;TZID=Europe/Berlin"] == "20270328T083000");
    CHECK(ev[0]["DTSTAMP"] == "20261129T090000Z");
    CHECK(ev[0]["SEQUENCE"] == "0");
    CHECK(ev[0]["DESCRIPTION"].find("\\n带班领导：Ann\\, the \\\\boss +49 30 1234\\n") !=
          std::string::npos);
  }

  TEST_CASE("VTIMEZONE for Europe/Berlin covers both changes; 23- and 25-hour shifts") {
    auto spec = parse(kBerlin);
    std::string text = ics(spec, filled(spec), options());
    auto lines = unfold(text);
    auto begin = std::find(lines.begin(), lines.end(), "BEGIN:VTIMEZONE");
    auto end = std::find(lines.begin(), lines.end(), "END:VTIMEZONE");
    REQUIRE(begin != lines.end());
    REQUIRE(end != lines.end());
    std::vector<std::string> tz(begin, end + 1);
    std::vector<std::string> expected{"BEGIN:VTIMEZONE",    "TZID:Europe/Berlin",
                                      "BEGIN:STANDARD",     "DTSTART:20261025T030000",
                                      "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                                      "TZNAME:CET",         "END:STANDARD",
                                      "BEGIN:DAYLIGHT",     "DTSTART:20270328T020000",
                                      "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                                      "TZNAME:CEST",        "END:DAYLIGHT",
                                      "BEGIN:STANDARD",     "DTSTART:20271031T030000",
                                      "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                                      "TZNAME:CET",         "END:STANDARD",
                                      "END:VTIMEZONE"};
    CHECK(tz == expected);
    auto ev = events(text);
    // 2027-03-27 08:30 CET to 2027-03-28 08:30 CEST is 23 hours; the local times stay 08:30.
    CHECK(ev[0]["DTSTART;TZID=Europe/Berlin"] == "20270327T083000");
    CHECK(ev[0]["DTEND;TZID=Europe/Berlin"] == "20270328T083000");
    auto oct30 = std::find_if(ev.begin(), ev.end(), [](auto& e) {
      return e["DTSTART;TZID=Europe/Berlin"] == "20271030T083000";
    });
    REQUIRE(oct30 != ev.end());
    CHECK((*oct30)["DTEND;TZID=Europe/Berlin"] == "20271031T083000");
  }

  TEST_CASE("VTIMEZONE for a zone without changes in the span") {
    auto spec = parse(R"(timezone: Asia/Shanghai
period: {from: 2027-01-01, to: 2027-01-02}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    auto plan = duty::roster::make_empty_plan(spec);
    for (auto& s : plan.shifts) s.assignments[0].people = {"ann"};
    auto lines = unfold(ics(spec, plan, options()));
    auto tzid = std::find(lines.begin(), lines.end(), "TZID:Asia/Shanghai");
    REQUIRE(tzid != lines.end());
    CHECK(*(tzid + 1) == "BEGIN:STANDARD");
    CHECK(*(tzid + 2) == "DTSTART:19910915T020000");
    CHECK(*(tzid + 3) == "TZOFFSETFROM:+0900");
    CHECK(*(tzid + 4) == "TZOFFSETTO:+0800");
    CHECK(std::count(lines.begin(), lines.end(), "END:STANDARD") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "BEGIN:DAYLIGHT") == 0);
  }

  TEST_CASE("UIDs stay the same when the people on a duty change, and differ between duties") {
    auto spec = parse(kBerlin);
    auto plan = filled(spec);
    auto before = events(ics(spec, plan, options()));
    plan.shifts[0].assignments[0].people = {"bob"};
    plan.shifts[0].assignments[1].people = {"dan", "eve"};
    auto after = events(ics(spec, plan, options()));
    CHECK(before[0]["UID"] == after[0]["UID"]);
    CHECK(before[0]["SUMMARY"] != after[0]["SUMMARY"]);
    std::set<std::string> uids;
    for (auto& e : after) uids.insert(e["UID"]);
    CHECK(uids.size() == after.size());
    CHECK(duty::roster::duty_uid("a", ymd(2027, 1, 1), "shift", "") !=
          duty::roster::duty_uid("b", ymd(2027, 1, 1), "shift", ""));
    CHECK(duty::roster::duty_uid("a", ymd(2027, 1, 1), "leader", "ann")
              .rfind("20270101-leader-ann.", 0) == 0);
  }

  TEST_CASE("SEQUENCE comes from the per-date map") {
    auto spec = parse(kBerlin);
    auto o = options();
    std::map<duty::Days, int> changes{{ymd(2027, 3, 28), 3}};
    o.sequence = [&](duty::Days d) {
      auto it = changes.find(d);
      return it == changes.end() ? 0 : it->second;
    };
    auto ev = events(ics(spec, filled(spec), o));
    CHECK(ev[0]["SEQUENCE"] == "0");
    CHECK(ev[1]["SEQUENCE"] == "3");
    CHECK(ev[2]["SEQUENCE"] == "0");
  }

  TEST_CASE("one person's duties: one event per duty, with its own UID") {
    auto spec = parse(kBerlin);
    auto plan = filled(spec);
    auto o = options();
    o.person = "eve";
    auto ev = events(ics(spec, plan, o));
    CHECK(ev.size() == plan.shifts.size());
    CHECK(ev[0]["SUMMARY"] == "Officer\\; on call：Eve");
    CHECK(ev[0]["UID"].rfind("20270327-officer-eve.", 0) == 0);
    CHECK(ev[0]["TRANSP"] == "OPAQUE");
    o.person = "bob";
    ev = events(ics(spec, plan, o));
    CHECK(ev.size() == plan.shifts.size() / 2);
    CHECK(ev[0]["DTSTART;TZID=Europe/Berlin"] == "20270328T083000");
    o.person = "bobby";
    CHECK_THROWS_AS(ics(spec, plan, o), duty::FieldError);
  }

  TEST_CASE(
      "a handover in the spring gap or in the repeated hour is written in UTC, so no reader can "
      "place it elsewhere") {
    auto spec = parse(R"(timezone: America/New_York
handover: "02:30"
period: {from: 2027-03-13, to: 2027-03-14}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    auto plan = duty::roster::make_empty_plan(spec);
    for (auto& s : plan.shifts) s.assignments[0].people = {"ann"};
    auto ev = events(ics(spec, plan, options()));
    REQUIRE(ev.size() == 2);
    CHECK(ev[0]["DTSTART;TZID=America/New_York"] == "20270313T023000");
    // 02:30 never happens on the 14th: the shift changes at 03:30 EDT, 07:30 UTC.
    CHECK(ev[0]["DTEND"] == "20270314T073000Z");
    CHECK(ev[1]["DTSTART"] == "20270314T073000Z");
    CHECK(ev[1]["DTEND;TZID=America/New_York"] == "20270315T023000");
    CHECK(ev[0].count("DTEND;TZID=America/New_York") == 0);

    auto london = parse(R"(timezone: Europe/London
handover: "01:30"
period: {from: 2027-10-30, to: 2027-10-31}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    auto plan2 = duty::roster::make_empty_plan(london);
    for (auto& s : plan2.shifts) s.assignments[0].people = {"ann"};
    std::string text = ics(london, plan2, options());
    ev = events(text);
    // 01:30 on 31 October happens twice; the shift changes at the first (BST, 00:30 UTC), so the
    // shift of the 31st is 25 hours long. A reader given 01:30 local could take either.
    CHECK(ev[0]["DTSTART;TZID=Europe/London"] == "20271030T013000");
    CHECK(ev[0]["DTEND"] == "20271031T003000Z");
    CHECK(ev[1]["DTSTART"] == "20271031T003000Z");
    CHECK(ev[1]["DTEND;TZID=Europe/London"] == "20271101T013000");
    CHECK(plan2.shifts[1].end - plan2.shifts[1].start == std::chrono::hours{25});
    CHECK(text.find("BEGIN:STANDARD\r\nDTSTART:20271031T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:"
                    "+0000\r\n"
                    "TZNAME:GMT\r\n") != std::string::npos);
  }

  TEST_CASE("instants in an offset with seconds are written in UTC and the offset whole") {
    // parse_spec refuses such a period; a spec built by hand reaches the writer anyway.
    auto spec = parse(R"(timezone: Asia/Shanghai
period: {from: 1901-01-01, to: 1901-01-02}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    spec.from = ymd(1900, 12, 31);
    auto plan = duty::roster::make_empty_plan(spec);
    for (auto& s : plan.shifts) s.assignments[0].people = {"ann"};
    std::string text = ics(spec, plan, options());
    auto ev = events(text);
    REQUIRE(ev.size() == 3);
    // 08:30 LMT (+08:05:43) on 31 December 1900 is 00:24:17 UTC; 08:30 CST the next day is
    // whole minutes but before 32-bit tz data begins (1901-12-13), so UTC as well.
    CHECK(ev[0]["DTSTART"] == "19001231T002417Z");
    CHECK(ev[0]["DTEND"] == "19010101T003000Z");
    CHECK(ev[1]["DTSTART"] == "19010101T003000Z");
    auto lines = unfold(text);
    auto tzid = std::find(lines.begin(), lines.end(), "TZID:Asia/Shanghai");
    REQUIRE(tzid != lines.end());
    // The observance in force before the zone's first change starts no later than the first event.
    CHECK(*(tzid + 1) == "BEGIN:STANDARD");
    CHECK(*(tzid + 2) == "DTSTART:19001231T000000");
    CHECK(*(tzid + 3) == "TZOFFSETFROM:+080543");
    CHECK(*(tzid + 4) == "TZOFFSETTO:+080543");
    CHECK(std::find(lines.begin(), lines.end(), "DTSTART:19010101T000000") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "TZOFFSETTO:+0800") != lines.end());
  }

  TEST_CASE("a zone that never changed gets an observance from 1970 or from the span, whichever is earlier") {
    auto spec = parse(R"(timezone: Etc/GMT-3
period: {from: 1950-03-01, to: 1950-03-02}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    auto plan = duty::roster::make_empty_plan(spec);
    for (auto& s : plan.shifts) s.assignments[0].people = {"ann"};
    auto lines = unfold(ics(spec, plan, options()));
    CHECK(std::find(lines.begin(), lines.end(), "DTSTART:19500301T000000") != lines.end());
    spec = parse(R"(timezone: Etc/GMT-3
period: {from: 2027-03-01, to: 2027-03-02}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    plan = duty::roster::make_empty_plan(spec);
    for (auto& s : plan.shifts) s.assignments[0].people = {"ann"};
    lines = unfold(ics(spec, plan, options()));
    CHECK(std::find(lines.begin(), lines.end(), "DTSTART:19700101T000000") != lines.end());
  }

  TEST_CASE("instants outside 32-bit tz data are written in UTC; those inside keep their zone") {
    auto spec = parse(R"(timezone: Asia/Shanghai
period: {from: 2038-01-18, to: 2038-01-19}
slots: [{id: leader, group: leaders}]
people: [{id: ann, groups: [leaders]}]
)");
    auto plan = duty::roster::make_empty_plan(spec);
    for (auto& s : plan.shifts) s.assignments[0].people = {"ann"};
    auto ev = events(ics(spec, plan, options()));
    REQUIRE(ev.size() == 2);
    // 2038-01-19T03:14:07Z is the last second of 32-bit time; 08:30 CST is 00:30 UTC.
    CHECK(ev[0]["DTSTART;TZID=Asia/Shanghai"] == "20380118T083000");
    CHECK(ev[0]["DTEND;TZID=Asia/Shanghai"] == "20380119T083000");
    CHECK(ev[1]["DTSTART;TZID=Asia/Shanghai"] == "20380119T083000");
    CHECK(ev[1]["DTEND"] == "20380120T003000Z");
  }
}
