// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reports/event.hpp"
#include "reports/incident.hpp"
#include "reports/pending.hpp"
#include "reports/projection.hpp"
#include "reports/roster_record.hpp"

namespace duty::reports {

/// Filters for listing incidents; unset members do not filter.
struct ListQuery {
  std::optional<bool> closed;
  std::optional<Seconds> from;  ///< received at or after
  std::optional<Seconds> to;    ///< received at or before
  std::optional<std::string> category;
  std::optional<Severity> severity;  ///< effective severity
  /// Received at or before this moment and not closed by it (still open then).
  std::optional<Seconds> open_at;
  /// Voided incidents (作废) are left out unless this is set.
  bool include_void = false;
};

/// A required report with the incident it belongs to.
struct DueReport {
  std::string incident;
  std::string title;
  Requirement requirement;
};

/// A position in the hash chain: an event's seq and its hash (lower-case hex SHA-256).
struct ChainPoint {
  std::int64_t seq = 0;
  std::string hash;
};

/// Everything a mutating command may do inside its one transaction.
class StoreTransaction {
 public:
  virtual ~StoreTransaction() = default;
  /// Events about `subject`, in chain order.
  virtual std::vector<Event> events(const std::string& subject) = 0;
  /// Events of `type`, whenever they happened, in time order.
  virtual std::vector<Event> events_of_type(const std::string& type) = 0;
  /// The highest incident number used in `year`, 0 when none.
  virtual int max_incident_number(int year) = 0;
  /// Appends to the chain: assigns seq, prev_hash and hash, and returns the stored event.
  virtual Event append(Event event) = 0;
  /// Writes the incident's listing row and its requirements (a projection of its events).
  virtual void save_incident(const Incident& incident) = 0;
  /// The event at `seq` in the chain, nullopt when there is none.
  virtual std::optional<Event> event_at(std::int64_t seq) = 0;
  /// The pending item or instruction with this id, nullopt when there is none.
  virtual std::optional<PendingItem> find_pending(const std::string& id) = 0;
  /// The highest n used in ids `<prefix>-n` of pending items (T for todos, P for instructions).
  virtual int max_pending_number(const std::string& prefix) = 0;
  /// Writes a pending item's row (a projection of its events).
  virtual void save_pending(const PendingItem& item) = 0;

  // The published roster (roster_record.hpp): projection rows kept beside the events they fold.
  /// Published shifts with dates in [from, to] (either end open when unset), by date.
  virtual std::vector<RosterShiftRecord> roster_shifts(std::optional<Days> from, std::optional<Days> to) = 0;
  /// Writes (replaces) the projection row of one published shift.
  virtual void save_roster_shift(const RosterShiftRecord& shift) = 0;
  /// The people the published roster names, by id.
  virtual std::vector<RosterPersonRecord> roster_people() = 0;
  /// Writes (replaces) one person's projection row.
  virtual void save_roster_person(const RosterPersonRecord& person) = 0;

  /// Empties every projection table (projection.hpp), for `log rebuild` to write them again.
  virtual void clear_projections() = 0;
};

/// The durable, append-only, hash-chained store of incident events, with a projection for fast
/// listing. Implementations: SQLite (sqlite_store.hpp) and in memory (memory_store.hpp).
class IncidentStore {
 public:
  virtual ~IncidentStore() = default;

  /// Runs `fn` in one write transaction, committed durably when `fn` returns and rolled back
  /// entirely when it throws. Concurrent writers wait their turn (up to the busy timeout).
  virtual void write(const std::function<void(StoreTransaction&)>& fn) = 0;

  /// Work every write transaction does first, inside it, before the command's own: the CLI
  /// records a change of office.yaml's reporting rules there, so the change lands together with
  /// the first command that writes under it, or not at all.
  void set_write_prelude(std::function<void(StoreTransaction&)> prelude) { prelude_ = std::move(prelude); }

  /// Runs `fn` with every read it makes seeing one snapshot of the store (writers may go on beside
  /// it): verification must compare the chain with the projections of that same chain.
  virtual void read(const std::function<void()>& fn) = 0;

