// SPDX-License-Identifier: Apache-2.0
#include "common/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/i18n.hpp"

namespace duty {

namespace {
// Decodes one code point at `i`; returns its length in bytes, or -1 for an invalid sequence.
utf8proc_ssize_t next_codepoint(std::string_view text, std::size_t i, utf8proc_int32_t& cp) {
  auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i);
  return utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
}
}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = next_codepoint(text, i, cp);
    if (n <= 0) {
      ++width;
      ++i;
      continue;
    }
    width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    i += static_cast<std::size_t>(n);
  }
  return width;
}

std::string pad_right(std::string_view text, std::size_t width) {
  std::string s(text);
  std::size_t w = display_width(text);
  if (w < width) s.append(width - w, ' ');
  return s;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = next_codepoint(text, i, cp);
    if (n <= 0) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

// True for the bidirectional embeddings, overrides and isolates: U+202A..U+202E, U+2066..U+2069.
bool is_bidi_control(char32_t c) { return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069); }

bool is_separator(char32_t c) { return c == 0x2028 || c == 0x2029; }

void put_hex(std::string& out, char32_t c) {
  static constexpr char kHex[] = "0123456789abcdef";
  int digits = c > 0xffff ? 6 : c > 0xff ? 4 : 2;
  for (int d = digits - 1; d >= 0; --d) out += kHex[(c >> (4 * d)) & 0xf];
}

}  // namespace

std::optional<char32_t> forbidden_character(std::string_view text, TextKind kind) {
  const bool multi = kind == TextKind::kMultiLine;
  // Every character refused is found from its bytes (no decoding): C0 and DEL are single bytes, C1
  // is C2 80..C2 9F, U+2028..U+202E is E2 80 A8..AE, U+2066..U+2069 is E2 81 A6..A9.
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20 && !(multi && (u == '\t' || u == '\n'))) return u;
    if (u == 0x7f) return u;
    if (u == 0xc2 && i + 1 < text.size()) {
      auto v = static_cast<unsigned char>(text[i + 1]);
      if (v >= 0x80 && v <= 0x9f) return v;
    }
    if (u == 0xe2 && i + 2 < text.size()) {
      auto v = static_cast<unsigned char>(text[i + 1]);
      auto w = static_cast<unsigned char>(text[i + 2]);
      if ((v != 0x80 && v != 0x81) || w < 0x80 || w > 0xbf) continue;
      char32_t c = 0x2000 + (static_cast<char32_t>(v & 0x3f) << 6) + (w & 0x3f);
      if (is_bidi_control(c) || (!multi && is_separator(c))) return c;
    }
  }
  return std::nullopt;
}

bool has_control_character(std::string_view text, bool allow_tab_newline) {
  return forbidden_character(text, allow_tab_newline ? TextKind::kMultiLine : TextKind::kLine).has_value();
}

std::string code_point_name(char32_t c) {
  std::string s = "U+";
  static constexpr char kHex[] = "0123456789ABCDEF";
  int digits = c > 0xffff ? 6 : 4;
  for (int d = digits - 1; d >= 0; --d) s += kHex[(c >> (4 * d)) & 0xf];
  return s;
}

std::string forbidden_character_message(char32_t c, TextKind kind) {
  const std::string name = code_point_name(c);
  if (is_bidi_control(c)) {
    return trf("contains the bidirectional control character {0}, which makes printed text read "
               "differently from what is stored; remove it",
               name);
  }
  if (kind == TextKind::kLine) {
    if (c == '\n' || c == '\r' || is_separator(c)) return trf("contains a line break ({0}); give one line of text", name);
    if (c == '\t') return trf("contains a tab ({0}); give one line of text", name);
    return trf("contains the control character {0}; only one line of text is accepted", name);
  }
  return trf("contains the control character {0}; only text, tabs and line breaks are accepted", name);
}

std::size_t character_count(std::string_view text) {
  // Continuation bytes (10xxxxxx) belong to the character before them.
  std::size_t n = 0;
  for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xc0) != 0x80;
  return n;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = next_codepoint(text, i, cp);
    if (n <= 0) {
      out += "\\x";
      put_hex(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    auto c = static_cast<char32_t>(cp);
    if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || is_bidi_control(c) ||
        is_separator(c)) {
      out += "\\u{";
      put_hex(out, c);
      out += '}';
    } else {
      out.append(text.substr(i, static_cast<std::size_t>(n)));
    }
    i += static_cast<std::size_t>(n);
  }
  return out;
}

namespace {

// The value as typed, cut short: a message quoting 10,000 digits helps nobody.
std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  if (text.size() <= kShown) return "'" + std::string(text) + "'";
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return trf("'{0}...' ({1} characters)", text.substr(0, cut), text.size());
}

