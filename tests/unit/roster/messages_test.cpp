// SPDX-License-Identifier: Apache-2.0
// The libraries' messages go through gettext: English with no language chosen (as every other
// unit test runs), Chinese once the compiled catalogue (DUTY_LOCALE_DIR, built with the tests) is
// bound and zh_CN chosen, with the place and the data in them unchanged.
#include <doctest/doctest.h>
#include <libintl.h>
#include <locale.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/yaml_reader.hpp"
#include "reports/office.hpp"
#include "roster/model.hpp"
#include "roster/solver.hpp"
#include "roster/spec.hpp"

// GNU gettext's counter of catalogue changes: bumping it makes a changed LANGUAGE take effect.
extern "C" int _nl_msg_cat_cntr;

namespace {

// Chinese messages for the scope of one test, English again afterwards (also when it fails).
class Chinese {
 public:
  Chinese() {
    if (const char* v = std::getenv("LANGUAGE")) saved_ = v;
    const char* messages = ::setlocale(LC_MESSAGES, nullptr);
    saved_locale_ = messages ? messages : "C";
    ::setlocale(LC_MESSAGES, "C.UTF-8");
    ::bindtextdomain(duty::kTextDomain, DUTY_LOCALE_DIR);
    ::bind_textdomain_codeset(duty::kTextDomain, "UTF-8");
    ::setenv("LANGUAGE", "zh_CN", 1);
    ++_nl_msg_cat_cntr;
  }
  ~Chinese() {
    if (saved_) {
      ::setenv("LANGUAGE", saved_->c_str(), 1);
    } else {
      ::unsetenv("LANGUAGE");
    }
    ::setlocale(LC_MESSAGES, saved_locale_.c_str());
    ++_nl_msg_cat_cntr;
  }
  Chinese(const Chinese&) = delete;
  Chinese& operator=(const Chinese&) = delete;

 private:
  std::optional<std::string> saved_;
  std::string saved_locale_;
};

const char* kSpec =
    "timezone: Asia/Shanghai\n"
    "period: {from: 2027-02-01, to: 2027-02-03}\n"
    "slots:\n"
    "  - {id: officer, group: staff, count: 2}\n"
    "people:\n"
    "  - {id: cat, name: 才让, groups: [stuff]}\n"
    "  - {id: cat, name: 卓玛, groups: [staff]}\n"
    "  - {id: dan, name: 扎西, groups: [staff]}\n";

std::vector<duty::Diagnostic> spec_problems(const std::string& text) {
  try {
    duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
  } catch (const duty::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::string unsatisfiable(const std::string& text) {
  try {
    auto spec = duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
    duty::roster::solve(duty::roster::build_model(spec));
  } catch (const duty::UnsatisfiableError& e) {
    std::string out = e.what();
    for (const auto& r : e.reasons()) out += "\n" + r;
    return out;
  }
  return "";
}

const char* kShort =
    "timezone: Asia/Shanghai\n"
    "period: {from: 2027-02-01, to: 2027-02-01}\n"
    "slots:\n"
    "  - {id: officer, group: staff, count: 2}\n"
    "people:\n"
    "  - {id: cat, name: 才让, groups: [staff], unavailable: [2027-02-01]}\n"
    "  - {id: dan, name: 卓玛, groups: [staff]}\n";

}  // namespace

TEST_SUITE("i18n::library messages") {
  TEST_CASE("with no language chosen, the messages are the English msgids") {
    auto problems = spec_problems(kSpec);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].pos.str() == "spec.yaml:6:38");
    CHECK(problems[0].message.rfind("unknown group 'stuff'", 0) == 0);
    CHECK(problems[1].message == "duplicate person id 'cat'");
    CHECK(unsatisfiable(kShort) ==
          "no roster obeys the rules of spec.yaml\n"
          "2027-02-01 officer: needs 2, only 1 can serve (on leave: 才让 (cat))");
  }

  TEST_CASE("in Chinese, the words change and the place and the data do not") {
    Chinese zh;
    auto problems = spec_problems(kSpec);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].pos.str() == "spec.yaml:6:38");
    CHECK(problems[0].message.rfind("未知的组“stuff”", 0) == 0);
    CHECK(problems[0].message.find("；各岗位使用的组：staff") != std::string::npos);
    CHECK(problems[1].pos.str() == "spec.yaml:7:10");
    CHECK(problems[1].message == "人员 id“cat”重复");
    CHECK(unsatisfiable(kShort) ==
          "没有排班表能符合 spec.yaml 的规则\n"
          "2027-02-01 officer: 需要 2 人，只有 1 人能值班（请假：才让 (cat)）");
  }

  TEST_CASE("office.yaml problems in Chinese") {
    Chinese zh;
    try {
      duty::reports::parse_office(
          duty::YamlSource("office.yaml",
                           "office:\n  name: 泽库县应急管理局\n  timezone: Asia/Shanghia\n"),
          "/srv/zeku");
      FAIL("office.yaml was accepted");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].pos.str() == "office.yaml:3:13");
      CHECK(e.diagnostics()[0].message ==
            "未知的时区“Asia/Shanghia”；应为 IANA 时区名，如 Asia/Shanghai");
    }
  }

  TEST_CASE("plural forms: one duty-free day, two duty-free days") {
    CHECK(
        duty::trn("{0} ({1}) also served on {2}: {3} duty-free day between, min_rest_days is {4}",
                  "{0} ({1}) also served on {2}: {3} duty-free days between, min_rest_days is {4}",
                  1, "Cat", "cat", "2027-02-01", 1, 2) ==
        "Cat (cat) also served on 2027-02-01: 1 duty-free day between, min_rest_days is 2");
    CHECK(
        duty::trn("{0} ({1}) also served on {2}: {3} duty-free day between, min_rest_days is {4}",
                  "{0} ({1}) also served on {2}: {3} duty-free days between, min_rest_days is {4}",
                  0, "Cat", "cat", "2027-02-01", 0, 2) ==
        "Cat (cat) also served on 2027-02-01: 0 duty-free days between, min_rest_days is 2");
  }
}
