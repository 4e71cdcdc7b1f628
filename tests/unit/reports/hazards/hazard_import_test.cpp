// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_import.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "common/error.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "tests/unit/reports/hazards/hazard_test_support.hpp"

namespace {

using duty::InputError;
using duty::Seconds;
using duty::reports::Actor;
using duty::reports::HazardGrade;
using duty::reports::HazardSettings;
using duty::reports::MemoryStore;
using duty::reports::Office;

Office office() {
  return duty::test::hazard_office();
}

const Actor kActor{"ann", date::sys_days{date::year{2026} / 12 / 20}};

const std::string kCsv =
    "隐患描述,属地,部位,类别,等级,来源,排查时间,排查人,责任单位,责任人,整改措施,整改时限,id\n"
    "护栏缺失,泽曲镇,桥头,交通,一般,自查,2026-11-02 "
    "09:00,李明,县交通局,王刚,加装护栏,2026/11/30,H-9\n"
    "燃气管道老化,和日镇,市场,燃气,重大,检查,2026-11-03 "
    "09:00,李明,县住建局,赵磊,更换管道,2027-03-31,\n";

std::vector<duty::Diagnostic> problems(const std::string& file, const std::string& text,
                                       const HazardSettings& settings = {}) {
  try {
    duty::reports::parse_hazard_import(file, text, office(), settings, kActor);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard import: Chinese headers, spreadsheet dates, one transaction") {
    Office o = office();
    auto hazards = duty::reports::parse_hazard_import("t.csv", kCsv, o, {}, kActor);
    REQUIRE(hazards.size() == 2);
    CHECK(hazards[0].title == "护栏缺失");
    CHECK(duty::format_date(*hazards[0].due) == "2026-11-30");
    CHECK(hazards[1].grade == HazardGrade::kMajor);
    MemoryStore store;
    auto added = duty::reports::add_hazards(store, o, {}, hazards, kActor);
    REQUIRE(added.size() == 2);
    CHECK(added[0].id == "H-1");  // the export's id column is not read
    CHECK(added[1].id == "H-2");
  }

  TEST_CASE("hazard import: every problem at its line and column, nothing read partly") {
    HazardSettings s;
    s.townships = {"泽曲镇", "和日镇"};
    std::string bad = kCsv;
    bad.replace(bad.find("泽曲镇"), std::string("泽曲镇").size(), "泽区镇");
    bad.replace(bad.find("2027-03-31"), 10, "someday");
    auto ds = problems("t.csv", bad, s);
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].pos.line == 2);
    CHECK(ds[0].pos.column == 14);  // 护栏缺失, is 13 bytes
    CHECK(ds[0].message.rfind("township: unknown township '泽区镇'", 0) == 0);
    CHECK(ds[1].pos.line == 3);
    CHECK(ds[1].message == "due: 'someday' is not a date; expected YYYY-MM-DD");
    auto yaml = problems("t.yaml", "- {title: x, townshp: y}\n");
    REQUIRE(yaml.size() >= 2);
    CHECK(std::any_of(yaml.begin(), yaml.end(), [](const duty::Diagnostic& d) {
      return d.message.rfind("unknown field 'townshp' (did you mean 'township'?)", 0) == 0;
    }));
    CHECK(problems("t.csv", "title\n").front().message == "no hazards in the file");
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard import: a field given twice, a missing column, Windows line breaks in a cell") {
    // 隐患名称 beside 隐患描述: both are the title; one would have been lost.
    std::string twice = kCsv;
    twice.replace(twice.find("隐患描述,"), std::string("隐患描述,").size(), "隐患描述,隐患名称,");
    twice.replace(twice.find("护栏缺失,"), std::string("护栏缺失,").size(), "护栏缺失,栏杆缺失,");
    twice.replace(twice.find("燃气管道老化,"), std::string("燃气管道老化,").size(),
                  "燃气管道老化,管道老化,");
    auto ds = problems("t.csv", twice);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.line == 1);
    CHECK(ds[0].pos.column == 14);
    CHECK(ds[0].message ==
          "column '隐患名称' gives 'title' a second time (first in column 1, '隐患描述')");
    auto yaml = problems("t.yaml", "- {title: a, 隐患描述: b}\n");
    CHECK(std::any_of(yaml.begin(), yaml.end(), [](const duty::Diagnostic& d) {
      return d.message == "'隐患描述' gives 'title' a second time (first on line 1)";
    }));

    // Without a 部位 column every row would lack it: said once, at the header.
    std::string rows;
    for (int i = 0; i < 100; ++i)
      rows += "t,泽曲镇,交通,一般,自查,2026-11-02 09:00,李,县局,王,m,2026-11-30\n";
    auto missing = problems(
        "m.csv",
        "\n隐患描述,属地,类别,等级,来源,排查时间,排查人,责任单位,责任人,整改措施,整改时限\n" +
            rows);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].pos.line == 2);
    CHECK(missing[0].message.rfind("no column 'location' (", 0) == 0);

    // CRLF (or a lone CR) inside a quoted multi-line cell is one line break.
    std::string crlf = kCsv;
    crlf.replace(crlf.find("加装护栏"), std::string("加装护栏").size(),
                 "\"加装护栏\r\n设置警示\r完毕\"");
    auto hazards = duty::reports::parse_hazard_import("t.csv", crlf, office(), {}, kActor);
    REQUIRE(hazards.size() == 2);
    CHECK(hazards[0].measures == "加装护栏\n设置警示\n完毕");
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard import: every problem of a row, not just its first") {
    HazardSettings s;
    s.townships = {"泽曲镇", "和日镇"};
    std::string bad = kCsv;
    bad.replace(bad.find("泽曲镇"), std::string("泽曲镇").size(), "泽区镇");
    bad.replace(bad.find("一般"), std::string("一般").size(), "big");
    bad.replace(bad.find("2026/11/30"), 10, "someday");
    auto ds = problems("t.csv", bad, s);
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].message.rfind("township: unknown township", 0) == 0);
    CHECK(ds[1].message.rfind("grade: unknown grade 'big'", 0) == 0);
    CHECK(ds[2].message == "due: 'someday' is not a date; expected YYYY-MM-DD");
    CHECK(ds[2].pos.line == 2);
  }
}

