// SPDX-License-Identifier: Apache-2.0
#include "reports/sqlite_store.hpp"

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

namespace {

// "DUTY" in ASCII: marks the file as a duty store so other SQLite files are refused.
constexpr int kApplicationId = 0x44555459;

// A write-ahead log left larger than this by a command (an import) is folded into the store and
// emptied when that command closes it; smaller ones stay for the next command (see the constructor).
constexpr std::uintmax_t kWalKeepBytes = 256u << 10;

const char* kSchemaV1 = R"sql(
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  by TEXT NOT NULL,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX events_subject ON events(subject, seq);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  location TEXT NOT NULL,
  source TEXT NOT NULL,
  received_by TEXT NOT NULL,
  stated TEXT NOT NULL,
  graded TEXT NOT NULL,
  severity TEXT NOT NULL,
  occurred_at INTEGER,
  received_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  deaths INTEGER NOT NULL,
  injured INTEGER NOT NULL,
  seriously_injured INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  trapped INTEGER NOT NULL,
  loss REAL NOT NULL,
  closed INTEGER NOT NULL,
  closed_at INTEGER,
  followups INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  UNIQUE (year, number)
);
CREATE INDEX incidents_received ON incidents(received_at, id);
CREATE TABLE requirements (
  incident TEXT NOT NULL,
  org TEXT NOT NULL,
  via TEXT NOT NULL,
  arose_at INTEGER NOT NULL,
  due INTEGER NOT NULL,
  made_at INTEGER,
  made_seq INTEGER,
  basis TEXT NOT NULL,
  PRIMARY KEY (incident, org, via)
);
CREATE INDEX requirements_due ON requirements(due);
)sql";

// Version 2: pending items and leaders' instructions (a projection of their events, so handovers
// list the open ones without reading the chain), and indexes for the daily bulletin and the
// handover record: notes by time, incidents still open, incidents closed after a moment.
const char* kMigrationV2 = R"sql(
CREATE TABLE pending (
  id TEXT PRIMARY KEY,
  instruction INTEGER NOT NULL,
  number INTEGER NOT NULL,
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  leader TEXT NOT NULL,
  incident TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  due INTEGER,
  done_at INTEGER,
  done_note TEXT NOT NULL,
  done_by TEXT NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE INDEX pending_created ON pending(created_at, id);
CREATE INDEX events_type_at ON events(type, at);
CREATE INDEX incidents_open ON incidents(received_at) WHERE closed = 0;
CREATE INDEX incidents_closed_at ON incidents(closed_at) WHERE closed = 1;
CREATE INDEX requirements_unmade ON requirements(arose_at) WHERE made_at IS NULL;
CREATE INDEX requirements_made_at ON requirements(made_at);
)sql";

// Version 3: the published roster (roster_record.hpp). Its events share the one hash chain; these
// tables are projections of them for fast queries (`duty who` is one indexed lookup).
const char* kMigrationV3 = R"sql(
CREATE TABLE roster_shifts (
  date INTEGER PRIMARY KEY,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  day_type TEXT NOT NULL,
  holiday TEXT NOT NULL,
  assignments TEXT NOT NULL,
  slot_names TEXT NOT NULL,
  version INTEGER NOT NULL,
  changes INTEGER NOT NULL,
  last_seq INTEGER NOT NULL
);
CREATE INDEX roster_shifts_start ON roster_shifts(start);
CREATE TABLE roster_people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  last_seq INTEGER NOT NULL
);
)sql";

// Version 4: incidents still open at a past moment (the handover record of an earlier shift) were
// found by scanning every incident closed since, reading each row; the index now holds what that
// test needs, so the scan stays in the index.
const char* kMigrationV4 = R"sql(
DROP INDEX incidents_closed_at;
CREATE INDEX incidents_closed_at ON incidents(closed_at, received_at, id) WHERE closed = 1;
)sql";

