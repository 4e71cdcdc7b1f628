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

/// Whether a field is one line (a title, a name, a place) or free text (a note, an account of
/// what was done), which may also hold tabs and line breaks.
enum class TextKind { kLine, kMultiLine };

/// The first character that no text of `kind` may hold, or nullopt: C0 controls (below U+0020;
/// tab and line feed are allowed in multi-line text), DEL, C1 controls (U+0080 to U+009F, which
/// some terminals obey like ESC [), the bidirectional embeddings, overrides and isolates
/// (U+202A to U+202E, U+2066 to U+2069, which make printed text read differently from what is
/// stored, in any text) and, in one-line text, the line and paragraph separators U+2028 and
/// U+2029. Invalid UTF-8 is not looked at here (is_valid_utf8 says).
std::optional<char32_t> forbidden_character(std::string_view text, TextKind kind);

/// True when forbidden_character finds something: multi-line rules when `allow_tab_newline`.
bool has_control_character(std::string_view text, bool allow_tab_newline);

/// Why a field holding `c` (as forbidden_character found it) is refused, naming the character as
/// U+XXXX: "contains the control character U+001B; only text, tabs and line breaks are accepted".
std::string forbidden_character_message(char32_t c, TextKind kind);

/// "U+202E": the code point in the form of the Unicode standard.
std::string code_point_name(char32_t c);

/// Characters (code points) in UTF-8 text: every byte but continuation bytes (10xxxxxx) counts.
std::size_t character_count(std::string_view text);

/// The text made safe to print to a terminal: control characters other than line feed and tab,
/// bidirectional controls, U+2028/U+2029 and bytes that are not UTF-8 are shown as \xNN or
/// \u{NN}, so input echoed back in a message can neither drive the terminal nor reorder the line.
std::string printable(std::string_view text);

/// The whole number `text` spells in decimal (digits, an optional leading '-'), when it lies in
/// [min, max]. Otherwise nullopt, with `problem` set to what is wrong, worded to follow a field's
/// name: "'12x' is not a whole number", "cannot be negative (got -3)", "'99999999999999999999' is too
/// large; the most accepted is 1000000". Never throws; nothing is left to std::stoll.
std::optional<long long> parse_whole_number(std::string_view text, long long min, long long max,
                                            std::string& problem);

/// A finite decimal number ("12", "12.5", "1e3") in [min, max]; otherwise nullopt and `problem`
/// as parse_whole_number says ("'x' is not a number", "cannot be negative (got -1)", "... is too
/// large ..."). NaN and infinities are not numbers here.
std::optional<double> parse_decimal_number(std::string_view text, double min, double max, std::string& problem);

/// Edit distance over code points (a Chinese character is one edit, not three bytes), counting
/// adjacent transpositions as one edit; bytes that are not UTF-8 count one each. Small inputs only.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate when it is close enough to be a likely typo of `word`: at most a third of
/// the word's display width (at least 1, at most 3 edits), so a two-character Chinese name may
/// differ in one character and a three-letter id in one letter.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// Every candidate close enough to be a likely typo of `word` (as closest_match judges), closest
/// first and, at equal distance, in the candidates' order; at most `most` of them.
std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t most);

/// The text in Unicode Normalization Form C, so a name typed with a combining mark matches the
/// same name stored precomposed; text that is not valid UTF-8 comes back unchanged.
std::string nfc(std::string_view text);

/// The text without spaces, tabs and line breaks (ASCII, U+3000 ideographic space) at either end.
std::string_view trim(std::string_view text);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Items joined with a separator.
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace duty
