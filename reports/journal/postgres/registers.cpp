// SPDX-License-Identifier: Apache-2.0
#include "reports/journal/postgres/registers.hpp"

#include "common/i18n.hpp"
#include "reports/journal/postgres/connection.hpp"

namespace duty::reports::postgres {

namespace {

const char* kIncidentColumns =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "description, actions, leaders_on_scene, voided, void_reason, corrections, supplements";

Incident read_incident(const Result& r, int row) {
  Incident i;
  i.id = r.text(row, 0);
  i.title = r.text(row, 1);
  i.category = r.text(row, 2);
  i.location = r.text(row, 3);
  i.source = r.text(row, 4);
  i.received_by = r.text(row, 5);
  i.stated = parse_severity(r.view(row, 6)).value_or(Severity::kUnknown);
  i.graded = parse_severity(r.view(row, 7)).value_or(Severity::kIV);
  i.occurred_at = r.time(row, 8);
  i.received_at = *r.time(row, 9);
  i.recorded_at = *r.time(row, 10);
  auto whole = [&](int col) { return static_cast<int>(r.integer(row, col)); };
  i.casualties = {whole(11), whole(12), whole(13), whole(14), whole(15)};
  i.loss = r.real(row, 16);
  i.closed = r.integer(row, 17) != 0;
  i.closed_at = r.time(row, 18);
  i.followups = whole(19);
  i.last_seq = r.integer(row, 20);
  i.description = r.text(row, 21);
  i.actions = r.text(row, 22);
  i.leaders_on_scene = r.text(row, 23);
  i.voided = r.integer(row, 24) != 0;
  i.void_reason = r.text(row, 25);
  i.corrections = decode_corrections(r.view(row, 26));
  i.supplements = whole(27);
  return i;
}

const char* kPendingColumns =
    "id, instruction, text, owner, leader, incident, created_at, created_by, due, done_at, done_note, done_by, "
    "last_seq, voided, void_reason";

PendingItem read_pending(const Result& r, int row) {
  PendingItem p;
  p.id = r.text(row, 0);
  p.instruction = r.integer(row, 1) != 0;
  p.text = r.text(row, 2);
  p.owner = r.text(row, 3);
  p.leader = r.text(row, 4);
  p.incident = r.text(row, 5);
  p.created_at = *r.time(row, 6);
  p.created_by = r.text(row, 7);
  p.due = r.time(row, 8);
  p.done_at = r.time(row, 9);
  p.done_note = r.text(row, 10);
  p.done_by = r.text(row, 11);
  p.last_seq = r.integer(row, 12);
  p.voided = r.integer(row, 13) != 0;
  p.void_reason = r.text(row, 14);
  return p;
}

const char* kRosterShiftColumns =
    "date, start, \"end\", day_type, holiday, assignments, version, changes, last_seq, slot_names, partial_covers";

RosterShiftRecord read_roster_shift(const Result& r, int row) {
  RosterShiftRecord s;
  s.date = Days{date::days{static_cast<int>(r.integer(row, 0))}};
  s.start = *r.time(row, 1);
  s.end = *r.time(row, 2);
  s.day_type = r.text(row, 3);
  s.holiday = r.text(row, 4);
  s.assignments = decode_assignments(r.view(row, 5));
  s.version = static_cast<int>(r.integer(row, 6));
  s.changes = static_cast<int>(r.integer(row, 7));
  s.last_seq = r.integer(row, 8);
  s.slot_names = decode_slot_names(r.view(row, 9));
  s.partial_covers = decode_partial_covers(r.view(row, 10));
  return s;
}

long long day_number(Days d) { return static_cast<long long>(d.time_since_epoch().count()); }

// "$n" of the parameter just added.
std::string last(const Params& p) { return "$" + std::to_string(p.size()); }

}  // namespace

std::vector<Incident> PgIncidentIndex::list(const ListQuery& q) {
  Params p;
  p.text(office_);
  std::string sql = std::string("SELECT ") + kIncidentColumns + " FROM duty.incidents WHERE office = $1";
  if (!q.include_void) sql += " AND voided = 0";
  // Literal 0/1 rather than a parameter, so the partial indexes of open and closed incidents serve.
  if (q.closed) sql += *q.closed ? " AND closed = 1" : " AND closed = 0";
  if (q.open_at) {
    p.time(*q.open_at);
    const std::string at = last(p);
    sql += " AND id IN (SELECT id FROM duty.incidents WHERE office = $1 AND closed = 0 AND received_at <= " + at +
           " UNION ALL SELECT id FROM duty.incidents WHERE office = $1 AND closed = 1 AND closed_at > " + at +
           " AND received_at <= " + at + ")";
  }
  if (q.from) sql += " AND received_at >= " + last(p.time(*q.from));
  if (q.to) sql += " AND received_at <= " + last(p.time(*q.to));
  if (q.category) sql += " AND category = " + last(p.text(*q.category));
  if (q.severity) sql += " AND severity = " + last(p.text(to_string(*q.severity)));
  sql += " ORDER BY received_at, id";
  Result r = conn_.exec(sql, p, N_("listing incidents"));
  std::vector<Incident> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int row = 0; row < r.rows(); ++row) out.push_back(read_incident(r, row));
  return out;
}

