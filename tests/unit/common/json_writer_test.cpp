// SPDX-License-Identifier: Apache-2.0
#include "common/json_writer.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

namespace {

std::string quoted(std::string_view text) {
  std::ostringstream out;
  duty::JsonWriter::write_string(out, text);
  return out.str();
}

}  // namespace

TEST_SUITE("common::json_writer") {
  TEST_CASE("plain strings are quoted unchanged") {
    CHECK(quoted("") == R"("")");
    CHECK(quoted("officer") == R"("officer")");
    CHECK(quoted("a/b") == R"("a/b")");
  }

  TEST_CASE("quotes and backslashes are escaped") {
    CHECK(quoted(R"(say "hi")") == R"("say \"hi\"")");
    CHECK(quoted(R"(C:\duty)") == R"("C:\\duty")");
    CHECK(quoted(R"(\")") == R"("\\\"")");
  }

  TEST_CASE("control characters are escaped") {
    CHECK(quoted("a\nb") == R"("a\nb")");
    CHECK(quoted("a\rb") == R"("a\rb")");
    CHECK(quoted("a\tb") == R"("a\tb")");
    CHECK(quoted("\x01") == R"("\u0001")");
    CHECK(quoted("\x1f") == R"("\u001f")");
    CHECK(quoted("\x7f") == R"("\u007f")");
    CHECK(quoted("\b\f") == R"("\u0008\u000c")");
    CHECK(quoted(std::string_view("a\0b", 3)) == R"("a\u0000b")");
  }

  TEST_CASE("valid UTF-8 passes through unescaped") {
    CHECK(quoted("值班员") == "\"值班员\"");
    CHECK(quoted("\xF0\x9F\x9A\x92") == "\"\xF0\x9F\x9A\x92\"");
  }

  TEST_CASE("invalid UTF-8 bytes become U+FFFD, one per byte") {
    CHECK(quoted("\xFF") == "\"\xEF\xBF\xBD\"");
    CHECK(quoted("a\xFF" "b") == "\"a\xEF\xBF\xBD" "b\"");
    CHECK(quoted("\xE5\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(quoted("值\xC3") == "\"值\xEF\xBF\xBD\"");
  }

  TEST_CASE("compact output puts commas between items and nests containers") {
    std::ostringstream out;
    duty::JsonWriter w(out);
    w.begin_object();
    w.key("a").value(1);
    w.key("b").begin_array().value("x").value(true).value(false).null().end_array();
    w.key("c").begin_object().end_object();
    w.key("d").begin_array().begin_array().value(1).value(2).end_array().begin_array().end_array().end_array();
    w.key("e").begin_object().key("f").begin_object().key("g").value("h").end_object().end_object();
    w.end_object();
    CHECK(out.str() == R"({"a":1,"b":["x",true,false,null],"c":{},"d":[[1,2],[]],"e":{"f":{"g":"h"}}})");
  }

  TEST_CASE("pretty output indents nested values and keeps empty containers on one line") {
    std::ostringstream out;
    duty::JsonWriter w(out, 2);
    w.begin_object();
    w.key("a").value(1);
    w.key("b").begin_array().value("x").value(true).end_array();
    w.key("c").begin_object().end_object();
    w.key("d").begin_array().end_array();
    w.end_object();
    CHECK(out.str() ==
          "{\n"
          "  \"a\": 1,\n"
          "  \"b\": [\n"
          "    \"x\",\n"
          "    true\n"
          "  ],\n"
          "  \"c\": {},\n"
          "  \"d\": []\n"
          "}");
  }

  TEST_CASE("pretty output honours the indent width") {
    std::ostringstream out;
    duty::JsonWriter w(out, 4);
    w.begin_array().begin_object().key("k").value("v").end_object().end_array();
    CHECK(out.str() == "[\n    {\n        \"k\": \"v\"\n    }\n]");
  }

  TEST_CASE("keys are escaped like strings") {
    std::ostringstream out;
    duty::JsonWriter w(out);
    w.begin_object().key("a\"b\n").value("c").end_object();
    CHECK(out.str() == R"({"a\"b\n":"c"})");
  }

  TEST_CASE("numbers are written exactly and non-finite numbers as null") {
    std::ostringstream out;
    duty::JsonWriter w(out);
    w.begin_array();
    w.value(std::int64_t{-9007199254740993});
    w.value(0);
    w.value(1.5);
    w.value(0.1);
    w.value(-2.0);
    w.value(std::numeric_limits<double>::infinity());
    w.value(std::numeric_limits<double>::quiet_NaN());
    w.end_array();
    CHECK(out.str() == "[-9007199254740993,0,1.5,0.1,-2,null,null]");
  }

  TEST_CASE("a top-level scalar stands alone") {
    std::ostringstream out;
    duty::JsonWriter w(out, 2);
    w.value("only");
    CHECK(out.str() == R"("only")");
  }
}
