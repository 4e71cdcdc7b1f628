// SPDX-License-Identifier: Apache-2.0
#include "common/csv.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace duty {

CsvWriter::CsvWriter(std::ostream& out, bool bom) : out_(out) {
  if (bom) out_ << "\xEF\xBB\xBF";
}

namespace {
bool is_number(const std::string& s) {
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

// True when a spreadsheet would read the field, once CsvWriter's leading 's are taken off, as a
// formula.
bool starts_formula(const std::string& f) {
  std::size_t i = f.find_first_not_of('\'');
  if (i == std::string::npos) return false;
  char c = f[i];
  return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !is_number(f.substr(i));
}
}  // namespace

std::string unprotect_formula(std::string field) {
  if (!field.empty() && field[0] == '\'' && starts_formula(field)) field.erase(0, 1);
  return field;
}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out_ << ',';
    std::string f = fields[i];
    // Formula injection: a leading = + - @ tab or CR makes spreadsheets evaluate the cell. A field
    // already starting with ' before one is quoted once more, so unprotect_formula is its inverse.
    if (starts_formula(f)) f.insert(f.begin(), '\'');
    if (f.find_first_of(",\"\r\n") != std::string::npos) {
      std::string q = "\"";
      for (char c : f) {
        if (c == '"') q += '"';
        q += c;
      }
      q += '"';
      f = q;
    }
    out_ << f;
  }
  out_ << "\r\n";
}

std::string format_number(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

CsvReader::CsvReader(std::string file, const std::string& text) : file_(std::move(file)), text_(text) {
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) i_ = 3;
  line_start_ = i_;
}

void CsvReader::fail(std::size_t at, const std::string& what) const {
  SourcePos pos{file_, line_, static_cast<int>(at - line_start_) + 1};
  throw InputError(Diagnostic{pos, what, {}});
}

bool CsvReader::next(CsvRecord& rec) {
  // The record's vectors are emptied, not freed, so a reader reused row after row allocates
  // little; `field` is moved into them.
  rec.line = line_;
  rec.fields.clear();
  rec.columns.clear();
  std::string field;
  bool any = false;
  const std::string& text = text_;
  std::size_t& i = i_;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' && field.empty()) {
      std::size_t open = i++;
      int open_line = line_;
      std::size_t open_line_start = line_start_;
      if (rec.columns.size() == rec.fields.size()) rec.columns.push_back(static_cast<int>(open - line_start_) + 1);
      for (;;) {
        if (i >= text.size()) {
          line_ = open_line;
          line_start_ = open_line_start;
          fail(open, tr("unterminated quoted field"));
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') {
          ++line_;
          line_start_ = i + 1;
        }
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        fail(
            i,
            tr("text after a closing quote; quote the whole field and double any quote inside it"));
      }
      any = true;
      continue;
    }
    if (rec.columns.size() == rec.fields.size()) rec.columns.push_back(static_cast<int>(i - line_start_) + 1);
    if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
      any = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      ++line_;
      line_start_ = i;
      if (any || !field.empty()) {
        rec.fields.push_back(std::move(field));
        return true;
      }
      // A blank line: the record starts on the next one.
      field.clear();
      rec.columns.clear();
      rec.line = line_;
      continue;
    }
    field += c;
    ++i;
  }
  if (any || !field.empty()) {
    rec.fields.push_back(std::move(field));
    return true;
  }
  return false;
}

std::vector<CsvRecord> parse_csv(const std::string& file, const std::string& text) {
  std::vector<CsvRecord> out;
  CsvReader reader(file, text);
  CsvRecord rec;
  while (reader.next(rec)) out.push_back(std::move(rec));
  return out;
}

}  // namespace duty
