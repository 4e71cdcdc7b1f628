// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "reports/journal/event.hpp"
#include "reports/incident.hpp"
#include "reports/office.hpp"
#include "reports/pending.hpp"
#include "reports/roster_record.hpp"

namespace duty::reports {

class Store;
class StoreTransaction;

/// The tables duty reads to answer questions, each a projection of the events (the journal is the
/// single source of truth; `duty log verify` recomputes them and `duty log rebuild` rewrites them).
enum class Projection { kIncidents, kRequirements, kPending, kRosterShifts, kRosterPeople };

inline constexpr Projection kProjections[] = {Projection::kIncidents, Projection::kRequirements,
                                              Projection::kPending, Projection::kRosterShifts,
                                              Projection::kRosterPeople};

/// A projection table as stored: its name, the columns of its key and the columns of its values.
/// The stores write and read the tables through these lists, so what is written, what is read back
/// and what is compared are the same columns.
struct ProjectionTable {
  std::string_view name;
  std::vector<std::string_view> key;
  std::vector<std::string_view> columns;
};

const ProjectionTable& projection_table(Projection p);

/// One row of a projection table: its key and its values, in the table's column order, as the
/// store holds them (times in Unix seconds, dates in days since 1970-01-01, flags 0 or 1).
struct ProjectionRow {
  std::vector<Value> key;
  std::vector<Value> cells;
};

/// The stored rows of one projection table, read in key order (key_less).
class ProjectionCursor {
 public:
  virtual ~ProjectionCursor() = default;
  /// Reads the next row into `row`; false after the last.
  virtual bool next(ProjectionRow& row) = 0;
};

/// Rows ordered by key: values of one kind compare as numbers or byte-wise, as SQLite's ORDER BY.
bool key_less(const std::vector<Value>& a, const std::vector<Value>& b);

/// The key as people read it ("2027-0042", "2027-0042 prefecture phone", "2027-03-01").
std::string format_key(Projection p, const std::vector<Value>& key);

/// A value as people read it: text quoted, NULL for nothing.
std::string format_value(const Value& v);

// The one mapping from a folded record to its stored row: the stores write these rows, and
// verification compares the stored rows with these rows of the records recomputed from the events.
ProjectionRow incident_row(const Incident& incident);
/// An incident's corrections as stored in its row: one canonical JSON object a line per changed
/// field ({seq, at, by, reason, field, old, new}); decode_corrections reads them back, grouped by
/// correction. StoreError when a line is not such an object.
std::string encode_corrections(const std::vector<Correction>& corrections);
std::vector<Correction> decode_corrections(std::string_view text);
/// The incident's required reports, ordered by key (org, via).
std::vector<ProjectionRow> requirement_rows(const Incident& incident);
ProjectionRow pending_row(const PendingItem& item);
ProjectionRow roster_shift_row(const RosterShiftRecord& shift);
ProjectionRow roster_person_row(const RosterPersonRecord& person);

// The folds of the journal's other registers, used by the commands that write them and by
// verification and rebuild alike (an incident folds through fold_incident, incident.hpp).
/// A pending item after `e` (a todo or instruction event creating it, or a done event completing
/// `before`). StoreError when `e` cannot apply (a done event with nothing before it).
PendingItem fold_pending_event(const std::optional<PendingItem>& before, const Event& e);
/// A published shift of `date` after `e` (roster-published, roster-swap or roster-cover). A cover
/// with `from` and `to` adds a partial cover and leaves the assignments alone; an event that sets
/// the assignments keeps the partial covers whose `out` still holds the place (within the shift's
/// times) and drops the others. StoreError when a swap or cover event has no published shift
/// before it.
RosterShiftRecord fold_roster_event(const std::optional<RosterShiftRecord>& before, Days date,
                                    const Event& e);
/// A person after a roster-person event (subject "person:ID").
RosterPersonRecord fold_person_event(const Event& e);

/// What one subject's events project to: at most one record (or nothing, for notes and the like).
struct Projected {
  std::optional<Incident> incident;
  std::optional<PendingItem> pending;
  std::optional<RosterShiftRecord> shift;
  std::optional<RosterPersonRecord> person;
};

/// Recomputes projections from the events, through the same folds the commands use when they write.
class Projector {
 public:
  explicit Projector(const Office& office) : office_(office) {}
  /// The fold of one subject's events (in chain order). StoreError when they do not fold.
  Projected project(const std::vector<Event>& events) const;
  /// An incident from its events: the one place verification and rebuild fold incidents.
  Incident incident(const std::vector<Event>& events) const;

 private:
  const Office& office_;
};

/// Writes a subject's projection into the registers' tables in `tx`; returns the rows written.
std::int64_t save_projected(StoreTransaction& tx, const Projected& p);

/// Walks the store's events subject by subject (for_each_event_by_subject), handing each subject's
/// events, in chain order, to `fn`: one subject's events in memory at a time.
void for_each_subject(Store& store, const std::function<void(const std::vector<Event>&)>& fn);

/// One projection row that differs from what the events give.
struct ProjectionProblem {
  Projection table;
  std::string key;   ///< format_key
  std::string what;  ///< "missing ...", "extra ...", or "closed: stored 1, events give 0; ..."
};

/// The outcome of comparing every projection table with the events.
struct ProjectionReport {
  std::int64_t rows = 0;                   ///< rows the events give, all tables
  std::int64_t problem_count = 0;          ///< rows that differ, are missing or are extra
  std::vector<ProjectionProblem> problems;  ///< the first kMaxListed of them
  static constexpr std::size_t kMaxListed = 1000;
  bool ok() const { return problem_count == 0; }
};

/// Recomputes every projection row from the events (subject by subject, one subject's events in
/// memory at a time) and compares it with the stored rows, reporting each row that differs (naming
/// the columns: stored vs recomputed), each row missing and each extra row. Meaningful only on a
/// chain that verifies (verify_chain).
ProjectionReport verify_projections(Store& store, const Office& office);

/// The log does not verify, so nothing is rebuilt from it. Exit 1 (a problem found, as verify).
class ChainBrokenError : public Error {
 public:
  explicit ChainBrokenError(const std::string& problem, std::int64_t checked)
      : Error("the log does not verify: " + problem, ExitCode::kProblems), checked_(checked) {}
  std::int64_t checked() const { return checked_; }

 private:
  std::int64_t checked_;
};

/// What `rebuild_projections` found and rewrote.
struct RebuildResult {
  ProjectionReport before;  ///< the differences it repaired
  std::int64_t rows = 0;    ///< rows written
};

/// Verifies the chain (ChainBrokenError naming the first bad event when it does not verify: nothing
/// is rebuilt from a broken chain), then in one write transaction compares, clears every projection
/// table and writes every row again from the events.
RebuildResult rebuild_projections(Store& store, const Office& office);

}  // namespace duty::reports