// Version 5: the indexes of required reports fitted to the one query that reads them (the
// reports owed at a moment, `incident overdue`). The reports not made, in deadline order and
// holding every column it reads, so it reads them from this index alone in the order it prints
// them: no sort and no visit to the table per report (made_at, always NULL here, is in it only so
// that SQLite sees that). The reports made, by when, for looking back: reports not made are no
// longer entries of it. The index by deadline alone served only that query and goes. Together
// they keep an import of reports not yet made from writing index entries nobody reads.
const char* kMigrationV5 = R"sql(
DROP INDEX requirements_unmade;
DROP INDEX requirements_due;
DROP INDEX requirements_made_at;
CREATE INDEX requirements_unmade_due ON requirements(due, incident, org, via, arose_at, basis, made_at)
  WHERE made_at IS NULL;
CREATE INDEX requirements_made ON requirements(made_at) WHERE made_at IS NOT NULL;
)sql";

// Version 6: the incident's free text (the description, the measures taken, the leaders at the
// scene) in its row, as the fold has them, so `incident list --format json` carries every field of
// `incident show` without reading any incident's events. A field's value is the one of the last
// event (in time, then chain order) that set it, as fold_incident applies them.
const char* kMigrationV6 = R"sql(
ALTER TABLE incidents ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN actions TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN leaders_on_scene TEXT NOT NULL DEFAULT '';
UPDATE incidents SET
  description = coalesce((SELECT json_extract(e.data, '$.description') FROM events e
                          WHERE e.subject = incidents.id AND e.type IN ('created', 'update', 'closed')
                            AND json_valid(e.data) AND json_type(e.data, '$.description') = 'text'
                          ORDER BY e.at DESC, e.seq DESC LIMIT 1), ''),
  actions = coalesce((SELECT json_extract(e.data, '$.actions') FROM events e
                      WHERE e.subject = incidents.id AND e.type IN ('created', 'update', 'closed')
                        AND json_valid(e.data) AND json_type(e.data, '$.actions') = 'text'
                      ORDER BY e.at DESC, e.seq DESC LIMIT 1), ''),
  leaders_on_scene = coalesce((SELECT json_extract(e.data, '$.leaders_on_scene') FROM events e
                               WHERE e.subject = incidents.id AND e.type IN ('created', 'update', 'closed')
                                 AND json_valid(e.data) AND json_type(e.data, '$.leaders_on_scene') = 'text'
                               ORDER BY e.at DESC, e.seq DESC LIMIT 1), '');
)sql";

// Version 7: the covers of part of a shift (roster cover --from --to) in the shift's row, one
// canonical JSON object a line (encode_partial_covers). No store before it holds such a cover.
const char* kMigrationV7 = R"sql(
ALTER TABLE roster_shifts ADD COLUMN partial_covers TEXT NOT NULL DEFAULT '';
)sql";

// Version 8: corrections (更正), supplements (补报) and voided entries (作废): an incident's row says
// whether it was voided and why, holds its corrections (encode_corrections) and counts its
// supplements; a pending item's row says whether it was voided. No store before it holds such an
// event, so the defaults are what the events give.
const char* kMigrationV8 = R"sql(
ALTER TABLE incidents ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN corrections TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN supplements INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pending ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pending ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
)sql";

// kMigrations[n - 1] takes a store from version n to n + 1.
const char* const kMigrations[] = {kMigrationV2, kMigrationV3, kMigrationV4, kMigrationV5,
                                   kMigrationV6, kMigrationV7, kMigrationV8};
static_assert(std::size(kMigrations) + 1 == SqliteStore::kSchemaVersion, "one migration per schema version");

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
  [[noreturn]] void fail(int rc) const;

  const SqliteStore& store_;
  sqlite3_stmt* stmt_ = nullptr;
  bool cached_ = false;
};

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

const char* kEventColumns = "seq, type, subject, at, recorded_at, by, data, prev_hash, hash";

