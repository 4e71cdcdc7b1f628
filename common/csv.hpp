// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace duty {

/// Writes RFC 4180 CSV: fields quoted when they hold a comma, quote or line break, CRLF line ends.
/// A field starting with = + - @ tab or CR (after any leading 's) is prefixed with ' so
/// spreadsheets do not run it as a formula (CSV injection); plain numbers such as -3.5 are left
/// alone. unprotect_formula undoes exactly that, so an export imports back unchanged.
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out, bool bom = false);
  void row(const std::vector<std::string>& fields);

 private:
  std::ostream& out_;
};

/// The field as it was before CsvWriter protected it: one leading ' removed when what follows it
/// (after any further 's) would start a formula.
std::string unprotect_formula(std::string field);

/// A number without trailing zeros: 12, 12.5.
std::string format_number(double v);

/// One parsed CSV record with the line it starts on (1-based).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
  std::vector<int> columns;  ///< 1-based byte column where each field starts, on `line`

  int column(std::size_t field) const { return field < columns.size() ? columns[field] : 1; }
};

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM is skipped) one
/// record at a time, so a large file's records are never all held at once. `text` must outlive it.
class CsvReader {
 public:
  CsvReader(std::string file, const std::string& text);

  /// Fills `rec` with the next record (blank lines are skipped); false at the end of the text.
  /// Throws InputError at file:line:column for an unterminated quote or text after a closing quote.
  bool next(CsvRecord& rec);

 private:
  [[noreturn]] void fail(std::size_t at, const std::string& what) const;

  std::string file_;
  const std::string& text_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
};

/// Every record of the text at once (see CsvReader).
std::vector<CsvRecord> parse_csv(const std::string& file, const std::string& text);

}  // namespace duty
