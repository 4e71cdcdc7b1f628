// SPDX-License-Identifier: Apache-2.0
#include "cli/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace duty::cli {

namespace {
const char* format_name(Format f) {
  switch (f) {
    case Format::kJson: return "json";
    case Format::kYaml: return "yaml";
    case Format::kText: return "text";
    case Format::kIcs: return "ics";
    case Format::kHtml: return "html";
    case Format::kCsv: return "csv";
    case Format::kMd: return "md";
    case Format::kTable: break;
  }
  return "table";
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

Format choose_format(const Context& ctx, const std::string& option, const std::optional<std::string>& output,
                     const std::vector<Format>& allowed) {
  std::vector<std::string> names;
  for (Format f : allowed) names.push_back(format_name(f));
  if (!option.empty()) {
    for (Format f : allowed) {
      if (option == format_name(f)) return f;
    }
    throw UsageError("--format: unknown format '" + option + "'" + did_you_mean(option, names) +
                     "; expected one of: " + join(names, ", "));
  }
  auto allowed_has = [&](Format f) { return std::find(allowed.begin(), allowed.end(), f) != allowed.end(); };
  if (output) {
    if (ends_with(*output, ".json") && allowed_has(Format::kJson)) return Format::kJson;
    if ((ends_with(*output, ".yaml") || ends_with(*output, ".yml")) && allowed_has(Format::kYaml)) return Format::kYaml;
    if (ends_with(*output, ".ics") && allowed_has(Format::kIcs)) return Format::kIcs;
    if ((ends_with(*output, ".html") || ends_with(*output, ".htm")) && allowed_has(Format::kHtml)) return Format::kHtml;
    if (ends_with(*output, ".csv") && allowed_has(Format::kCsv)) return Format::kCsv;
    if (ends_with(*output, ".md") && allowed_has(Format::kMd)) return Format::kMd;
    return allowed_has(Format::kTable) ? Format::kTable : allowed.front();
  }
  if (ctx.out_is_terminal && allowed_has(Format::kTable)) return Format::kTable;
  return allowed_has(Format::kJson) ? Format::kJson : allowed.front();
}

void emit(Context& ctx, const std::optional<std::string>& output, const std::function<void(std::ostream&)>& render) {
  if (!output || *output == "-") {
    render(ctx.out);
    ctx.out.flush();
    return;
  }
  std::ostringstream buffer;
  render(buffer);
  namespace fs = std::filesystem;
  fs::path target(*output);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) throw EnvironmentError("-o: cannot write '" + *output + "': " + std::strerror(errno));
  // mkstemp makes the file 0600; give it the mode a plain create would have.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  const std::string data = buffer.str();
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(name.data());
      throw EnvironmentError("-o: cannot write '" + *output + "': " + std::strerror(e));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int e = errno;
    ::unlink(name.data());
    throw EnvironmentError("-o: cannot write '" + *output + "': " + std::strerror(e));
  }
  if (std::rename(name.data(), output->c_str()) != 0) {
    int e = errno;
    ::unlink(name.data());
    throw EnvironmentError("-o: cannot write '" + *output + "': " + std::strerror(e));
  }
}

void Table::add(std::vector<std::string> row) {
  for (auto& cell : row) {
    std::replace(cell.begin(), cell.end(), '\n', ' ');
    std::replace(cell.begin(), cell.end(), '\t', ' ');
    if (has_control_character(cell, false)) cell = printable(cell);
  }
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : pad_right(row[i], widths[i]) + "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

std::optional<Days> option_date(const std::string& option, const std::string& value) {
  if (value.empty()) return std::nullopt;
  std::string range;
  auto d = parse_date(value, &range);
  if (!d) {
    throw UsageError(option + ": " +
                     (range.empty() ? "'" + value + "' is not a valid date; expected YYYY-MM-DD" : range));
  }
  return d;
}

}  // namespace duty::cli
