// SPDX-License-Identifier: Apache-2.0
#include "roster/plan.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "roster/spec.hpp"

namespace {

using namespace std::chrono_literals;
using duty::roster::DayType;

duty::Days ymd(int y, unsigned m, unsigned d) { return duty::Days{date::year{y} / date::month{m} / date::day{d}}; }

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

// New Year's Day (a Friday) and a weekend; names with a quote, Chinese and a phone with spaces
// exercise escaping on both writers.
const std::string kSpec = R"(timezone: Asia/Shanghai
handover: "08:30"
period: {from: 2027-01-01, to: 2027-01-03}
slots:
  - {id: leader, name: Leader, group: leaders}
  - {id: officer, name: Officer, group: staff, count: 2}
people:
  - {id: ann, name: Ann, groups: [leaders], phone: "+86 139 0000"}
  - {id: cat, name: 卓玛, groups: [staff]}
  - {id: dan, name: "Dan \"the man\"", groups: [staff]}
holidays:
  - {dates: 2027-01-01, name: New Year}
)";

duty::roster::Plan filled_plan(const duty::roster::Spec& spec) {
  duty::roster::Plan plan = duty::roster::make_empty_plan(spec);
  plan.shifts[0].assignments[0].people = {"ann"};
  plan.shifts[0].assignments[1].people = {"cat", "dan"};
  plan.shifts[1].assignments[0].people = {"ann"};
  plan.shifts[1].assignments[1].people = {"dan", "cat"};
  plan.shifts[2].assignments[0].people = {"ann"};
  return plan;
}

std::string to_json(const duty::roster::Plan& plan, const duty::TimeZone& zone, int indent) {
  std::ostringstream out;
  duty::roster::write_plan_json(out, plan, zone, indent);
  return out.str();
}

std::string to_yaml(const duty::roster::Plan& plan, const duty::TimeZone& zone) {
  std::ostringstream out;
  duty::roster::write_plan_yaml(out, plan, zone);
  return out.str();
}

duty::roster::Plan read(const std::string& file, const std::string& text) {
  return duty::roster::parse_plan(duty::YamlSource(file, text));
}

