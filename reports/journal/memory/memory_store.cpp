// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/memory/memory_store.hpp"

#include <algorithm>
#include <numeric>
#include <thread>

#include "common/text.hpp"

namespace duty::reports {

namespace {

// The number of an id duty made ("0042" of 2027-0042, "3" of T-3); 0 for anything else.
int number_of(const std::string& digits) {
  std::string problem;
  return static_cast<int>(parse_whole_number(digits, 0, std::numeric_limits<int>::max(), problem).value_or(0));
}

// An event as read back from the store: the stored payload parsed, as SQLite does, so a tampered
// payload shows in the fold too.
Event read_back(const Event& e) {
  Event copy = e;
  if (!copy.payload.empty()) copy.data = parse_fields_json(copy.payload);
  return copy;
}

std::vector<Event> events_about(const std::vector<Event>& events, const std::string& subject) {
  std::vector<Event> out;
  for (const auto& e : events) {
    if (e.subject == subject) out.push_back(read_back(e));
  }
  return out;
}

std::vector<Event> events_typed(const std::vector<Event>& events, const std::string& type, Seconds from, Seconds to) {
  std::vector<Event> out;
  for (const auto& e : events) {
    if (e.type == type && e.at >= from && e.at < to) out.push_back(read_back(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  return out;
}

class MemoryTransaction : public StoreTransaction {
 public:
  explicit MemoryTransaction(MemoryData& data) : data_(data) {}

  std::vector<Event> events(const std::string& subject) override { return events_about(data_.events, subject); }
  std::vector<Event> events_of_type(const std::string& type) override {
    return events_typed(data_.events, type, Seconds::min(), Seconds::max());
  }
  std::optional<Event> event_at(std::int64_t seq) override {
    if (seq < 1 || seq > static_cast<std::int64_t>(data_.events.size())) return std::nullopt;
    return read_back(data_.events[static_cast<std::size_t>(seq - 1)]);
  }

  Event append(Event e) override {
    e.seq = static_cast<std::int64_t>(data_.events.size()) + 1;
    e.prev_hash = data_.events.empty() ? kGenesisHash : data_.events.back().hash;
    e.payload = fields_json(e.data);
    e.hash = chain_hash(e.prev_hash, e);
    data_.events.push_back(e);
    return e;
  }

  void append_copied(const Event& e) override {
    if (e.seq != static_cast<std::int64_t>(data_.events.size()) + 1) {
      throw StoreError("internal: a copied event does not continue the chain");
    }
    data_.events.push_back(e);
  }

  void clear_projections() override {
    data_.incidents.clear();
    data_.pending.clear();
    data_.shifts.clear();
    data_.people.clear();
  }

  IncidentRows& incidents() override { return incidents_; }
  PendingRows& pending() override { return pending_; }
  RosterRows& roster() override { return roster_; }

 private:
  MemoryData& data_;
  MemoryIncidents incidents_{data_};
  MemoryPending pending_{data_};
  MemoryRoster roster_{data_};
};

class RowsCursor : public ProjectionCursor {
 public:
  explicit RowsCursor(std::vector<ProjectionRow> rows) : rows_(std::move(rows)) {
    std::sort(rows_.begin(), rows_.end(), [](const ProjectionRow& a, const ProjectionRow& b) { return key_less(a.key, b.key); });
  }
  bool next(ProjectionRow& row) override {
    if (next_ >= rows_.size()) return false;
    row = rows_[next_++];
    return true;
  }

 private:
  std::vector<ProjectionRow> rows_;
  std::size_t next_ = 0;
};

}  // namespace

std::vector<Incident> MemoryIncidents::list(const ListQuery& q) {
  std::vector<Incident> out;
  for (const auto& [id, inc] : data_.incidents) {
    if (inc.voided && !q.include_void) continue;
    if (q.closed && inc.closed != *q.closed) continue;
    if (q.from && inc.received_at < *q.from) continue;
    if (q.to && inc.received_at > *q.to) continue;
    if (q.category && inc.category != *q.category) continue;
    if (q.severity && inc.severity() != *q.severity) continue;
    if (q.open_at && (inc.received_at > *q.open_at || (inc.closed_at && *inc.closed_at <= *q.open_at))) continue;
    Incident row = inc;
    row.requirements.clear();
    out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(), [](const Incident& a, const Incident& b) {
    return a.received_at != b.received_at ? a.received_at < b.received_at : a.id < b.id;
  });
  return out;
}

void MemoryIncidents::for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) {
  std::vector<DueReport> out;
  for (const auto& [id, inc] : data_.incidents) {
    for (const auto& r : inc.requirements) {
      if (r.arose_at > at) continue;
      if (r.made_at && *r.made_at <= at) continue;
      if (r.due < at || upcoming) out.push_back({id, inc.title, r});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DueReport& a, const DueReport& b) {
    return a.requirement.due != b.requirement.due ? a.requirement.due < b.requirement.due : a.incident < b.incident;
  });
  for (const auto& d : out) fn(d);
}

int MemoryIncidents::max_number(int year) {
  int best = 0;
  std::string prefix = std::to_string(year) + "-";
  for (const auto& [id, inc] : data_.incidents) {
    if (id.rfind(prefix, 0) == 0) best = std::max(best, number_of(id.substr(prefix.size())));
  }
  return best;
}

void MemoryIncidents::save(const Incident& incident) {
  Incident row = incident;
  row.events.clear();
  data_.incidents[row.id] = std::move(row);
}

std::vector<PendingItem> MemoryPending::items(bool include_void) {
  std::vector<PendingItem> out;
  for (const auto& [id, p] : data_.pending) {
    if (include_void || !p.voided) out.push_back(p);
  }
  auto number = [](const PendingItem& p) { return number_of(p.id.substr(p.id.find('-') + 1)); };
  std::stable_sort(out.begin(), out.end(), [&](const PendingItem& a, const PendingItem& b) {
    if (a.created_at != b.created_at) return a.created_at < b.created_at;
    if (a.instruction != b.instruction) return !a.instruction;
    return number(a) < number(b);
  });
  return out;
}

std::optional<PendingItem> MemoryPending::find(const std::string& id) {
  auto it = data_.pending.find(id);
  if (it == data_.pending.end()) return std::nullopt;
  return it->second;
}

int MemoryPending::max_number(const std::string& prefix) {
  int best = 0;
  for (const auto& [id, p] : data_.pending) {
    if (id.rfind(prefix + "-", 0) == 0) best = std::max(best, number_of(id.substr(prefix.size() + 1)));
  }
  return best;
}

void MemoryPending::save(const PendingItem& item) { data_.pending[item.id] = item; }

std::vector<RosterShiftRecord> MemoryRoster::shifts(std::optional<Days> from, std::optional<Days> to) {
  std::vector<RosterShiftRecord> out;
  for (const auto& [d, row] : data_.shifts) {
    if ((!from || d >= *from) && (!to || d <= *to)) out.push_back(row);
  }
  return out;
}

std::optional<RosterShiftRecord> MemoryRoster::shift_at(Seconds at) {
  for (const auto& [d, row] : data_.shifts) {
    if (row.start <= at && at < row.end) return row;
  }
  return std::nullopt;
}

std::vector<RosterPersonRecord> MemoryRoster::people() {
  std::vector<RosterPersonRecord> out;
  for (const auto& [id, p] : data_.people) out.push_back(p);
  return out;
}

void MemoryRoster::save_shift(const RosterShiftRecord& shift) { data_.shifts[shift.date] = shift; }

void MemoryRoster::save_person(const RosterPersonRecord& person) { data_.people[person.id] = person; }

void MemoryStore::write(const std::function<void(StoreTransaction&)>& fn) {
  // Work on a copy so a throwing command leaves nothing behind.
  MemoryData copy = data_;
  MemoryTransaction tx(copy);
  run_prelude(tx);
  fn(tx);
  data_ = std::move(copy);
}

std::vector<Event> MemoryStore::events(const std::string& subject) { return events_about(data_.events, subject); }

void MemoryStore::for_each_event(const std::function<bool(const Event&)>& fn, bool /*parse_data*/, std::int64_t after) {
  for (const auto& e : data_.events) {
    if (e.seq <= after) continue;
    if (!fn(e)) return;
  }
}

std::vector<std::pair<std::string, std::int64_t>> MemoryStore::subject_heads() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& [id, inc] : data_.incidents) out.emplace_back(id, inc.last_seq);
  for (const auto& [id, p] : data_.pending) out.emplace_back(id, p.last_seq);
  return out;
}

std::vector<Event> MemoryStore::events_of_type(const std::string& type, Seconds from, Seconds to) {
  return events_typed(data_.events, type, from, to);
}

void MemoryStore::for_each_event_by_subject(const std::function<bool(const Event&)>& fn) {
  const auto& events = data_.events;
  std::vector<std::size_t> order(events.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return events[a].subject < events[b].subject; });
  for (std::size_t i : order) {
    if (!fn(read_back(events[i]))) return;
  }
}

