// SPDX-License-Identifier: Apache-2.0
#include "common/text.hpp"
#include "common/identity.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_SUITE("common::text") {
  TEST_CASE("display_width counts one column per ASCII character") {
    CHECK(duty::display_width("") == 0);
    CHECK(duty::display_width("officer") == 7);
    CHECK(duty::display_width("a b c") == 5);
  }

  TEST_CASE("display_width counts two columns per Chinese character") {
    CHECK(duty::display_width("值班员") == 6);
    CHECK(duty::display_width("泽库县应急管理局值班表") == 22);
    CHECK(duty::display_width("值班员 A") == 8);
  }

  TEST_CASE("display_width counts combining marks as zero columns") {
    // 'e' followed by U+0301 COMBINING ACUTE ACCENT renders as one cell.
    CHECK(duty::display_width("e\xCC\x81") == 1);
    CHECK(duty::display_width("Zoe\xCC\x88") == 3);
    // Tibetan vowel sign U+0F72 combines with the consonant before it.
    CHECK(duty::display_width("\xE0\xBD\x80\xE0\xBD\xB2") == 1);
  }

  TEST_CASE("display_width counts every invalid UTF-8 byte as one column") {
    CHECK(duty::display_width("\xFF") == 1);
    CHECK(duty::display_width("a\xFF" "b") == 3);
    // A lead byte without its continuation, then a stray continuation byte.
    CHECK(duty::display_width("\xE5\x80") == 2);
    CHECK(duty::display_width("\x80\x80\x80") == 3);
    CHECK(duty::display_width("值\xFF") == 3);
  }

  TEST_CASE("pad_right pads to display columns and never truncates") {
    CHECK(duty::pad_right("ab", 5) == "ab   ");
    CHECK(duty::pad_right("值班", 6) == "值班  ");
    CHECK(duty::pad_right("值班", 5) == "值班 ");
    CHECK(duty::pad_right("e\xCC\x81", 3) == "e\xCC\x81  ");
    CHECK(duty::pad_right("abcdef", 3) == "abcdef");
    CHECK(duty::pad_right("值班员", 6) == "值班员");
    CHECK(duty::pad_right("", 2) == "  ");
  }

  TEST_CASE("is_valid_utf8 accepts well-formed text") {
    CHECK(duty::is_valid_utf8(""));
    CHECK(duty::is_valid_utf8("ascii only"));
    CHECK(duty::is_valid_utf8("值班员 多杰才让"));
    CHECK(duty::is_valid_utf8("\xF0\x9F\x9A\x92"));  // U+1F692 fire engine, four bytes
  }

  TEST_CASE("is_valid_utf8 rejects malformed sequences") {
    CHECK_FALSE(duty::is_valid_utf8("\xFF"));
    CHECK_FALSE(duty::is_valid_utf8("abc\x80"));
    CHECK_FALSE(duty::is_valid_utf8("\xE5\x80"));        // truncated three-byte sequence
    CHECK_FALSE(duty::is_valid_utf8("\xC0\xAF"));        // overlong encoding of '/'
    CHECK_FALSE(duty::is_valid_utf8("\xED\xA0\x80"));    // UTF-16 surrogate half
    CHECK_FALSE(duty::is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  }

  TEST_CASE("has_control_character finds C0, DEL and C1 controls") {
    CHECK_FALSE(duty::has_control_character("泽库 fire", false));
    CHECK_FALSE(duty::has_control_character("a\tb\nc", true));
    CHECK(duty::has_control_character("a\tb", false));
    CHECK(duty::has_control_character("a\nb", false));
    CHECK(duty::has_control_character("a\rb", true));
    CHECK(duty::has_control_character("\x1b[31mred", true));
    CHECK(duty::has_control_character("del\x7f", true));
    CHECK(duty::has_control_character("csi\xc2\x9b" "31m", true));  // U+009B, a terminal's CSI
    CHECK_FALSE(duty::has_control_character("\xc2\xa0nbsp", true));   // U+00A0 is not a control
    CHECK(duty::has_control_character(std::string("nul\0", 4), true));
  }

  TEST_CASE("printable escapes what would drive a terminal and keeps the rest") {
    CHECK(duty::printable("泽库 fire\tline\nnext") == "泽库 fire\tline\nnext");
    CHECK(duty::printable("\x1b]0;owned\x07") == "\\u{1b}]0;owned\\u{07}");
    CHECK(duty::printable("csi\xc2\x9b") == "csi\\u{9b}");
    CHECK(duty::printable("bad\xff\xfe") == "bad\\xff\\xfe");
    CHECK(duty::printable("cut \xe6\xb3") == "cut \\xe6\\xb3");
    CHECK(duty::printable(duty::printable("\x1b")) == duty::printable("\x1b"));
  }

  TEST_CASE("edit_distance counts insertions, deletions, substitutions and adjacent swaps") {
    CHECK(duty::edit_distance("", "") == 0);
    CHECK(duty::edit_distance("", "abc") == 3);
    CHECK(duty::edit_distance("abc", "") == 3);
    CHECK(duty::edit_distance("same", "same") == 0);
    CHECK(duty::edit_distance("slot", "slots") == 1);
    CHECK(duty::edit_distance("oficer", "officer") == 1);
    CHECK(duty::edit_distance("kitten", "sitting") == 3);
    CHECK(duty::edit_distance("flaw", "lawn") == 2);
    CHECK(duty::edit_distance("weihgt", "weight") == 1);
    CHECK(duty::edit_distance("biuld", "build") == 1);
    CHECK(duty::edit_distance("ab", "ba") == 1);
    CHECK(duty::edit_distance("abc", "ca") == 3);
  }

  TEST_CASE("closest_match finds the nearest candidate within a third of the word") {
    const std::vector<std::string> keys = {"timezone", "slots", "people", "holidays"};
    CHECK(duty::closest_match("slot", keys) == std::optional<std::string>("slots"));
    CHECK(duty::closest_match("peple", keys) == std::optional<std::string>("people"));
    CHECK(duty::closest_match("timezome", keys) == std::optional<std::string>("timezone"));
    CHECK_FALSE(duty::closest_match("weather", keys).has_value());
    // An exact match is not a typo, so there is nothing to suggest.
    CHECK_FALSE(duty::closest_match("slots", keys).has_value());
    CHECK_FALSE(duty::closest_match("slot", {}).has_value());
  }

  TEST_CASE("did_you_mean suggests a likely typo and nothing for an unrelated word") {
    const std::vector<std::string> slots = {"leader", "officer"};
    CHECK(duty::did_you_mean("oficer", slots) == " (did you mean 'officer'?)");
    CHECK(duty::did_you_mean("leeder", slots) == " (did you mean 'leader'?)");
    CHECK(duty::did_you_mean("driver", slots) == "");
    CHECK(duty::did_you_mean("xy", {"ab"}) == "");
  }

  TEST_CASE("edit_distance counts code points, not bytes") {
    CHECK(duty::edit_distance("扎西才", "扎西才让") == 1);
    CHECK(duty::edit_distance("张伟", "张为") == 1);
    CHECK(duty::edit_distance("卓玛", "玛卓") == 1);
    CHECK(duty::edit_distance("é", "e") == 1);
    // A byte that is not UTF-8 is one edit, and equal only to itself.
    CHECK(duty::edit_distance("a\xff", "a\xfe") == 1);
    CHECK(duty::edit_distance("a\xff", "a\xff") == 0);
  }

  TEST_CASE("closest_match allows a third of the display width, so Chinese names find their typos") {
    const std::vector<std::string> names = {"扎西才让", "张伟", "拉毛"};
    CHECK(duty::closest_match("扎西才", names) == std::optional<std::string>("扎西才让"));
    CHECK(duty::closest_match("张为", names) == std::optional<std::string>("张伟"));
    CHECK_FALSE(duty::closest_match("王", names).has_value());
    CHECK(duty::did_you_mean("扎西才", names) == " (did you mean '扎西才让'?)");
  }

  TEST_CASE("closest_matches lists every likely typo, closest first, at most as many as asked") {
    const std::vector<std::string> ids = {"tsering", "tash", "tashi", "tashi-2", "dorje"};
    // One edit from "tashu": tashi (u -> i) and tash (u dropped); tashi-2 is three away.
    CHECK(duty::closest_matches("tashu", ids, 10) == std::vector<std::string>{"tash", "tashi"});
    CHECK(duty::closest_matches("tashu", ids, 1) == std::vector<std::string>{"tash"});
    CHECK(duty::closest_matches("tashi-1", ids, 10) == std::vector<std::string>{"tashi-2", "tashi"});
    // The word itself is no typo of itself.
    CHECK(duty::closest_matches("tash", ids, 10) == std::vector<std::string>{"tashi"});
    CHECK(duty::closest_matches("weather", ids, 10).empty());
  }

  TEST_CASE("nfc composes combining marks and leaves other text alone") {
    CHECK(duty::nfc("Jose\u0301") == "Jos\u00e9");
    CHECK(duty::nfc("Jos\u00e9") == "Jos\u00e9");
    CHECK(duty::nfc("扎西才让") == "扎西才让");
    CHECK(duty::nfc("") == "");
    CHECK(duty::nfc("bad\xff") == "bad\xff");
  }

  TEST_CASE("trim drops spaces, tabs, line breaks and the ideographic space at both ends") {
    CHECK(duty::trim("  a b \t\n") == "a b");
    CHECK(duty::trim("\u3000扎西\u3000") == "扎西");
    CHECK(duty::trim("   ") == "");
    CHECK(duty::trim("") == "");
    CHECK(duty::trim("x") == "x");
  }

  TEST_CASE("join puts the separator between items only") {
    CHECK(duty::join({}, ", ") == "");
    CHECK(duty::join({"a"}, ", ") == "a");
    CHECK(duty::join({"a", "b", "c"}, ", ") == "a, b, c");
  }

  TEST_CASE("forbidden_character refuses bidirectional controls in any text") {
    using duty::TextKind;
    for (const char* bidi : {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                             "\u2069"}) {
      CAPTURE(bidi);
      std::string text = std::string("死亡 ") + bidi + "人0";
      CHECK(duty::forbidden_character(text, TextKind::kLine).has_value());
      CHECK(duty::forbidden_character(text, TextKind::kMultiLine).has_value());
    }
    CHECK(duty::forbidden_character("a\u202eb", TextKind::kMultiLine) == char32_t{0x202e});
    CHECK(duty::forbidden_character("a\u2069", TextKind::kLine) == char32_t{0x2069});
    // Their neighbours are ordinary text: the marks LRM/RLM, the narrow no-break space, the
    // deprecated format characters after the isolates, and U+2065 (unassigned).
    for (const char* fine : {"\u200e", "\u200f", "\u202f", "\u2027", "\u2060", "\u206a", "\u2065", "\u2020",
                             "\u2070", "泽库"}) {
      CAPTURE(fine);
      CHECK_FALSE(duty::forbidden_character(fine, TextKind::kLine).has_value());
    }
  }

  TEST_CASE("forbidden_character keeps line breaks and tabs for free text only") {
    using duty::TextKind;
    for (const char* sep : {"a\nb", "a\tb", "a\u2028b", "a\u2029b"}) {
      CAPTURE(sep);
      CHECK(duty::forbidden_character(sep, TextKind::kLine).has_value());
      CHECK_FALSE(duty::forbidden_character(sep, TextKind::kMultiLine).has_value());
    }
    CHECK(duty::forbidden_character("a\rb", TextKind::kMultiLine) == char32_t{'\r'});
    CHECK(duty::forbidden_character("csi\xc2\x9b", TextKind::kMultiLine) == char32_t{0x9b});
    CHECK(duty::forbidden_character("\xe2\x80", TextKind::kLine) == std::nullopt);  // cut short: no character
  }

  TEST_CASE("forbidden_character_message names the character as U+XXXX") {
    using duty::TextKind;
    CHECK(duty::code_point_name(0x1b) == "U+001B");
    CHECK(duty::code_point_name(0x202e) == "U+202E");
    CHECK(duty::code_point_name(0x1f692) == "U+01F692");
    CHECK(duty::forbidden_character_message(0x1b, TextKind::kMultiLine) ==
          "contains the control character U+001B; only text, tabs and line breaks are accepted");
    CHECK(duty::forbidden_character_message('\n', TextKind::kLine) == "contains a line break (U+000A); give one line of text");
    CHECK(duty::forbidden_character_message(0x2028, TextKind::kLine) == "contains a line break (U+2028); give one line of text");
    CHECK(duty::forbidden_character_message(0x202e, TextKind::kLine).find("bidirectional control character U+202E") !=
          std::string::npos);
  }

  TEST_CASE("printable escapes bidirectional controls and separators") {
    CHECK(duty::printable("2026-\u202e1000") == "2026-\\u{202e}1000");
    CHECK(duty::printable("a\u2028b\u2069") == "a\\u{2028}b\\u{2069}");
    CHECK(duty::printable("\u200f泽") == "\u200f泽");  // a mark is text
  }

  TEST_CASE("character_count counts characters, not bytes") {
    CHECK(duty::character_count("") == 0);
    CHECK(duty::character_count("abc") == 3);
    CHECK(duty::character_count("泽库县") == 3);
    CHECK(duty::character_count("\xF0\x9F\x9A\x92") == 1);
  }

  TEST_CASE("parse_whole_number never throws and says what is wrong") {
    std::string why;
    CHECK(duty::parse_whole_number("42", 0, 100, why) == 42);
    CHECK(duty::parse_whole_number("-5", -10, 10, why) == -5);
    CHECK_FALSE(duty::parse_whole_number("99999999999999999999", 0, 1000000, why));
    CHECK(why == "'99999999999999999999' is too large; the most accepted is 1000000");
    CHECK_FALSE(duty::parse_whole_number("-99999999999999999999", 0, 10, why));
    CHECK(why == "cannot be negative (got '-99999999999999999999')");
    CHECK_FALSE(duty::parse_whole_number("-3", 0, 10, why));
    CHECK(why == "cannot be negative (got -3)");
    CHECK_FALSE(duty::parse_whole_number("5", 6, 10, why));
    CHECK(why == "'5' is too small; the least accepted is 6");
    for (const char* bad : {"", "-", "+1", "1e3", "0x10", " 1", "1 ", "1.0", "１"}) {
      CAPTURE(bad);
      CHECK_FALSE(duty::parse_whole_number(bad, 0, 100, why));
      CHECK(why.find("is not a whole number") != std::string::npos);
    }
    std::string many(5000, '9');
    CHECK_FALSE(duty::parse_whole_number(many, 0, 100, why));
    CHECK(why.size() < 120);  // the value is quoted cut short
  }

  TEST_CASE("parse_decimal_number takes finite decimals only") {
    std::string why;
    CHECK(duty::parse_decimal_number("12.5", 0, 100, why) == 12.5);
    CHECK(duty::parse_decimal_number("1e2", 0, 100, why) == 100.0);
    CHECK(duty::parse_decimal_number("1e-400", 0, 100, why) == 0.0);
    CHECK_FALSE(duty::parse_decimal_number("1e400", 0, 100, why));
    CHECK(why == "'1e400' is too large; the most accepted is 100");
    CHECK_FALSE(duty::parse_decimal_number("100.01", 0, 100, why));
    CHECK_FALSE(duty::parse_decimal_number("-0.5", 0, 100, why));
    CHECK(why == "cannot be negative (got -0.5)");
    for (const char* bad : {"", "nan", "inf", "-inf", "infinity", "0x1p3", "1,5", "abc", "1e"}) {
      CAPTURE(bad);
      CHECK_FALSE(duty::parse_decimal_number(bad, 0, 100, why));
      CHECK(why.find("is not a number") != std::string::npos);
    }
  }
}

