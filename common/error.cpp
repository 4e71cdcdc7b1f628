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

std::string Diagnostic::str() const {
  std::string where = pos.str();
  std::string s = where.empty() ? message : where + ": " + message;
  if (!source_line.empty()) {
    // Tabs become single spaces so the caret, placed by display width, lines up under the column.
    std::string shown = source_line;
    std::replace(shown.begin(), shown.end(), '\t', ' ');
    s += "\n    " + shown;
    if (pos.column > 0) {
      std::size_t byte_col = static_cast<std::size_t>(pos.column - 1);
      std::string prefix = shown.substr(0, std::min(byte_col, shown.size()));
      s += "\n    " + std::string(display_width(prefix), ' ') + '^';
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
