// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>

#include "reports/store.hpp"

namespace duty::reports {

/// An IncidentStore in memory, for unit tests and for reading a workspace that has no store yet.
/// Same contract as the SQLite store, including all-or-nothing writes.
class MemoryStore : public IncidentStore {
 public:
  void write(const std::function<void(StoreTransaction&)>& fn) override;
  void read(const std::function<void()>& fn) override { fn(); }
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
  void for_each_event_by_subject(const std::function<bool(const Event&)>& fn) override;
  std::unique_ptr<ProjectionCursor> projection_rows(Projection table) override;
  std::optional<ChainPoint> chain_point(std::optional<std::int64_t> seq) override;

  /// Direct access for tamper tests.
  std::vector<Event>& raw_events() { return events_; }
  std::map<std::string, Incident>& raw_incidents() { return incidents_; }
  std::map<std::string, PendingItem>& raw_pending() { return pending_; }
  std::map<Days, RosterShiftRecord>& raw_shifts() { return shifts_; }
  std::map<std::string, RosterPersonRecord>& raw_people() { return people_; }

 private:
  friend class MemoryTransaction;
  std::vector<Event> events_;
  std::map<std::string, Incident> incidents_;
  std::map<std::string, PendingItem> pending_;
  std::map<Days, RosterShiftRecord> shifts_;
  std::map<std::string, RosterPersonRecord> people_;
};

}  // namespace duty::reports