TEST_SUITE("reports::hazards") {
  TEST_CASE("hazard import: dates as Excel and WPS write them; .YAML in capitals is YAML") {
    const std::string header =
        "title,township,location,category,grade,found,found_by,unit,owner,measures,due\n";
    auto one = [&](const std::string& found, const std::string& due) {
      auto h = duty::reports::parse_hazard_import(
          "t.csv", header + "t,Z,L,C,一般," + found + ",李,U,王,m," + due + "\n", office(), {},
          kActor);
      REQUIRE(h.size() == 1);
      return duty::format_local_minute(*office().zone, *h[0].found) + " " +
             duty::format_date(*h[0].due);
    };
    CHECK(one("2026/11/2 9:00", "2026/11/3") == "2026-11-02 09:00 2026-11-03");
    CHECK(one("2026.11.2 09:05:00", "2026.11.30") == "2026-11-02 09:05 2026-11-30");
    CHECK(one("2026年11月2日 9:00", "2026年11月30日") == "2026-11-02 09:00 2026-11-30");
    CHECK(one("2026-11-02T09:00+08:00", "2026-11-30") == "2026-11-02 09:00 2026-11-30");
    for (const char* due : {"2026/2/30", "2026/11/3 9:00", "46000", "2026年11月", "11/3/2026"}) {
      CAPTURE(due);
      auto ds = problems("t.csv", header + "t,Z,L,C,一般,2026/11/2 9:00,李,U,王,m," + due + "\n");
      REQUIRE(ds.size() == 1);
      CHECK(ds[0].message == "due: '" + std::string(due) + "' is not a date; expected YYYY-MM-DD");
    }
    auto yaml = duty::reports::parse_hazard_import(
        "T.YAML",
        "- {title: t, township: Z, location: L, category: C, grade: 一般, found: 2026/11/2 9:00, "
        "found_by: 李, unit: U, owner: 王, measures: m, due: 2026/11/30}\n",
        office(), {}, kActor);
    CHECK(yaml.size() == 1);
    // Fields left blank in YAML (owner_phone:, ~, null) are blank, not "a single value" wanted.
    auto blanks = duty::reports::parse_hazard_import(
        "t.yaml",
        "- title: t\n  township: Z\n  location: L\n  category: C\n  grade: 一般\n  found: "
        "2026-11-02 09:00\n  found_by: 李\n  unit: U\n  owner: 王\n  owner_phone:\n  supervisor: "
        "~\n  basis: null\n  measures: m\n  due: 2026-11-30\n",
        office(), {}, kActor);
    REQUIRE(blanks.size() == 1);
    CHECK(blanks[0].owner_phone.empty());
    CHECK(blanks[0].supervisor.empty());
    auto missing = problems("t.yaml", "- {title: t, township: ~}\n");
    CHECK(std::any_of(missing.begin(), missing.end(), [](const duty::Diagnostic& d) {
      return d.message == "township: cannot be empty";
    }));
  }
}
