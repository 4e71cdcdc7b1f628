// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "common/time.hpp"

namespace duty::cli {

/// kText is the bulletins' plain text; kIcs, kHtml, kCsv and kMd are the roster exports
/// (docs/exports.md) and the bulletins' other renderings (docs/templates.md).
enum class Format { kTable, kJson, kYaml, kText, kIcs, kHtml, kCsv, kMd };

/// The format a command writes: --format when given (checked against `allowed`), else from the
/// extension of -o FILE, else a table on a terminal and JSON for scripts and pipes.
Format choose_format(const Context& ctx, const std::string& format_option, const std::optional<std::string>& output,
                     const std::vector<Format>& allowed);

/// Renders to stdout, or with -o to FILE: written whole to a temporary file beside it and renamed
/// into place, so a failed command never leaves a half-written file. EnvironmentError when the
/// file cannot be written.
void emit(Context& ctx, const std::optional<std::string>& output, const std::function<void(std::ostream&)>& render);

/// A text table whose columns line up on a terminal, Chinese names included (display width, not bytes).
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  /// Adds a row; a cell's line breaks and tabs become spaces (and anything a terminal would obey is
  /// shown escaped), so a row is always one line.
  void add(std::vector<std::string> row);
  void print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

/// Parses an option's date value; UsageError naming the option when it is not YYYY-MM-DD.
std::optional<Days> option_date(const std::string& option, const std::string& value);

}  // namespace duty::cli