const char* kIncidentColumns =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "description, actions, leaders_on_scene, voided, void_reason, corrections, supplements";
// A store older than version 8, read as it is, has no corrections or voids in its rows.
const char* kIncidentColumnsV7 =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "description, actions, leaders_on_scene, 0, '', '', 0";
// A store older than version 6, read as it is, has no free text in its rows.
const char* kIncidentColumnsV5 =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "'', '', '', 0, '', '', 0";

const char* kPendingColumns =
    "id, instruction, text, owner, leader, incident, created_at, created_by, due, done_at, done_note, done_by, last_seq, "
    "voided, void_reason";
// A store older than version 8, read as it is, has no voided items.
const char* kPendingColumnsV7 =
    "id, instruction, text, owner, leader, incident, created_at, created_by, due, done_at, done_note, done_by, last_seq, "
    "0, ''";

PendingItem read_pending(const Statement& s) {
  PendingItem p;
  p.id = s.text(0);
  p.instruction = s.integer(1) != 0;
  p.text = s.text(2);
  p.owner = s.text(3);
  p.leader = s.text(4);
  p.incident = s.text(5);
  p.created_at = *s.time(6);
  p.created_by = s.text(7);
  p.due = s.time(8);
  p.done_at = s.time(9);
  p.done_note = s.text(10);
  p.done_by = s.text(11);
  p.last_seq = s.integer(12);
  p.voided = s.integer(13) != 0;
  p.void_reason = s.text(14);
  return p;
}

Incident read_incident(const Statement& s) {
  Incident i;
  i.id = s.text(0);
  i.title = s.text(1);
  i.category = s.text(2);
  i.location = s.text(3);
  i.source = s.text(4);
  i.received_by = s.text(5);
  i.stated = parse_severity(s.text(6)).value_or(Severity::kUnknown);
  i.graded = parse_severity(s.text(7)).value_or(Severity::kIV);
  i.occurred_at = s.time(8);
  i.received_at = *s.time(9);
  i.recorded_at = *s.time(10);
  i.casualties = {static_cast<int>(s.integer(11)), static_cast<int>(s.integer(12)), static_cast<int>(s.integer(13)),
                  static_cast<int>(s.integer(14)), static_cast<int>(s.integer(15))};
  i.loss = s.real(16);
  i.closed = s.integer(17) != 0;
  i.closed_at = s.time(18);
  i.followups = static_cast<int>(s.integer(19));
  i.last_seq = s.integer(20);
  i.description = s.text(21);
  i.actions = s.text(22);
  i.leaders_on_scene = s.text(23);
  i.voided = s.integer(24) != 0;
  i.void_reason = s.text(25);
  i.corrections = decode_corrections(s.view(26));
  i.supplements = static_cast<int>(s.integer(27));
  return i;
}

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

const char* kRosterShiftColumns =
    "date, start, end, day_type, holiday, assignments, version, changes, last_seq, slot_names, "
    "partial_covers";
// A store older than version 7, read as it is, has no partial covers.
const char* kRosterShiftColumnsV6 =
    "date, start, end, day_type, holiday, assignments, version, changes, last_seq, slot_names, ''";

RosterShiftRecord read_roster_shift(const Statement& s) {
  RosterShiftRecord r;
  r.date = Days{date::days{static_cast<int>(s.integer(0))}};
  r.start = *s.time(1);
  r.end = *s.time(2);
  r.day_type = s.text(3);
  r.holiday = s.text(4);
  r.assignments = decode_assignments(s.text(5));
  r.version = static_cast<int>(s.integer(6));
  r.changes = static_cast<int>(s.integer(7));
  r.last_seq = s.integer(8);
  r.slot_names = decode_slot_names(s.text(9));
  r.partial_covers = decode_partial_covers(s.text(10));
  return r;
}

long long day_number(Days d) { return static_cast<long long>(d.time_since_epoch().count()); }

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

void Statement::fail(int rc) const { store_.fail(rc, "reading or writing"); }

