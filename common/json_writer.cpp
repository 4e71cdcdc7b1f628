// SPDX-License-Identifier: Apache-2.0
#include "common/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace duty {

namespace {

// Large enough that a big document reaches the stream in few writes, small enough to stay in cache.
constexpr std::size_t kFlushAt = 64 * 1024;

// The length of the well-formed UTF-8 sequence (Unicode 15, table 3-7) that starts at text[i],
// or 0 when the bytes there are not one. Lead bytes below 0xC2 are never valid.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  const unsigned lead = at(0);
  if (in(lead, 0xC2, 0xDF)) return in(at(1), 0x80, 0xBF) ? 2 : 0;
  if (in(lead, 0xE0, 0xEF)) {
    const unsigned lo = lead == 0xE0 ? 0xA0 : 0x80, hi = lead == 0xED ? 0x9F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(lead, 0xF0, 0xF4)) {
    const unsigned lo = lead == 0xF0 ? 0x90 : 0x80, hi = lead == 0xF4 ? 0x8F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// Whether any of the 8 bytes in `v` needs a closer look: a control byte, '"', '\\', DEL or a
// byte of a multi-byte sequence (the classic bit tricks for "has a byte below n / equal to c").
bool needs_look(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto has_zero = [&](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  return ((v - 0x20 * kOnes) & ~v & kHigh) | (v & kHigh) | has_zero(v ^ ('"' * kOnes)) |
         has_zero(v ^ ('\\' * kOnes)) | has_zero(v ^ (0x7f * kOnes));
}

}  // namespace

void JsonWriter::append_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII and well-formed UTF-8 go out in one append; only the rest needs escaping.
    std::size_t run = i;
    for (std::uint64_t v; run + 8 <= text.size(); run += 8) {
      std::memcpy(&v, text.data() + run, 8);
      if (needs_look(v)) break;
    }
    while (run < text.size()) {
      auto u = static_cast<unsigned char>(text[run]);
      if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\') {
        ++run;
      } else if (std::size_t n = u >= 0x80 ? utf8_sequence(text, run) : 0; n > 0) {
        run += n;
      } else {
        break;
      }
    }
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    auto c = static_cast<unsigned char>(text[run]);
    i = run + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (c >= 0x80) {
          out.append("\xEF\xBF\xBD");  // U+FFFD for each byte that is not part of a well-formed sequence
        } else {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        }
    }
  }
  out.push_back('"');
}

void JsonWriter::write_string(std::ostream& out, std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  append_string(quoted, text);
  out.write(quoted.data(), static_cast<std::streamsize>(quoted.size()));
}

void JsonWriter::newline() {
  if (indent_ <= 0) return;
  // From a line of spaces kept for the purpose: appending n copies of ' ' costs more than the copy.
  static constexpr std::string_view kSpaces = "\n                                                                ";
  std::size_t n = has_items_.size() * static_cast<std::size_t>(indent_) + 1;
  buf_.append(kSpaces.substr(0, std::min(n, kSpaces.size())));
  if (n > kSpaces.size()) buf_.append(n - kSpaces.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) buf_.push_back(',');
  has_items_.back() = 1;
  newline();
}

// Hands the buffer to the stream when the document is complete or the buffer full.
void JsonWriter::after_value() {
  if (!has_items_.empty() && buf_.size() < kFlushAt) return;
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  buf_.push_back('{');
  has_items_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  bool had = has_items_.back() != 0;
  has_items_.pop_back();
  if (had) newline();
  buf_.push_back(bracket);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::begin_array() {
  before_value();
  buf_.push_back('[');
  has_items_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_string(buf_, name);
  buf_.append(indent_ > 0 ? ": " : ":");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_string(buf_, text);
  after_value();
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  char digits[24];
  auto r = std::to_chars(digits, digits + sizeof digits, number);
  buf_.append(digits, static_cast<std::size_t>(r.ptr - digits));
  after_value();
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    buf_.append("null");
  } else {
    char digits[64];
    auto r = std::to_chars(digits, digits + sizeof digits, number);
    buf_.append(digits, static_cast<std::size_t>(r.ptr - digits));
  }
  after_value();
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  buf_.append(flag ? "true" : "false");
  after_value();
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  buf_.append("null");
  after_value();
  return *this;
}

}  // namespace duty
