// SPDX-License-Identifier: Apache-2.0
#include "roster/spec.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/text.hpp"

namespace {

using namespace std::chrono_literals;
using duty::roster::DayType;

duty::Days ymd(int y, unsigned m, unsigned d) { return duty::Days{date::year{y} / date::month{m} / date::day{d}}; }

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

// Everything parse_spec (or the YAML reader before it) reports; empty when the spec is valid.
std::vector<duty::Diagnostic> problems(const std::string& text) {
  try {
    parse(text);
  } catch (const duty::InputError& e) {
    CHECK(e.code() == duty::ExitCode::kBadInput);
    return e.diagnostics();
  }
  return {};
}

// The 1-based line and byte column where `token` starts, so expected positions follow the text.
struct Where {
  int line = 0;
  int column = 0;
};
Where where(const std::string& text, std::string_view token, int occurrence = 1) {
  std::size_t at = std::string::npos;
  for (int i = 0; i < occurrence; ++i) {
    at = text.find(token, i == 0 ? 0 : at + 1);
    if (at == std::string::npos) break;
  }
  REQUIRE_MESSAGE(at != std::string::npos, "token not in the test text: ", std::string(token));
  Where w;
  w.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++w.line;
      line_start = i + 1;
    }
  }
  w.column = static_cast<int>(at - line_start) + 1;
  return w;
}

void check_at(const duty::Diagnostic& d, const std::string& text, std::string_view token, int occurrence = 1) {
  Where w = where(text, token, occurrence);
  CHECK(d.pos.file == "spec.yaml");
  CHECK(d.pos.line == w.line);
  CHECK(d.pos.column == w.column);
}

// One problem, at `token`, with exactly this message.
void check_single(const std::string& text, std::string_view token, const std::string& message, int occurrence = 1) {
  auto ds = problems(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == message);
  check_at(ds[0], text, token, occurrence);
}

// A valid spec that each bad-input case below changes in one place.
const std::string kSlotsAndPeople = R"(slots:
  - {id: leader, group: leaders}
  - {id: officer, group: staff, count: 2}
people:
  - {id: ann, groups: [leaders]}
  - {id: bob, groups: [leaders]}
  - {id: cat, groups: [staff]}
  - {id: dan, groups: [staff]}
  - {id: eve, groups: [staff]}
)";
const std::string kHead = "timezone: Asia/Shanghai\nperiod: {from: 2027-01-01, to: 2027-01-10}\n";

const std::string kFull = R"(title: Test office
timezone: Asia/Shanghai
handover: "09:00"
locale: zh-CN
period: {from: 2027-01-29, to: 2027-02-21}
slots:
  - {id: leader, name: Leader on duty, group: leaders}
  - {id: officer, group: staff, count: 2}
people:
  - {id: ann, name: Ann, groups: [leaders], phone: "555-0101", weight: 0.5}
  - {id: bob, groups: [leaders, staff], unavailable: [2027-02-01, 2027-02-10..2027-02-12]}
  - {id: cat, name: 卓玛, groups: [staff]}
  - {id: dan, groups: [staff, staff]}
holidays:
  - {dates: 2027-02-05..2027-02-07, name: Spring Festival}
  - 2027-02-15
workdays: [2027-02-20]
rules: {min_rest_days: 1, max_duties: 9}
fixed:
  - {date: 2027-02-05, slot: leader, person: ann}
  - {date: 2027-02-08, slot: officer, person: bob}
strategy: rotation
seed: 42
)";

}  // namespace

