// SPDX-License-Identifier: Apache-2.0
#include "reports/severity.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using duty::reports::Casualties;
using duty::reports::Severity;
using duty::reports::grade;

Casualties deaths(int n) {
  Casualties c;
  c.deaths = n;
  return c;
}

Casualties serious(int n) {
  Casualties c;
  c.seriously_injured = n;
  return c;
}

// Severity prints as its name, so a failed CHECK says "II" rather than an enum number.
std::string name(Severity s) { return std::string(duty::reports::to_string(s)); }

}  // namespace

TEST_SUITE("reports::severity") {
  TEST_CASE("no casualties and no loss is grade IV, not unknown") {
    CHECK(name(grade(Casualties{}, 0)) == "IV");
  }

  TEST_CASE("deaths: 3 makes III, 10 makes II, 30 makes I (Order 493 Art. 3)") {
    CHECK(name(grade(deaths(2), 0)) == "IV");
    CHECK(name(grade(deaths(3), 0)) == "III");
    CHECK(name(grade(deaths(9), 0)) == "III");
    CHECK(name(grade(deaths(10), 0)) == "II");
    CHECK(name(grade(deaths(29), 0)) == "II");
    CHECK(name(grade(deaths(30), 0)) == "I");
  }

  TEST_CASE("serious injuries: 10 makes III, 50 makes II, 100 makes I") {
    CHECK(name(grade(serious(9), 0)) == "IV");
    CHECK(name(grade(serious(10), 0)) == "III");
    CHECK(name(grade(serious(49), 0)) == "III");
    CHECK(name(grade(serious(50), 0)) == "II");
    CHECK(name(grade(serious(99), 0)) == "II");
    CHECK(name(grade(serious(100), 0)) == "I");
  }

  TEST_CASE("direct loss in 万元: 1000 makes III, 5000 makes II, 10000 makes I") {
    CHECK(name(grade(Casualties{}, 999.99)) == "IV");
    CHECK(name(grade(Casualties{}, 1000)) == "III");
    CHECK(name(grade(Casualties{}, 4999)) == "III");
    CHECK(name(grade(Casualties{}, 4999.99)) == "III");
    CHECK(name(grade(Casualties{}, 5000)) == "II");
    CHECK(name(grade(Casualties{}, 9999)) == "II");
    CHECK(name(grade(Casualties{}, 9999.99)) == "II");
    CHECK(name(grade(Casualties{}, 10000)) == "I");
  }

  TEST_CASE("minor injuries and trapped people do not raise the grade") {
    // Art. 3 grades by deaths, serious injuries and direct loss; other figures are reported only.
    Casualties c;
    c.injured = 500;
    c.trapped = 500;
    CHECK(name(grade(c, 0)) == "IV");
  }

  TEST_CASE("any one criterion suffices: the gravest one decides") {
    Casualties c;
    c.deaths = 2;              // IV on its own
    c.seriously_injured = 10;  // III
    CHECK(name(grade(c, 0)) == "III");
    CHECK(name(grade(c, 5000)) == "II");  // the loss outranks both
    CHECK(name(grade(c, 10000)) == "I");
    c.deaths = 30;
    CHECK(name(grade(c, 0)) == "I");
    CHECK(name(grade(deaths(1), 999.99)) == "IV");  // several criteria all below III stay IV
    Casualties d = serious(9);
    d.deaths = 2;
    CHECK(name(grade(d, 999)) == "IV");
  }

  TEST_CASE("graver picks grade I over II over III over IV") {
    CHECK(name(graver(Severity::kI, Severity::kII)) == "I");
    CHECK(name(graver(Severity::kII, Severity::kI)) == "I");
    CHECK(name(graver(Severity::kIII, Severity::kII)) == "II");
    CHECK(name(graver(Severity::kIV, Severity::kIII)) == "III");
    CHECK(name(graver(Severity::kIV, Severity::kIV)) == "IV");
    CHECK(name(graver(Severity::kI, Severity::kIV)) == "I");
  }

  TEST_CASE("graver: unknown yields to any known grade") {
    CHECK(name(graver(Severity::kUnknown, Severity::kIV)) == "IV");
    CHECK(name(graver(Severity::kIV, Severity::kUnknown)) == "IV");
    CHECK(name(graver(Severity::kUnknown, Severity::kI)) == "I");
    CHECK(name(graver(Severity::kI, Severity::kUnknown)) == "I");
    CHECK(name(graver(Severity::kUnknown, Severity::kUnknown)) == "unknown");
  }

  TEST_CASE("parse_severity reads Roman numerals, digits and the Chinese names") {
    CHECK(duty::reports::parse_severity("I") == Severity::kI);
    CHECK(duty::reports::parse_severity("II") == Severity::kII);
    CHECK(duty::reports::parse_severity("III") == Severity::kIII);
    CHECK(duty::reports::parse_severity("IV") == Severity::kIV);
    CHECK(duty::reports::parse_severity("1") == Severity::kI);
    CHECK(duty::reports::parse_severity("2") == Severity::kII);
    CHECK(duty::reports::parse_severity("3") == Severity::kIII);
    CHECK(duty::reports::parse_severity("4") == Severity::kIV);
    CHECK(duty::reports::parse_severity("特别重大") == Severity::kI);
    CHECK(duty::reports::parse_severity("重大") == Severity::kII);
    CHECK(duty::reports::parse_severity("较大") == Severity::kIII);
    CHECK(duty::reports::parse_severity("一般") == Severity::kIV);
  }

  TEST_CASE("parse_severity reads unknown and 未定级 as not yet graded") {
    CHECK(duty::reports::parse_severity("unknown") == Severity::kUnknown);
    CHECK(duty::reports::parse_severity("未定级") == Severity::kUnknown);
  }

  TEST_CASE("parse_severity takes Roman numerals in any case and without surrounding spaces (issue 15)") {
    CHECK(duty::reports::parse_severity("i") == Severity::kI);
    CHECK(duty::reports::parse_severity("iv") == Severity::kIV);
    CHECK(duty::reports::parse_severity(" I") == Severity::kI);
    CHECK(duty::reports::parse_severity("Ⅱ级") == Severity::kII);
  }

  TEST_CASE("parse_severity rejects everything else") {
    for (const char* bad : {"", "0", "5", "V", "IIII", "I-II", "grade I", "重大事故", "级", "Unknown", "UNKNOWN", "-1",
                            "1.0"}) {
      CAPTURE(bad);
      CHECK_FALSE(duty::reports::parse_severity(bad).has_value());
    }
  }

  TEST_CASE("to_string and parse_severity round-trip") {
    for (Severity s : {Severity::kI, Severity::kII, Severity::kIII, Severity::kIV, Severity::kUnknown}) {
      CHECK(duty::reports::parse_severity(duty::reports::to_string(s)) == s);
    }
  }

  TEST_CASE("labels in Chinese and English") {
    CHECK(duty::reports::label(Severity::kI, true) == "特别重大");
    CHECK(duty::reports::label(Severity::kII, true) == "重大");
    CHECK(duty::reports::label(Severity::kIII, true) == "较大");
    CHECK(duty::reports::label(Severity::kIV, true) == "一般");
    CHECK(duty::reports::label(Severity::kUnknown, true) == "未定级");
    CHECK(duty::reports::label(Severity::kI, false) == "particularly serious");
    CHECK(duty::reports::label(Severity::kIV, false) == "ordinary");
  }
}
