// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/sqlite/sqlite_store.hpp"

#include "reports/journal/sqlite/sqlite_internal.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <limits>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include "reports/exclusive_file.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"


namespace duty::reports {

namespace sqlite_detail {

void read_event_into(const Statement& s, bool parse_data, Event& e) {
  e.seq = s.integer(0);
  s.text_into(1, e.type);
  s.text_into(2, e.subject);
  e.at = Seconds{std::chrono::seconds{s.integer(3)}};
  e.recorded_at = Seconds{std::chrono::seconds{s.integer(4)}};
  s.text_into(5, e.by);
  s.text_into(6, e.payload);
  if (parse_data) e.data = parse_fields_json(e.payload);
  s.text_into(7, e.prev_hash);
  s.text_into(8, e.hash);
}

Event read_event(const Statement& s) {
  Event e;
  read_event_into(s, true, e);
  return e;
}

// "k1, k2, c1, c2 ...": a projection table's key and value columns, in its row order.
std::string row_columns(Projection p) {
  const ProjectionTable& t = projection_table(p);
  std::string out;
  for (const auto* list : {&t.key, &t.columns}) {
    for (auto c : *list) {
      if (!out.empty()) out += ", ";
      out += c;
    }
  }
  return out;
}

// Writes (replaces) one row of a projection table: the statement every save_* uses.
std::string upsert_sql(Projection p) {
  const ProjectionTable& t = projection_table(p);
  std::string marks;
  for (std::size_t i = 0; i < t.key.size() + t.columns.size(); ++i) marks += i ? ", ?" : "?";
  return "INSERT OR REPLACE INTO " + std::string(t.name) + " (" + row_columns(p) + ") VALUES (" + marks + ")";
}

// Reads a column into `v`, reusing the memory of the text it held.
void read_value_into(sqlite3_stmt* stmt, int col, Value& v) {
  switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER: v = static_cast<long long>(sqlite3_column_int64(stmt, col)); return;
    case SQLITE_FLOAT: v = sqlite3_column_double(stmt, col); return;
    case SQLITE_NULL: v = std::monostate{}; return;
    default: {
      auto* p = sqlite3_column_text(stmt, col);
      std::string_view text(p ? reinterpret_cast<const char*>(p) : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
      if (auto* s = std::get_if<std::string>(&v)) {
        s->assign(text);
      } else {
        v = std::string(text);
      }
    }
  }
}

}  // namespace sqlite_detail

using namespace sqlite_detail;

namespace {

// A write-ahead log left larger than this by a command (an import) is folded into the store and
// emptied when that command closes it; smaller ones stay for the next command (see the constructor).
constexpr std::uintmax_t kWalKeepBytes = 256u << 10;

// "10 s", "1.5 s", "0.25 s".
std::string waited(std::chrono::milliseconds ms) {
  std::string text = std::to_string(ms.count() / 1000);
  if (long long frac = ms.count() % 1000; frac != 0) {
    std::string digits = std::to_string(1000 + frac).substr(1);
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + " s";
}

}  // namespace

// Maps SQLite's result codes to messages that say what happened and what to do.
void SqliteStore::fail(int rc, const std::string& doing) const {
  std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw StoreError("the store " + path_ + " is locked by another process (waited " + waited(busy_timeout_) +
                       " while " + doing + "); try again, or find the process holding it");
    case SQLITE_READONLY:
      throw StoreError("the store " + path_ + " is read-only (" + detail + "); check the file's and folder's "
                       "permissions or use --db to point at a writable copy");
    case SQLITE_FULL:
      throw StoreError("the disk holding " + path_ + " is full; nothing was written. Free some space and run the "
                       "command again");
    case SQLITE_NOTADB:
      throw StoreError(path_ + " is not a duty store (not an SQLite database); check --db or 'database:' in "
                       "office.yaml");
    case SQLITE_CORRUPT:
      throw StoreError("the store " + path_ + " is damaged (" + detail + "); restore it from a backup and run "
                       "'duty log verify'");
    case SQLITE_CANTOPEN:
      throw StoreError("cannot open the store " + path_ + " (" + detail + "); check that its folder exists and "
                       "is writable");
    case SQLITE_IOERR:
      throw StoreError("input/output error on the store " + path_ + " while " + doing + " (" + detail +
                       "); check the disk");
    default:
      throw StoreError("store " + path_ + ": " + detail + " while " + doing);
  }
}

namespace {

// A command that could not write (the store or its folder read-only) may have left the store's
// log or shared-memory file behind without write permission (SQLite gives them the store's mode,
// and a reader may have made them while the store was read-only). Once the store is writable
// again they would refuse every writer; give them the store's permissions back. Only files of this
// user, found by name without following links, are touched.
void restore_side_file_permissions(const std::string& path, const struct stat& store) {
  if (store.st_uid != ::geteuid() || (store.st_mode & S_IWUSR) == 0) return;
  for (const char* suffix : {"-wal", "-shm"}) {
    std::string side = path + suffix;
    int fd = ::open(side.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) continue;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
        (st.st_mode & S_IWUSR) == 0) {
      ::fchmod(fd, store.st_mode & 0666);
    }
    ::close(fd);
  }
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, StoreAccess access, std::chrono::milliseconds busy_timeout)
    : path_(path),
      access_(access),
      busy_timeout_(busy_timeout),
      incidents_(std::make_unique<SqliteIncidents>(*this)),
      pending_(std::make_unique<SqlitePending>(*this)),
      roster_(std::make_unique<SqliteRoster>(*this)) {
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && S_ISLNK(st.st_mode)) {
    // A link could aim the store's writes (and its -wal and -shm beside the target) at any file.
    throw StoreError("the store " + path +
                     " is a symbolic link; duty opens a store only at its own path: point "
                     "--db or 'database:' in office.yaml at the file itself");
  }
  if (exists && S_ISDIR(st.st_mode)) {
    throw StoreError(
        path +
        " is a folder, not a duty store; check --db or 'database:' in office.yaml (they "
        "name the store's file, e.g. duty.db)");
  }
  if (exists && !S_ISREG(st.st_mode)) {
    throw StoreError(path +
                     " is not a regular file, so not a duty store; check --db or 'database:' in "
                     "office.yaml");
  }
  // SQLite opens these with O_NOFOLLOW and fails with "unable to open database file": say why.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    struct stat side {};
    if (::lstat((path + suffix).c_str(), &side) == 0 && S_ISLNK(side.st_mode)) {
      throw StoreError(
          path + suffix +
          " is a symbolic link, which duty never writes through: remove it (a store's " + suffix +
          " file is never a link) and run the command again");
    }
  }
  if (access == StoreAccess::kReadWrite && !exists) create(path, busy_timeout);
  if (access == StoreAccess::kReadOnly && !exists) {
    throw StoreError("no store at " + path +
                     "; check --db / database: in office.yaml ('duty init' creates a new "
                     "workspace's store)");
  }
  if (access == StoreAccess::kReadWrite && exists) {
    // Refused here, before SQLite would make a -shm file with the store's read-only mode.
    int err = ::access(path.c_str(), W_OK) == 0 ? 0 : errno;
    if (err == EACCES || err == EPERM || err == EROFS) {
      throw StoreError("the store " + path_ + " is read-only (" + std::strerror(err) +
                       "); check the file's and "
                       "folder's permissions or use --db to point at a writable copy");
    }
    restore_side_file_permissions(path, st);
  }
  int flags = (access == StoreAccess::kReadWrite ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  // A constructor that throws runs no destructor: close the connection here (SQLite returns one
  // even when opening failed), or a refused store leaks it (found by LeakSanitizer).
  try {
    if (rc != SQLITE_OK) fail(rc, "opening");
    sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout_.count()));
    sqlite3_extended_result_codes(db_, 1);
    // The last connection to close would also delete the log, so that the next writer re-creates
    // it and fsyncs its header again. Instead every writer folds the log into duty.db as it closes
    // (the destructor) and leaves the log file in place for the next one.
    if (access == StoreAccess::kReadWrite)
      sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // SQLite's default page cache (2 MiB) and no memory map, for readers and writers alike.
    // Measured on a 100,000-incident store: a large cache costs a fresh allocation and page faults
    // for every page read, where a small one reuses its memory while the kernel's cache holds the
    // file (overdue 432 -> 296 ms, list --open 150 -> 51 ms); a 100,000-row import writes the same
    // 229 MB either way and runs faster with it (2.91 -> 2.56 s); and memory-mapped pages are parsed
    // again on every visit (log verify 524 -> 454 ms without the map).
    migrate();
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteStore::~SqliteStore() {
  if (access_ == StoreAccess::kReadWrite && db_) {
    // Every writer folds the write-ahead log into duty.db as it closes, so that duty.db alone holds
    // every committed event (a copy of the one file is whole). PASSIVE waits for nobody: what a
    // reader of an older snapshot still needs, or what another writer adds meanwhile, is folded by
    // the next writer to close (or by this one, after a short wait for the reader). A log left
    // large (an import) is also emptied, so that no reader has to rebuild a large log's index.
    // Best effort: a failure here loses nothing, the log stays for the next command.
    std::error_code ec;
    auto wal = std::filesystem::file_size(path_ + "-wal", ec);
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc == SQLITE_OK && done < log) {
      sqlite3_busy_timeout(db_, 250);
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_FULL, &log, &done);
    }
    if (!ec && wal > kWalKeepBytes) {
      sqlite3_busy_timeout(db_, 0);
      sqlite3_exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    }
  }
  sqlite3_finalize(events_by_subject_);
  sqlite3_close_v2(db_);
}

