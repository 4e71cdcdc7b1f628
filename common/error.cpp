// SPDX-License-Identifier: Apache-2.0
#include "common/error.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace duty {

std::string SourcePos::str() const {
  std::string s = file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  return s;
}

namespace {

constexpr std::size_t kMaxShownLine = 160;

// Moves a byte offset back to the start of the UTF-8 character holding it.
std::size_t char_start(std::string_view text, std::size_t i) {
  while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) --i;
  return i;
}

}  // namespace

std::string Diagnostic::str() const {
  std::string where = pos.str();
  std::string s = where.empty() ? message : where + ": " + message;
  if (!source_line.empty()) {
    std::string_view line = source_line;
    // A parser may report a column past the line's end (after invalid bytes, at the line break).
    std::size_t byte_col = pos.column > 0 ? std::min(static_cast<std::size_t>(pos.column - 1), line.size()) : 0;
    // A very long line (a pasted document) is shown as the part around the column.
    std::string before_mark, after_mark;
    if (line.size() > kMaxShownLine) {
      std::size_t from = char_start(line, byte_col > kMaxShownLine / 2 ? byte_col - kMaxShownLine / 2 : 0);
      std::size_t to = char_start(line, std::min(line.size(), from + kMaxShownLine));
      if (to < line.size()) after_mark = "...";
      if (from > 0) before_mark = "...";
      byte_col = byte_col >= from ? byte_col - from : 0;
      line = line.substr(from, to - from);
    }
    // Tabs become single spaces so the caret, placed by display width, lines up under the column;
    // control characters are shown escaped (printable) on both the line and the caret's prefix.
    auto shown_of = [](std::string_view text) {
      std::string shown = printable(text);
      std::replace(shown.begin(), shown.end(), '\t', ' ');
      return shown;
    };
    s += "\n    " + before_mark + shown_of(line) + after_mark;
    if (pos.column > 0) {
      std::string prefix = shown_of(line.substr(0, std::min(byte_col, line.size())));
      s += "\n    " + std::string(before_mark.size() + display_width(prefix), ' ') + '^';
    }
  }
  return s;
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += '\n';
    s += d.str();
  }
  return s;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(join_messages(diagnostics), ExitCode::kBadInput), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(Diagnostic diagnostic) : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

UnsatisfiableError::UnsatisfiableError(std::string summary, std::vector<std::string> reasons)
    : Error(std::move(summary), ExitCode::kUnsatisfiable), reasons_(std::move(reasons)) {}

void DiagnosticSink::throw_if_any() {
  if (diagnostics_.empty()) return;
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos.file != b.pos.file) return a.pos.file < b.pos.file;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.column < b.pos.column;
  });
  throw InputError(std::move(diagnostics_));
}

}  // namespace duty