TEST_SUITE("roster::spec") {
  TEST_CASE("a full spec parses into its values") {
    duty::roster::Spec spec = parse(kFull);
    CHECK(spec.source == "spec.yaml");
    CHECK(spec.title == "Test office");
    CHECK(spec.timezone == "Asia/Shanghai");
    REQUIRE(spec.zone != nullptr);
    CHECK(spec.zone->name() == "Asia/Shanghai");
    CHECK(spec.handover == 9h);
    CHECK(spec.locale == "zh-CN");
    CHECK(spec.from == ymd(2027, 1, 29));
    CHECK(spec.to == ymd(2027, 2, 21));
    CHECK(spec.days() == 24);
    CHECK(spec.strategy == duty::roster::Strategy::kRotation);
    CHECK(spec.seed == 42);
    CHECK(spec.rules.min_rest_days == 1);
    CHECK(spec.rules.max_duties == 9);
  }

  TEST_CASE("slots keep their order, names, groups and counts") {
    duty::roster::Spec spec = parse(kFull);
    REQUIRE(spec.slots.size() == 2);
    CHECK(spec.slots[0].id == "leader");
    CHECK(spec.slots[0].name == "Leader on duty");
    CHECK(spec.slots[0].group == "leaders");
    CHECK(spec.slots[0].count == 1);
    CHECK(spec.slots[0].pos.line == 7);
    CHECK(spec.slots[1].id == "officer");
    CHECK(spec.slots[1].name == "officer");  // the id stands in for a missing name
    CHECK(spec.slots[1].count == 2);
    CHECK(spec.slot_groups() == std::vector<std::string>{"leaders", "staff"});
    REQUIRE(spec.find_slot("officer") != nullptr);
    CHECK(spec.find_slot("officer")->count == 2);
    CHECK(spec.find_slot("oficer") == nullptr);
  }

  TEST_CASE("people keep names, phones, weights, groups and expanded leave") {
    duty::roster::Spec spec = parse(kFull);
    REQUIRE(spec.people.size() == 4);
    const auto& ann = spec.people[0];
    CHECK(ann.id == "ann");
    CHECK(ann.name == "Ann");
    CHECK(ann.phone == "555-0101");
    CHECK(ann.weight == doctest::Approx(0.5));
    CHECK(ann.groups == std::vector<std::string>{"leaders"});
    CHECK(ann.unavailable.empty());
    CHECK(ann.pos.line == 10);

    const auto& bob = spec.people[1];
    CHECK(bob.name == "bob");
    CHECK(bob.phone == "");
    CHECK(bob.weight == doctest::Approx(1.0));
    CHECK(bob.groups == std::vector<std::string>{"leaders", "staff"});
    CHECK(bob.in_group("staff"));
    CHECK_FALSE(bob.in_group("staf"));
    CHECK(bob.unavailable ==
          std::set<duty::Days>{ymd(2027, 2, 1), ymd(2027, 2, 10), ymd(2027, 2, 11), ymd(2027, 2, 12)});
    CHECK_FALSE(bob.available(ymd(2027, 2, 11)));
    CHECK(bob.available(ymd(2027, 2, 13)));

    CHECK(spec.people[2].name == "卓玛");
    // A group listed twice is one membership.
    CHECK(spec.people[3].groups == std::vector<std::string>{"staff"});
    REQUIRE(spec.find_person("cat") != nullptr);
    CHECK(spec.find_person("cat")->name == "卓玛");
    CHECK(spec.find_person("carl") == nullptr);
  }

  TEST_CASE("holidays expand ranges and keep their names; workdays are make-up days") {
    duty::roster::Spec spec = parse(kFull);
    std::map<duty::Days, std::string> expected = {{ymd(2027, 2, 5), "Spring Festival"},
                                                  {ymd(2027, 2, 6), "Spring Festival"},
                                                  {ymd(2027, 2, 7), "Spring Festival"},
                                                  {ymd(2027, 2, 15), ""}};
    CHECK(spec.holidays == expected);
    CHECK(spec.workdays == std::set<duty::Days>{ymd(2027, 2, 20)});
  }

  TEST_CASE("pins keep date, slot, person and where they were written") {
    duty::roster::Spec spec = parse(kFull);
    REQUIRE(spec.fixed.size() == 2);
    CHECK(spec.fixed[0].date == ymd(2027, 2, 5));
    CHECK(spec.fixed[0].slot == "leader");
    CHECK(spec.fixed[0].person == "ann");
    CHECK(spec.fixed[0].pos.str() == "spec.yaml:20:5");
    CHECK(spec.fixed[1].date == ymd(2027, 2, 8));
    CHECK(spec.fixed[1].slot == "officer");
    CHECK(spec.fixed[1].person == "bob");
    CHECK(spec.fixed[1].pos.str() == "spec.yaml:21:5");
  }

  TEST_CASE("day_type: holiday beats weekend, a make-up day is a workday") {
    duty::roster::Spec spec = parse(kFull);
    CHECK(spec.day_type(ymd(2027, 2, 5)) == DayType::kHoliday);   // Friday, Spring Festival
    CHECK(spec.day_type(ymd(2027, 2, 6)) == DayType::kHoliday);   // Saturday inside the holiday
    CHECK(spec.day_type(ymd(2027, 2, 15)) == DayType::kHoliday);  // Monday, unnamed holiday
    CHECK(spec.day_type(ymd(2027, 2, 13)) == DayType::kWeekend);  // Saturday
    CHECK(spec.day_type(ymd(2027, 2, 14)) == DayType::kWeekend);  // Sunday
    CHECK(spec.day_type(ymd(2027, 2, 20)) == DayType::kWorkday);  // Saturday, make-up working day
    CHECK(spec.day_type(ymd(2027, 2, 21)) == DayType::kWeekend);  // the Sunday after it is not
    CHECK(spec.day_type(ymd(2027, 2, 16)) == DayType::kWorkday);  // Tuesday
  }

  TEST_CASE("day types print and parse by name") {
    CHECK(duty::roster::to_string(DayType::kWorkday) == "workday");
    CHECK(duty::roster::to_string(DayType::kWeekend) == "weekend");
    CHECK(duty::roster::to_string(DayType::kHoliday) == "holiday");
    CHECK(duty::roster::parse_day_type("holiday") == DayType::kHoliday);
    CHECK(duty::roster::parse_day_type("weekend") == DayType::kWeekend);
    CHECK(duty::roster::parse_day_type("workday") == DayType::kWorkday);
    CHECK_FALSE(duty::roster::parse_day_type("Holiday").has_value());
  }

  TEST_CASE("optional keys take their documented defaults") {
    duty::roster::Spec spec = parse(kHead + kSlotsAndPeople);
    CHECK(spec.handover == 8h + 30min);
    CHECK(spec.locale == "en");
    CHECK(spec.title == "");
    CHECK(spec.strategy == duty::roster::Strategy::kBalanced);
    CHECK(spec.seed == 1);
    CHECK(spec.rules.min_rest_days == 0);
    CHECK_FALSE(spec.rules.max_duties.has_value());
    CHECK(spec.holidays.empty());
    CHECK(spec.workdays.empty());
    CHECK(spec.fixed.empty());
    CHECK(spec.people[0].weight == doctest::Approx(1.0));
  }

  TEST_CASE("a period override replaces the file's dates") {
    duty::roster::PeriodOverride over;
    over.from = ymd(2027, 1, 5);
    auto spec = duty::roster::parse_spec(duty::YamlSource("spec.yaml", kHead + kSlotsAndPeople), over);
    CHECK(spec.from == ymd(2027, 1, 5));
    CHECK(spec.to == ymd(2027, 1, 10));

    duty::roster::PeriodOverride both{ymd(2027, 3, 1), ymd(2027, 3, 3)};
    const std::string no_period = "timezone: Asia/Shanghai\n" + kSlotsAndPeople;
    spec = duty::roster::parse_spec(duty::YamlSource("spec.yaml", no_period), both);
    CHECK(spec.from == ymd(2027, 3, 1));
    CHECK(spec.days() == 3);

    duty::roster::PeriodOverride backwards{ymd(2027, 3, 3), ymd(2027, 3, 1)};
    CHECK_THROWS_AS(duty::roster::parse_spec(duty::YamlSource("spec.yaml", no_period), backwards), duty::UsageError);
  }

  TEST_CASE("parse_date_or_range expands inclusive ranges and explains bad ones") {
    std::string why;
    auto one = duty::roster::parse_date_or_range("2027-02-05", why);
    REQUIRE(one.has_value());
    CHECK(*one == std::vector<duty::Days>{ymd(2027, 2, 5)});
    auto range = duty::roster::parse_date_or_range("2027-02-27..2027-03-02", why);
    REQUIRE(range.has_value());
    CHECK(*range == std::vector<duty::Days>{ymd(2027, 2, 27), ymd(2027, 2, 28), ymd(2027, 3, 1), ymd(2027, 3, 2)});
    CHECK(duty::roster::parse_date_or_range("2027-02-05..2027-02-05", why)->size() == 1);

    CHECK_FALSE(duty::roster::parse_date_or_range("2027-02-10..2027-02-05", why).has_value());
    CHECK(why == "the range ends before it starts");
    CHECK_FALSE(duty::roster::parse_date_or_range("2027-02-30", why).has_value());
    CHECK(why == "expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD");
    CHECK_FALSE(duty::roster::parse_date_or_range("2027-02-01..", why).has_value());
    CHECK(why == "expected a date range YYYY-MM-DD..YYYY-MM-DD");
    CHECK_FALSE(duty::roster::parse_date_or_range("2020-01-01..2027-01-01", why).has_value());
    CHECK(why == "the range is longer than 1098 days");
  }

  TEST_CASE("a YAML syntax error names its line and column") {
    const std::string text = "title: Duty: Office\n" + kHead + kSlotsAndPeople;
    auto ds = problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "YAML syntax error: illegal map value");
    check_at(ds[0], text, ": Office");
    CHECK(ds[0].source_line == "title: Duty: Office");
  }

  TEST_CASE("an unknown top-level key suggests the known one") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("slots:"), 6, "slot:");
    auto ds = problems(text);
    // Without 'slots' the spec also lacks a required key; both are reported, in file order.
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].message == "missing required key 'slots'");
    CHECK(ds[0].pos.str() == "spec.yaml:1:1");
    CHECK(ds[1].message ==
          "unknown key 'slot' in the roster spec (did you mean 'slots'?); expected one of: timezone, handover, "
          "period, slots, people, holidays, workdays, rules, fixed, strategy, seed, locale, title");
    check_at(ds[1], text, "slot:");
  }

  TEST_CASE("an unknown key inside a slot or a person is reported there") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("count: 2"), 5, "cout");
    check_single(text, "cout",
                 "unknown key 'cout' in a slot (did you mean 'count'?); expected one of: id, name, group, count");

    text = kHead + kSlotsAndPeople;
    text.replace(text.find("groups: [staff]}"), 16, "groups: [staff], phones: \"1\"}");
    check_single(text, "phones",
                 "unknown key 'phones' in a person (did you mean 'phone'?); expected one of: id, name, groups, "
                 "phone, weight, unavailable");
  }

  TEST_CASE("wrong value types name the key and what was found") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("count: 2"), 8, "count: two");
    check_single(text, "two", "expected a whole number for slot count, got 'two'");

    text = kHead + kSlotsAndPeople;
    text.replace(text.find("count: 2"), 8, "count: 101");
    check_single(text, "101", "slot count must be between 1 and 100, got 101");

    text = kHead + kSlotsAndPeople + "rules: {min_rest_days: [1]}\n";
    check_single(text, "[1]", "expected a whole number for min_rest_days, got a list");

    text = kHead + kSlotsAndPeople;
    text.replace(text.find("{id: cat, groups: [staff]}"), 26, "{id: cat, groups: staff}");
    check_single(text, "staff}", "expected a list of groups, got 'staff'");

    text = kHead + kSlotsAndPeople;
    text.replace(text.find("{id: cat, groups: [staff]}"), 26, "{id: cat, groups: [staff], weight: heavy}");
    check_single(text, "heavy", "expected a number for weight, got 'heavy'");
  }

  TEST_CASE("an unknown group suggests the slot group it resembles") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("{id: eve, groups: [staff]}"), 26, "{id: eve, groups: [staf]}");
    check_single(text, "staf]", "unknown group 'staf' (did you mean 'staff'?); slots draw on: leaders, staff");
  }

  TEST_CASE("a group no person belongs to is reported at its slot") {
    std::string lonely = kHead + kSlotsAndPeople;
    lonely.replace(lonely.find("people:"), 7, "  - {id: driver, group: drivers}\npeople:");
    check_single(lonely, "{id: driver", "no person is in group 'drivers', which slot 'driver' draws on");
  }

  TEST_CASE("duplicate ids are reported at the second one") {
    std::string text = kHead + kSlotsAndPeople + "  - {id: ann, groups: [leaders]}\n";
    check_single(text, "ann", "duplicate person id 'ann'", 2);

    text = kHead + kSlotsAndPeople;
    text.replace(text.find("people:"), 7, "  - {group: leaders, id: leader}\npeople:");
    check_single(text, "leader}", "duplicate slot id 'leader'");
  }

  TEST_CASE("bad dates are reported where they are written") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("2027-01-01"), 10, "2027-02-30");
    check_single(text, "2027-02-30", "'2027-02-30' is not a valid date for period.from; expected YYYY-MM-DD");

    text = kHead + kSlotsAndPeople;
    text.replace(text.find("{id: cat, groups: [staff]}"), 26,
                 "{id: cat, groups: [staff], unavailable: [2027-01-03, 2027-13-01]}");
    check_single(text, "2027-13-01",
                 "'2027-13-01' in unavailable: expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD");

    text = kHead + kSlotsAndPeople + "fixed:\n  - {date: 2027-1-5, slot: leader, person: ann}\n";
    check_single(text, "2027-1-5", "'2027-1-5' is not a valid date for a pinned date; expected YYYY-MM-DD");
  }

  TEST_CASE("a reversed range is reported") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("{id: cat, groups: [staff]}"), 26,
                 "{id: cat, groups: [staff], unavailable: [2027-01-10..2027-01-05]}");
    check_single(text, "2027-01-10..", "'2027-01-10..2027-01-05' in unavailable: the range ends before it starts");

    text = kHead + kSlotsAndPeople + "holidays:\n  - {dates: 2027-10-07..2027-10-01, name: National Day}\n";
    check_single(text, "2027-10-07", "'2027-10-07..2027-10-01' in holidays: the range ends before it starts");
  }

  TEST_CASE("period.to before period.from is reported at 'to'") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("{from: 2027-01-01, to: 2027-01-10}"), 34, "{from: 2027-01-10, to: 2027-01-01}");
    check_single(text, "2027-01-01", "period.to 2027-01-01 is before period.from 2027-01-10");
  }

  TEST_CASE("an unknown time zone is reported") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("Asia/Shanghai"), 13, "Asia/Shangai");
    check_single(text, "Asia/Shangai",
                 "unknown time zone 'Asia/Shangai'; expected an IANA name such as Asia/Shanghai or Europe/London");
  }

  TEST_CASE("a bad handover is reported") {
    std::string text = kHead + "handover: \"8.30\"\n" + kSlotsAndPeople;
    check_single(text, "\"8.30\"", "'8.30' is not a valid handover time; expected HH:MM such as \"08:30\"");
    text = kHead + "handover: \"24:00\"\n" + kSlotsAndPeople;
    check_single(text, "\"24:00\"", "'24:00' is not a valid handover time; expected HH:MM such as \"08:30\"");
  }

  TEST_CASE("an unknown strategy suggests a known one") {
    std::string text = kHead + kSlotsAndPeople + "strategy: balance\n";
    check_single(text, "balance",
                 "unknown strategy 'balance' (did you mean 'balanced'?); expected balanced or rotation");
    text = kHead + kSlotsAndPeople + "strategy: lottery\n";
    check_single(text, "lottery", "unknown strategy 'lottery'; expected balanced or rotation");
  }

  TEST_CASE("a pin with an unknown person or slot is reported with a suggestion") {
    std::string text = kHead + kSlotsAndPeople + "fixed:\n  - {date: 2027-01-05, slot: leader, person: anne}\n";
    check_single(text, "anne", "unknown person 'anne' (did you mean 'ann'?)");

    text = kHead + kSlotsAndPeople + "fixed:\n  - {date: 2027-01-05, slot: leeder, person: ann}\n";
    check_single(text, "leeder", "unknown slot 'leeder' (did you mean 'leader'?)");
  }

  TEST_CASE("a make-up day must be a weekend day and not a holiday") {
    std::string text = kHead + kSlotsAndPeople + "workdays: [2027-01-04]\n";
    check_single(text, "2027-01-04",
                 "2027-01-04 is not a Saturday or Sunday; workdays lists weekend dates that count as working days "
                 "(调休)");
    text = kHead + kSlotsAndPeople + "holidays: [2027-01-02]\nworkdays: [2027-01-02]\n";
    check_single(text, "2027-01-02", "2027-01-02 is listed both as a holiday and as a make-up working day", 2);
  }

  TEST_CASE("missing required keys are reported at the top of the file") {
    auto ds = problems("title: empty\n");
    REQUIRE(ds.size() == 4);
    for (const auto& d : ds) CHECK(d.pos.str() == "spec.yaml:1:1");
    CHECK(ds[0].message == "missing required key 'timezone'");
    CHECK(ds[1].message == "missing required key 'period' (or give both --from and --to)");
    CHECK(ds[2].message == "missing required key 'slots'");
    CHECK(ds[3].message == "missing required key 'people'");
  }

  TEST_CASE("every problem in a file is reported, in file order") {
    const std::string text = R"(timezone: Asia/Shangai
handover: "8.30"
period: {from: 2027-01-10, to: 2027-01-01}
slots:
  - {id: leader, group: leaders, count: two}
  - {id: officer, group: staff, count: 2, size: 3}
people:
  - {id: ann, groups: [leaders]}
  - {id: bob, groups: [leadrs]}
  - {id: ann, groups: [staff]}
  - {id: cat, groups: [staff], weight: heavy}
  - {id: dan, groups: [staff], unavailable: [2027-01-09..2027-01-02]}
strategy: balance
fixed:
  - {date: 2027-01-05, slot: oficer, person: dam}
)";
    auto ds = problems(text);
    std::string messages;
    for (const auto& d : ds) messages += d.pos.str() + ": " + d.message + "\n";
    CHECK(messages == duty::join({
                          "spec.yaml:1:11: unknown time zone 'Asia/Shangai'; expected an IANA name such as "
                          "Asia/Shanghai or Europe/London",
                          "spec.yaml:2:11: '8.30' is not a valid handover time; expected HH:MM such as \"08:30\"",
                          "spec.yaml:3:32: period.to 2027-01-01 is before period.from 2027-01-10",
                          "spec.yaml:5:41: expected a whole number for slot count, got 'two'",
                          "spec.yaml:6:43: unknown key 'size' in a slot; expected one of: id, name, group, count",
                          "spec.yaml:9:24: unknown group 'leadrs' (did you mean 'leaders'?); slots draw on: leaders, "
                          "staff",
                          "spec.yaml:10:10: duplicate person id 'ann'",
                          "spec.yaml:11:40: expected a number for weight, got 'heavy'",
                          "spec.yaml:12:46: '2027-01-09..2027-01-02' in unavailable: the range ends before it starts",
                          "spec.yaml:13:11: unknown strategy 'balance' (did you mean 'balanced'?); expected balanced "
                          "or rotation",
                          "spec.yaml:15:30: unknown slot 'oficer' (did you mean 'officer'?)",
                          "spec.yaml:15:46: unknown person 'dam' (did you mean 'dan'?)\n",
                      }, "\n"));
    CHECK(ds.size() == 12);
  }

  TEST_CASE("a diagnostic quotes its line with a caret under the column") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("count: 2"), 8, "count: two");
    auto ds = problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].source_line == "  - {id: officer, group: staff, count: two}");
    CHECK(ds[0].str() ==
          "spec.yaml:5:40: expected a whole number for slot count, got 'two'\n"
          "      - {id: officer, group: staff, count: two}\n" +
              std::string(4 + 39, ' ') + "^");
  }

  TEST_CASE("the caret sits under the column as displayed after wide characters") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("{id: officer, group: staff, count: 2}"), 37,
                 "{id: officer, name: 值班员, group: staff, count: two}");
    auto ds = problems(text);
    REQUIRE(ds.size() == 1);
    // Column 57 counts bytes (three per Chinese character); the caret needs display columns,
    // where the 56 bytes before 'two' take 53.
    CHECK(ds[0].pos.column == 57);
    CHECK(ds[0].str() ==
          "spec.yaml:5:57: expected a whole number for slot count, got 'two'\n"
          "      - {id: officer, name: 值班员, group: staff, count: two}\n" +
              std::string(4 + 53, ' ') + "^");
  }

  TEST_CASE("an InputError's message lists every diagnostic") {
    std::string text = kHead + kSlotsAndPeople + "strategy: balance\nseed: -1\n";
    try {
      parse(text);
      FAIL("parse_spec accepted a bad spec");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 2);
      CHECK(std::string(e.what()) == e.diagnostics()[0].str() + "\n" + e.diagnostics()[1].str());
      CHECK(e.diagnostics()[1].message == "seed must be between 0 and 9007199254740991, got -1");
    }
  }

  TEST_CASE("a period is refused past 2199-12-31 and before 1900, in the file and on the command line") {
    std::string text = kHead + kSlotsAndPeople;
    text.replace(text.find("to: 2027-01-10"), 14, "to: 2200-01-01");
    text.replace(text.find("from: 2027-01-01"), 16, "from: 2199-12-20");
    check_single(text, "2200-01-01",
                 "period.to: '2200-01-01' is outside the years 1900 to 2199 that duty accepts; check the year");
    text = kHead + kSlotsAndPeople;
    text.replace(text.find("to: 2027-01-10"), 14, "to: 2199-12-31");
    text.replace(text.find("from: 2027-01-01"), 16, "from: 2199-12-20");
    CHECK(parse(text).to == ymd(2199, 12, 31));

    duty::roster::PeriodOverride late{std::nullopt, ymd(2200, 1, 1)};
    CHECK_THROWS_WITH_AS(duty::roster::parse_spec(duty::YamlSource("spec.yaml", kHead + kSlotsAndPeople), late),
                         doctest::Contains("--to: 2200-01-01 is outside the dates"), duty::UsageError);
    duty::roster::PeriodOverride early{ymd(1899, 12, 31), std::nullopt};
    CHECK_THROWS_WITH_AS(duty::roster::parse_spec(duty::YamlSource("spec.yaml", kHead + kSlotsAndPeople), early),
                         doctest::Contains("--from: 1899-12-31 is outside the dates"), duty::UsageError);
  }

  TEST_CASE("a period in an offset with seconds (local mean time) is refused with the first good date") {
    std::string text = "timezone: Asia/Shanghai\nperiod: {from: 1900-12-30, to: 1901-01-02}\n" + kSlotsAndPeople;
    check_single(text, "1900-12-30",
                 "the period 1900-12-30 .. 1901-01-02 reaches into the time when Asia/Shanghai's UTC offset was "
                 "+08:05:43 (LMT, until 1901-01-01 00:00); duty writes times with whole-minute UTC offsets (ISO "
                 "8601), so a roster may not cover it: start the period on or after 1901-01-01");
    text = "timezone: Asia/Shanghai\nperiod: {from: 1901-01-01, to: 1901-01-02}\n" + kSlotsAndPeople;
    CHECK(parse(text).from == ymd(1901, 1, 1));
    // Amsterdam kept +00:19:32 / +01:19:32 until 1 July 1937; a handover of 00:00 on that day
    // is already in the new offset, one just before midnight the day before is not.
    text = "timezone: Europe/Amsterdam\nhandover: \"00:00\"\nperiod: {from: 1937-07-01, to: 1937-07-02}\n" +
           kSlotsAndPeople;
    CHECK(parse(text).from == ymd(1937, 7, 1));
    text = "timezone: Europe/Amsterdam\nhandover: \"23:59\"\nperiod: {from: 1937-06-30, to: 1937-07-02}\n" +
           kSlotsAndPeople;
    auto ds = problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.find("+01:19:32 (NST, until 1937-07-01 00:00)") != std::string::npos);
    CHECK(ds[0].message.find("start the period on or after 1937-07-01") != std::string::npos);
    // The same from the command line names the options.
    duty::roster::PeriodOverride back{ymd(1900, 6, 1), std::nullopt};
    CHECK_THROWS_WITH_AS(
        duty::roster::parse_spec(
            duty::YamlSource("spec.yaml", "timezone: Asia/Shanghai\nperiod: {from: 1901-01-01, to: 1901-01-02}\n" +
                                              kSlotsAndPeople),
            back),
        doctest::Contains("--from/--to: the period 1900-06-01 .. 1901-01-02 reaches into"), duty::UsageError);
  }

  TEST_CASE("solver work is places x (people + days), and a spec over the ceiling is refused at its period") {
    auto spec = parse(kHead + kSlotsAndPeople);
    CHECK(spec.places() == 30);              // 3 places a shift, 10 days
    CHECK(spec.solver_work() == 30 * (5 + 10));

    // 3,000 people for a 10-place slot over 1,000 days: 10,000 places x 4,000 = 40,000,000.
    std::string people = "people:\n";
    for (int i = 0; i < 3000; ++i) people += "  - {id: p" + std::to_string(i) + ", groups: [staff]}\n";
    const std::string slots = "slots:\n  - {id: officer, group: staff, count: 10}\n";
    std::string text = "timezone: Asia/Shanghai\nperiod: {from: 2027-01-01, to: 2029-09-26}\n" + slots + people;
    check_single(text, "{from",
                 "the roster is too large to solve within a minute: the period 2027-01-01 .. 2029-09-26 has 10,000 "
                 "places (10 a shift x 1,000 days) x (3,000 people + 1,000 days) = 40,000,000; the limit is "
                 "6,000,000 (docs/roster-spec.md); build a shorter period (--from/--to) or split the spec into "
                 "smaller ones");
    // A shorter period of the same spec is within it: 1,810 places x 3,181 = 5,757,610.
    duty::roster::PeriodOverride shorter{std::nullopt, ymd(2027, 6, 30)};
    auto ok = duty::roster::parse_spec(duty::YamlSource("spec.yaml", text), shorter);
    CHECK(ok.solver_work() == 5'757'610);
    CHECK(ok.solver_work() <= duty::roster::kMaxSolverWork);
  }

  TEST_CASE("a spec must share the office's zone and handover") {
    const std::string text = "timezone: Asia/Urumqi\nhandover: \"09:00\"\nperiod: {from: 2027-01-01, to: 2027-01-10}\n" +
                             kSlotsAndPeople;
    auto spec = parse(text);
    duty::roster::require_office_frame(spec, {"office.yaml", "Asia/Urumqi", 9h});
    try {
      duty::roster::require_office_frame(spec, {"office.yaml", "Asia/Shanghai", 8h + 30min});
      FAIL("a spec in another zone and handover passed");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 2);
      CHECK(e.code() == duty::ExitCode::kBadInput);
      check_at(e.diagnostics()[0], text, "Asia/Urumqi");
      CHECK(e.diagnostics()[0].message.rfind(
                "the roster spec's timezone 'Asia/Urumqi' differs from the office's timezone 'Asia/Shanghai' in "
                "office.yaml; make them the same",
                0) == 0);
      check_at(e.diagnostics()[1], text, "\"09:00\"");
      CHECK(e.diagnostics()[1].message.rfind(
                "the roster spec's handover 09:00 differs from the office's handover 08:30 in office.yaml", 0) == 0);
    }
    // A spec without a handover has the default, and says so.
    auto plain = parse(kHead + kSlotsAndPeople);
    CHECK_THROWS_WITH_AS(duty::roster::require_office_frame(plain, {"office.yaml", "Asia/Shanghai", 9h}),
                         doctest::Contains("spec.yaml: the roster spec's handover 08:30 (the default: the spec does "
                                           "not set handover) differs from the office's handover 09:00"),
                         duty::InputError);
    duty::roster::require_office_frame(plain, {"office.yaml", "Asia/Shanghai", 8h + 30min});
  }
}
