// SPDX-License-Identifier: Apache-2.0
#include "common/csv.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace {

// What CsvWriter writes for one row.
std::string row(const std::vector<std::string>& fields, bool bom = false) {
  std::ostringstream out;
  duty::CsvWriter w(out, bom);
  w.row(fields);
  return out.str();
}

// The single cell CsvWriter writes for one field, without the line end.
std::string cell(const std::string& field) {
  std::string s = row({field});
  REQUIRE(s.size() >= 2);
  REQUIRE(s.substr(s.size() - 2) == "\r\n");
  return s.substr(0, s.size() - 2);
}

std::vector<std::vector<std::string>> fields(const std::vector<duty::CsvRecord>& records) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : records) out.push_back(r.fields);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_SUITE("common::csv") {
  TEST_CASE("plain fields are written as they are, comma-separated, CRLF-terminated") {
    CHECK(row({"2027-0001", "Fire", "3"}) == "2027-0001,Fire,3\r\n");
    CHECK(row({}) == "\r\n");
    CHECK(row({"", ""}) == ",\r\n");
    CHECK(row({"泽库县", "山体滑坡"}) == "泽库县,山体滑坡\r\n");
  }

  TEST_CASE("fields with a comma, a quote or a line break are quoted, quotes doubled") {
    CHECK(cell("Fire, market") == "\"Fire, market\"");
    CHECK(cell("He said \"run\"") == "\"He said \"\"run\"\"\"");
    CHECK(cell("line one\nline two") == "\"line one\nline two\"");
    CHECK(cell("line one\r\nline two") == "\"line one\r\nline two\"");
    CHECK(cell("\"") == "\"\"\"\"");
  }

  TEST_CASE("a byte order mark is written first when asked for, once") {
    std::ostringstream out;
    duty::CsvWriter w(out, true);
    w.row({"a"});
    w.row({"b"});
    CHECK(out.str() == "\xEF\xBB\xBF" "a\r\nb\r\n");
    CHECK(row({"a"}, false) == "a\r\n");
  }

  TEST_CASE("cells a spreadsheet would run as a formula get a leading apostrophe") {
    CHECK(cell("=SUM(A1:A9)") == "'=SUM(A1:A9)");
    CHECK(cell("+86 139 0000 0000") == "'+86 139 0000 0000");
    CHECK(cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0");
    CHECK(cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(cell("\t=1+1") == "'\t=1+1");
    CHECK(cell("\r=1+1") == "\"'\r=1+1\"");
    CHECK(cell("-") == "'-");
    CHECK(cell("-2+3") == "'-2+3");
    // Neutralised first, then quoted: the apostrophe is inside the quotes.
    CHECK(cell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  }

  TEST_CASE("plain numbers, negative ones included, are left alone") {
    CHECK(cell("-3") == "-3");
    CHECK(cell("-3.5") == "-3.5");
    CHECK(cell("-0.25") == "-0.25");
    CHECK(cell("3") == "3");
    CHECK(cell("12.5") == "12.5");
    // Only a leading sign counts: a dash or an equals sign inside text is harmless.
    CHECK(cell("2027-0001") == "2027-0001");
    CHECK(cell("a=b") == "a=b");
  }

  TEST_CASE("format_number drops trailing zeros") {
    CHECK(duty::format_number(12) == "12");
    CHECK(duty::format_number(12.5) == "12.5");
    CHECK(duty::format_number(0) == "0");
    CHECK(duty::format_number(-3.25) == "-3.25");
  }

  TEST_CASE("parse_csv reads plain rows with LF or CRLF line ends") {
    CHECK(fields(duty::parse_csv("t.csv", "a,b,c\n1,2,3\n")) == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(fields(duty::parse_csv("t.csv", "a,b\r\n1,2\r\n")) == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(fields(duty::parse_csv("t.csv", "a,b\n1,2")) == Rows{{"a", "b"}, {"1", "2"}});  // no final line end
  }

  TEST_CASE("parse_csv keeps empty fields and skips blank lines") {
    auto recs = duty::parse_csv("t.csv", "a,,c\n,\n\n\r\nx\n");
    CHECK(fields(recs) == Rows{{"a", "", "c"}, {"", ""}, {"x"}});
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].line == 1);
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 5);
  }

  TEST_CASE("parse_csv reads quoted commas, doubled quotes and line breaks") {
    auto recs = duty::parse_csv("t.csv", "title,note\n\"Fire, market\",\"He said \"\"run\"\"\r\nthen left\"\nnext,\"\"\n");
    CHECK(fields(recs) == Rows{{"title", "note"}, {"Fire, market", "He said \"run\"\r\nthen left"}, {"next", ""}});
    REQUIRE(recs.size() == 3);
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 4);  // the quoted line break is counted
  }

  TEST_CASE("parse_csv skips a UTF-8 byte order mark") {
    auto recs = duty::parse_csv("t.csv", "\xEF\xBB\xBFtitle,category\n泥石流,geological\n");
    CHECK(fields(recs) == Rows{{"title", "category"}, {"泥石流", "geological"}});
    CHECK(recs[0].line == 1);
  }

  TEST_CASE("what CsvWriter writes, parse_csv reads back") {
    std::vector<std::string> tricky = {"=1+1", "-3.5", "a,b", "say \"hi\"", "two\nlines", "", "泽库"};
    std::ostringstream out;
    duty::CsvWriter w(out, true);
    w.row(tricky);
    auto recs = duty::parse_csv("t.csv", out.str());
    REQUIRE(recs.size() == 1);
    std::vector<std::string> expected = tricky;
    expected[0] = "'=1+1";  // the neutralising apostrophe stays: it is part of the written text
    CHECK(recs[0].fields == expected);
  }

  TEST_CASE("unprotect_formula is the inverse of the writer's protection") {
    // Also for text that already starts with apostrophes, so an export imports back unchanged.
    for (std::string text : {"=1+1", "'=1+1", "''=1+1", "'", "''", "'x", "-", "'-3.5", "-3.5", "@a", "\t=x", "plain",
                             "'plain", ""}) {
      CAPTURE(text);
      std::ostringstream out;
      duty::CsvWriter w(out);
      w.row({text});
      auto recs = duty::parse_csv("t.csv", out.str());
      REQUIRE(recs.size() == (text.empty() ? 0u : 1u));
      if (text.empty()) continue;
      CHECK(recs[0].fields[0] != text + "x");
      CHECK(duty::unprotect_formula(recs[0].fields[0]) == text);
    }
    CHECK(cell("'=1") == "''=1");
    CHECK(cell("'x") == "'x");
    CHECK(duty::unprotect_formula("'x") == "'x");
  }

  TEST_CASE("an unterminated quote is an error at the opening quote") {
    try {
      duty::parse_csv("t.csv", "a,b\n1,\"open\nstill open\n");
      FAIL("an unterminated quote was accepted");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].pos.str() == "t.csv:2:3");
      CHECK(e.diagnostics()[0].message == "unterminated quoted field");
    }
  }

  TEST_CASE("text after a closing quote is an error where it starts") {
    try {
      duty::parse_csv("t.csv", "a,b\n\"x\"y,2\n");
      FAIL("text after a closing quote was accepted");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].pos.str() == "t.csv:2:4");
      CHECK(e.diagnostics()[0].message.rfind("text after a closing quote", 0) == 0);
    }
  }
}
