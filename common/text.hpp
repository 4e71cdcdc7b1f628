// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty {

/// Columns the text occupies on a terminal: CJK characters count 2, combining marks 0.
/// Invalid UTF-8 bytes count 1 each, so a bad byte never breaks alignment.
std::size_t display_width(std::string_view text);

/// The text followed by spaces up to `width` display columns (no truncation).
std::string pad_right(std::string_view text, std::size_t width);

/// True when the bytes are well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

/// True when the text holds a control character: C0 (below U+0020, except tab and line feed when
/// `allow_tab_newline`), DEL, or C1 (U+0080 to U+009F, which some terminals obey like ESC [).
/// Invalid UTF-8 is not looked at here (is_valid_utf8 says).
bool has_control_character(std::string_view text, bool allow_tab_newline);

/// The text made safe to print to a terminal: control characters other than line feed and tab
/// and bytes that are not UTF-8 are shown as \xNN or \u{NN}, so input echoed back in a message
/// cannot drive the terminal.
std::string printable(std::string_view text);

/// Edit distance over bytes counting adjacent transpositions as one edit; small inputs only.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate when it is close enough to be a likely typo of `word`.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Items joined with a separator.
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace duty
