// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace duty {

/// Documented process exit codes; every command maps its outcome to one of these.
enum class ExitCode : int {
  kOk = 0,             ///< success
  kProblems = 1,       ///< the command ran and found problems (violations, overdue items, ...)
  kBadInput = 2,       ///< bad usage or invalid input; nothing was written
  kUnsatisfiable = 3,  ///< the request cannot be satisfied (e.g. no roster obeys the rules)
  kEnvironment = 4,    ///< environment or storage failure
};

/// A place in an input file. Line and column are 1-based; 0 means unknown.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:column", "file:line", "file" or "" depending on what is known.
  std::string str() const;
};

/// One problem found in an input, with where it is and, when known, the offending source line.
struct Diagnostic {
  SourcePos pos;
  std::string message;
  std::string source_line;  ///< the text of pos.line, shown with a caret under pos.column

  /// "file:line:col: message" plus, when the source line is known, the line and a caret.
  std::string str() const;
};

/// Root of every error duty throws; main() catches it once and maps it to an exit code.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

/// Bad command-line usage (an option's value, a missing argument). Exit 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::kBadInput) {}
};

/// A bad value for one named field of a command (`received`, `deaths` ...). The CLI shows it as the
/// option (--received); an importer shows it at the record's file:line:column. Exit 2.
class FieldError : public UsageError {
 public:
  FieldError(std::string field, const std::string& message) : UsageError(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

/// Invalid input file or value, with every problem found in it. Exit 2.
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// The input is valid but the request cannot be met; each reason says where and why. Exit 3.
class UnsatisfiableError : public Error {
 public:
  explicit UnsatisfiableError(std::string summary, std::vector<std::string> reasons);
  const std::vector<std::string>& reasons() const { return reasons_; }

 private:
  std::vector<std::string> reasons_;
};

/// The environment or the store failed (cannot read, write, open). Exit 4.
class EnvironmentError : public Error {
 public:
  explicit EnvironmentError(const std::string& message) : Error(message, ExitCode::kEnvironment) {}
};

/// The store cannot be opened, read or written: locked, read-only, full, not a duty store, or
/// from a newer version. The message says what to do. Exit 4.
class StoreError : public Error {
 public:
  explicit StoreError(const std::string& message) : Error(message, ExitCode::kEnvironment) {}
};

/// Collects diagnostics while a validator walks a whole input, then throws them together.
class DiagnosticSink {
 public:
  void add(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  bool empty() const { return diagnostics_.empty(); }
  std::size_t size() const { return diagnostics_.size(); }
  /// Throws InputError with everything collected, sorted by position; does nothing when empty.
  void throw_if_any();

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace duty
