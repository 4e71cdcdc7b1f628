// SPDX-License-Identifier: Apache-2.0
#include "common/yaml_source.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "common/error.hpp"

namespace {

// The first diagnostic of the InputError parsing `text` throws, as "file:line:column: message";
// "" when it parses.
std::string refusal(const std::string& text) {
  try {
    duty::YamlSource src("f.yaml", text);
  } catch (const duty::InputError& e) {
    const auto& d = e.diagnostics().front();
    return d.pos.str() + ": " + d.message;
  }
  return "";
}

// Nine levels of ten aliases each: 10^9 nodes for a reader walking the tree.
std::string billion_laughs() {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", " : "") + prev;
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_SUITE("common::yaml_source") {
  TEST_CASE("the billion laughs are refused at once, at the alias that goes too far") {
    auto start = std::chrono::steady_clock::now();
    std::string message = refusal(billion_laughs());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));
    // 121 nodes in the text, so the aliases may add 10,000: the aliases of lines 2 and 3 add 100
    // and 1,100, and line 4's (1,110 each) pass it with the eighth, at column 10 + 7 * 5.
    CHECK(message.rfind("f.yaml:4:45: ", 0) == 0);
    CHECK(message.find("YAML aliases (*name) expand this document too far") != std::string::npos);
  }

  TEST_CASE("more than 1,000 aliases are refused at the 1,001st") {
    std::string text = "base: &b x\nlist:\n";
    for (int i = 0; i < 1001; ++i) text += "  - *b\n";
    CHECK(
        refusal(text) ==
        "f.yaml:1003:5: more than 1000 YAML aliases (*name) in one document; write the values out "
        "instead of repeating them by alias");
    text.resize(text.size() - std::string("  - *b\n").size());
    CHECK(refusal(text).empty());
  }

  TEST_CASE("ordinary anchors and aliases are read as before") {
    std::string text = "defaults: &d {count: 1, group: staff}\nslots:\n";
    for (int i = 0; i < 50; ++i) text += "  - {id: s" + std::to_string(i) + ", <<: *d}\n";
    CHECK(refusal(text).empty());
    duty::YamlSource src("f.yaml", "a: &x [1, 2]\nb: *x\nc: '*not an alias*'\n");
    CHECK(src.root()["b"][1].as<int>() == 2);
    CHECK(src.root()["c"].as<std::string>() == "*not an alias*");
  }

  TEST_CASE("an alias inside the node it names is refused") {
    CHECK(refusal("a: &x [1, *x]\n") ==
          "f.yaml:1:11: this YAML alias names a node that contains it (a cycle); write the value "
          "out instead");
  }

  TEST_CASE("a second document is refused at its start, never half-read") {
    CHECK(refusal("office: {name: A}\n---\noffice: {name: B}\n") ==
          "f.yaml:2:1: a second YAML document starts here; a duty file holds one document: remove "
          "this line and "
          "what follows it, or split the file");
    CHECK(refusal("a: 1\n...\nb: 2\n").rfind("f.yaml:3:1: a second YAML document", 0) == 0);
    CHECK(refusal("a: 1\n---\n").rfind("f.yaml:2:1: a second YAML document", 0) == 0);
    // One document, with its markers.
    CHECK(refusal("---\na: 1\n...\n").empty());
    CHECK(refusal("a: 'x --- y'\n").empty());
  }

  TEST_CASE("syntax errors keep their position") {
    CHECK(refusal("a: [1, 2\n").rfind("f.yaml:", 0) == 0);
  }
}
