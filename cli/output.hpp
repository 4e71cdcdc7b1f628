// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "common/time.hpp"

namespace duty::cli {

/// kText is the bulletins' plain text; kIcs, kHtml, kCsv and kMd are the roster exports
/// (docs/exports.md) and the bulletins' other renderings (docs/templates.md).
enum class Format { kTable, kJson, kYaml, kText, kIcs, kHtml, kCsv, kMd };

/// For commands that print a confirmation or a record: UsageError unless `format` is empty (text),
/// "text" or "json".
void check_text_or_json(const std::string& format);

/// The format a command writes: --format when given (checked against `allowed`), else from the
/// extension of -o FILE, else a table (JSON when the command has no table),
/// whether stdout is a terminal, a file or a pipe: scripts ask for --format json. With -o FILE
/// (not `-o -`) the file is checked as emit() does, so a bad FILE is refused before any work.
/// UsageError for an unknown --format, or when FILE's extension names no format of `allowed`.
Format choose_format(const Context& ctx, const std::string& format_option, const std::optional<std::string>& output,
                     const std::vector<Format>& allowed);

/// The format -o FILE's extension names among `allowed` (.txt is text, or the table where a
/// command has no plain text); nullopt when FILE has no extension. UsageError naming the formats
/// of `allowed` when the extension is not one of theirs (`-o report.docx`).
std::optional<Format> format_from_extension(const std::string& output,
                                            const std::vector<Format>& allowed);

/// The name --format takes for a format ("json", "md", "table" ...).
const char* format_name(Format f);

/// Refuses (UsageError, exit 2) -o FILE when FILE exists and is not a regular file (a folder,
/// FIFO, device, socket or symbolic link), or is the office's store (or its -wal, -shm, -journal),
/// office.yaml or the office's roster spec, compared by device and inode so no other name for them
/// gets through. `-o -` is standard output and always allowed.
void check_output_file(const Context& ctx, const std::string& output);

/// Renders to stdout, or with -o to FILE: written whole to a temporary file of a random name
/// beside it (created exclusively, never through a symbolic link) and renamed into place, so a
/// failed command never leaves a half-written file or a temporary one. An existing FILE keeps its
/// permissions; a new one is created readable by its owner only (0600), since every output of duty
/// names people. check_output_file() first; EnvironmentError (exit 4) when the file cannot be
/// written (full disk, file size limit) and when writing to stdout fails, so a caller that records
/// a sending after emit() records it only for output written whole.
void emit(Context& ctx, const std::optional<std::string>& output, const std::function<void(std::ostream&)>& render);

/// Standard output as duty writes it: a buffer over a file descriptor that remembers the first
/// error writing failed with, so the end of a command can tell a full disk or a closed output
/// from success (an ostream only says that something failed).
class FdOutputBuffer : public std::streambuf {
 public:
  explicit FdOutputBuffer(int fd) : fd_(fd), buffer_(kSize) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~FdOutputBuffer() override { sync(); }
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  /// The errno of the first failed write, 0 while none has failed.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  static constexpr std::size_t kSize = std::size_t{64} << 10;
  bool write_all(const char* data, std::size_t size);
  bool drain();

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

/// Thrown by finish_stdout() when the reader of stdout went away (EPIPE with SIGPIPE ignored):
/// main() then ends the process as SIGPIPE would have, without a message, like other tools.
class OutputReaderGone : public EnvironmentError {
 public:
  OutputReaderGone() : EnvironmentError("standard output: the reader stopped reading") {}
};

/// Flushes `out` and throws EnvironmentError (exit 4, with the reason when `out` writes through a
/// FdOutputBuffer) when anything written to it was lost, OutputReaderGone for EPIPE.
void finish_stdout(std::ostream& out);

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
