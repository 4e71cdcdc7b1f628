// SPDX-License-Identifier: Apache-2.0
#include "common/json_writer.hpp"

#include <doctest/doctest.h>
#include <utf8proc.h>

#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>

namespace {

std::string quoted(std::string_view text) {
  std::ostringstream out;
  duty::JsonWriter::write_string(out, text);
  return out.str();
}

// What the writer must produce, the slow way: utf8proc decides what is well-formed.
std::string reference_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      static const char* kHex = "0123456789abcdef";
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7f) out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.data() + i, static_cast<std::size_t>(n));
      i += static_cast<std::size_t>(n);
    }
  }
  return out + "\"";
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
    CHECK(quoted("\xC0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong
    CHECK(quoted("\xE0\x80\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
    CHECK(quoted("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
    CHECK(quoted("\xF4\x90\x80\x80") ==
          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // above U+10FFFF
    CHECK(quoted("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");      // U+10FFFF itself
    CHECK(quoted("\xEF\xBF\xBE") == "\"\xEF\xBF\xBE\"");              // a noncharacter is still well-formed
  }

  TEST_CASE("random bytes are escaped exactly as utf8proc reads them") {
    std::mt19937 rng(7);
    // Bytes drawn mostly from the interesting ranges: ASCII controls, quotes, lead and trail bytes.
    const std::string alphabet = std::string("\x00\x1f\x7f\"\\\n aZ", 9) +
                                 "\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1\xec\xed\xee\xef"
                                 "\xf0\xf1\xf3\xf4\xf5\xff";
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      const int length = static_cast<int>(rng() % 24);
      for (int k = 0; k < length; ++k) {
        text += rng() % 4 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
      }
      REQUIRE(quoted(text) == reference_quoted(text));
    }
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

  TEST_CASE("the stream gets the document when it is complete, so writes after it stay in order") {
    std::ostringstream out;
    duty::JsonWriter w(out, 2);
    w.begin_object().key("a").begin_array().value(1);
    CHECK(out.str().empty());  // unfinished: nothing half-written
    w.end_array().end_object();
    out << '\n';
    CHECK(out.str() == "{\n  \"a\": [\n    1\n  ]\n}\n");
    w.begin_array().end_array();
    CHECK(out.str() == "{\n  \"a\": [\n    1\n  ]\n}\n[]");
  }

  TEST_CASE("a large document reaches the stream in pieces, byte for byte") {
    std::ostringstream out, whole;
    duty::JsonWriter w(out);
    w.begin_array();
    whole << '[';
    for (int i = 0; i < 50000; ++i) {
      w.value("值班员 " + std::to_string(i));
      whole << (i ? "," : "") << "\"值班员 " << i << '"';
      if (i == 40000) CHECK(out.str().size() > 64 * 1024);  // flushed before the end
    }
    w.end_array();
    whole << ']';
    CHECK(out.str() == whole.str());
  }
}
