// SPDX-License-Identifier: Apache-2.0
// The SQLite store's own pieces, shared by its files (sqlite_store.cpp, incidents.cpp, pending.cpp,
// roster.cpp, schema.cpp); nothing outside reports/journal/sqlite/ includes this.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "reports/journal/sqlite/sqlite_store.hpp"

namespace duty::reports::sqlite_detail {

// "DUTY" in ASCII: marks the file as a duty store so other SQLite files are refused.
constexpr int kApplicationId = 0x44555459;

/// The schema of version 1, and kMigrations[n - 1] taking a store from version n to n + 1.
extern const char* const kSchemaV1;
extern const char* const kMigrations[];
extern const std::size_t kMigrationCount;

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(const SqliteStore& store, sqlite3* db, const char* sql) : store_(store) {
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(rc);
  }
  /// Uses the statement kept in `cache` (preparing it there the first time) and leaves it there,
  /// reset, for the next use: a query run once per incident would otherwise be compiled each time.
  Statement(const SqliteStore& store, sqlite3* db, sqlite3_stmt*& cache, const char* sql)
      : store_(store), cached_(true) {
    if (!cache) {
      int rc = sqlite3_prepare_v2(db, sql, -1, &cache, nullptr);
      if (rc != SQLITE_OK) fail(rc);
    }
    stmt_ = cache;
  }
  ~Statement() {
    if (cached_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  /// Binds text without copying it: `v` must stay alive and unchanged until the statement has
  /// run (the hot inserts of an import, whose rows outlive their statement's run).
  Statement& bind_view(int i, std::string_view v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
    return *this;
  }
  Statement& bind(int i, long long v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  Statement& bind(int i, double v) {
    check(sqlite3_bind_double(stmt_, i, v));
    return *this;
  }
  Statement& bind_null(int i) {
    check(sqlite3_bind_null(stmt_, i));
    return *this;
  }
  Statement& bind(int i, const std::optional<Seconds>& v) {
    return v ? bind(i, static_cast<long long>(v->time_since_epoch().count())) : bind_null(i);
  }
  Statement& bind(int i, Seconds v) { return bind(i, static_cast<long long>(v.time_since_epoch().count())); }
  /// Binds a projection value; text without copying (the row must outlive the run).
  Statement& bind_value(int i, const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return bind_view(i, *s);
    if (const auto* n = std::get_if<long long>(&v)) return bind(i, *n);
    if (const auto* d = std::get_if<double>(&v)) return bind(i, *d);
    return bind_null(i);
  }
  /// Binds a projection row's key and values to parameters 1, 2, ... and runs the statement.
  void run_row(const ProjectionRow& row) {
    int i = 1;
    for (const auto& v : row.key) bind_value(i++, v);
    for (const auto& v : row.cells) bind_value(i++, v);
    run();
  }
  sqlite3_stmt* raw() const { return stmt_; }

  /// True while there is a row.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(rc);
  }
  void run() {
    while (step()) {
    }
    sqlite3_reset(stmt_);
  }
  std::string text(int col) const {
    auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  /// The column's text, valid until the next step.
  std::string_view view(int col) const {
    auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }
  void text_into(int col, std::string& out) const {
    auto* p = sqlite3_column_text(stmt_, col);
    out.assign(p ? reinterpret_cast<const char*>(p) : "", p ? static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)) : 0);
  }
  long long integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<Seconds> time(int col) const {
    if (is_null(col)) return std::nullopt;
    return Seconds{std::chrono::seconds{integer(col)}};
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(rc);
  }
  [[noreturn]] void fail(int rc) const { store_.fail(rc, "reading or writing"); }

  const SqliteStore& store_;
  sqlite3_stmt* stmt_ = nullptr;
  bool cached_ = false;
};

// A read transaction for the life of the object, unless one is open already: the queries in it see
// one snapshot, and SQLite takes its shared lock and checks the log once rather than per statement
// (a statement run by itself costs three system calls before it reads a page).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite3* db) : db_(sqlite3_get_autocommit(db) ? db : nullptr) {
    if (db_ && sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) db_ = nullptr;
  }
  ~ReadSnapshot() {
    if (db_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sqlite3* db_;
};

inline constexpr const char* kEventColumns = "seq, type, subject, at, recorded_at, by, data, prev_hash, hash";

/// Reads a row of kEventColumns into `e` (whose strings keep their memory from row to row).
void read_event_into(const Statement& s, bool parse_data, Event& e);
Event read_event(const Statement& s);

/// "k1, k2, c1, c2 ...": a projection table's key and value columns, in its row order.
std::string row_columns(Projection p);
/// Writes (replaces) one row of a projection table: the statement every save uses.
std::string upsert_sql(Projection p);
/// Reads a column into `v`, reusing the memory of the text it held.
void read_value_into(sqlite3_stmt* stmt, int col, Value& v);

inline long long day_number(Days d) { return static_cast<long long>(d.time_since_epoch().count()); }

/// The incident register's tables, read side and inside a write transaction.
class SqliteIncidents : public IncidentIndex {
 public:
  explicit SqliteIncidents(SqliteStore& store) : store_(store) {}
  std::vector<Incident> list(const ListQuery& query) override;
  void for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) override;

 private:
  SqliteStore& store_;
};

class SqliteIncidentRows : public IncidentRows {
 public:
  explicit SqliteIncidentRows(SqliteStore& store) : store_(store) {}
  int max_number(int year) override;
  void save(const Incident& incident) override;
  /// Forgets what it remembered (the projections were emptied).
  void forget() { max_number_.clear(); }

 private:
  SqliteStore& store_;
  std::unique_ptr<Statement> upsert_;
  std::unique_ptr<Statement> delete_requirements_;
  std::unique_ptr<Statement> insert_requirement_;
  std::map<int, int> max_number_;
};

class SqlitePending : public PendingIndex {
 public:
  explicit SqlitePending(SqliteStore& store) : store_(store) {}
  std::vector<PendingItem> items(bool include_void = false) override;

 private:
  SqliteStore& store_;
};

class SqlitePendingRows : public PendingRows {
 public:
  explicit SqlitePendingRows(SqliteStore& store) : store_(store) {}
  std::optional<PendingItem> find(const std::string& id) override;
  int max_number(const std::string& prefix) override;
  void save(const PendingItem& item) override;

 private:
  SqliteStore& store_;
};

class SqliteRoster : public RosterIndex {
 public:
  explicit SqliteRoster(SqliteStore& store) : store_(store) {}
  std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) override;
  std::optional<RosterShiftRecord> shift_at(Seconds at) override;
  std::vector<RosterPersonRecord> people() override;

 private:
  SqliteStore& store_;
};

class SqliteRosterRows : public RosterRows {
 public:
  explicit SqliteRosterRows(SqliteStore& store) : store_(store), index_(store) {}
  std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) override {
    return index_.shifts(from, to);
  }
  void save_shift(const RosterShiftRecord& shift) override;
  std::vector<RosterPersonRecord> people() override { return index_.people(); }
  void save_person(const RosterPersonRecord& person) override;

 private:
  SqliteStore& store_;
  SqliteRoster index_;
  std::unique_ptr<Statement> upsert_shift_;
};

}  // namespace duty::reports::sqlite_detail