std::unique_ptr<ProjectionCursor> MemoryStore::projection_rows(Projection table) {
  std::vector<ProjectionRow> rows;
  switch (table) {
    case Projection::kIncidents:
      for (const auto& [id, inc] : data_.incidents) rows.push_back(incident_row(inc));
      break;
    case Projection::kRequirements:
      for (const auto& [id, inc] : data_.incidents) {
        for (auto& r : requirement_rows(inc)) rows.push_back(std::move(r));
      }
      break;
    case Projection::kPending:
      for (const auto& [id, p] : data_.pending) rows.push_back(pending_row(p));
      break;
    case Projection::kRosterShifts:
      for (const auto& [d, s] : data_.shifts) rows.push_back(roster_shift_row(s));
      break;
    case Projection::kRosterPeople:
      for (const auto& [id, p] : data_.people) rows.push_back(roster_person_row(p));
      break;
  }
  return std::make_unique<RowsCursor>(std::move(rows));
}

std::optional<ChainPoint> MemoryStore::chain_point(std::optional<std::int64_t> seq) {
  const auto& events = data_.events;
  if (events.empty()) return std::nullopt;
  if (!seq) return ChainPoint{events.back().seq, events.back().hash};
  for (const auto& e : events) {
    if (e.seq == *seq) return ChainPoint{e.seq, e.hash};
  }
  return std::nullopt;
}

bool MemoryStore::wait_for_change(std::chrono::milliseconds timeout) {
  // Nobody else writes to a store in memory.
  std::this_thread::sleep_for(timeout);
  return false;
}

}  // namespace duty::reports
