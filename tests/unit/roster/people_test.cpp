// SPDX-License-Identifier: Apache-2.0
#include "roster/people.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.hpp"

namespace {

using duty::roster::PersonName;
using duty::roster::resolve_person;

const std::vector<PersonName> kPeople = {
    {"dorje", "多杰才让"}, {"tashi", "扎西才让"}, {"lhamo", "拉毛"},
    {"zhang-wei", "张伟"}, {"jose", "Jos\u00e9"},  // precomposed é (U+00E9)
};

// The message of the UsageError resolve_person throws, or "" when it resolves.
std::string refusal(std::string_view typed, const std::vector<PersonName>& people = kPeople,
                    std::string_view source = "PERSON") {
  try {
    resolve_person(typed, people, source);
  } catch (const duty::UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("roster::people") {
  TEST_CASE("an id names its person, with or without surrounding spaces") {
    CHECK(resolve_person("tashi", kPeople, "PERSON") == "tashi");
    CHECK(resolve_person("  tashi ", kPeople, "PERSON") == "tashi");
    CHECK(resolve_person("zhang-wei", kPeople, "--by") == "zhang-wei");
  }

  TEST_CASE("a name names its person when nobody else has it") {
    CHECK(resolve_person("扎西才让", kPeople, "PERSON") == "tashi");
    CHECK(resolve_person("张伟", kPeople, "PERSON") == "zhang-wei");
    // Spaces around it, the ideographic space (U+3000) of a Chinese input method included.
    CHECK(resolve_person(" 拉毛\t", kPeople, "PERSON") == "lhamo");
    CHECK(resolve_person("\u3000拉毛\u3000", kPeople, "PERSON") == "lhamo");
  }

  TEST_CASE("names are compared in Unicode NFC") {
    // Typed with a combining acute accent (e + U+0301), stored precomposed.
    CHECK(resolve_person("Jose\u0301", kPeople, "PERSON") == "jose");
    // Stored decomposed, typed precomposed.
    const std::vector<PersonName> decomposed = {{"rene", "Rene\u0301"}};
    CHECK(resolve_person("Ren\u00e9", decomposed, "PERSON") == "rene");
  }

  TEST_CASE("an exact id wins over someone else's name") {
    const std::vector<PersonName> people = {{"lhamo", "卓玛"}, {"drolma", "lhamo"}};
    CHECK(resolve_person("lhamo", people, "PERSON") == "lhamo");
    CHECK(resolve_person("卓玛", people, "PERSON") == "lhamo");
  }

  TEST_CASE("a name two people share is refused, listing both with their ids") {
    std::vector<PersonName> people = kPeople;
    people.push_back({"zhang-wei-2", "张伟"});
    CHECK(refusal("张伟", people, "--by") ==
          "--by: 2 people are called '张伟': 张伟 (zhang-wei) and 张伟 (zhang-wei-2); use the id");
    CHECK_THROWS_AS(resolve_person("张伟", people, "--by"), duty::UsageError);
    // Their ids still name them.
    CHECK(resolve_person("zhang-wei-2", people, "--by") == "zhang-wei-2");
  }

  TEST_CASE("an unknown name suggests the closest names and ids") {
    CHECK(refusal("扎西才") ==
          "PERSON: unknown person '扎西才' (did you mean 扎西才让 (tashi)?); give the id or the "
          "name of a person in the roster");
    // A typo of an id suggests the person by name and id too.
    CHECK(refusal("tahsi", kPeople, "--person") ==
          "--person: unknown person 'tahsi' (did you mean 扎西才让 (tashi)?); give the id or the "
          "name of a person in the roster");
    // Part of a name: everyone whose name holds it, in the order given.
    CHECK(refusal("才让").find("(did you mean 多杰才让 (dorje) or 扎西才让 (tashi)?)") !=
          std::string::npos);
    // A two-character name one character off.
    CHECK(refusal("张为").find("(did you mean 张伟 (zhang-wei)?)") != std::string::npos);
  }

  TEST_CASE("an unknown name with nobody close suggests nothing") {
    CHECK(
        refusal("nobody-here") ==
        "PERSON: unknown person 'nobody-here'; give the id or the name of a person in the roster");
    CHECK(refusal("x", {}) == "PERSON: unknown person 'x'; the roster names nobody yet");
  }

  TEST_CASE("what is typed is shown safely and must name someone") {
    CHECK(refusal("   ") == "PERSON: no person given; give a person's id or name");
    CHECK(refusal("") == "PERSON: no person given; give a person's id or name");
    CHECK(
        refusal("a\x1b[2Jb") ==
        "PERSON: unknown person 'a\\u{1b}[2Jb'; give the id or the name of a person in the roster");
  }

  TEST_CASE("known_people: the spec's people with their names, then those only the record names") {
    duty::roster::Spec spec;
    spec.people.resize(2);
    spec.people[0].id = "tashi";
    spec.people[0].name = "扎西才让";
    spec.people[1].id = "dorje";
    spec.people[1].name = "多杰";
    auto people = duty::roster::known_people(spec, {{"tashi", "扎西"}, {"gone", "离职者"}});
    REQUIRE(people.size() == 3);
    CHECK(people[0].id == "tashi");
    CHECK(people[0].name == "扎西才让");
    CHECK(people[1].id == "dorje");
    CHECK(people[2].id == "gone");
    CHECK(resolve_person("离职者", people, "--person") == "gone");
  }

  TEST_CASE("person_label shows the name and the id, or the id alone") {
    CHECK(duty::roster::person_label({"tashi", "扎西才让"}) == "扎西才让 (tashi)");
    CHECK(duty::roster::person_label({"tashi", ""}) == "tashi");
    CHECK(duty::roster::person_label({"tashi", "tashi"}) == "tashi");
  }
}
