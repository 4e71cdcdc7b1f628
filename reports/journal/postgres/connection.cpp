// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/connection.hpp"


#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "common/i18n.hpp"
#include "reports/journal/postgres/libpq.hpp"

namespace duty::reports::postgres {

namespace {

// libpq's messages end in a newline and may run over several lines: one line for ours.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && out.back() != ';') out += ';';
      c = ' ';
    }
    if (c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out;
}

bool might_hold_password(std::string_view conninfo) {
  std::string lower(conninfo);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("password") != std::string::npos || lower.find('@') != std::string::npos;
}

std::string where(pg_conn* conn) {
  const char* db = pq().PQdb(conn);
  const char* host = pq().PQhost(conn);
  const char* port = pq().PQport(conn);
  const char* user = pq().PQuser(conn);
  std::string server = host && *host ? host : "localhost";
  if (port && *port) server += std::string(":") + port;
  return trf("database {0} on {1} as {2}", db ? db : "", server, user ? user : "");
}

// Quotes a value for a keyword/value connection string.
std::string quote_conninfo(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

void ignore_notice(void*, const char*) {}

}  // namespace

void check_location(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* options = pq().PQconninfoParse(conninfo.c_str(), &err);
  if (!options) {
    std::string detail = err ? one_line(err) : "";
    pq().PQfreemem(err);
    // libpq quotes the part it could not read, which might be a password.
    if (detail.empty() || might_hold_password(conninfo)) {
      throw UsageError(tr("the database location is not a connection string or URI that libpq can read; check "
                          "--db, DUTY_DB or database: in office.yaml"));
    }
    throw UsageError(trf("the database location is not a connection string or URI that libpq can read ({0}); "
                         "check --db, DUTY_DB or database: in office.yaml",
                         detail));
  }
  bool password = false;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (std::strcmp(o->keyword, "password") == 0 && o->val && *o->val) password = true;
  }
  pq().PQconninfoFree(options);
  if (password) {
    throw UsageError(
        tr("the database location has a password in it, which other users could read (in the process list, a "
           "shell's history or office.yaml); remove it and keep the password in ~/.pgpass (or the file "
           "PGPASSFILE names), where libpq finds it by itself"));
  }
}

std::string with_dbname(const std::string& conninfo, const std::string& dbname) {
  char* err = nullptr;
  PQconninfoOption* options = pq().PQconninfoParse(conninfo.c_str(), &err);
  if (!options) {
    pq().PQfreemem(err);
    throw UsageError(tr("the database location is not a connection string or URI that libpq can read; check "
                        "--db, DUTY_DB or database: in office.yaml"));
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || std::strcmp(o->keyword, "dbname") == 0) continue;
    out += std::string(o->keyword) + "=" + quote_conninfo(o->val) + " ";
  }
  pq().PQconninfoFree(options);
  return out + "dbname=" + quote_conninfo(dbname);
}

Params& Params::text(std::string_view v) {
  values_.emplace_back(v);
  null_.push_back(false);
  return *this;
}

Params& Params::integer(long long v) { return text(std::to_string(v)); }

Params& Params::real(double v) { return text(format_real(v)); }

Params& Params::null() {
  values_.emplace_back();
  null_.push_back(true);
  return *this;
}

Params& Params::time(Seconds v) { return integer(static_cast<long long>(v.time_since_epoch().count())); }

Params& Params::time(const std::optional<Seconds>& v) { return v ? time(*v) : null(); }

Params& Params::value(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return text(*s);
  if (const auto* n = std::get_if<long long>(&v)) return integer(*n);
  if (const auto* d = std::get_if<double>(&v)) return real(*d);
  return null();
}

void Result::Free::operator()(pg_result* r) const { pq().PQclear(r); }

Result::Result(pg_result* res) : res_(res) {}

int Result::rows() const { return res_ ? pq().PQntuples(res_.get()) : 0; }

int Result::columns() const { return res_ ? pq().PQnfields(res_.get()) : 0; }

bool Result::null(int row, int col) const { return pq().PQgetisnull(res_.get(), row, col) != 0; }

std::string_view Result::view(int row, int col) const {
  return {pq().PQgetvalue(res_.get(), row, col), static_cast<std::size_t>(pq().PQgetlength(res_.get(), row, col))};
}

long long parse_integer(std::string_view text) {
  long long v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) {
    throw StoreError(trf("the database returned '{0}' where a whole number was expected", text));
  }
  return v;
}

std::string format_real(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

long long Result::integer(int row, int col) const { return null(row, col) ? 0 : parse_integer(view(row, col)); }

double Result::real(int row, int col) const {
  if (null(row, col)) return 0;
  std::string_view text = view(row, col);
  double v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) {
    throw StoreError(trf("the database returned '{0}' where a number was expected", text));
  }
  return v;
}

