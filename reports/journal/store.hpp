// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reports/journal/event.hpp"
#include "reports/journal/incident_index.hpp"
#include "reports/journal/pending_index.hpp"
#include "reports/journal/projection.hpp"
#include "reports/journal/roster_index.hpp"

namespace duty::reports {

/// How a command uses the store: it declares this and main opens exactly that.
enum class StoreAccess { kReadOnly, kReadWrite };

/// A position in the hash chain: an event's seq and its hash (lower-case hex SHA-256).
struct ChainPoint {
  std::int64_t seq = 0;
  std::string hash;
};

/// Everything a mutating command may do inside its one transaction: the journal's own operations,
/// and the tables of each register (projections of the register's events) through its accessor.
class StoreTransaction {
 public:
  virtual ~StoreTransaction() = default;
  /// Events about `subject`, in chain order.
  virtual std::vector<Event> events(const std::string& subject) = 0;
  /// Events of `type`, whenever they happened, in time order.
  virtual std::vector<Event> events_of_type(const std::string& type) = 0;
  /// The event at `seq` in the chain, nullopt when there is none.
  virtual std::optional<Event> event_at(std::int64_t seq) = 0;
  /// Appends to the chain: assigns seq, prev_hash and hash, and returns the stored event.
  virtual Event append(Event event) = 0;
  /// Appends an event exactly as another store holds it (seq, payload bytes, prev_hash and hash
  /// kept), for copying a whole chain into an empty journal (`duty db copy`); the caller checks
  /// that the events continue the chain. StoreError when the journal already holds that seq.
  virtual void append_copied(const Event& event) = 0;
  /// Empties every projection table (projection.hpp), for `log rebuild` to write them again.
  virtual void clear_projections() = 0;

  virtual IncidentRows& incidents() = 0;
  virtual PendingRows& pending() = 0;
  virtual RosterRows& roster() = 0;
};

/// The office's journal: the durable, append-only, hash-chained events, with the projections the
/// registers read (incidents, pending items, the published roster). Implementations: SQLite
/// (sqlite/sqlite_store.hpp), PostgreSQL (postgres/postgres_store.hpp) and in memory
/// (memory/memory_store.hpp); open_store.hpp chooses between the first two.
class Store {
 public:
  virtual ~Store() = default;

  /// Where the journal is, for people: a path, or the server, database and office.
  virtual std::string location() const = 0;

  /// Runs `fn` in one write transaction, committed durably when `fn` returns and rolled back
  /// entirely when it throws. Concurrent writers wait their turn (up to the busy timeout); a
  /// backend may run `fn` again after a conflict it retries, so `fn` must not keep state between
  /// runs other than through the transaction.
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
  /// Every event with seq > `after` in chain order; stops early when `fn` returns false. Without
  /// `parse_data` only `payload` is filled, not `data` (verification needs the bytes, not their
  /// meaning).
  virtual void for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data,
                              std::int64_t after = 0) = 0;
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
  virtual std::vector<std::pair<std::string, std::int64_t>> subject_heads() = 0;

  /// Waits until another process may have appended to the journal, or `timeout` passes (false).
  /// A true answer may be spurious: the caller reads what is new by seq (`duty watch`).
  virtual bool wait_for_change(std::chrono::milliseconds timeout) = 0;

  // The registers' tables (projections), read side.
  virtual IncidentIndex& incidents() = 0;
  virtual PendingIndex& pending() = 0;
  virtual RosterIndex& roster() = 0;

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
std::optional<ChainPoint> chain_head(Store& store);
/// Event `seq` (seq and hash as stored), nullopt when there is none.
std::optional<ChainPoint> chain_at(Store& store, std::int64_t seq);

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
/// 1, 2, 3 ... without gaps and that every incident's, published shift's and roster person's latest
/// event is present: any edit, deletion or reordering is reported at the first event that does not
/// match. The hashes of the events in `remember` are kept in the result (for `--expect N:HASH`),
/// and the checkpoint events are collected for their signatures to be checked (checkpoint.hpp).
VerifyResult verify_chain(Store& store, const std::vector<std::int64_t>& remember = {});

}  // namespace duty::reports
