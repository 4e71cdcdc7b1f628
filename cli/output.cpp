// SPDX-License-Identifier: Apache-2.0
#include "cli/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "cli/workspace.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace duty::cli {

namespace fs = std::filesystem;

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

namespace {

bool has(const std::vector<Format>& allowed, Format f) {
  return std::find(allowed.begin(), allowed.end(), f) != allowed.end();
}

// What a file of each extension holds; .txt is plain text, which a command without a text
// rendering writes as its table.
std::vector<Format> formats_of_extension(const std::string& ext) {
  if (ext == ".json") return {Format::kJson};
  if (ext == ".yaml" || ext == ".yml") return {Format::kYaml};
  if (ext == ".ics") return {Format::kIcs};
  if (ext == ".html" || ext == ".htm") return {Format::kHtml};
  if (ext == ".csv") return {Format::kCsv};
  if (ext == ".md") return {Format::kMd};
  if (ext == ".txt") return {Format::kText, Format::kTable};
  return {};
}

// The extension of a file holding a format; a table is plain text.
const char* extension_of(Format f) {
  switch (f) {
    case Format::kJson: return ".json";
    case Format::kYaml: return ".yaml";
    case Format::kIcs: return ".ics";
    case Format::kHtml: return ".html";
    case Format::kCsv: return ".csv";
    case Format::kMd: return ".md";
    case Format::kText:
    case Format::kTable: break;
  }
  return ".txt";
}

std::string extensions_of(const std::vector<Format>& allowed) {
  std::vector<std::string> names;
  for (Format f : allowed) {
    std::string ext = extension_of(f);
    if (std::find(names.begin(), names.end(), ext) == names.end()) names.push_back(ext);
  }
  return join(names, ", ");
}

// The office's own files, which no output may replace, with what to call each in a message.
std::vector<std::pair<std::string, std::string>> office_files(const Context& ctx) {
  std::vector<std::pair<std::string, std::string>> files;
  auto add_store = [&](const std::string& store) {
    files.push_back({store, tr("the office's store")});
    for (const char* suffix : {"-wal", "-shm", "-journal"})
      files.push_back({store + suffix, tr("a file of the office's store")});
  };
  if (!ctx.global.db.empty() && !reports::is_server_location(ctx.global.db)) add_store(ctx.global.db);
  if (const char* env = std::getenv("DUTY_DB"); env && *env && !reports::is_server_location(env)) add_store(env);
  std::string dir;
  try {
    dir = find_workspace(ctx);
  } catch (const Error&) {
    return files;  // no office here: nothing of its to protect
  }
  files.push_back({(fs::path(dir) / "office.yaml").string(), tr("the office's office.yaml")});
  // The default names, should office.yaml not load; then the ones it names.
  add_store((fs::path(dir) / "duty.db").string());
  files.push_back({(fs::path(dir) / "roster.yaml").string(), tr("the office's roster spec")});
  try {
    reports::Office office = reports::load_office(dir);
    if (!reports::is_server_location(office.database)) add_store(office.resolve(office.database));
    files.push_back({office.resolve(office.roster), tr("the office's roster spec")});
  } catch (const Error&) {
  }
  return files;
}

// Writes all of `data` to `fd`; the errno of the failure, 0 when written whole.
int write_fd(int fd, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

std::string write_failure(const std::string& output, int e) {
  std::string reason = std::strerror(e);
  if (e == EFBIG) reason = tr("the file would pass the file size limit (ulimit -f)");
  if (e == ENOSPC) reason = tr("the disk is full");
  return trf("-o: cannot write '{0}': {1}; nothing was written", output, reason);
}

}  // namespace

std::optional<Format> format_from_extension(const std::string& output,
                                            const std::vector<Format>& allowed) {
  std::string ext = fs::path(output).extension().string();
  if (ext.empty()) return std::nullopt;
  std::string lower = ext;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (Format f : formats_of_extension(lower)) {
    if (has(allowed, f)) return f;
  }
  std::vector<std::string> names;
  for (Format f : allowed) names.push_back(format_name(f));
  throw UsageError(trf("-o: this command cannot write a {0} file ('{1}'); name the file {2}, or choose the "
                       "format with --format ({3})",
                       printable(ext), printable(output), extensions_of(allowed), join(names, ", ")));
}

void check_text_or_json(const std::string& format) {
  if (!format.empty() && format != "text" && format != "json") {
    throw UsageError(trf("--format: unknown format '{0}'; expected text or json", format));
  }
}

Format choose_format(const Context& ctx, const std::string& option, const std::optional<std::string>& output,
                     const std::vector<Format>& allowed) {
  std::vector<std::string> names;
  for (Format f : allowed) names.push_back(format_name(f));
  bool to_file = output && *output != "-";
  if (to_file) check_output_file(ctx, *output);
  if (!option.empty()) {
    for (Format f : allowed) {
      if (option == format_name(f)) return f;
    }
    throw UsageError(trf("--format: unknown format '{0}'{1}; expected one of: {2}", option,
                         did_you_mean(option, names), join(names, ", ")));
  }
  if (to_file) {
    if (auto f = format_from_extension(*output, allowed)) return *f;
    return has(allowed, Format::kTable) ? Format::kTable : allowed.front();
  }
  // The same command writes the same format to a terminal, a file or a pipe: scripts ask for JSON.
  if (has(allowed, Format::kTable)) return Format::kTable;
  return has(allowed, Format::kJson) ? Format::kJson : allowed.front();
}

void check_output_file(const Context& ctx, const std::string& output) {
  if (output == "-") return;
  struct stat st {};
  if (::lstat(output.c_str(), &st) != 0)
    return;  // a new file (or a folder that is missing: emit says so)
  if (!S_ISREG(st.st_mode)) {
    throw UsageError(trf("-o: '{0}' is {1}; duty writes only regular files (give a new file name, or -o - for "
                         "standard output)",
                         printable(output), describe_file_kind(st.st_mode)));
  }
  for (const auto& [path, what] : office_files(ctx)) {
    struct stat other {};
    if (::stat(path.c_str(), &other) == 0 && other.st_dev == st.st_dev &&
        other.st_ino == st.st_ino) {
      throw UsageError(trf("-o: '{0}' is {1} ({2}); duty never writes its output over it: choose another file name",
                           printable(output), what, printable(path)));
    }
  }
}

void emit(Context& ctx, const std::optional<std::string>& output, const std::function<void(std::ostream&)>& render) {
  if (!output || *output == "-") {
    render(ctx.out);
    finish_stdout(ctx.out);
    return;
  }
  check_output_file(ctx, *output);
  std::ostringstream buffer;
  render(buffer);
  const std::string data = std::move(buffer).str();
  fs::path target(*output);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // mkstemp: a random name, created exclusively with O_EXCL (never through a symbolic link planted
  // at the name), mode 0600 from the start.
  std::string pattern = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    throw EnvironmentError(trf("-o: cannot write '{0}': {1}", *output, std::strerror(errno)));
  }
  auto fail = [&](int e) {
    ::close(fd);
    ::unlink(name.data());
    throw EnvironmentError(write_failure(*output, e));
  };
  // An existing file keeps its permissions (a 0600 list of phone numbers stays 0600) and, where
  // this user may give them, its owner and group.
  struct stat st {};
  if (::lstat(output->c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    if (::fchmod(fd, st.st_mode & 07777) != 0) fail(errno);
    if (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) {
      [[maybe_unused]] int ignored = ::fchown(fd, st.st_uid, st.st_gid);
    }
  }
  if (int e = write_fd(fd, data.data(), data.size())) fail(e);
  if (::fsync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(name.data());
    throw EnvironmentError(write_failure(*output, e));
  }
  // rename() replaces whatever is at the name now, a symbolic link included, without following it.
  if (std::rename(name.data(), output->c_str()) != 0) {
    int e = errno;
    ::unlink(name.data());
    if (e == EISDIR)
      throw UsageError(trf("-o: '{0}' is a folder; duty writes only regular files", printable(*output)));
    throw EnvironmentError(trf("-o: cannot write '{0}': {1}", *output, std::strerror(e)));
  }
}

bool FdOutputBuffer::write_all(const char* data, std::size_t size) {
  if (error_ != 0) return false;
  error_ = write_fd(fd_, data, size);
  return error_ == 0;
}

bool FdOutputBuffer::drain() {
  auto pending = static_cast<std::size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return pending == 0 || write_all(buffer_.data(), pending);
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize FdOutputBuffer::xsputn(const char* s, std::streamsize n) {
  auto size = static_cast<std::size_t>(n);
  auto room = static_cast<std::size_t>(epptr() - pptr());
  if (size <= room) {
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(size));
    return n;
  }
  // Larger than the room left: send what is buffered, then this directly when it is large.
  if (!drain()) return 0;
  if (size >= buffer_.size()) return write_all(s, size) ? n : 0;
  std::memcpy(pptr(), s, size);
  pbump(static_cast<int>(size));
  return n;
}

int FdOutputBuffer::sync() {
  return drain() ? 0 : -1;
}

void finish_stdout(std::ostream& out) {
  out.flush();
  int e = 0;
  if (auto* buffer = dynamic_cast<FdOutputBuffer*>(out.rdbuf())) e = buffer->error();
  if (out && e == 0) return;
  if (e == EPIPE) throw OutputReaderGone();
  std::string reason = e == 0 ? tr("the output was lost") : std::strerror(e);
  if (e == ENOSPC) reason = tr("no space left on the device");
  if (e == EFBIG) reason = tr("the output would pass the file size limit (ulimit -f)");
  if (e == EBADF) reason = tr("standard output is closed");
  throw EnvironmentError(trf("cannot write to standard output: {0}; the output is incomplete", reason));
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
                     (range.empty() ? trf("'{0}' is not a valid date; expected YYYY-MM-DD", value) : range));
  }
  return d;
}

}  // namespace duty::cli