std::optional<Seconds> Result::time(int row, int col) const {
  if (null(row, col)) return std::nullopt;
  return Seconds{std::chrono::seconds{integer(row, col)}};
}

unsigned Result::type(int col) const { return pq().PQftype(res_.get(), col); }

Connection::Connection(const std::string& conninfo) {
  check_location(conninfo);
  // Keywords before dbname are defaults the string may override; those after it, what duty needs.
  std::vector<const char*> keys{"fallback_application_name"};
  std::vector<const char*> values{"duty"};
  // PGCONNECT_TIMEOUT, when set, is the user's choice; a keyword given here would override it.
  bool timeout_from_environment = false;
  if (PQconninfoOption* defaults = pq().PQconndefaults()) {
    for (PQconninfoOption* o = defaults; o->keyword; ++o) {
      if (std::strcmp(o->keyword, "connect_timeout") == 0 && o->val && *o->val) timeout_from_environment = true;
    }
    pq().PQconninfoFree(defaults);
  }
  if (!timeout_from_environment) {
    keys.push_back("connect_timeout");
    values.push_back("10");
  }
  keys.push_back("dbname");
  values.push_back(conninfo.c_str());
  // The events' bytes go to the server and come back unconverted.
  keys.push_back("client_encoding");
  values.push_back("UTF8");
  keys.push_back(nullptr);
  values.push_back(nullptr);
  conn_ = pq().PQconnectdbParams(keys.data(), values.data(), 1);
  if (!conn_) throw StoreError(tr("cannot connect to the database server: out of memory"));
  describe_ = where(conn_);
  if (pq().PQstatus(conn_) != CONNECTION_OK) {
    std::string detail = one_line(pq().PQerrorMessage(conn_));
    pq().PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(trf("cannot connect to the database server ({0}): {1}; check that the server is running and "
                         "lets you in (pg_hba.conf, ~/.pgpass), and the location in --db, DUTY_DB or database: in "
                         "office.yaml",
                         describe_, detail));
  }
  // The server's notices (NOTICE: schema already exists, skipping) are not for people.
  pq().PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
  if (conn_) pq().PQfinish(conn_);
}

int Connection::socket() const { return pq().PQsocket(conn_); }

bool Connection::ok() const { return conn_ && pq().PQstatus(conn_) == CONNECTION_OK; }

std::string Connection::identifier(std::string_view name) const {
  char* q = pq().PQescapeIdentifier(conn_, name.data(), name.size());
  if (!q) throw StoreError(trf("cannot quote '{0}' for the database: {1}", name, one_line(pq().PQerrorMessage(conn_))));
  std::string out(q);
  pq().PQfreemem(q);
  return out;
}

std::string Connection::literal(std::string_view text) const {
  char* q = pq().PQescapeLiteral(conn_, text.data(), text.size());
  if (!q) throw StoreError(trf("cannot quote '{0}' for the database: {1}", text, one_line(pq().PQerrorMessage(conn_))));
  std::string out(q);
  pq().PQfreemem(q);
  return out;
}

void Connection::before() {
  if (copying_) copy_end();
  if (before_ && !in_before_) {
    in_before_ = true;
    try {
      before_();
    } catch (...) {
      in_before_ = false;
      throw;
    }
    in_before_ = false;
  }
}

Result Connection::check(pg_result* res, const char* doing) {
  ExecStatusType status = res ? pq().PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return Result(res);
  fail(res, doing);
}

Result Connection::exec(const std::string& sql, const char* doing) {
  before();
  return check(pq().PQexec(conn_, sql.c_str()), doing);
}

namespace {

std::vector<const char*> pointers(const std::vector<std::string>& values, const std::vector<bool>& null) {
  std::vector<const char*> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = null[i] ? nullptr : values[i].c_str();
  return out;
}

}  // namespace

Result Connection::exec(const std::string& sql, const Params& params, const char* doing) {
  before();
  auto ptrs = pointers(params.values_, params.null_);
  return check(pq().PQexecParams(conn_, sql.c_str(), static_cast<int>(ptrs.size()), nullptr, ptrs.data(), nullptr,
                            nullptr, 0),
               doing);
}

