// SPDX-License-Identifier: Apache-2.0
#include "common/json_writer.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace duty {

void JsonWriter::write_string(std::ostream& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out << '"';
  for (std::size_t i = 0; i < text.size();) {
    // Plain printable ASCII goes out in one write; only the rest needs a closer look.
    std::size_t run = i;
    while (run < text.size()) {
      auto u = static_cast<unsigned char>(text[run]);
      if (u < 0x20 || u >= 0x7f || u == '"' || u == '\\') break;
      ++run;
    }
    if (run > i) {
      out.write(text.data() + i, static_cast<std::streamsize>(run - i));
      i = run;
      continue;
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out << "\\\""; break;
        case '\\': out << "\\\\"; break;
        case '\n': out << "\\n"; break;
        case '\r': out << "\\r"; break;
        case '\t': out << "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            out << "\\u00" << kHex[c >> 4] << kHex[c & 15];
          } else {
            out << static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) {
      out << "\xEF\xBF\xBD";
      ++i;
    } else {
      out.write(text.data() + i, n);
      i += static_cast<std::size_t>(n);
    }
  }
  out << '"';
}

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  // From a line of spaces kept for the purpose: a string per line cost more than the line.
  static constexpr char kSpaces[] = "\n                                                                ";
  std::size_t n = has_items_.size() * static_cast<std::size_t>(indent_) + 1;
  out_.write(kSpaces, static_cast<std::streamsize>(std::min(n, sizeof kSpaces - 1)));
  for (n -= std::min(n, sizeof kSpaces - 1); n > 0; --n) out_.put(' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) out_ << ',';
  has_items_.back() = true;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ << '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  bool had = has_items_.back();
  has_items_.pop_back();
  if (had) newline();
  out_ << bracket;
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ << '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  write_string(out_, name);
  out_ << (indent_ > 0 ? ": " : ":");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  write_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  out_ << number;
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ << "null";
    return *this;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, number);
  out_.write(buf, r.ptr - buf);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ << (flag ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ << "null";
  return *this;
}

}  // namespace duty
