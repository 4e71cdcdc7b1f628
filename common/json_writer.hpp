// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace duty {

/// Streams strict JSON (RFC 8259) to an ostream, keeping commas and nesting right.
/// Strings are escaped; invalid UTF-8 bytes are replaced with U+FFFD so output always parses.
/// Text is gathered in a buffer and reaches the stream in large writes: whenever the buffer
/// fills, and as soon as the top-level value is complete, so the caller may write to the
/// stream again after it (a value left unfinished, e.g. by an exception, is never written whole).
class JsonWriter {
 public:
  /// `indent` 0 writes compact JSON; otherwise nested values are indented by that many spaces.
  explicit JsonWriter(std::ostream& out, int indent = 0) : out_(out), indent_(indent) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();

  /// Writes the text as a JSON string literal, quotes included.
  static void write_string(std::ostream& out, std::string_view text);
  /// Appends the text as a JSON string literal, quotes included.
  static void append_string(std::string& out, std::string_view text);

 private:
  void before_value();
  void newline();
  void after_value();
  JsonWriter& close(char bracket);

  std::ostream& out_;
  std::string buf_;
  int indent_;
  std::vector<char> has_items_;  // per open container: whether anything was written in it
  bool after_key_ = false;
};

}  // namespace duty