Result Connection::exec_prepared(const std::string& sql, const Params& params, const char* doing) {
  before();
  auto it = prepared_.find(sql);
  auto ptrs = pointers(params.values_, params.null_);
  if (it == prepared_.end()) {
    prepared_.emplace(sql, std::string());
    return check(pq().PQexecParams(conn_, sql.c_str(), static_cast<int>(ptrs.size()), nullptr, ptrs.data(), nullptr,
                              nullptr, 0),
                 doing);
  }
  if (it->second.empty()) {
    std::string name = "duty_" + std::to_string(++statements_);
    check(pq().PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr), doing);
    it->second = std::move(name);
  }
  return check(pq().PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(ptrs.size()), ptrs.data(), nullptr,
                              nullptr, 0),
               doing);
}

void Connection::copy_begin(const std::string& sql, const char* doing) {
  before();
  check(pq().PQexec(conn_, sql.c_str()), doing);
  copying_ = true;
  copy_doing_ = doing;
  copy_buffer_.clear();
}

void Connection::send_copy_buffer() {
  if (copy_buffer_.empty()) return;
  if (pq().PQputCopyData(conn_, copy_buffer_.data(), static_cast<int>(copy_buffer_.size())) != 1) {
    copying_ = false;
    copy_buffer_.clear();
    fail(nullptr, copy_doing_.c_str());
  }
  copy_buffer_.clear();
}

void Connection::copy_sent() {
  // Large enough that libpq is called rarely, small enough to stay in the cache.
  constexpr std::size_t kSendBytes = 256 * 1024;
  if (copy_buffer_.size() >= kSendBytes) send_copy_buffer();
}

void Connection::copy_end() {
  if (!copying_) return;
  send_copy_buffer();
  copying_ = false;
  if (pq().PQputCopyEnd(conn_, nullptr) != 1) fail(nullptr, copy_doing_.c_str());
  pg_result* first = pq().PQgetResult(conn_);
  // Whatever else the server sent for this COPY is read and dropped, so the next statement runs.
  while (pg_result* more = pq().PQgetResult(conn_)) pq().PQclear(more);
  check(first, copy_doing_.c_str());
}

void Connection::copy_abort() {
  if (!copying_) return;
  copying_ = false;
  copy_buffer_.clear();
  if (pq().PQputCopyEnd(conn_, "abandoned: the transaction is rolled back") == 1) {
    while (pg_result* more = pq().PQgetResult(conn_)) pq().PQclear(more);
  }
}

void Connection::fail(pg_result* res, const char* doing) const {
  // The caller's result is freed here, whatever is thrown.
  Result owned(res);
  const std::string what = tr(doing);
  if (!conn_ || pq().PQstatus(conn_) != CONNECTION_OK) {
    throw StoreError(trf("lost the connection to the database server ({0}) while {1}; the server rolled back "
                         "whatever was not yet committed. Run the command again once the server is back",
                         describe_, what));
  }
  const char* state = res ? pq().PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? pq().PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const std::string sqlstate = state ? state : "";
  const std::string detail = one_line(primary ? primary : pq().PQerrorMessage(conn_));
  std::string message;
  if (sqlstate == "55P03") {
    message = trf("the office's log in {0} is held by another desk (waited the busy timeout) while {1}; try "
                  "again, or find the session holding it in pg_stat_activity",
                  describe_, what);
  } else if (sqlstate == "42501") {
    message = trf("permission denied in {0} while {1}: {2}; the database owner gives a role access with 'duty "
                  "db init --desk-role ROLE' (or --reader-role)",
                  describe_, what, detail);
  } else if (sqlstate == "25006") {
    message = trf("{0} is read-only while {1} ({2}); nothing was written. Use a server that accepts writes (not a "
                  "standby)",
                  describe_, what, detail);
  } else if (sqlstate == "53100") {
    message = trf("the disk of the database server ({0}) is full; nothing was written. Free some space and run "
                  "the command again",
                  describe_);
  } else if (sqlstate.starts_with("57P") || sqlstate.starts_with("08")) {
    message = trf("the database server ({0}) is shutting down or unavailable while {1} ({2}); nothing was "
                  "written. Run the command again once the server is back",
                  describe_, what, detail);
  } else {
    message = trf("database error in {0} while {1}: {2} (SQLSTATE {3})", describe_, what, detail, sqlstate);
  }
  throw ServerError(message, sqlstate);
}

void copy_text(std::string& line, std::string_view v) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    const char* esc = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : nullptr;
    if (!esc) continue;
    line.append(v.data() + start, i - start);
    line += esc;
    start = i + 1;
  }
  line.append(v.data() + start, v.size() - start);
}

void copy_field(std::string& line, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    copy_text(line, *s);
  } else if (const auto* n = std::get_if<long long>(&v)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, *n);
    line.append(buf, r.ptr);
  } else if (const auto* d = std::get_if<double>(&v)) {
    line += format_real(*d);
  } else {
    line += "\\N";
  }
}

}  // namespace duty::reports::postgres
