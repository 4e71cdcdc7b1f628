// SPDX-License-Identifier: Apache-2.0
#include "reports/memory_store.hpp"

#include <algorithm>
#include <numeric>

#include "common/text.hpp"

namespace duty::reports {

namespace {
// The number of an id duty made ("0042" of 2027-0042, "3" of T-3); 0 for anything else.
int number_of(const std::string& digits) {
  std::string problem;
  return static_cast<int>(parse_whole_number(digits, 0, std::numeric_limits<int>::max(), problem).value_or(0));
}
}  // namespace

class MemoryTransaction : public StoreTransaction {
 public:
  MemoryTransaction(std::vector<Event>& events, std::map<std::string, Incident>& incidents,
                    std::map<std::string, PendingItem>& pending, std::map<Days, RosterShiftRecord>& shifts,
                    std::map<std::string, RosterPersonRecord>& people)
      : events_(events), incidents_(incidents), pending_(pending), shifts_(shifts), people_(people) {}

  std::optional<Event> event_at(std::int64_t seq) override {
    if (seq < 1 || seq > static_cast<std::int64_t>(events_.size())) return std::nullopt;
    Event copy = events_[static_cast<std::size_t>(seq - 1)];
    if (!copy.payload.empty()) copy.data = parse_fields_json(copy.payload);
    return copy;
  }

  std::optional<PendingItem> find_pending(const std::string& id) override {
    auto it = pending_.find(id);
    if (it == pending_.end()) return std::nullopt;
    return it->second;
  }

  int max_pending_number(const std::string& prefix) override {
    int best = 0;
    for (const auto& [id, p] : pending_) {
      if (id.rfind(prefix + "-", 0) == 0) best = std::max(best, number_of(id.substr(prefix.size() + 1)));
    }
    return best;
  }

  void save_pending(const PendingItem& item) override { pending_[item.id] = item; }

  std::vector<Event> events(const std::string& subject) override {
    std::vector<Event> out;
    for (const auto& e : events_) {
      if (e.subject != subject) continue;
      // Read back what was stored, as SQLite does, so a tampered payload shows in the fold too.
      Event copy = e;
      if (!copy.payload.empty()) copy.data = parse_fields_json(copy.payload);
      out.push_back(std::move(copy));
    }
    return out;
  }

  std::vector<Event> events_of_type(const std::string& type) override {
    std::vector<Event> out;
    for (const auto& e : events_) {
      if (e.type != type) continue;
      Event copy = e;
      if (!copy.payload.empty()) copy.data = parse_fields_json(copy.payload);
      out.push_back(std::move(copy));
    }
    std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
    return out;
  }

  int max_incident_number(int year) override {
    int best = 0;
    std::string prefix = std::to_string(year) + "-";
    for (const auto& [id, inc] : incidents_) {
      if (id.rfind(prefix, 0) == 0) best = std::max(best, number_of(id.substr(prefix.size())));
    }
    return best;
  }

  Event append(Event e) override {
    e.seq = static_cast<std::int64_t>(events_.size()) + 1;
    e.prev_hash = events_.empty() ? kGenesisHash : events_.back().hash;
    e.payload = fields_json(e.data);
    e.hash = chain_hash(e.prev_hash, e);
    events_.push_back(e);
    return e;
  }

  void save_incident(const Incident& incident) override {
    Incident row = incident;
    row.events.clear();
    incidents_[row.id] = std::move(row);
  }

  std::vector<RosterShiftRecord> roster_shifts(std::optional<Days> from, std::optional<Days> to) override {
    std::vector<RosterShiftRecord> out;
    for (const auto& [d, row] : shifts_) {
      if ((!from || d >= *from) && (!to || d <= *to)) out.push_back(row);
    }
    return out;
  }
  void save_roster_shift(const RosterShiftRecord& shift) override { shifts_[shift.date] = shift; }
  std::vector<RosterPersonRecord> roster_people() override {
    std::vector<RosterPersonRecord> out;
    for (const auto& [id, p] : people_) out.push_back(p);
    return out;
  }
  void save_roster_person(const RosterPersonRecord& person) override { people_[person.id] = person; }

  void clear_projections() override {
    incidents_.clear();
    pending_.clear();
    shifts_.clear();
    people_.clear();
  }

