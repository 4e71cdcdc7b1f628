// SPDX-License-Identifier: Apache-2.0
#include "common/text.hpp"

#include <utf8proc.h>

#include <algorithm>

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

bool has_control_character(std::string_view text, bool allow_tab_newline) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20 && !(allow_tab_newline && (u == '\t' || u == '\n'))) return true;
    if (u == 0x7f) return true;
    // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F.
    if (u == 0xc2 && i + 1 < text.size()) {
      auto v = static_cast<unsigned char>(text[i + 1]);
      if (v >= 0x80 && v <= 0x9f) return true;
    }
  }
  return false;
}

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = next_codepoint(text, i, cp);
    if (n <= 0) {
      auto u = static_cast<unsigned char>(text[i]);
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
      ++i;
      continue;
    }
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f)) {
      out += "\\u{";
      out += kHex[(cp >> 4) & 0xf];
      out += kHex[cp & 0xf];
      out += '}';
    } else {
      out.append(text.substr(i, static_cast<std::size_t>(n)));
    }
    i += static_cast<std::size_t>(n);
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
  // ("biuld" is one slip from "build") each cost 1.
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
  // A third of the word's length (at least 1, at most 3 edits) separates typos from other words.
  std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  if (best && best_distance <= limit && best_distance > 0) return best;
  return std::nullopt;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto m = closest_match(word, candidates);
  return m ? " (did you mean '" + *m + "'?)" : std::string{};
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
