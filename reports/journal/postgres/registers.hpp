// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "reports/journal/incident_index.hpp"
#include "reports/journal/pending_index.hpp"
#include "reports/journal/projection.hpp"
#include "reports/journal/roster_index.hpp"

// The registers' tables in PostgreSQL: the read side (incidents, due reports, pending items, the
// published roster) and the projection rows a write transaction saves. Internal to the backend.
namespace duty::reports::postgres {

class Connection;
class Result;

/// The columns of a projection table's rows, key first, quoted, as "office" ... lists them.
std::string row_columns(Projection p);

/// A projection table's rows in key order, read one at a time: through a cursor fetched in
/// chunks inside a transaction, else read whole.
std::unique_ptr<ProjectionCursor> projection_cursor(Connection& conn, const std::string& office, Projection p,
                                                    bool in_transaction);

/// Writes the projection rows of one transaction: one upsert each; or, once a transaction saves
/// many (a copy, an import, a rebuild), buffered per table, newest save of a key winning, and sent
/// with COPY into a temporary table and one INSERT ... ON CONFLICT per table. flush() writes what
/// is buffered; the transaction calls it before every other statement, so reads see every save.
class ProjectionWriter {
 public:
  ProjectionWriter(Connection& conn, const std::string& office);
  /// Writes (replaces) one row.
  void save(Projection p, const ProjectionRow& row);
  /// Writes an incident's required reports, replacing those it had (none to replace when `fresh`).
  void replace_requirements(const std::string& incident, const std::vector<ProjectionRow>& rows, bool fresh);
  /// From now on rows are buffered.
  void start_batch() { batching_ = true; }
  /// Writes what is buffered.
  void flush();
  /// Forgets what is buffered (the tables are being emptied).
  void discard();
  /// Rows written through batches in this transaction.
  std::size_t batched_rows() const { return batched_rows_; }

 private:
  void upsert(Projection p, const ProjectionRow& row, const char* extra_column = nullptr, long long extra = 0);
  void flush_all();
  void flush_table(Projection p, std::map<std::string, std::string>& rows);
  std::string line(const ProjectionRow& row) const;

  Connection& conn_;
  const std::string& office_;
  bool batching_ = false;
  bool flushing_ = false;
  std::size_t saves_ = 0;
  std::size_t buffered_bytes_ = 0;
  std::size_t batched_rows_ = 0;
  // Per table: the COPY line of each key's newest row (for requirements: each incident's lines).
  std::map<std::string, std::string> buffered_[5];
  std::set<std::string> requirements_gone_;  ///< incidents whose stored reports go first
  std::set<Projection> temp_tables_;        ///< made in this transaction
};

class PgIncidentIndex : public IncidentIndex {
 public:
  PgIncidentIndex(Connection& conn, const std::string& office) : conn_(conn), office_(office) {}
  std::vector<Incident> list(const ListQuery& query) override;
  void for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) override;

 private:
  Connection& conn_;
  const std::string& office_;
};

class PgPendingIndex : public PendingIndex {
 public:
  PgPendingIndex(Connection& conn, const std::string& office) : conn_(conn), office_(office) {}
  std::vector<PendingItem> items(bool include_void) override;

 private:
  Connection& conn_;
  const std::string& office_;
};

class PgRosterIndex : public RosterIndex {
 public:
  PgRosterIndex(Connection& conn, const std::string& office) : conn_(conn), office_(office) {}
  std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) override;
  std::optional<RosterShiftRecord> shift_at(Seconds at) override;
  std::vector<RosterPersonRecord> people() override;

 private:
  Connection& conn_;
  const std::string& office_;
};

class PgIncidentRows : public IncidentRows {
 public:
  PgIncidentRows(Connection& conn, const std::string& office, ProjectionWriter& writer)
      : conn_(conn), office_(office), writer_(writer) {}
  int max_number(int year) override;
  void save(const Incident& incident) override;
  /// Forgets the numbers it remembered (the tables were emptied).
  void forget() { max_number_.clear(); }

 private:
  Connection& conn_;
  const std::string& office_;
  ProjectionWriter& writer_;
  // Within one transaction nobody else adds incidents (the office's lock): the highest number of
  // each year is asked once and kept up to date by save().
  std::map<int, int> max_number_;
};

class PgPendingRows : public PendingRows {
 public:
  PgPendingRows(Connection& conn, const std::string& office, ProjectionWriter& writer)
      : conn_(conn), office_(office), writer_(writer) {}
  std::optional<PendingItem> find(const std::string& id) override;
  int max_number(const std::string& prefix) override;
  void save(const PendingItem& item) override;

 private:
  Connection& conn_;
  const std::string& office_;
  ProjectionWriter& writer_;
};

class PgRosterRows : public RosterRows {
 public:
  PgRosterRows(Connection& conn, const std::string& office, ProjectionWriter& writer)
      : index_(conn, office), writer_(writer) {}
  std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) override {
    return index_.shifts(from, to);
  }
  void save_shift(const RosterShiftRecord& shift) override;
  std::vector<RosterPersonRecord> people() override { return index_.people(); }
  void save_person(const RosterPersonRecord& person) override;

 private:
  PgRosterIndex index_;
  ProjectionWriter& writer_;
};

}  // namespace duty::reports::postgres
