// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "reports/journal/postgres/schema.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

namespace postgres {
class Connection;
class PgIncidentIndex;
class PgPendingIndex;
class PgRosterIndex;
class PgTransaction;
}  // namespace postgres

/// One office's journal in a PostgreSQL database shared by any number of desks and offices
/// (schema `duty`, schema.hpp). Every query names the office; row-level security is a second line
/// behind that. Appends take the office's transaction-level advisory lock under READ COMMITTED, so
/// the chain never forks; a conflict the server reports (serialization failure, deadlock, unique
/// violation) reruns the whole transaction, up to 5 times. Every failure throws StoreError (exit 4)
/// saying what to do; a password in the location is refused (UsageError) before connecting.
class PostgresStore : public Store {
 public:
  /// The schema this build reads and writes; others are refused.
  static constexpr int kSchemaVersion = postgres::kSchemaVersion;

  /// Connects to `conninfo` (a libpq URI or keyword/value string) as office `office_id` (when
  /// empty, the database's duty.office setting; UsageError when that is unset too). A
  /// read-only store sets default_transaction_read_only; `busy_timeout` becomes lock_timeout.
  /// StoreError when the server cannot be reached, the schema is missing or of another version, or
  /// the office is not set up there ('duty db init').
  PostgresStore(const std::string& conninfo, const std::string& office_id, StoreAccess access,
                std::chrono::milliseconds busy_timeout = std::chrono::milliseconds{10000});
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  std::string location() const override;
  void write(const std::function<void(StoreTransaction&)>& fn) override;
  void read(const std::function<void()>& fn) override;
  std::vector<Event> events(const std::string& subject) override;
  void for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data, std::int64_t after = 0) override;
  std::vector<Event> events_of_type(const std::string& type, Seconds from, Seconds to) override;
  void for_each_event_by_subject(const std::function<bool(const Event&)>& fn) override;
  std::unique_ptr<ProjectionCursor> projection_rows(Projection table) override;
  std::optional<ChainPoint> chain_point(std::optional<std::int64_t> seq) override;
  std::vector<std::pair<std::string, std::int64_t>> subject_heads() override;
  /// LISTENs on the first call; true when another desk appended to this office's log (or the
  /// wait was interrupted by a signal), false when `timeout` passed.
  bool wait_for_change(std::chrono::milliseconds timeout) override;
  IncidentIndex& incidents() override;
  PendingIndex& pending() override;
  RosterIndex& roster() override;

  const std::string& office() const { return office_; }

 private:
  friend class postgres::PgTransaction;
  void rollback();

  std::unique_ptr<postgres::Connection> conn_;
  std::string office_;
  StoreAccess access_;
  bool in_transaction_ = false;
  bool listening_ = false;
  std::unique_ptr<postgres::PgIncidentIndex> incidents_;
  std::unique_ptr<postgres::PgPendingIndex> pending_;
  std::unique_ptr<postgres::PgRosterIndex> roster_;
};

}  // namespace duty::reports