#include "common/error.hpp"

TEST_SUITE("common::error") {
  TEST_CASE("a column past the end of a long quoted line is shown at the line's end") {
    // Found by the incident_import_yaml fuzz target: the parser's column lay past the line.
    duty::Diagnostic d{{"f.yaml", 1, 400}, "bad", std::string(300, 'x')};
    std::string s;
    CHECK_NOTHROW(s = d.str());
    CHECK(s.find("f.yaml:1:400: bad") == 0);
    CHECK(s.back() == '^');
    duty::Diagnostic short_line{{"f.yaml", 2, 90}, "bad", "abc"};
    CHECK(short_line.str() == "f.yaml:2:90: bad\n    abc\n       ^");
  }
}

TEST_SUITE("common::identity") {
  TEST_CASE("names written another way have one identity key") {
    using duty::identity_key;
    CHECK(identity_key("Wang Gang") == identity_key("wang gang"));
    CHECK(identity_key("Wang Gang") == identity_key(" Wang  Gang "));
    CHECK(identity_key("Wang Gang") == identity_key("Ｗａｎｇ　Ｇａｎｇ"));      // full-width letters and space
    CHECK(identity_key("王刚") == identity_key("王\u200b刚"));                    // a zero-width space
    CHECK(identity_key("王刚") == identity_key("王 刚\t"));
    CHECK(identity_key("Café") == identity_key("Cafe\u0301"));                  // composed or not
    CHECK(identity_key("王刚") != identity_key("王钢"));
    CHECK(identity_key("\xff\xfe") == "\xff\xfe");                              // not UTF-8: as it is
  }
}