std::vector<duty::Diagnostic> plan_problems(const std::string& text) {
  try {
    read("plan.yaml", text);
  } catch (const duty::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

// The parts of a plan parse_plan reads back: header, dates, day types, assignments, people.
void check_same_content(const duty::roster::Plan& got, const duty::roster::Plan& want) {
  CHECK(got.timezone == want.timezone);
  CHECK(got.handover == want.handover);
  CHECK(got.from == want.from);
  CHECK(got.to == want.to);
  REQUIRE(got.shifts.size() == want.shifts.size());
  for (std::size_t i = 0; i < want.shifts.size(); ++i) {
    CAPTURE(i);
    CHECK(got.shifts[i].date == want.shifts[i].date);
    CHECK(got.shifts[i].day_type == want.shifts[i].day_type);
    REQUIRE(got.shifts[i].assignments.size() == want.shifts[i].assignments.size());
    for (std::size_t a = 0; a < want.shifts[i].assignments.size(); ++a) {
      CHECK(got.shifts[i].assignments[a].slot == want.shifts[i].assignments[a].slot);
      CHECK(got.shifts[i].assignments[a].people == want.shifts[i].assignments[a].people);
    }
  }
  REQUIRE(got.people.size() == want.people.size());
  for (std::size_t i = 0; i < want.people.size(); ++i) {
    CHECK(got.people[i].id == want.people[i].id);
    CHECK(got.people[i].name == want.people[i].name);
    CHECK(got.people[i].phone == want.people[i].phone);
  }
}

}  // namespace

TEST_SUITE("roster::plan") {
  TEST_CASE("make_shift runs from one handover to the next with the day's type") {
    auto spec = parse(kSpec);
    auto shift = duty::roster::make_shift(spec, ymd(2027, 1, 1));
    CHECK(shift.date == ymd(2027, 1, 1));
    CHECK(duty::format_iso(*spec.zone, shift.start) == "2027-01-01T08:30:00+08:00");
    CHECK(duty::format_iso(*spec.zone, shift.end) == "2027-01-02T08:30:00+08:00");
    CHECK(shift.day_type == DayType::kHoliday);
    CHECK(shift.holiday_name == "New Year");
    REQUIRE(shift.assignments.size() == 2);
    CHECK(shift.assignments[0].slot == "leader");
    CHECK(shift.assignments[1].slot == "officer");
    CHECK(shift.assignments[1].people.empty());
    REQUIRE(shift.people_in("officer") != nullptr);
    CHECK(shift.people_in("driver") == nullptr);

    auto weekend = duty::roster::make_shift(spec, ymd(2027, 1, 2));
    CHECK(weekend.day_type == DayType::kWeekend);
    CHECK(weekend.holiday_name == "");
  }

  TEST_CASE("shifts across New York's DST changes last 23 and 25 hours") {
    auto spec = parse(R"(timezone: America/New_York
period: {from: 2027-03-13, to: 2027-03-14}
slots: [{id: officer, group: staff}]
people: [{id: a, groups: [staff]}]
)");
    auto spring = duty::roster::make_shift(spec, ymd(2027, 3, 13));
    CHECK(duty::format_iso(*spec.zone, spring.start) == "2027-03-13T08:30:00-05:00");
    CHECK(duty::format_iso(*spec.zone, spring.end) == "2027-03-14T08:30:00-04:00");
    CHECK(spring.end - spring.start == std::chrono::seconds{23h});
    auto after = duty::roster::make_shift(spec, ymd(2027, 3, 14));
    CHECK(duty::format_iso(*spec.zone, after.start) == "2027-03-14T08:30:00-04:00");
    CHECK(after.end - after.start == std::chrono::seconds{24h});
    auto fall = duty::roster::make_shift(spec, ymd(2027, 11, 6));
    CHECK(duty::format_iso(*spec.zone, fall.start) == "2027-11-06T08:30:00-04:00");
    CHECK(duty::format_iso(*spec.zone, fall.end) == "2027-11-07T08:30:00-05:00");
    CHECK(fall.end - fall.start == std::chrono::seconds{25h});
  }

  TEST_CASE("a handover inside the spring-forward gap starts the shift at 03:30 EDT") {
    auto spec = parse(R"(timezone: America/New_York
handover: "02:30"
period: {from: 2027-03-13, to: 2027-03-14}
slots: [{id: officer, group: staff}]
people: [{id: a, groups: [staff]}]
)");
    auto before = duty::roster::make_shift(spec, ymd(2027, 3, 13));
    auto during = duty::roster::make_shift(spec, ymd(2027, 3, 14));
    CHECK(duty::format_iso(*spec.zone, before.end) == "2027-03-14T03:30:00-04:00");
    CHECK(before.end == during.start);
    CHECK(duty::format_iso(*spec.zone, during.end) == "2027-03-15T02:30:00-04:00");
    CHECK(before.end - before.start == std::chrono::seconds{24h});
    CHECK(during.end - during.start == std::chrono::seconds{23h});
  }

  TEST_CASE("make_empty_plan frames every date and every person") {
    auto spec = parse(kSpec);
    auto plan = duty::roster::make_empty_plan(spec);
    CHECK(plan.timezone == "Asia/Shanghai");
    CHECK(plan.handover == 8h + 30min);
    CHECK(plan.from == ymd(2027, 1, 1));
    CHECK(plan.to == ymd(2027, 1, 3));
    REQUIRE(plan.shifts.size() == 3);
    CHECK(plan.shifts[2].date == ymd(2027, 1, 3));
    CHECK(plan.shifts[1].start == plan.shifts[0].end);
    REQUIRE(plan.people.size() == 3);
    CHECK(plan.people[0].id == "ann");
    CHECK(plan.people[0].name == "Ann");
    CHECK(plan.people[0].phone == "+86 139 0000");
    CHECK(plan.people[1].name == "卓玛");
    CHECK(plan.people[2].phone == "");
  }

  TEST_CASE("compact JSON follows the plan contract exactly") {
    auto spec = parse(kSpec);
    auto plan = filled_plan(spec);
    CHECK(to_json(plan, *spec.zone, 0) ==
          R"json({"timezone":"Asia/Shanghai","handover":"08:30","from":"2027-01-01","to":"2027-01-03","shifts":[)json"
          R"json({"date":"2027-01-01","start":"2027-01-01T08:30:00+08:00","end":"2027-01-02T08:30:00+08:00",)json"
          R"json("day_type":"holiday","holiday":"New Year","assignments":{"leader":["ann"],"officer":["cat","dan"]}},)json"
          R"json({"date":"2027-01-02","start":"2027-01-02T08:30:00+08:00","end":"2027-01-03T08:30:00+08:00",)json"
          R"json("day_type":"weekend","assignments":{"leader":["ann"],"officer":["dan","cat"]}},)json"
          R"json({"date":"2027-01-03","start":"2027-01-03T08:30:00+08:00","end":"2027-01-04T08:30:00+08:00",)json"
          R"json("day_type":"weekend","assignments":{"leader":["ann"],"officer":[]}}],)json"
          R"json("people":[{"id":"ann","name":"Ann","phone":"+86 139 0000"},{"id":"cat","name":"卓玛","phone":null},)json"
          R"json({"id":"dan","name":"Dan \"the man\"","phone":null}]})json"
          "\n");
  }

  TEST_CASE("pretty JSON carries the contract keys and ISO times with offsets") {
    auto spec = parse(R"(timezone: America/New_York
period: {from: 2027-11-06, to: 2027-11-07}
slots: [{id: officer, group: staff}]
people: [{id: a, groups: [staff]}]
)");
    auto plan = duty::roster::make_empty_plan(spec);
    plan.shifts[0].assignments[0].people = {"a"};
    const std::string text = to_json(plan, *spec.zone, 2);
    CHECK(text.find("\n  \"shifts\": [\n") != std::string::npos);
    duty::YamlSource doc("plan.json", text);
    const YAML::Node& root = doc.root();
    REQUIRE(root.IsMap());
    std::vector<std::string> keys;
    for (const auto& kv : root) keys.push_back(kv.first.Scalar());
    CHECK(keys == std::vector<std::string>{"timezone", "handover", "from", "to", "shifts", "people"});
    CHECK(root["timezone"].Scalar() == "America/New_York");
    CHECK(root["handover"].Scalar() == "08:30");
    const YAML::Node& first = root["shifts"][0];
    std::vector<std::string> shift_keys;
    for (const auto& kv : first) shift_keys.push_back(kv.first.Scalar());
    CHECK(shift_keys == std::vector<std::string>{"date", "start", "end", "day_type", "assignments"});
    CHECK(first["start"].Scalar() == "2027-11-06T08:30:00-04:00");
    CHECK(first["end"].Scalar() == "2027-11-07T08:30:00-05:00");
    CHECK(first["day_type"].Scalar() == "weekend");
    CHECK(first["assignments"]["officer"][0].Scalar() == "a");
    CHECK(root["shifts"][1]["assignments"]["officer"].size() == 0);
    CHECK(root["people"][0]["id"].Scalar() == "a");
    CHECK(root["people"][0]["phone"].IsNull());
  }

  TEST_CASE("a plan written as JSON reads back with the same content") {
    auto spec = parse(kSpec);
    auto plan = filled_plan(spec);
    for (int indent : {0, 2}) {
      CAPTURE(indent);
      auto back = read("plan.json", to_json(plan, *spec.zone, indent));
      check_same_content(back, plan);
      CHECK(back.pos.file == "plan.json");
    }
    // Shifts remember where they were read, for messages about hand-edited plans.
    auto back = read("plan.json", to_json(plan, *spec.zone, 2));
    CHECK(back.shifts[1].pos.str() == "plan.json:23:5");
  }

  TEST_CASE("a plan read back from JSON writes the same JSON again") {
    auto spec = parse(kSpec);
    const std::string first = to_json(filled_plan(spec), *spec.zone, 2);
    const std::string second = to_json(read("plan.json", first), *spec.zone, 2);
    CHECK(second == first);
  }

  TEST_CASE("a plan written as YAML reads back with the same content") {
    auto spec = parse(kSpec);
    auto plan = filled_plan(spec);
    const std::string text = to_yaml(plan, *spec.zone);
    CHECK(text.find("start: 2027-01-01T08:30:00+08:00") != std::string::npos);
    CHECK(text.find("holiday: New Year") != std::string::npos);
    CHECK(text.find("handover: \"08:30\"") != std::string::npos);
    check_same_content(read("plan.yaml", text), plan);
  }

  TEST_CASE("YAML output keeps ids and names that look like other YAML values") {
    auto spec = parse(R"(timezone: Asia/Shanghai
period: {from: 2027-01-04, to: 2027-01-04}
slots: [{id: officer, group: staff, count: 4}]
people:
  - {id: "null", name: "~", groups: [staff]}
  - {id: "no", name: "a: b # c", groups: [staff]}
  - {id: "0800", name: "- x", groups: [staff], phone: "0123"}
  - {id: "true", name: "[x]", groups: [staff]}
)");
    auto plan = duty::roster::make_empty_plan(spec);
    plan.shifts[0].assignments[0].people = {"null", "no", "0800", "true"};
    check_same_content(read("plan.yaml", to_yaml(plan, *spec.zone)), plan);
  }

  TEST_CASE("a hand-written plan may give one person as a scalar and leave a slot empty") {
    auto plan = read("plan.yaml", R"(shifts:
  - date: 2027-01-04
    assignments: {leader: ann, officer: [cat, dan], backup: }
  - date: 2027-01-05
    day_type: holiday
    assignments: {leader: [bob]}
)");
    REQUIRE(plan.shifts.size() == 2);
    CHECK(plan.from == ymd(2027, 1, 4));
    CHECK(plan.to == ymd(2027, 1, 5));
    CHECK(plan.timezone == "");
    CHECK(plan.shifts[0].day_type == DayType::kWorkday);
    CHECK(plan.shifts[1].day_type == DayType::kHoliday);
    REQUIRE(plan.shifts[0].assignments.size() == 3);
    CHECK(plan.shifts[0].assignments[0].people == std::vector<std::string>{"ann"});
    CHECK(plan.shifts[0].assignments[1].people == std::vector<std::string>{"cat", "dan"});
    CHECK(plan.shifts[0].assignments[2].slot == "backup");
    CHECK(plan.shifts[0].assignments[2].people.empty());
    CHECK(plan.shifts[1].pos.str() == "plan.yaml:4:5");
  }

  TEST_CASE("parse_plan reports every bad shift with its position") {
    const std::string text = R"(timezone: Asia/Shanghai
shifts:
  - date: 2027-02-30
    assignments: {leader: [ann]}
  - date: 2027-03-01
    assignments: [ann]
  - just text
)";
    auto ds = plan_problems(text);
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].pos.str() == "plan.yaml:3:11");
    CHECK(ds[0].message == "'2027-02-30' is not a valid date for a shift's date; expected YYYY-MM-DD");
    CHECK(ds[1].pos.str() == "plan.yaml:6:18");
    CHECK(ds[1].message == "expected 'assignments' as a mapping from slot to a list of people");
    CHECK(ds[2].pos.str() == "plan.yaml:7:5");
    CHECK(ds[2].message ==
          "expected a shift (a mapping with 'date' and 'assignments'), got 'just text'");
  }

  TEST_CASE("parse_plan refuses a document that is not a plan") {
    auto ds = plan_problems("- a\n- b\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "expected a plan (a mapping with 'shifts'), got a list");
    ds = plan_problems("timezone: Asia/Shanghai\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "expected 'shifts' as a list of shifts");
    ds = plan_problems("shifts: []\nhandover: \"8h\"\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == "plan.yaml:2:11");
    CHECK(ds[0].message == "'8h' is not a valid handover time; expected HH:MM");
  }
}