void PgIncidentIndex::for_each_due_report(Seconds at, bool upcoming,
                                          const std::function<void(const DueReport&)>& fn) {
  // The reports not made by `at`: never made (their own index, in deadline order) or made later.
  // Ties keep the order the rules made them in (ord), as SQLite's rowid order does.
  // The title is looked up per report through the incidents' key, a plan that stays right however
  // stale the planner's statistics are (a join was planned as a nested scan after a bulk copy).
  const std::string deadline = upcoming ? "" : " AND r.due < $2";
  const std::string columns =
      "SELECT r.incident, r.org, r.via, r.arose_at, r.due, r.made_at, r.made_seq, r.basis, "
      "(SELECT i.title FROM duty.incidents i WHERE i.office = r.office AND i.id = r.incident) AS title, r.ord "
      "FROM duty.requirements r WHERE r.office = $1 AND r.arose_at <= $2";
  const std::string sql = "SELECT * FROM (" + columns + " AND r.made_at IS NULL" + deadline + " UNION ALL " +
                          columns + " AND r.made_at > $2" + deadline + ") d ORDER BY due, incident, ord";
  Result r = conn_.exec(sql, Params().text(office_).time(at), N_("listing the reports due"));
  DueReport d;
  for (int row = 0; row < r.rows(); ++row) {
    d.incident.assign(r.view(row, 0));
    Requirement& req = d.requirement;
    req.to.assign(r.view(row, 1));
    req.via = parse_channel(r.view(row, 2)).value_or(Channel::kWritten);
    req.arose_at = *r.time(row, 3);
    req.due = *r.time(row, 4);
    req.made_at = r.time(row, 5);
    req.made_seq = r.integer(row, 6);
    req.basis.assign(r.view(row, 7));
    d.title.assign(r.view(row, 8));
    fn(d);
  }
}

std::vector<PendingItem> PgPendingIndex::items(bool include_void) {
  std::string sql = std::string("SELECT ") + kPendingColumns + " FROM duty.pending WHERE office = $1";
  if (!include_void) sql += " AND voided = 0";
  sql += " ORDER BY created_at, instruction, number";
  Result r = conn_.exec(sql, Params().text(office_), N_("listing pending items"));
  std::vector<PendingItem> out;
  for (int row = 0; row < r.rows(); ++row) out.push_back(read_pending(r, row));
  return out;
}

