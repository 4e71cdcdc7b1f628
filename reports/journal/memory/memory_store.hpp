// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>

#include "reports/journal/store.hpp"

namespace duty::reports {

/// Everything a MemoryStore holds: the chain and the registers' tables.
struct MemoryData {
  std::vector<Event> events;
  std::map<std::string, Incident> incidents;
  std::map<std::string, PendingItem> pending;
  std::map<Days, RosterShiftRecord> shifts;
  std::map<std::string, RosterPersonRecord> people;
};

/// The incident register's tables in memory, both sides.
class MemoryIncidents : public IncidentIndex, public IncidentRows {
 public:
  explicit MemoryIncidents(MemoryData& data) : data_(data) {}
  std::vector<Incident> list(const ListQuery& query) override;
  void for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) override;
  int max_number(int year) override;
  void save(const Incident& incident) override;

 private:
  MemoryData& data_;
};

/// The pending items' table in memory, both sides.
class MemoryPending : public PendingIndex, public PendingRows {
 public:
  explicit MemoryPending(MemoryData& data) : data_(data) {}
  std::vector<PendingItem> items(bool include_void = false) override;
  std::optional<PendingItem> find(const std::string& id) override;
  int max_number(const std::string& prefix) override;
  void save(const PendingItem& item) override;

 private:
  MemoryData& data_;
};

/// The published roster's tables in memory, both sides.
class MemoryRoster : public RosterIndex, public RosterRows {
 public:
  explicit MemoryRoster(MemoryData& data) : data_(data) {}
  std::vector<RosterShiftRecord> shifts(std::optional<Days> from, std::optional<Days> to) override;
  std::optional<RosterShiftRecord> shift_at(Seconds at) override;
  std::vector<RosterPersonRecord> people() override;
  void save_shift(const RosterShiftRecord& shift) override;
  void save_person(const RosterPersonRecord& person) override;

 private:
  MemoryData& data_;
};

/// A Store in memory, for unit tests and for reading a workspace that has no store yet. Same
/// contract as the SQLite store, including all-or-nothing writes.
class MemoryStore : public Store {
 public:
  MemoryStore() = default;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  std::string location() const override { return "(memory)"; }
  void write(const std::function<void(StoreTransaction&)>& fn) override;
  void read(const std::function<void()>& fn) override { fn(); }
  std::vector<Event> events(const std::string& subject) override;
  void for_each_event(const std::function<bool(const Event&)>& fn, bool parse_data, std::int64_t after = 0) override;
  std::vector<Event> events_of_type(const std::string& type, Seconds from, Seconds to) override;
  void for_each_event_by_subject(const std::function<bool(const Event&)>& fn) override;
  std::unique_ptr<ProjectionCursor> projection_rows(Projection table) override;
  std::optional<ChainPoint> chain_point(std::optional<std::int64_t> seq) override;
  std::vector<std::pair<std::string, std::int64_t>> subject_heads() override;
  bool wait_for_change(std::chrono::milliseconds timeout) override;
  IncidentIndex& incidents() override { return incidents_; }
  PendingIndex& pending() override { return pending_; }
  RosterIndex& roster() override { return roster_; }

  /// Direct access for tamper tests.
  std::vector<Event>& raw_events() { return data_.events; }
  std::map<std::string, Incident>& raw_incidents() { return data_.incidents; }
  std::map<std::string, PendingItem>& raw_pending() { return data_.pending; }
  std::map<Days, RosterShiftRecord>& raw_shifts() { return data_.shifts; }
  std::map<std::string, RosterPersonRecord>& raw_people() { return data_.people; }

 private:
  MemoryData data_;
  MemoryIncidents incidents_{data_};
  MemoryPending pending_{data_};
  MemoryRoster roster_{data_};
};

}  // namespace duty::reports