namespace {

void remove_quietly(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

// Moves `from` to `to` unless `to` exists (then false), atomically where the file system can.
bool rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS) return false;
  // A file system without renameat2's flags: a hard link fails as atomically when `to` exists.
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return true;
  }
  return false;
}

}  // namespace

// A store is created whole or not at all. Made in place, a first command killed while SQLite
// wrote the new file's header left a hot rollback journal beside it, which only a writer can undo:
// every read-only command then failed until the next write. So the schema is made in a file of
// its own, folded into one file, and renamed into place only when complete; a creation killed
// half-way leaves a stray .duty.db.creating-XXXXXX folder and no store.
//
// The file is made in a folder of a random name created for it alone (mkdtemp, mode 0700): no
// other user can plant a symbolic link at the file's name or at the names SQLite gives its
// journal, log and shared memory there, so nothing is ever written through one. The file itself is
// created with O_EXCL|O_NOFOLLOW, mode 0600 (it holds personal phone numbers), before SQLite opens
// it; the rename into place does not replace anything already at the store's name.
void SqliteStore::create(const std::string& path, std::chrono::milliseconds busy_timeout) {
  namespace fs = std::filesystem;
  auto cannot = [&](int err) {
    return StoreError("cannot create the store " + path + ": " + std::strerror(err) +
                      "; check that the folder exists and is writable");
  };
  fs::path target(path);
  fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (folder / ("." + target.filename().string() + ".creating-XXXXXX")).string();
  std::vector<char> dir_name(pattern.begin(), pattern.end());
  dir_name.push_back('\0');
  if (!::mkdtemp(dir_name.data())) throw cannot(errno);
  const std::string private_dir = dir_name.data();
  const std::string temp = private_dir + "/" + target.filename().string();
  auto discard = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) remove_quietly(temp + suffix);
    ::rmdir(private_dir.c_str());
  };
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    int err = errno;
    discard();
    throw cannot(err);
  }
  ::close(fd);
  try {
    SqliteStore fresh(temp, StoreAccess::kReadWrite, busy_timeout);
    // Everything into the one file, so that the file alone is the store.
    fresh.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
    discard();
    throw;
  }
  remove_quietly(temp + "-wal");
  remove_quietly(temp + "-shm");
  int err = 0;
  if (!rename_no_replace(temp, path)) err = errno;
  discard();
  // Another first command may have created the store meanwhile: then that one is used.
  if (err != 0 && err != EEXIST) throw cannot(err);
  // The rename is durable once the folder is.
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void SqliteStore::create_empty(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return;
  create(path, std::chrono::milliseconds{10000});
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
    : path_(path), access_(access), busy_timeout_(busy_timeout) {
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

VerifyResult SqliteStore::backup(const std::string& dest, bool replace) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dest, ec);
  if (status.type() != fs::file_type::not_found) {
    if (!replace) throw UsageError(trf("{0} already exists; nothing was written (pass --force to replace it)", dest));
    if (status.type() != fs::file_type::regular) {
      throw UsageError(trf("{0} exists and is not a regular file; nothing was written", dest));
    }
  }
  // Never over the live store or its log: even with --force that would destroy it.
  const fs::path target = fs::weakly_canonical(fs::absolute(dest), ec);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec2;
    if (target == fs::weakly_canonical(fs::absolute(path_ + suffix), ec2)) {
      throw UsageError(trf("{0} is the store being backed up (or one of its files); choose another file", dest));
    }
  }
  ExclusiveFile temp(dest, 0600);
  auto remove_companions = [&] {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      fs::remove(temp.path() + suffix, ignored);
    }
  };
  sqlite3* copy = nullptr;
  auto copy_error = [&](int rc, const char* doing) -> StoreError {
    std::string detail = copy ? sqlite3_errmsg(copy) : sqlite3_errstr(rc);
    if ((rc & 0xff) == SQLITE_FULL) detail = "the disk is full";
    return StoreError("cannot back up the store to " + dest + " (" + doing + ": " + detail + "); nothing was written");
  };
  try {
    int rc = sqlite3_open_v2(temp.path().c_str(), &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr);
    if (rc != SQLITE_OK) throw copy_error(rc, "opening the copy");
    sqlite3_backup* b = sqlite3_backup_init(copy, "main", db_, "main");
    if (!b) throw copy_error(sqlite3_errcode(copy), "starting the copy");
    // Every page in one step: one read transaction, so the copy is one consistent snapshot while
    // writers go on (WAL). A source busy for a moment (a log being recovered) is waited for.
    auto start = std::chrono::steady_clock::now();
    do {
      rc = sqlite3_backup_step(b, -1);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        if (std::chrono::steady_clock::now() - start > busy_timeout_) break;
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
      }
    } while ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || rc == SQLITE_OK);
    int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw copy_error(rc, "copying");
    if (finish != SQLITE_OK) throw copy_error(finish, "copying");
    // The pages carry the live store's WAL flag; the copy is one self-contained file instead (duty
    // switches a store it writes to back to WAL).
    char* msg = nullptr;
    rc = sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK) throw copy_error(rc, "finishing the copy");
    {
      sqlite3_stmt* check = nullptr;
      rc = sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &check, nullptr);
      if (rc != SQLITE_OK) throw copy_error(rc, "checking the copy");
      std::string verdict;
      rc = sqlite3_step(check);
      if (rc == SQLITE_ROW && sqlite3_column_text(check, 0)) {
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
      }
      sqlite3_finalize(check);
      if (verdict != "ok") {
        throw StoreError("the copy at " + dest + " fails SQLite's integrity check (" + verdict +
                         "); nothing was written. Check the disk, and the store with 'duty log verify'");
      }
    }
    rc = sqlite3_close(copy);
    copy = nullptr;
    if (rc != SQLITE_OK) throw copy_error(rc, "closing the copy");
    remove_companions();
    VerifyResult chain;
    {
      SqliteStore check(temp.path(), StoreAccess::kReadOnly, busy_timeout_);
      chain = verify_chain(check);
    }
    remove_companions();
    if (!chain.ok()) {
      throw ChainBrokenError("the copy does not verify, nothing was written: " + chain.problem, chain.checked);
    }
    if (!temp.commit(replace)) throw UsageError(dest + " was created by someone else meanwhile; nothing was written");
    return chain;
  } catch (...) {
    if (copy) sqlite3_close_v2(copy);
    remove_companions();
    throw;
  }
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
  explicit SqliteTransaction(SqliteStore& store) : store_(store) {}

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

  std::optional<PendingItem> find_pending(const std::string& id) override {
    std::string sql = std::string("SELECT ") + kPendingColumns + " FROM pending WHERE id = ?";
    Statement s(store_, store_.db_, sql.c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_pending(s);
  }

  int max_pending_number(const std::string& prefix) override {
    Statement s(store_, store_.db_, "SELECT coalesce(max(number), 0) FROM pending WHERE instruction = ?");
    s.bind(1, static_cast<long long>(prefix == "P" ? 1 : 0));
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
  }

  void save_pending(const PendingItem& p) override {
    Statement s(store_, store_.db_, upsert_sql(Projection::kPending).c_str());
    s.run_row(pending_row(p));
  }

  std::vector<RosterShiftRecord> roster_shifts(std::optional<Days> from, std::optional<Days> to) override {
    return store_.roster_shifts(from, to);
  }

  void save_roster_shift(const RosterShiftRecord& r) override {
    if (!upsert_shift_) {
      upsert_shift_ = std::make_unique<Statement>(store_, store_.db_, upsert_sql(Projection::kRosterShifts).c_str());
    }
    upsert_shift_->run_row(roster_shift_row(r));
  }

  std::vector<RosterPersonRecord> roster_people() override { return store_.roster_people(); }

  void save_roster_person(const RosterPersonRecord& p) override {
    Statement s(store_, store_.db_, upsert_sql(Projection::kRosterPeople).c_str());
    s.run_row(roster_person_row(p));
  }

  void clear_projections() override {
    for (Projection p : kProjections) {
      Statement s(store_, store_.db_, ("DELETE FROM " + std::string(projection_table(p).name)).c_str());
      s.run();
    }
    max_number_.clear();
  }

  int max_incident_number(int year) override {
    // Within one transaction nobody else can add incidents, so the answer is remembered and kept
    // up to date by save_incident: an import of 100,000 asks SQLite once per year.
    if (auto it = max_number_.find(year); it != max_number_.end()) return it->second;
    Statement s(store_, store_.db_, "SELECT coalesce(max(number), 0) FROM incidents WHERE year = ?");
    s.bind(1, static_cast<long long>(year));
    int n = s.step() ? static_cast<int>(s.integer(0)) : 0;
    max_number_[static_cast<int>(year)] = n;
    return n;
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
    head_seq_ = e.seq;
    head_hash_ = e.hash;
    return e;
  }

  void save_incident(const Incident& i) override {
    if (!upsert_) {
      upsert_ = std::make_unique<Statement>(store_, store_.db_, upsert_sql(Projection::kIncidents).c_str());
      delete_requirements_ = std::make_unique<Statement>(store_, store_.db_,
                                                         "DELETE FROM requirements WHERE incident = ?");
      insert_requirement_ = std::make_unique<Statement>(store_, store_.db_, upsert_sql(Projection::kRequirements).c_str());
    }
    ProjectionRow row = incident_row(i);
    const int year = static_cast<int>(std::get<long long>(row.cells[0]));
    const int number = static_cast<int>(std::get<long long>(row.cells[1]));
    if (auto it = max_number_.find(year); it != max_number_.end()) it->second = std::max(it->second, number);
    upsert_->run_row(row);
    // An incident whose only event is its creation has no rows to replace (ids are never reused):
    // the lookup is skipped, which an import of 100,000 new incidents would do 100,000 times.
    const bool created_now = i.events.size() == 1 && i.events.front().type == event_type::kCreated;
    if (!created_now) {
      delete_requirements_->bind_view(1, i.id);
      delete_requirements_->run();
    }
    for (const auto& r : requirement_rows(i)) insert_requirement_->run_row(r);
  }

 private:
  SqliteStore& store_;
  bool head_loaded_ = false;
  std::int64_t head_seq_ = 0;
  std::string head_hash_ = kGenesisHash;
  std::unique_ptr<Statement> insert_event_;
  std::unique_ptr<Statement> upsert_;
  std::unique_ptr<Statement> delete_requirements_;
  std::unique_ptr<Statement> insert_requirement_;
  std::unique_ptr<Statement> upsert_shift_;
  std::map<int, int> max_number_;
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

std::vector<Incident> SqliteStore::list(const ListQuery& q) {
  if (blank_) return {};
  std::string sql = std::string("SELECT ") +
                    (version_ >= 8 ? kIncidentColumns : version_ >= 6 ? kIncidentColumnsV7 : kIncidentColumnsV5) +
                    " FROM incidents WHERE 1";
  if (!q.include_void && version_ >= 8) sql += " AND voided = 0";
  // Literal 0/1 rather than a parameter, so the partial index of open incidents can be used.
  if (q.closed) sql += *q.closed ? " AND closed = 1" : " AND closed = 0";
  if (q.open_at) {
    sql += " AND id IN (SELECT id FROM incidents WHERE closed = 0 AND received_at <= ?6 UNION ALL "
           "SELECT id FROM incidents WHERE closed = 1 AND closed_at > ?6 AND received_at <= ?6)";
  }
  if (q.from) sql += " AND received_at >= ?2";
  if (q.to) sql += " AND received_at <= ?3";
  if (q.category) sql += " AND category = ?4";
  if (q.severity) sql += " AND severity = ?5";
  sql += " ORDER BY received_at, id";
  Statement s(*this, db_, sql.c_str());
  if (q.open_at) s.bind(6, *q.open_at);
  if (q.from) s.bind(2, *q.from);
  if (q.to) s.bind(3, *q.to);
  if (q.category) s.bind(4, *q.category);
  if (q.severity) s.bind(5, std::string(to_string(*q.severity)));
  std::vector<Incident> out;
  while (s.step()) out.push_back(read_incident(s));
  return out;
}

namespace {

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

// A due-report query from `rest` (the FROM clause on, after `requirements r`); `made` names the
// made_at and made_seq columns, or gives NULL, NULL where they are known to be null. Column 8 is
// the requirement's rowid.
std::string due_query(const char* made, const std::string& rest) {
  return std::string("SELECT r.incident, r.org, r.via, r.arose_at, r.due, ") + made +
         ", r.basis, r.rowid, i.title FROM requirements r " + rest;
}

// A row of due_query, into `d` (whose strings keep their memory from row to row).
void read_due_report(const Statement& s, DueReport& d) {
  s.text_into(0, d.incident);
  Requirement& r = d.requirement;
  s.text_into(1, r.to);
  r.via = parse_channel(s.view(2)).value_or(Channel::kWritten);
  r.arose_at = *s.time(3);
  r.due = *s.time(4);
  r.made_at = s.time(5);
  r.made_seq = s.integer(6);
  s.text_into(7, r.basis);
  s.text_into(9, d.title);
}

}  // namespace

void SqliteStore::for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) {
  if (blank_) return;
  const std::string deadline = upcoming ? "" : " AND r.due < ?1";
  if (version_ < 5) {
    std::string where = "JOIN incidents i ON i.id = r.incident "
                        "WHERE r.arose_at <= ?1 AND (r.made_at IS NULL OR r.made_at > ?1)";
    // From version 2 the reports not made by then are found through two indexes instead of a scan.
    if (version_ >= 2) {
      where += " AND r.rowid IN (SELECT rowid FROM requirements WHERE made_at IS NULL AND arose_at <= ?1 "
               "UNION ALL SELECT rowid FROM requirements WHERE made_at > ?1)";
    }
    Statement s(*this, db_,
                due_query("r.made_at, r.made_seq", where + deadline + " ORDER BY r.due, r.incident, r.rowid").c_str());
    s.bind(1, at);
    DueReport d;
    while (s.step()) {
      read_due_report(s, d);
      fn(d);
    }
    return;
  }

  // The reports never made come from their own index in (deadline, incident) order, with no sort;
  // those made after `at` (only when looking back) are few and are read first, sorted, and merged
  // in. Ties (one incident, one deadline, several reports) keep the order the rules made them in,
  // which is rowid order: each run of ties is sorted by it on the way (runs are a report or three).
  ReadSnapshot snapshot(db_);
  struct Row {
    DueReport report;
    long long rowid = 0;
  };
  auto before = [](const Row& a, const Row& b) {
    return std::tie(a.report.requirement.due, a.report.incident, a.rowid) <
           std::tie(b.report.requirement.due, b.report.incident, b.rowid);
  };
  auto read_row = [](const Statement& s, Row& row) {
    read_due_report(s, row.report);
    row.rowid = s.integer(8);
  };
  std::vector<Row> later;
  {
    Statement s(*this, db_,
                due_query("r.made_at, r.made_seq", "JOIN incidents i ON i.id = r.incident "
                                                  "WHERE r.made_at > ?1 AND r.arose_at <= ?1" +
                                                      deadline + " ORDER BY r.due, r.incident, r.rowid")
                    .c_str());
    s.bind(1, at);
    while (s.step()) read_row(s, later.emplace_back());
  }
  std::size_t next_later = 0;
  // The current run of ties; its rows are overwritten, not freed, so their strings keep their memory.
  std::vector<Row> ties;
  std::size_t n_ties = 0;
  auto flush_ties = [&] {
    const auto end = ties.begin() + static_cast<std::ptrdiff_t>(n_ties);
    if (n_ties > 1) std::sort(ties.begin(), end, before);
    for (auto it = ties.begin(); it != end; ++it) {
      while (next_later < later.size() && before(later[next_later], *it)) fn(later[next_later++].report);
      fn(it->report);
    }
    n_ties = 0;
  };
  // made_at and made_seq are NULL in this index; naming them would send SQLite to the table.
  Statement s(*this, db_,
              due_query("NULL, NULL", "INDEXED BY requirements_unmade_due JOIN incidents i ON i.id = r.incident "
                                      "WHERE r.made_at IS NULL AND r.arose_at <= ?1" +
                                          deadline + " ORDER BY r.due, r.incident")
                  .c_str());
  s.bind(1, at);
  while (s.step()) {
    const Seconds due = *s.time(4);
    if (n_ties > 0 && (due != ties.front().report.requirement.due || ties.front().report.incident != s.view(0))) {
      flush_ties();
    }
    if (n_ties == ties.size()) ties.emplace_back();
    read_row(s, ties[n_ties++]);
  }
  flush_ties();
  while (next_later < later.size()) fn(later[next_later++].report);
}

