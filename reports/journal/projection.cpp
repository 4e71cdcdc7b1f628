// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/projection.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>

#include "common/error.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

namespace {

const ProjectionTable kTables[] = {
    {"incidents",
     {"id"},
     {"year", "number", "title", "category", "location", "source", "received_by", "stated", "graded", "severity",
      "occurred_at", "received_at", "recorded_at", "deaths", "injured", "seriously_injured", "missing", "trapped",
      "loss", "closed", "closed_at", "followups", "last_seq", "description", "actions", "leaders_on_scene",
      "voided", "void_reason", "corrections", "supplements"}},
    {"requirements", {"incident", "org", "via"}, {"arose_at", "due", "made_at", "made_seq", "basis"}},
    {"pending",
     {"id"},
     {"instruction", "number", "text", "owner", "leader", "incident", "created_at", "created_by", "due", "done_at",
      "done_note", "done_by", "last_seq", "voided", "void_reason"}},
    {"roster_shifts",
     {"date"},
     {"start", "end", "day_type", "holiday", "assignments", "slot_names", "version", "changes", "last_seq",
      "partial_covers"}},
    {"roster_people", {"id"}, {"name", "phone", "last_seq"}},
};

Value integer(long long v) { return v; }
Value time_value(Seconds t) { return static_cast<long long>(t.time_since_epoch().count()); }
Value time_value(const std::optional<Seconds>& t) { return t ? time_value(*t) : Value{}; }

// The number after the last '-' of an id (2027-0042, T-7), 0 when there is none.
long long id_number(std::string_view id) {
  auto dash = id.rfind('-');
  if (dash == std::string_view::npos) return 0;
  long long n = 0;
  std::from_chars(id.data() + dash + 1, id.data() + id.size(), n);
  return n;
}

long long id_year(std::string_view id) {
  long long n = 0;
  std::from_chars(id.data(), id.data() + id.size(), n);
  return n;
}

std::optional<Seconds> time_field(const Event& e, const char* key) {
  if (auto n = e.integer(key)) return Seconds{std::chrono::seconds{*n}};
  return std::nullopt;
}

// Two stored values are the same when they are equal, numbers compared as numbers (SQLite keeps a
// REAL column's whole values as integers on disk, and reads them back as REAL).
bool same(const Value& a, const Value& b) {
  if (a.index() == b.index()) return a == b;
  auto number = [](const Value& v) -> std::optional<double> {
    if (const auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
  };
  auto x = number(a), y = number(b);
  return x && y && *x == *y;
}

int compare_values(const Value& a, const Value& b) {
  // SQLite orders NULL, then numbers, then text.
  auto rank = [](const Value& v) { return std::holds_alternative<std::monostate>(v) ? 0 : std::holds_alternative<std::string>(v) ? 2 : 1; };
  if (rank(a) != rank(b)) return rank(a) < rank(b) ? -1 : 1;
  if (rank(a) == 0) return 0;
  if (rank(a) == 2) {
    int c = std::get<std::string>(a).compare(std::get<std::string>(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  auto number = [](const Value& v) {
    if (const auto* i = std::get_if<long long>(&v)) return static_cast<long double>(*i);
    return static_cast<long double>(std::get<double>(v));
  };
  long double x = number(a), y = number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace

const ProjectionTable& projection_table(Projection p) { return kTables[static_cast<int>(p)]; }

bool key_less(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (int c = compare_values(a[i], b[i]); c != 0) return c < 0;
  }
  return a.size() < b.size();
}

std::string format_value(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* s = std::get_if<std::string>(&v)) return "'" + *s + "'";
  if (const auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
  std::ostringstream out;
  out.precision(17);
  out << std::get<double>(v);
  return out.str();
}

std::string format_key(Projection p, const std::vector<Value>& key) {
  std::string out;
  for (const auto& k : key) {
    if (!out.empty()) out += ' ';
    const auto* day = std::get_if<long long>(&k);
    if (p == Projection::kRosterShifts && day && *day > -1000000 && *day < 1000000) {
      out += format_date(Days{date::days{static_cast<int>(*day)}});
    } else if (const auto* s = std::get_if<std::string>(&k)) {
      out += *s;
    } else {
      out += format_value(k);
    }
  }
  return out;
}

std::string encode_corrections(const std::vector<Correction>& corrections) {
  std::string out;
  for (const auto& c : corrections) {
    for (const auto& ch : c.changes) {
      Fields f;
      f["seq"] = static_cast<long long>(c.seq);
      f["at"] = static_cast<long long>(c.at.time_since_epoch().count());
      f["by"] = c.by;
      f["reason"] = c.reason;
      f["field"] = ch.field;
      f["old"] = ch.old_value;
      f["new"] = ch.new_value;
      out += fields_json(f);
      out += '\n';
    }
  }
  return out;
}

std::vector<Correction> decode_corrections(std::string_view text) {
  std::vector<Correction> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string line(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty()) continue;
    Fields f = parse_fields_json(line);
    auto get = [&](const char* key) {
      auto it = f.find(key);
      return it == f.end() ? Value{} : it->second;
    };
    long long seq = 0;
    if (const auto* n = std::get_if<long long>(&f["seq"])) seq = *n;
    if (out.empty() || out.back().seq != seq) {
      Correction c;
      c.seq = seq;
      if (const auto* n = std::get_if<long long>(&f["at"])) c.at = Seconds{std::chrono::seconds{*n}};
      if (const auto* b = std::get_if<std::string>(&f["by"])) c.by = *b;
      if (const auto* r = std::get_if<std::string>(&f["reason"])) c.reason = *r;
      out.push_back(std::move(c));
    }
    FieldChange ch;
    if (const auto* k = std::get_if<std::string>(&f["field"])) ch.field = *k;
    ch.old_value = get("old");
    ch.new_value = get("new");
    out.back().changes.push_back(std::move(ch));
  }
  return out;
}

ProjectionRow incident_row(const Incident& i) {
  ProjectionRow row;
  row.key = {i.id};
  const Casualties& c = i.casualties;
  row.cells = {integer(id_year(i.id)),
               integer(id_number(i.id)),
               i.title,
               i.category,
               i.location,
               i.source,
               i.received_by,
               std::string(to_string(i.stated)),
               std::string(to_string(i.graded)),
               std::string(to_string(i.severity())),
               time_value(i.occurred_at),
               time_value(i.received_at),
               time_value(i.recorded_at),
               integer(c.deaths),
               integer(c.injured),
               integer(c.seriously_injured),
               integer(c.missing),
               integer(c.trapped),
               i.loss,
               integer(i.closed ? 1 : 0),
               time_value(i.closed_at),
               integer(i.followups),
               integer(i.last_seq),
               i.description,
               i.actions,
               i.leaders_on_scene,
               integer(i.voided ? 1 : 0),
               i.void_reason,
               encode_corrections(i.corrections),
               integer(i.supplements)};
  return row;
}

std::vector<ProjectionRow> requirement_rows(const Incident& i) {
  std::vector<ProjectionRow> rows;
  rows.reserve(i.requirements.size());
  for (const auto& r : i.requirements) {
    ProjectionRow row;
    row.key = {i.id, r.to, std::string(to_string(r.via))};
    row.cells = {time_value(r.arose_at), time_value(r.due), time_value(r.made_at), integer(r.made_seq), r.basis};
    rows.push_back(std::move(row));
  }
  return rows;
}

ProjectionRow pending_row(const PendingItem& p) {
  ProjectionRow row;
  row.key = {p.id};
  row.cells = {integer(p.instruction ? 1 : 0),
               integer(id_number(p.id)),
               p.text,
               p.owner,
               p.leader,
               p.incident,
               time_value(p.created_at),
               p.created_by,
               time_value(p.due),
               time_value(p.done_at),
               p.done_note,
               p.done_by,
               integer(p.last_seq),
               integer(p.voided ? 1 : 0),
               p.void_reason};
  return row;
}

ProjectionRow roster_shift_row(const RosterShiftRecord& s) {
  ProjectionRow row;
  row.key = {integer(s.date.time_since_epoch().count())};
  row.cells = {time_value(s.start),
               time_value(s.end),
               s.day_type,
               s.holiday,
               encode_assignments(s.assignments),
               encode_slot_names(s.slot_names),
               integer(s.version),
               integer(s.changes),
               integer(s.last_seq),
               encode_partial_covers(s.partial_covers)};
  return row;
}

ProjectionRow roster_person_row(const RosterPersonRecord& p) {
  ProjectionRow row;
  row.key = {p.id};
  row.cells = {p.name, p.phone, integer(p.last_seq)};
  return row;
}

PendingItem fold_pending_event(const std::optional<PendingItem>& before, const Event& e) {
  if (e.type == event_type::kTodo || e.type == event_type::kInstruction) {
    PendingItem p;
    p.id = e.subject;
    p.instruction = e.type == event_type::kInstruction;
    p.text = e.text("text").value_or("");
    if (p.instruction) {
      p.leader = e.text("from").value_or("");
    } else {
      p.owner = e.text("owner").value_or("");
    }
    p.incident = e.text("incident").value_or("");
    p.due = time_field(e, "due");
    p.created_at = e.at;
    p.created_by = e.by;
    p.last_seq = e.seq;
    return p;
  }
  if (e.type == event_type::kDone && before) {
    PendingItem p = *before;
    p.done_at = e.at;
    p.done_note = e.text("note").value_or("");
    p.done_by = e.by;
    p.last_seq = e.seq;
    return p;
  }
  if (e.type == event_type::kVoid && before && !before->voided) {
    PendingItem p = *before;
    p.voided = true;
    p.void_reason = e.text("reason").value_or("");
    p.last_seq = e.seq;
    return p;
  }
  throw StoreError("event " + std::to_string(e.seq) + " (" + e.type + " " + e.subject +
                   ") does not apply to a pending item; run 'duty log verify'");
}

namespace {

// The partial covers that survive a change of the shift: those whose `out` still holds a place in
// the slot, within the shift's times (docs/publishing.md).
std::vector<PartialCover> kept_covers(const std::vector<PartialCover>& covers,
                                      const RosterShiftRecord& row) {
  std::vector<PartialCover> out;
  for (const auto& c : covers) {
    const auto* people = row.people_in(c.slot);
    bool holds = people && std::find(people->begin(), people->end(), c.out) != people->end();
    if (holds && c.from >= row.start && c.to <= row.end) out.push_back(c);
  }
  return out;
}

}  // namespace

RosterShiftRecord fold_roster_event(const std::optional<RosterShiftRecord>& before, Days date, const Event& e) {
  if (e.type == kRosterPublished) {
    RosterShiftRecord row;
    row.date = date;
    row.start = time_field(e, "start").value_or(Seconds{});
    row.end = time_field(e, "end").value_or(Seconds{});
    row.day_type = e.text("day_type").value_or("");
    row.holiday = e.text("holiday").value_or("");
    row.assignments = decode_assignments(e.text("assignments").value_or(""));
    row.slot_names = decode_slot_names(e.text("slot_names").value_or(""));
    if (before) row.partial_covers = kept_covers(before->partial_covers, row);
    row.version = before ? before->version + 1 : 1;
    row.changes = before ? before->changes + (before->assignments != row.assignments ? 1 : 0) : 0;
    row.last_seq = e.seq;
    return row;
  }
  // A cover of part of the shift: the assignments stay as they are.
  if (e.type == kRosterCover && before && e.integer("from")) {
    RosterShiftRecord row = *before;
    auto from = time_field(e, "from"), to = time_field(e, "to");
    if (!to) {
      throw StoreError("event " + std::to_string(e.seq) + " (" + e.type + " " + e.subject +
                       ") has 'from' without 'to'; run 'duty log verify'");
    }
    row.partial_covers.push_back({e.text("slot").value_or(""), e.text("out").value_or(""),
                                  e.text("in").value_or(""), *from, *to,
                                  e.text("reason").value_or("")});
    row.last_seq = e.seq;
    return row;
  }
  if ((e.type == kRosterSwap || e.type == kRosterCover) && before) {
    RosterShiftRecord row = *before;
    row.assignments = decode_assignments(e.text("assignments").value_or(""));
    row.partial_covers = kept_covers(before->partial_covers, row);
    ++row.changes;
    row.last_seq = e.seq;
    return row;
  }
  throw StoreError("event " + std::to_string(e.seq) + " (" + e.type + " " + e.subject +
                   ") does not apply to a published shift; run 'duty log verify'");
}

RosterPersonRecord fold_person_event(const Event& e) {
  constexpr std::string_view kPrefix = "person:";
  RosterPersonRecord p;
  p.id = e.subject.substr(std::min(e.subject.size(), kPrefix.size()));
  p.name = e.text("name").value_or("");
  p.phone = e.text("phone").value_or("");
  p.last_seq = e.seq;
  return p;
}

Incident Projector::incident(const std::vector<Event>& events) const { return fold_incident(events, office_); }

Projected Projector::project(const std::vector<Event>& events) const {
  Projected out;
  if (events.empty()) return out;
  const Event& first = events.front();
  if (first.type == event_type::kCreated) {
    out.incident = incident(events);
  } else if (first.type == event_type::kTodo || first.type == event_type::kInstruction) {
    std::optional<PendingItem> p;
    for (const auto& e : events) p = fold_pending_event(p, e);
    out.pending = std::move(p);
  } else if (first.type == kRosterPublished && first.subject.rfind("roster:", 0) == 0) {
    auto date = parse_date(std::string_view(first.subject).substr(7));
    if (!date) throw StoreError("roster events of an unreadable date '" + first.subject + "'; run 'duty log verify'");
    std::optional<RosterShiftRecord> row;
    for (const auto& e : events) row = fold_roster_event(row, *date, e);
    out.shift = std::move(row);
  } else if (first.type == kRosterPerson) {
    out.person = fold_person_event(events.back());
  }
  return out;
}

// The events' memory is reused from one subject to the next: most subjects have a handful of events.
void for_each_subject(Store& store, const std::function<void(const std::vector<Event>&)>& fn) {
  std::vector<Event> group;
  std::size_t n = 0;
  auto flush = [&] {
    if (group.size() > n) group.erase(group.begin() + static_cast<std::ptrdiff_t>(n), group.end());
    fn(group);
    n = 0;
  };
  store.for_each_event_by_subject([&](const Event& e) {
    if (n > 0 && group.front().subject != e.subject) flush();
    if (n == group.size()) {
      group.push_back(e);
    } else {
      group[n] = e;
    }
    ++n;
    return true;
  });
  if (n > 0) flush();
}

namespace {

// Compares recomputed rows with one table's stored rows; both arrive in key order (a merge join,
// so neither side is held in memory whole).
class TableCheck {
 public:
  TableCheck(Store& store, Projection table, ProjectionReport& report)
      : table_(table), cursor_(store.projection_rows(table)), report_(report) {
    advance();
  }

  void expect(const ProjectionRow& row) {
    ++report_.rows;
    while (stored_ && key_less(current_.key, row.key)) {
      extra();
      advance();
    }
    if (!stored_ || key_less(row.key, current_.key)) {
      problem(row.key, "missing: the events give this row and the table does not hold it");
      return;
    }
    compare(row);
    advance();
  }

  void finish() {
    while (stored_) {
      extra();
      advance();
    }
  }

 private:
  void advance() { stored_ = cursor_->next(current_); }

  void extra() { problem(current_.key, "extra: the table holds this row and no events give it"); }

  void compare(const ProjectionRow& row) {
    const auto& columns = projection_table(table_).columns;
    std::string what;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      static const Value kNull;
      const Value& stored = c < current_.cells.size() ? current_.cells[c] : kNull;
      if (same(stored, row.cells[c])) continue;
      if (!what.empty()) what += "; ";
      what += std::string(columns[c]) + ": stored " + format_value(stored) + ", events give " +
              format_value(row.cells[c]);
    }
    if (!what.empty()) problem(row.key, what);
  }

  void problem(const std::vector<Value>& key, std::string what) {
    ++report_.problem_count;
    if (report_.problems.size() < ProjectionReport::kMaxListed) {
      report_.problems.push_back({table_, format_key(table_, key), std::move(what)});
    }
  }

  Projection table_;
  std::unique_ptr<ProjectionCursor> cursor_;
  ProjectionReport& report_;
  ProjectionRow current_;
  bool stored_ = false;
};

// Every row a subject's projection gives, each with its table.
void rows_of(const Projected& p, const std::function<void(Projection, const ProjectionRow&)>& fn) {
  if (p.incident) {
    fn(Projection::kIncidents, incident_row(*p.incident));
    auto reqs = requirement_rows(*p.incident);
    std::sort(reqs.begin(), reqs.end(), [](const ProjectionRow& a, const ProjectionRow& b) { return key_less(a.key, b.key); });
    for (const auto& r : reqs) fn(Projection::kRequirements, r);
  }
  if (p.pending) fn(Projection::kPending, pending_row(*p.pending));
  if (p.shift) fn(Projection::kRosterShifts, roster_shift_row(*p.shift));
  if (p.person) fn(Projection::kRosterPeople, roster_person_row(*p.person));
}

std::string subject_problem(const std::vector<Event>& events, const StoreError& e) {
  return std::string("the events of ") + events.front().subject + " do not fold: " + e.what();
}

}  // namespace

ProjectionReport verify_projections(Store& store, const Office& office) {
  ProjectionReport report;
  Projector projector(office);
  std::vector<std::unique_ptr<TableCheck>> checks;
  for (Projection p : kProjections) checks.push_back(std::make_unique<TableCheck>(store, p, report));
  for_each_subject(store, [&](const std::vector<Event>& events) {
    Projected p;
    try {
      p = projector.project(events);
    } catch (const StoreError& e) {
      ++report.problem_count;
      if (report.problems.size() < ProjectionReport::kMaxListed) {
        report.problems.push_back({Projection::kIncidents, events.front().subject, subject_problem(events, e)});
      }
      return;
    }
    rows_of(p, [&](Projection t, const ProjectionRow& row) { checks[static_cast<int>(t)]->expect(row); });
  });
  for (auto& c : checks) c->finish();
  return report;
}

std::int64_t save_projected(StoreTransaction& tx, const Projected& p) {
  std::int64_t rows = 0;
  if (p.incident) {
    tx.incidents().save(*p.incident);
    rows += 1 + static_cast<std::int64_t>(p.incident->requirements.size());
  }
  if (p.pending) {
    tx.pending().save(*p.pending);
    ++rows;
  }
  if (p.shift) {
    tx.roster().save_shift(*p.shift);
    ++rows;
  }
  if (p.person) {
    tx.roster().save_person(*p.person);
    ++rows;
  }
  return rows;
}

RebuildResult rebuild_projections(Store& store, const Office& office) {
  RebuildResult result;
  Projector projector(office);
  // Verified inside the write transaction, so no event can arrive between the check and the rebuild.
  store.write([&](StoreTransaction& tx) {
    VerifyResult chain = verify_chain(store);
    if (!chain.ok()) throw ChainBrokenError(chain.problem, chain.checked);
    result.before = verify_projections(store, office);
    tx.clear_projections();
    for_each_subject(store, [&](const std::vector<Event>& events) {
      result.rows += save_projected(tx, projector.project(events));
    });
  });
  return result;
}

}  // namespace duty::reports
