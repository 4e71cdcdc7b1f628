// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "reports/journal/event.hpp"

struct pg_conn;
struct pg_result;

namespace duty::reports::postgres {

/// Refuses a location that carries a password (a URI's user:password@ or `password=`): UsageError
/// pointing to ~/.pgpass / PGPASSFILE, before anything connects. UsageError too when the string is
/// not a connection string libpq can read (its message is left out when it might quote a password).
void check_location(const std::string& conninfo);

/// `conninfo` (a URI or keyword/value string) naming database `dbname` instead, as a keyword/value
/// string; for tests that make a database of their own.
std::string with_dbname(const std::string& conninfo, const std::string& dbname);

/// An error the server reported for a statement, with its SQLSTATE (40001, 23505, ...), so that
/// write() can tell a conflict it retries from a failure it reports.
class ServerError : public StoreError {
 public:
  ServerError(const std::string& message, std::string sqlstate)
      : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

/// The text-format parameters of one statement.
class Params {
 public:
  Params& text(std::string_view v);
  Params& integer(long long v);
  Params& real(double v);
  Params& null();
  Params& time(Seconds v);
  Params& time(const std::optional<Seconds>& v);
  /// A projection value: text, number or NULL.
  Params& value(const Value& v);
  std::size_t size() const { return values_.size(); }

 private:
  friend class Connection;
  std::vector<std::string> values_;
  std::vector<bool> null_;
};

/// A statement's result (text format), freed when it goes.
class Result {
 public:
  Result() = default;
  explicit Result(pg_result* res);
  int rows() const;
  int columns() const;
  bool null(int row, int col) const;
  /// The value as text, valid while the result lives ("" for NULL).
  std::string_view view(int row, int col) const;
  std::string text(int row, int col) const { return std::string(view(row, col)); }
  long long integer(int row, int col) const;
  double real(int row, int col) const;
  std::optional<Seconds> time(int row, int col) const;
  /// The column's type (PostgreSQL OID: 20 bigint, 23 integer, 25 text, 701 double precision ...).
  unsigned type(int col) const;

 private:
  struct Free {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Free> res_;
};

/// Parses a bigint column's text; StoreError when it is not one.
long long parse_integer(std::string_view text);
/// A double as PostgreSQL reads it back to the same value (shortest round-trip form).
std::string format_real(double v);

/// One libpq connection (PGconn), closed when it goes. Every failure throws StoreError (ServerError
/// for a statement the server refused) with a message that says what to do and never quotes a
/// password; a lost connection says so, and that the server rolled back what was unfinished.
class Connection {
 public:
  /// Connects with PQconnectdbParams (expand_dbname): PG* variables, ~/.pg_service.conf,
  /// ~/.pgpass and sslmode work as libpq users expect; application_name `duty` and
  /// connect_timeout 10 s unless set otherwise; client encoding UTF-8. UsageError for a location
  /// with a password in it (check_location); StoreError when the server cannot be reached or
  /// refuses the login.
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements without parameters (the simple query protocol); the result of
  /// the last. `doing` (translated on the way) says what for, in messages.
  Result exec(const std::string& sql, const char* doing);
  /// Runs one statement with parameters.
  Result exec(const std::string& sql, const Params& params, const char* doing);
  /// Runs one statement with parameters, prepared on this connection the second time it is used
  /// (for statements a command may run many times; one run once costs no extra round trip).
  Result exec_prepared(const std::string& sql, const Params& params, const char* doing);

  /// Starts `COPY ... FROM STDIN` (text format); rows go with copy_row until copy_end, which every
  /// other statement calls first.
  void copy_begin(const std::string& sql, const char* doing);
  /// The buffer a COPY's lines are written into (copy_field's escapes, tab-separated, each ended
  /// by '\n'); call copy_sent after adding whole lines, which sends the buffer once it is large.
  std::string& copy_buffer() { return copy_buffer_; }
  void copy_sent();
  bool copying() const { return copying_; }
  /// Ends the COPY under way, if any, sending what is buffered; ServerError when the server
  /// refused its rows.
  void copy_end();
  /// Abandons the COPY under way, if any (the transaction is being rolled back).
  void copy_abort();

  /// Work every statement does first (a transaction's batched rows are written before anything
  /// reads); not run again for the statements it runs itself. Cleared with an empty function.
  void set_before_statement(std::function<void()> fn) { before_ = std::move(fn); }

  /// Quotes an identifier or a literal for SQL text (PQescapeIdentifier / PQescapeLiteral).
  std::string identifier(std::string_view name) const;
  std::string literal(std::string_view text) const;

  /// "database NAME on HOST:PORT as USER", for messages.
  const std::string& describe() const { return describe_; }
  /// The server's socket, for waiting on notifications.
  int socket() const;
  /// True while the connection works.
  bool ok() const;
  pg_conn* raw() const { return conn_; }

  /// The StoreError for a failed result (or a lost connection), saying what to do.
  [[noreturn]] void fail(pg_result* res, const char* doing) const;

 private:
  Result check(pg_result* res, const char* doing);
  void before();

  pg_conn* conn_ = nullptr;
  std::string describe_;
  std::unordered_map<std::string, std::string> prepared_;  ///< SQL -> name; "" when run once so far
  int statements_ = 0;
  std::function<void()> before_;
  bool in_before_ = false;
  bool copying_ = false;
  std::string copy_doing_;
  std::string copy_buffer_;
  void send_copy_buffer();
};

/// Appends `v` to a line of COPY text, escaped (\N for NULL).
void copy_field(std::string& line, const Value& v);
void copy_text(std::string& line, std::string_view v);

}  // namespace duty::reports::postgres