void SqliteStore::for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data) {
  if (blank_) return;
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events ORDER BY seq";
  Statement s(*this, db_, sql.c_str());
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

std::vector<PendingItem> SqliteStore::pending_items(bool include_void) {
  if (blank_ || version_ < 2) return {};
  std::string sql = std::string("SELECT ") + (version_ >= 8 ? kPendingColumns : kPendingColumnsV7) + " FROM pending";
  if (!include_void && version_ >= 8) sql += " WHERE voided = 0";
  sql += " ORDER BY created_at, instruction, number";
  Statement s(*this, db_, sql.c_str());
  std::vector<PendingItem> out;
  while (s.step()) out.push_back(read_pending(s));
  return out;
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

std::vector<std::pair<std::string, std::int64_t>> SqliteStore::incident_heads() {
  if (blank_) return {};
  Statement s(*this, db_,
              version_ >= 2 ? "SELECT id, last_seq FROM incidents UNION ALL SELECT id, last_seq FROM pending"
                            : "SELECT id, last_seq FROM incidents");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (s.step()) out.emplace_back(s.text(0), s.integer(1));
  return out;
}

const char* SqliteStore::roster_shift_columns() const {
  return version_ >= 7 ? kRosterShiftColumns : kRosterShiftColumnsV6;
}

std::vector<RosterShiftRecord> SqliteStore::roster_shifts(std::optional<Days> from, std::optional<Days> to) {
  if (blank_ || version_ < 3) return {};
  std::string sql = std::string("SELECT ") + roster_shift_columns() + " FROM roster_shifts WHERE 1";
  if (from) sql += " AND date >= ?1";
  if (to) sql += " AND date <= ?2";
  sql += " ORDER BY date";
  Statement s(*this, db_, sql.c_str());
  if (from) s.bind(1, day_number(*from));
  if (to) s.bind(2, day_number(*to));
  std::vector<RosterShiftRecord> out;
  while (s.step()) out.push_back(read_roster_shift(s));
  return out;
}

std::optional<RosterShiftRecord> SqliteStore::roster_shift_at(Seconds at) {
  if (blank_ || version_ < 3) return std::nullopt;
  std::string sql = std::string("SELECT ") + roster_shift_columns() +
                    " FROM roster_shifts WHERE start <= ?1 ORDER BY start DESC LIMIT 1";
  Statement s(*this, db_, sql.c_str());
  s.bind(1, at);
  if (!s.step()) return std::nullopt;
  RosterShiftRecord r = read_roster_shift(s);
  if (r.end <= at) return std::nullopt;
  return r;
}

std::vector<RosterPersonRecord> SqliteStore::roster_people() {
  if (blank_ || version_ < 3) return {};
  Statement s(*this, db_, "SELECT id, name, phone, last_seq FROM roster_people ORDER BY id");
  std::vector<RosterPersonRecord> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3)});
  return out;
}

}  // namespace duty::reports
