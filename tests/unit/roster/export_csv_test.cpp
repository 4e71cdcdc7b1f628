// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "common/csv.hpp"
#include "roster/export.hpp"

namespace {

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

const std::string kSpec = R"yaml(timezone: Asia/Shanghai
period: {from: 2027-01-01, to: 2027-01-03}
slots:
  - {id: leader, name: Leader, group: leaders}
  - {id: officer, name: "Officer, on call", group: staff, count: 2}
people:
  - {id: ann, name: "=HYPERLINK(\"x\")", groups: [leaders], phone: "+86 139"}
  - {id: cat, name: "Cat \"Tab\" | *bold* <i>", groups: [staff], phone: "-1"}
  - {id: dan, name: "@dan", groups: [staff]}
holidays:
  - {dates: 2027-01-01, name: New Year}
)yaml";

duty::roster::Plan plan_of(const duty::roster::Spec& spec) {
  auto plan = duty::roster::make_empty_plan(spec);
  for (auto& s : plan.shifts) {
    s.assignments[0].people = {"ann"};
    s.assignments[1].people = {"cat", "dan"};
  }
  return plan;
}

std::string csv(duty::roster::ExportOptions o = {}) {
  auto spec = parse(kSpec);
  std::ostringstream out;
  duty::roster::write_plan_csv(out, spec, plan_of(spec), o);
  return out.str();
}

}  // namespace

TEST_SUITE("roster::export_csv") {
  TEST_CASE("one row per shift, quoted, neutralised, CRLF") {
    std::string text = csv();
    CHECK(text.rfind("Date,Weekday,Day type,Holiday,Leader,Leader phone,\"Officer, on "
                     "call\",\"Officer, on call phone\"\r\n",
                     0) == 0);
    auto records = duty::parse_csv("out.csv", text);
    REQUIRE(records.size() == 4);
    CHECK(records[1].fields ==
          std::vector<std::string>{"2027-01-01", "Fri", "holiday", "New Year", "'=HYPERLINK(\"x\")",
                                   "'+86 139", "Cat \"Tab\" | *bold* <i>, @dan", "'-1, —"});
    CHECK(records[2].fields[2] == "weekend");
    CHECK(text.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);
    CHECK(text.find("\n") == text.find("\r\n") + 1);
  }

  TEST_CASE("a cell starting with @ is neutralised") {
    auto spec = parse(kSpec);
    auto plan = plan_of(spec);
    plan.shifts[0].assignments[1].people = {"dan"};
    std::ostringstream out;
    duty::roster::write_plan_csv(out, spec, plan, {});
    auto records = duty::parse_csv("out.csv", out.str());
    CHECK(records[1].fields[6] == "'@dan");
  }

  TEST_CASE("--bom and --person") {
    duty::roster::ExportOptions o;
    o.bom = true;
    CHECK(csv(o).rfind("\xEF\xBB\xBF"
                       "Date,",
                       0) == 0);
    CHECK(csv().rfind("Date,", 0) == 0);
    o = {};
    o.person = "dan";
    CHECK(duty::parse_csv("out.csv", csv(o)).size() == 4);
  }
}

TEST_SUITE("roster::export_md") {
  TEST_CASE("a table with | and markup escaped") {
    auto spec = parse(kSpec);
    std::ostringstream out;
    duty::roster::write_plan_md(out, spec, plan_of(spec), {});
    std::string text = out.str();
    CHECK(text.find("| Date | Weekday | Day type | Leader | Officer, on call "
                    "|\n|---|---|---|---|---|\n") != std::string::npos);
    CHECK(text.find("| 2027-01-01 | Fri | holiday New Year | =HYPERLINK(\"x\") +86 139 | "
                    "Cat \"Tab\" \\| \\*bold\\* \\<i\\> -1, @dan |\n") != std::string::npos);
    // Every table row has the same number of unescaped bars.
    std::istringstream lines(text);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] != '|') continue;
      int bars = 0;
      for (std::size_t i = 0; i < line.size(); ++i)
        bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
      CHECK(bars == 6);
      ++rows;
    }
    CHECK(rows == 5);
  }
}
