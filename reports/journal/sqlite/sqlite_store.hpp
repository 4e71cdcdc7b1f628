// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "reports/journal/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace duty::reports {

namespace sqlite_detail {
class SqliteIncidents;
class SqliteIncidentRows;
class SqlitePending;
class SqlitePendingRows;
class SqliteRoster;
class SqliteRosterRows;
class Statement;
}  // namespace sqlite_detail

/// The SQLite store at one path: WAL, a busy timeout, durable commits (synchronous=FULL), the
/// schema version in PRAGMA user_version with forward migrations, created on first write with
/// mode 0600. Every failure (locked past the timeout, read-only, full disk, not a duty store, a
/// newer schema) throws StoreError with a message that says what to do.
class SqliteStore : public Store {
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

  std::string location() const override { return path_; }
  void write(const std::function<void(StoreTransaction&)>& fn) override;
  void read(const std::function<void()>& fn) override;
  std::vector<Event> events(const std::string& subject) override;
  void for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data, std::int64_t after = 0) override;
  std::vector<Event> events_of_type(const std::string& type, Seconds from, Seconds to) override;
  void for_each_event_by_subject(const std::function<bool(const Event&)>& fn) override;
  std::unique_ptr<ProjectionCursor> projection_rows(Projection table) override;
  std::optional<ChainPoint> chain_point(std::optional<std::int64_t> seq) override;
  std::vector<std::pair<std::string, std::int64_t>> subject_heads() override;
  /// Polls PRAGMA data_version (SQLite tells no other process of a commit).
  bool wait_for_change(std::chrono::milliseconds timeout) override;
  IncidentIndex& incidents() override;
  PendingIndex& pending() override;
  RosterIndex& roster() override;

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
  friend class sqlite_detail::SqliteIncidents;
  friend class sqlite_detail::SqliteIncidentRows;
  friend class sqlite_detail::SqlitePending;
  friend class sqlite_detail::SqlitePendingRows;
  friend class sqlite_detail::SqliteRoster;
  friend class sqlite_detail::SqliteRosterRows;
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
  std::optional<long long> data_version_;  ///< PRAGMA data_version when last looked (wait_for_change)
  std::unique_ptr<sqlite_detail::SqliteIncidents> incidents_;
  std::unique_ptr<sqlite_detail::SqlitePending> pending_;
  std::unique_ptr<sqlite_detail::SqliteRoster> roster_;
};

}  // namespace duty::reports
