// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "common/text.hpp"
#include "reports/severity.hpp"
#include "reports/taxonomy.hpp"

namespace {

using duty::reports::builtin_categories;
using duty::reports::find_category_id;
using duty::reports::Severity;

std::string id_of(std::string_view typed) {
  return find_category_id(builtin_categories(), typed).value_or("(none)");
}

}  // namespace

TEST_SUITE("reports::taxonomy names") {
  TEST_CASE("a category is found by id, Chinese name or English label") {
    CHECK(id_of("road-traffic") == "road-traffic");
    CHECK(id_of("道路交通事故") == "road-traffic");
    CHECK(id_of(" 道路交通事故\u3000") == "road-traffic");
    CHECK(id_of("fire") == "fire");
    CHECK(id_of("FIRE") == "fire");  // the English label "Fire", in any case
    CHECK(id_of("火灾事故") == "fire");
    CHECK(id_of("道路交通") == "(none)");
    CHECK(id_of("") == "(none)");
  }

  TEST_CASE("an unknown category names the likely ones by name and id") {
    auto m = duty::reports::unknown_category_message(builtin_categories(), "道路交通事");
    CHECK(m == "unknown category '道路交通事' (did you mean 道路交通事故 (road-traffic)?); 'duty incident "
               "categories' lists them");
    m = duty::reports::unknown_category_message(builtin_categories(), "rod-trafic");
    CHECK(m.find("(did you mean 道路交通事故 (road-traffic)?)") != std::string::npos);
    m = duty::reports::unknown_category_message(builtin_categories(), "交通事故");
    CHECK(m.find("道路交通事故 (road-traffic) or 水上交通事故 (water-traffic)") != std::string::npos);
    m = duty::reports::unknown_category_message(builtin_categories(), "xyzzy");
    CHECK(m == "unknown category 'xyzzy'; 'duty incident categories' lists them");
  }

  TEST_CASE("severities in every form a Chinese office writes them") {
    using duty::reports::parse_severity;
    CHECK(parse_severity("较大") == Severity::kIII);
    CHECK(parse_severity("Ⅲ级") == Severity::kIII);
    CHECK(parse_severity("iv") == Severity::kIV);
    CHECK(parse_severity(" 特别重大 ") == Severity::kI);
    CHECK(parse_severity("一般级") == Severity::kIV);
    CHECK(parse_severity("未定级") == Severity::kUnknown);
    CHECK_FALSE(parse_severity("级"));
    CHECK_FALSE(parse_severity("V"));
    CHECK(duty::reports::unknown_severity_message("较打") ==
          "unknown severity '较打' (did you mean '较大'?); expected 特别重大 (I), 重大 (II), 较大 (III), 一般 (IV) "
          "or unknown");
  }

  TEST_CASE("did you mean counts Chinese characters, not bytes") {
    CHECK(duty::did_you_mean("张玮", {"张伟", "李明"}) == " (did you mean '张伟'?)");
    CHECK(duty::did_you_mean("王", {"张伟", "李明"}).empty());
    CHECK(duty::did_you_mean("多吉才", {"多吉才让"}) == " (did you mean '多吉才让'?)");
  }
}