std::string bound(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string negative(const std::string& shown) { return trf("cannot be negative (got {0})", shown); }

std::string too_small(const std::string& shown, const std::string& least) {
  return trf("{0} is too small; the least accepted is {1}", shown, least);
}

std::string too_large(const std::string& shown, const std::string& most) {
  return trf("{0} is too large; the most accepted is {1}", shown, most);
}

template <class T>
std::optional<T> in_range(std::string_view text, T v, T min, T max, std::string& problem) {
  if (v < min) {
    problem = min == 0 ? negative(std::string(text)) : too_small(quoted(text), bound(static_cast<double>(min)));
    return std::nullopt;
  }
  if (v > max) {
    problem = too_large(quoted(text), bound(static_cast<double>(max)));
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::optional<long long> parse_whole_number(std::string_view text, long long min, long long max,
                                            std::string& problem) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const bool digits = !text.empty() && std::all_of(text.begin() + (text[0] == '-' ? 1 : 0), text.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || text == "-") {
    problem = trf("{0} is not a whole number", quoted(text));
    return std::nullopt;
  }
  long long v = 0;
  auto r = std::from_chars(first, last, v);
  if (r.ec == std::errc::result_out_of_range) {
    // All digits, but more than 64 bits hold: beyond any bound duty has.
    problem = text[0] == '-' ? (min == 0 ? negative(quoted(text)) : too_small(quoted(text), std::to_string(min)))
                             : too_large(quoted(text), std::to_string(max));
    return std::nullopt;
  }
  if (r.ec != std::errc{} || r.ptr != last) {
    problem = trf("{0} is not a whole number", quoted(text));
    return std::nullopt;
  }
  return in_range(text, v, min, max, problem);
}

std::optional<double> parse_decimal_number(std::string_view text, double min, double max, std::string& problem) {
  const char* last = text.data() + text.size();
  // from_chars also reads "inf", "nan" and hexadecimal-looking text; a figure is digits.
  const bool shaped = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+';
  });
  double v = 0;
  auto r = shaped ? std::from_chars(text.data(), last, v)
                  : std::from_chars_result{text.data(), std::errc::invalid_argument};
  if (r.ec == std::errc::result_out_of_range && r.ptr == last) {
    // Too large for a double, or a tiny fraction that rounds to zero.
    bool tiny = text.find("e-") != std::string_view::npos || text.find("E-") != std::string_view::npos;
    if (tiny) return in_range(text, 0.0, min, max, problem);
    problem = text[0] == '-' ? (min == 0 ? negative(quoted(text)) : too_small(quoted(text), bound(min)))
                             : too_large(quoted(text), bound(max));
    return std::nullopt;
  }
  if (r.ec != std::errc{} || r.ptr != last || !std::isfinite(v)) {
    problem = trf("{0} is not a number", quoted(text));
    return std::nullopt;
  }
  return in_range(text, v, min, max, problem);
}

namespace {

// The code points of `text`; a byte that starts no UTF-8 sequence becomes a value above U+10FFFF,
// so it equals only the same byte.
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = next_codepoint(text, i, cp);
    if (n <= 0) {
      out.push_back(0x110000 + static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    out.push_back(static_cast<char32_t>(cp));
    i += static_cast<std::size_t>(n);
  }
  return out;
}

// How many edits still make a likely typo of `word`.
std::size_t typo_limit(std::string_view word) {
  // A third of the display width: a Chinese character weighs as two letters, so "张伟" may differ
  // in one character, as "leeder" may in two letters.
  return std::clamp<std::size_t>(display_width(word) / 3, 1, 3);
}

}  // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
  // ("biuld" is one slip from "build") each cost 1.
  const std::vector<char32_t> a = code_points(a_text), b = code_points(b_text);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (!best || d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best && best_distance <= typo_limit(word) && best_distance > 0) return best;
  return std::nullopt;
}

std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t most) {
  const std::size_t limit = typo_limit(word);
  std::vector<std::pair<std::size_t, std::size_t>> close;  // distance, index
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    std::size_t d = edit_distance(word, candidates[i]);
    // An exact match is not a typo, so there is nothing to suggest.
    if (d > 0 && d <= limit) close.emplace_back(d, i);
  }
  std::stable_sort(close.begin(), close.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < close.size() && out.size() < most; ++k)
    out.push_back(candidates[close[k].second]);
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto m = closest_match(word, candidates);
  return m ? trf(" (did you mean '{0}'?)", *m) : std::string{};
}

std::string nfc(std::string_view text) {
  if (text.empty() || !is_valid_utf8(text)) return std::string(text);
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0 || !out) {
    std::free(out);
    return std::string(text);
  }
  std::string s(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return s;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xe3\x80\x80";  // U+3000
  auto blank_at_front = [&] {
    if (text.empty()) return std::size_t{0};
    char c = text.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return std::size_t{1};
    return text.starts_with(kIdeographicSpace) ? kIdeographicSpace.size() : std::size_t{0};
  };
  auto blank_at_back = [&] {
    if (text.empty()) return std::size_t{0};
    char c = text.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return std::size_t{1};
    return text.ends_with(kIdeographicSpace) ? kIdeographicSpace.size() : std::size_t{0};
  };
  while (std::size_t n = blank_at_front()) text.remove_prefix(n);
  while (std::size_t n = blank_at_back()) text.remove_suffix(n);
  return text;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += separator;
    s += items[i];
  }
  return s;
}

}  // namespace duty