 private:
  std::vector<Event>& events_;
  std::map<std::string, Incident>& incidents_;
  std::map<std::string, PendingItem>& pending_;
  std::map<Days, RosterShiftRecord>& shifts_;
  std::map<std::string, RosterPersonRecord>& people_;
};

void MemoryStore::write(const std::function<void(StoreTransaction&)>& fn) {
  // Work on copies so a throwing command leaves nothing behind.
  auto events = events_;
  auto incidents = incidents_;
  auto pending = pending_;
  auto shifts = shifts_;
  auto people = people_;
  MemoryTransaction tx(events, incidents, pending, shifts, people);
  run_prelude(tx);
  fn(tx);
  events_ = std::move(events);
  incidents_ = std::move(incidents);
  pending_ = std::move(pending);
  shifts_ = std::move(shifts);
  people_ = std::move(people);
}

std::vector<Event> MemoryStore::events(const std::string& subject) {
  MemoryTransaction tx(events_, incidents_, pending_, shifts_, people_);
  return tx.events(subject);
}

std::vector<Incident> MemoryStore::list(const ListQuery& q) {
  std::vector<Incident> out;
  for (const auto& [id, inc] : incidents_) {
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

void MemoryStore::for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) {
  std::vector<DueReport> out;
  for (const auto& [id, inc] : incidents_) {
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

void MemoryStore::for_each_event(const std::function<bool(const Event&)>& fn, bool /*parse_data*/) {
  for (const auto& e : events_) {
    if (!fn(e)) return;
  }
}

std::vector<std::pair<std::string, std::int64_t>> MemoryStore::incident_heads() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& [id, inc] : incidents_) out.emplace_back(id, inc.last_seq);
  for (const auto& [id, p] : pending_) out.emplace_back(id, p.last_seq);
  return out;
}

std::vector<PendingItem> MemoryStore::pending_items(bool include_void) {
  std::vector<PendingItem> out;
  for (const auto& [id, p] : pending_) {
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

std::vector<Event> MemoryStore::events_of_type(const std::string& type, Seconds from, Seconds to) {
  std::vector<Event> out;
  for (const auto& e : events_) {
    if (e.type != type || e.at < from || e.at >= to) continue;
    Event copy = e;
    if (!copy.payload.empty()) copy.data = parse_fields_json(copy.payload);
    out.push_back(std::move(copy));
  }
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  return out;
}

std::vector<RosterShiftRecord> MemoryStore::roster_shifts(std::optional<Days> from, std::optional<Days> to) {
  MemoryTransaction tx(events_, incidents_, pending_, shifts_, people_);
  return tx.roster_shifts(from, to);
}

std::optional<RosterShiftRecord> MemoryStore::roster_shift_at(Seconds at) {
  for (const auto& [d, row] : shifts_) {
    if (row.start <= at && at < row.end) return row;
  }
  return std::nullopt;
}

std::vector<RosterPersonRecord> MemoryStore::roster_people() {
  MemoryTransaction tx(events_, incidents_, pending_, shifts_, people_);
  return tx.roster_people();
}

}  // namespace duty::reports

namespace duty::reports {

namespace {

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

void MemoryStore::for_each_event_by_subject(const std::function<bool(const Event&)>& fn) {
  std::vector<std::size_t> order(events_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return events_[a].subject < events_[b].subject; });
  for (std::size_t i : order) {
    Event copy = events_[i];
    if (!copy.payload.empty()) copy.data = parse_fields_json(copy.payload);
    if (!fn(copy)) return;
  }
}

std::unique_ptr<ProjectionCursor> MemoryStore::projection_rows(Projection table) {
  std::vector<ProjectionRow> rows;
  switch (table) {
    case Projection::kIncidents:
      for (const auto& [id, inc] : incidents_) rows.push_back(incident_row(inc));
      break;
    case Projection::kRequirements:
      for (const auto& [id, inc] : incidents_) {
        for (auto& r : requirement_rows(inc)) rows.push_back(std::move(r));
      }
      break;
    case Projection::kPending:
      for (const auto& [id, p] : pending_) rows.push_back(pending_row(p));
      break;
    case Projection::kRosterShifts:
      for (const auto& [d, s] : shifts_) rows.push_back(roster_shift_row(s));
      break;
    case Projection::kRosterPeople:
      for (const auto& [id, p] : people_) rows.push_back(roster_person_row(p));
      break;
  }
  return std::make_unique<RowsCursor>(std::move(rows));
}

std::optional<ChainPoint> MemoryStore::chain_point(std::optional<std::int64_t> seq) {
  if (events_.empty()) return std::nullopt;
  if (!seq) return ChainPoint{events_.back().seq, events_.back().hash};
  for (const auto& e : events_) {
    if (e.seq == *seq) return ChainPoint{e.seq, e.hash};
  }
  return std::nullopt;
}

}  // namespace duty::reports