std::vector<RosterShiftRecord> PgRosterIndex::shifts(std::optional<Days> from, std::optional<Days> to) {
  Params p;
  p.text(office_);
  std::string sql = std::string("SELECT ") + kRosterShiftColumns + " FROM duty.roster_shifts WHERE office = $1";
  if (from) sql += " AND date >= " + last(p.integer(day_number(*from)));
  if (to) sql += " AND date <= " + last(p.integer(day_number(*to)));
  sql += " ORDER BY date";
  Result r = conn_.exec(sql, p, N_("reading the published roster"));
  std::vector<RosterShiftRecord> out;
  for (int row = 0; row < r.rows(); ++row) out.push_back(read_roster_shift(r, row));
  return out;
}

std::optional<RosterShiftRecord> PgRosterIndex::shift_at(Seconds at) {
  std::string sql = std::string("SELECT ") + kRosterShiftColumns +
                    " FROM duty.roster_shifts WHERE office = $1 AND start <= $2 ORDER BY start DESC LIMIT 1";
  Result r = conn_.exec(sql, Params().text(office_).time(at), N_("reading the published roster"));
  if (r.rows() == 0) return std::nullopt;
  RosterShiftRecord s = read_roster_shift(r, 0);
  if (s.end <= at) return std::nullopt;
  return s;
}

std::vector<RosterPersonRecord> PgRosterIndex::people() {
  Result r = conn_.exec("SELECT id, name, phone, last_seq FROM duty.roster_people WHERE office = $1 ORDER BY id",
                        Params().text(office_), N_("reading the published roster"));
  std::vector<RosterPersonRecord> out;
  for (int row = 0; row < r.rows(); ++row) {
    out.push_back({r.text(row, 0), r.text(row, 1), r.text(row, 2), r.integer(row, 3)});
  }
  return out;
}

int PgIncidentRows::max_number(int year) {
  if (auto it = max_number_.find(year); it != max_number_.end()) return it->second;
  Result r = conn_.exec_prepared("SELECT coalesce(max(number), 0) FROM duty.incidents WHERE office = $1 AND year = $2",
                                 Params().text(office_).integer(year), N_("numbering the incident"));
  int n = static_cast<int>(r.integer(0, 0));
  max_number_[year] = n;
  return n;
}

void PgIncidentRows::save(const Incident& i) {
  ProjectionRow row = incident_row(i);
  const int year = static_cast<int>(std::get<long long>(row.cells[0]));
  const int number = static_cast<int>(std::get<long long>(row.cells[1]));
  if (auto it = max_number_.find(year); it != max_number_.end()) it->second = std::max(it->second, number);
  writer_.save(Projection::kIncidents, row);
  // An incident whose only event is its creation has no reports to replace (ids are never reused).
  const bool fresh = i.events.size() == 1 && i.events.front().type == event_type::kCreated;
  writer_.replace_requirements(i.id, requirement_rows(i), fresh);
}

std::optional<PendingItem> PgPendingRows::find(const std::string& id) {
  Result r = conn_.exec_prepared(std::string("SELECT ") + kPendingColumns +
                                     " FROM duty.pending WHERE office = $1 AND id = $2",
                                 Params().text(office_).text(id), N_("reading a pending item"));
  if (r.rows() == 0) return std::nullopt;
  return read_pending(r, 0);
}

int PgPendingRows::max_number(const std::string& prefix) {
  Result r = conn_.exec("SELECT coalesce(max(number), 0) FROM duty.pending WHERE office = $1 AND instruction = $2",
                        Params().text(office_).integer(prefix == "P" ? 1 : 0), N_("numbering the pending item"));
  return static_cast<int>(r.integer(0, 0));
}

void PgPendingRows::save(const PendingItem& item) { writer_.save(Projection::kPending, pending_row(item)); }

void PgRosterRows::save_shift(const RosterShiftRecord& shift) {
  writer_.save(Projection::kRosterShifts, roster_shift_row(shift));
}

void PgRosterRows::save_person(const RosterPersonRecord& person) {
  writer_.save(Projection::kRosterPeople, roster_person_row(person));
}

}  // namespace duty::reports::postgres