void SqliteStore::exec(const char* sql) {
  char* msg = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &msg);
  sqlite3_free(msg);
  if (rc != SQLITE_OK) fail(rc, "preparing the store");
}

void SqliteStore::set_wal() {
  {
    Statement mode(*this, db_, "PRAGMA journal_mode");
    if (mode.step() && mode.text(0) == "wal") return;
  }
  // Switching to WAL needs the file to itself and SQLite does not wait for that on its own; when
  // several first writers race to create the store, retry within the busy timeout.
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) fail(rc, "preparing the store");
    if (std::chrono::steady_clock::now() - start > busy_timeout_) fail(rc, "preparing the store");
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
}

void SqliteStore::migrate() {
  // Reads the schema's state; false when the file is still blank (no duty schema yet).
  auto inspect = [&]() {
    long long version = 0, app = 0, tables = 0;
    {
      Statement st(*this, db_, "PRAGMA user_version");
      if (st.step()) version = st.integer(0);
    }
    {
      Statement st(*this, db_, "PRAGMA application_id");
      if (st.step()) app = st.integer(0);
    }
    {
      Statement st(*this, db_, "SELECT count(*) FROM sqlite_schema");
      if (st.step()) tables = st.integer(0);
    }
    if (version > kSchemaVersion) {
      throw StoreError("the store " + path_ + " was written by a newer duty (schema " + std::to_string(version) +
                       "; this duty knows up to " + std::to_string(kSchemaVersion) + "); upgrade duty to use it");
    }
    if ((version > 0 && app != kApplicationId) || (version == 0 && tables > 0)) {
      throw StoreError(path_ + " is not a duty store (another program's SQLite database); check --db or "
                       "'database:' in office.yaml");
    }
    return version;
  };
  // One read transaction, so the three answers come from one snapshot even while another process
  // is creating the schema; and nothing is changed in a file that turns out not to be ours.
  exec("BEGIN");
  long long version = 0;
  try {
    version = inspect();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  version_ = version;
  if (access_ == StoreAccess::kReadOnly) {
    // A store another process is creating right now is still blank: read it as an empty log.
    blank_ = version == 0;
    // An older store lacks the newer tables until a writer migrates it: reads find none of their records.
    return;
  }
  // WAL lets readers run beside a writer; FULL makes every commit survive a power cut.
  set_wal();
  exec("PRAGMA synchronous=FULL");
  // Inspect and create under the write lock, so two first writers cannot race to create it.
  int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, "opening the store");
  try {
    long long current = inspect();
    if (current == 0) {
      exec(kSchemaV1);
      exec(("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str());
      current = 1;
    }
    // Forward migrations from version n to n+1, each in this one transaction.
    for (; current < kSchemaVersion; ++current) exec(kMigrations[current - 1]);
    exec(("PRAGMA user_version=" + std::to_string(current)).c_str());
    version_ = current;
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

class SqliteTransaction : public StoreTransaction {
 public:
  explicit SqliteTransaction(SqliteStore& store) : store_(store), incidents_(store), pending_(store), roster_(store) {}

  std::vector<Event> events(const std::string& subject) override { return store_.events(subject); }

  std::vector<Event> events_of_type(const std::string& type) override {
    return store_.events_of_type(type, Seconds::min(), Seconds::max());
  }

  std::optional<Event> event_at(std::int64_t seq) override {
    std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE seq = ?";
    Statement s(store_, store_.db_, sql.c_str());
    s.bind(1, static_cast<long long>(seq));
    if (!s.step()) return std::nullopt;
    return read_event(s);
  }

  void clear_projections() override {
    for (Projection p : kProjections) {
      Statement s(store_, store_.db_, ("DELETE FROM " + std::string(projection_table(p).name)).c_str());
      s.run();
    }
    incidents_.forget();
  }

  Event append(Event e) override {
    if (!head_loaded_) {
      Statement s(store_, store_.db_, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
      if (s.step()) {
        head_seq_ = s.integer(0);
        head_hash_ = s.text(1);
      }
      head_loaded_ = true;
    }
    e.seq = head_seq_ + 1;
    e.prev_hash = head_hash_;
    e.payload = fields_json(e.data);
    e.hash = hasher_.hash(e.prev_hash, e);
    insert(e);
    head_seq_ = e.seq;
    head_hash_ = e.hash;
    return e;
  }

  void append_copied(const Event& e) override {
    insert(e);
    head_loaded_ = true;
    head_seq_ = e.seq;
    head_hash_ = e.hash;
  }

  IncidentRows& incidents() override { return incidents_; }
  PendingRows& pending() override { return pending_; }
  RosterRows& roster() override { return roster_; }

 private:
  void insert(const Event& e) {
    if (!insert_event_) {
      insert_event_ = std::make_unique<Statement>(
          store_, store_.db_,
          "INSERT INTO events (seq, type, subject, at, recorded_at, by, data, prev_hash, hash) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    insert_event_->bind(1, static_cast<long long>(e.seq))
        .bind_view(2, e.type)
        .bind_view(3, e.subject)
        .bind(4, e.at)
        .bind(5, e.recorded_at)
        .bind_view(6, e.by)
        .bind_view(7, e.payload)
        .bind_view(8, e.prev_hash)
        .bind_view(9, e.hash);
    insert_event_->run();
  }

  SqliteStore& store_;
  SqliteIncidentRows incidents_;
  SqlitePendingRows pending_;
  SqliteRosterRows roster_;
  bool head_loaded_ = false;
  std::int64_t head_seq_ = 0;
  std::string head_hash_ = kGenesisHash;
  std::unique_ptr<Statement> insert_event_;
  ChainHasher hasher_;
};

void SqliteStore::write(const std::function<void(StoreTransaction&)>& fn) {
  if (access_ != StoreAccess::kReadWrite) throw StoreError("internal: the store was opened read-only");
  // IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking.
  int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, "waiting to write");
  try {
    {
      SqliteTransaction tx(*this);
      run_prelude(tx);
      fn(tx);
    }
    rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(rc, "committing");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<Event> SqliteStore::events(const std::string& subject) {
  if (blank_) return {};
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE subject = ? ORDER BY seq";
  Statement s(*this, db_, events_by_subject_, sql.c_str());
  s.bind(1, subject);
  std::vector<Event> out;
  while (s.step()) out.push_back(read_event(s));
  return out;
}

void SqliteStore::for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data, std::int64_t after) {
  if (blank_) return;
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE seq > ? ORDER BY seq";
  Statement s(*this, db_, sql.c_str());
  s.bind(1, static_cast<long long>(after));
  // One Event reused for the whole walk: verifying 500,000 events should not allocate 500,000 times.
  Event e;
  while (s.step()) {
    read_event_into(s, parse_data, e);
    if (!fn(e)) return;
  }
}

void SqliteStore::for_each_event_by_subject(const std::function<bool(const Event&)>& fn) {
  if (blank_) return;
  // The index by (subject, seq) gives this order without a sort.
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events ORDER BY subject, seq";
  Statement s(*this, db_, sql.c_str());
  Event e;
  while (s.step()) {
    read_event_into(s, true, e);
    if (!fn(e)) return;
  }
}

namespace {

// A projection table's rows in key order, read one at a time.
class SqliteRowsCursor : public ProjectionCursor {
 public:
  SqliteRowsCursor(const SqliteStore& store, sqlite3* db, Projection table,
                   const std::string& columns)
      : stmt_(store, db,
              ("SELECT " + columns + " FROM " + std::string(projection_table(table).name) +
               " ORDER BY " + key_columns(table))
                  .c_str()),
        keys_(static_cast<int>(projection_table(table).key.size())),
        cells_(static_cast<int>(projection_table(table).columns.size())) {}

  bool next(ProjectionRow& row) override {
    if (!stmt_.step()) return false;
    row.key.resize(static_cast<std::size_t>(keys_));
    row.cells.resize(static_cast<std::size_t>(cells_));
    for (int i = 0; i < keys_; ++i) read_value_into(stmt_.raw(), i, row.key[static_cast<std::size_t>(i)]);
    for (int i = 0; i < cells_; ++i) read_value_into(stmt_.raw(), keys_ + i, row.cells[static_cast<std::size_t>(i)]);
    return true;
  }

 private:
  static std::string key_columns(Projection p) {
    std::string out;
    for (auto c : projection_table(p).key) out += (out.empty() ? "" : ", ") + std::string(c);
    return out;
  }
  Statement stmt_;
  int keys_;
  int cells_;
};

class NoRows : public ProjectionCursor {
 public:
  bool next(ProjectionRow&) override { return false; }
};

}  // namespace

std::unique_ptr<ProjectionCursor> SqliteStore::projection_rows(Projection table) {
  // A read-only open of an older store has no tables of the newer registers yet.
  const bool absent = blank_ || (table == Projection::kPending && version_ < 2) ||
                      ((table == Projection::kRosterShifts || table == Projection::kRosterPeople) && version_ < 3);
  if (absent) return std::make_unique<NoRows>();
  std::string columns = row_columns(table);
  // A read-only open of a store older than version 7 has no column of partial covers yet.
  if (table == Projection::kRosterShifts && version_ < 7) {
    columns.replace(columns.rfind("partial_covers"), std::string_view("partial_covers").size(),
                    "''");
  }
  // Nor one older than version 8 the columns of corrections and voids: the defaults they get.
  if ((table == Projection::kIncidents || table == Projection::kPending) && version_ < 8) {
    auto replace = [&](std::string_view column, std::string_view value) {
      auto at = columns.rfind(column);
      if (at != std::string::npos) columns.replace(at, column.size(), value);
    };
    if (table == Projection::kIncidents) {
      replace("supplements", "0");
      replace("corrections", "''");
    }
    replace("void_reason", "''");
    replace("voided", "0");
  }
  return std::make_unique<SqliteRowsCursor>(*this, db_, table, columns);
}

std::optional<ChainPoint> SqliteStore::chain_point(std::optional<std::int64_t> seq) {
  if (blank_) return std::nullopt;
  Statement s(*this, db_, seq ? "SELECT seq, hash FROM events WHERE seq = ?" : "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
  if (seq) s.bind(1, static_cast<long long>(*seq));
  if (!s.step()) return std::nullopt;
  return ChainPoint{s.integer(0), s.text(1)};
}

void SqliteStore::read(const std::function<void()>& fn) {
  ReadSnapshot snapshot(db_);
  fn();
}

std::vector<Event> SqliteStore::events_of_type(const std::string& type, Seconds from, Seconds to) {
  if (blank_) return {};
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events WHERE type = ? AND at >= ? AND at < ? ORDER BY at, seq";
  Statement s(*this, db_, sql.c_str());
  s.bind(1, type).bind(2, from).bind(3, to);
  std::vector<Event> out;
  while (s.step()) out.push_back(read_event(s));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> SqliteStore::subject_heads() {
  if (blank_) return {};
  Statement s(*this, db_,
              version_ >= 2 ? "SELECT id, last_seq FROM incidents UNION ALL SELECT id, last_seq FROM pending"
                            : "SELECT id, last_seq FROM incidents");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (s.step()) out.emplace_back(s.text(0), s.integer(1));
  return out;
}


bool SqliteStore::wait_for_change(std::chrono::milliseconds timeout) {
  // PRAGMA data_version changes when another connection commits to the file; polled, as SQLite
  // has no notification across processes.
  auto version = [&] {
    Statement s(*this, db_, "PRAGMA data_version");
    return s.step() ? s.integer(0) : 0;
  };
  if (!data_version_) data_version_ = version();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const auto step = std::chrono::milliseconds{100};
  while (true) {
    long long now = version();
    if (now != *data_version_) {
      data_version_ = now;
      return true;
    }
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, step));
  }
}

IncidentIndex& SqliteStore::incidents() { return *incidents_; }
PendingIndex& SqliteStore::pending() { return *pending_; }
RosterIndex& SqliteStore::roster() { return *roster_; }


}  // namespace duty::reports