  /// Events about `subject`, in chain order (empty when there are none).
  virtual std::vector<Event> events(const std::string& subject) = 0;
  /// Incidents matching the query, by received time then id; events and requirements left empty.
  virtual std::vector<Incident> list(const ListQuery& query) = 0;
  /// Calls `fn` for each required report not made by `at` whose deadline is before `at` (with
  /// `upcoming`, also those still due), by deadline, then incident id, then the order the rules
  /// made them in; one at a time, so a long list never sits in memory whole.
  virtual void for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) = 0;
  /// The same reports, collected.
  std::vector<DueReport> due_reports(Seconds at, bool upcoming) {
    std::vector<DueReport> out;
    for_each_due_report(at, upcoming, [&](const DueReport& d) { out.push_back(d); });
    return out;
  }
  /// Every event in chain order; stops early when `fn` returns false. Without `parse_data` only
  /// `payload` is filled, not `data` (verification needs the bytes, not their meaning).
  virtual void for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data) = 0;
  /// Every pending item and instruction, done or not, by creation time then id; voided ones (作废)
  /// only with `include_void`.
  virtual std::vector<PendingItem> pending_items(bool include_void = false) = 0;
  /// Events of `type` whose time `at` lies in [from, to), in time order then chain order.
  virtual std::vector<Event> events_of_type(const std::string& type, Seconds from, Seconds to) = 0;
  /// Every event ordered by subject, then in chain order, with `data` parsed: one subject's events
  /// after another, for recomputing projections; stops early when `fn` returns false.
  virtual void for_each_event_by_subject(const std::function<bool(const Event&)>& fn) = 0;
  /// The stored rows of one projection table, in key order.
  virtual std::unique_ptr<ProjectionCursor> projection_rows(Projection table) = 0;
  /// Event `seq`'s position and hash as stored (the last event's when `seq` is unset); nullopt when
  /// there is no such event. verify_chain proves the stored hashes.
  virtual std::optional<ChainPoint> chain_point(std::optional<std::int64_t> seq) = 0;
  /// The highest seq each incident's (and pending item's) row was built from, for verification.
  virtual std::vector<std::pair<std::string, std::int64_t>> incident_heads() = 0;

  // The published roster (roster_record.hpp).
  /// Published shifts with dates in [from, to] (either end open when unset), by date.
  virtual std::vector<RosterShiftRecord> roster_shifts(std::optional<Days> from, std::optional<Days> to) = 0;
  /// The published shift with start <= at < end, found by one indexed lookup.
  virtual std::optional<RosterShiftRecord> roster_shift_at(Seconds at) = 0;
  /// The people the published roster names, by id.
  virtual std::vector<RosterPersonRecord> roster_people() = 0;

 protected:
  /// Implementations of write() call this first inside the transaction.
  void run_prelude(StoreTransaction& tx) {
    if (prelude_) prelude_(tx);
  }

 private:
  std::function<void(StoreTransaction&)> prelude_;
};

/// The last event of the log (seq and hash as stored), nullopt when the log is empty: the line
/// `日志校验：第N条 HASH12` printed on records (the first 12 hex digits of the hash).
std::optional<ChainPoint> chain_head(IncidentStore& store);
/// Event `seq` (seq and hash as stored), nullopt when there is none.
std::optional<ChainPoint> chain_at(IncidentStore& store, std::int64_t seq);

/// The outcome of re-computing the hash chain.
struct VerifyResult {
  std::int64_t checked = 0;                ///< events whose hash matched
  std::optional<std::int64_t> first_bad;   ///< seq (or position) of the first event that does not match
  std::string problem;                     ///< what is wrong with it, for people
  std::optional<ChainPoint> head;          ///< the last event checked
  std::map<std::int64_t, std::string> remembered;  ///< the recomputed hashes of the seqs asked for
  std::vector<Event> checkpoints;          ///< checkpoint events (checkpoint.hpp), payload only
  bool ok() const { return !first_bad; }
};

/// Re-computes every event's hash from its content and the previous hash, and checks that seqs run
/// 1, 2, 3 ... without gaps and that every incident's, published shift's and roster person's latest event is present: any edit, deletion
/// or reordering is reported at the first event that does not match.
/// The hashes of the events in `remember` are kept in the result (for `--expect N:HASH`), and the
/// checkpoint events are collected for their signatures to be checked (checkpoint.hpp).
VerifyResult verify_chain(IncidentStore& store, const std::vector<std::int64_t>& remember = {});

}  // namespace duty::reports
