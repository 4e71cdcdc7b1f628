// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "reports/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace duty::reports {

/// How a command uses the store: it declares this and main opens exactly that.
enum class StoreAccess { kReadOnly, kReadWrite };

/// The SQLite store at one path: WAL, a busy timeout, durable commits (synchronous=FULL), the
/// schema version in PRAGMA user_version with forward migrations, created on first write with
/// mode 0600. Every failure (locked past the timeout, read-only, full disk, not a duty store, a
/// newer schema) throws StoreError with a message that says what to do.
class SqliteStore : public IncidentStore {
 public:
  /// The schema this build writes; stores with a higher user_version are refused.
  static constexpr int kSchemaVersion = 8;

  /// Opens (and with kReadWrite creates) the store. `busy_timeout` bounds how long a command waits
  /// for another writer.
  SqliteStore(const std::string& path, StoreAccess access,
              std::chrono::milliseconds busy_timeout = std::chrono::milliseconds{10000});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  void write(const std::function<void(StoreTransaction&)>& fn) override;
  std::vector<Event> events(const std::string& subject) override;
  std::vector<Incident> list(const ListQuery& query) override;
  void for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) override;
  void for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data) override;
  std::vector<std::pair<std::string, std::int64_t>> incident_heads() override;
  std::vector<PendingItem> pending_items(bool include_void = false) override;
  std::vector<Event> events_of_type(const std::string& type, Seconds from, Seconds to) override;
  std::vector<RosterShiftRecord> roster_shifts(std::optional<Days> from, std::optional<Days> to) override;
  std::optional<RosterShiftRecord> roster_shift_at(Seconds at) override;
  std::vector<RosterPersonRecord> roster_people() override;
  void read(const std::function<void()>& fn) override;
  void for_each_event_by_subject(const std::function<bool(const Event&)>& fn) override;
  std::unique_ptr<ProjectionCursor> projection_rows(Projection table) override;
  std::optional<ChainPoint> chain_point(std::optional<std::int64_t> seq) override;

  /// Copies the store to `dest` with SQLite's online backup API: one consistent snapshot while
  /// other commands go on writing. The copy is made in a new file beside `dest` (O_EXCL|O_NOFOLLOW,
  /// mode 0600), checked (PRAGMA integrity_check and the hash chain), synced and renamed into
  /// place, so `dest` is whole or absent. UsageError when `dest` exists (unless `replace`) or is
  /// this store or one of its files; ChainBrokenError (exit 1) when the copy's chain does not
  /// verify; StoreError (exit 4) on any other failure, leaving no file behind.
  VerifyResult backup(const std::string& dest, bool replace);

  /// Creates an empty store at `path` (whole, mode 0600, this build's schema, all in the one file:
  /// no -wal or -shm beside it) unless something is already there, which is left as it is; opens
  /// nothing. For `duty init`. StoreError when it cannot be created.
  static void create_empty(const std::string& path);

  const std::string& path() const { return path_; }

  /// Throws the StoreError for an SQLite result code, saying what to do about it.
  [[noreturn]] void fail(int rc, const std::string& doing) const;

 private:
  friend class SqliteTransaction;
  void exec(const char* sql);
  static void create(const std::string& path, std::chrono::milliseconds busy_timeout);
  void migrate();
  void set_wal();

  std::string path_;
  StoreAccess access_;
  std::chrono::milliseconds busy_timeout_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* events_by_subject_ = nullptr;  ///< events(subject), kept prepared (Statement)
  bool blank_ = false;  ///< read-only open of a file whose schema is not created yet
  long long version_ = 0;  ///< the schema version of the open file
  /// The columns of a roster_shifts row as read_roster_shift reads them, for the open file's schema.
  const char* roster_shift_columns() const;
};

}  // namespace duty::reports
