// SPDX-License-Identifier: Apache-2.0
// The incident register's tables in the SQLite store: listing and the reports due.
#include <algorithm>
#include <tuple>
#include <vector>

#include "reports/journal/sqlite/sqlite_internal.hpp"

namespace duty::reports::sqlite_detail {

namespace {

const char* kIncidentColumns =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "description, actions, leaders_on_scene, voided, void_reason, corrections, supplements";
// A store older than version 8, read as it is, has no corrections or voids in its rows.
const char* kIncidentColumnsV7 =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "description, actions, leaders_on_scene, 0, '', '', 0";
// A store older than version 6, read as it is, has no free text in its rows.
const char* kIncidentColumnsV5 =
    "id, title, category, location, source, received_by, stated, graded, occurred_at, received_at, recorded_at, "
    "deaths, injured, seriously_injured, missing, trapped, loss, closed, closed_at, followups, last_seq, "
    "'', '', '', 0, '', '', 0";

Incident read_incident(const Statement& s) {
  Incident i;
  i.id = s.text(0);
  i.title = s.text(1);
  i.category = s.text(2);
  i.location = s.text(3);
  i.source = s.text(4);
  i.received_by = s.text(5);
  i.stated = parse_severity(s.text(6)).value_or(Severity::kUnknown);
  i.graded = parse_severity(s.text(7)).value_or(Severity::kIV);
  i.occurred_at = s.time(8);
  i.received_at = *s.time(9);
  i.recorded_at = *s.time(10);
  i.casualties = {static_cast<int>(s.integer(11)), static_cast<int>(s.integer(12)), static_cast<int>(s.integer(13)),
                  static_cast<int>(s.integer(14)), static_cast<int>(s.integer(15))};
  i.loss = s.real(16);
  i.closed = s.integer(17) != 0;
  i.closed_at = s.time(18);
  i.followups = static_cast<int>(s.integer(19));
  i.last_seq = s.integer(20);
  i.description = s.text(21);
  i.actions = s.text(22);
  i.leaders_on_scene = s.text(23);
  i.voided = s.integer(24) != 0;
  i.void_reason = s.text(25);
  i.corrections = decode_corrections(s.view(26));
  i.supplements = static_cast<int>(s.integer(27));
  return i;
}


// A due-report query from `rest` (the FROM clause on, after `requirements r`); `made` names the
// made_at and made_seq columns, or gives NULL, NULL where they are known to be null. Column 8 is
// the requirement's rowid.
std::string due_query(const char* made, const std::string& rest) {
  return std::string("SELECT r.incident, r.org, r.via, r.arose_at, r.due, ") + made +
         ", r.basis, r.rowid, i.title FROM requirements r " + rest;
}

// A row of due_query, into `d` (whose strings keep their memory from row to row).
void read_due_report(const Statement& s, DueReport& d) {
  s.text_into(0, d.incident);
  Requirement& r = d.requirement;
  s.text_into(1, r.to);
  r.via = parse_channel(s.view(2)).value_or(Channel::kWritten);
  r.arose_at = *s.time(3);
  r.due = *s.time(4);
  r.made_at = s.time(5);
  r.made_seq = s.integer(6);
  s.text_into(7, r.basis);
  s.text_into(9, d.title);
}

}  // namespace

std::vector<Incident> SqliteIncidents::list(const ListQuery& q) {
  if (store_.blank_) return {};
  std::string sql = std::string("SELECT ") +
                    (store_.version_ >= 8 ? kIncidentColumns : store_.version_ >= 6 ? kIncidentColumnsV7 : kIncidentColumnsV5) +
                    " FROM incidents WHERE 1";
  if (!q.include_void && store_.version_ >= 8) sql += " AND voided = 0";
  // Literal 0/1 rather than a parameter, so the partial index of open incidents can be used.
  if (q.closed) sql += *q.closed ? " AND closed = 1" : " AND closed = 0";
  if (q.open_at) {
    sql += " AND id IN (SELECT id FROM incidents WHERE closed = 0 AND received_at <= ?6 UNION ALL "
           "SELECT id FROM incidents WHERE closed = 1 AND closed_at > ?6 AND received_at <= ?6)";
  }
  if (q.from) sql += " AND received_at >= ?2";
  if (q.to) sql += " AND received_at <= ?3";
  if (q.category) sql += " AND category = ?4";
  if (q.severity) sql += " AND severity = ?5";
  sql += " ORDER BY received_at, id";
  Statement s(store_, store_.db_, sql.c_str());
  if (q.open_at) s.bind(6, *q.open_at);
  if (q.from) s.bind(2, *q.from);
  if (q.to) s.bind(3, *q.to);
  if (q.category) s.bind(4, *q.category);
  if (q.severity) s.bind(5, std::string(to_string(*q.severity)));
  std::vector<Incident> out;
  while (s.step()) out.push_back(read_incident(s));
  return out;
}

void SqliteIncidents::for_each_due_report(Seconds at, bool upcoming, const std::function<void(const DueReport&)>& fn) {
  if (store_.blank_) return;
  const std::string deadline = upcoming ? "" : " AND r.due < ?1";
  if (store_.version_ < 5) {
    std::string where = "JOIN incidents i ON i.id = r.incident "
                        "WHERE r.arose_at <= ?1 AND (r.made_at IS NULL OR r.made_at > ?1)";
    // From version 2 the reports not made by then are found through two indexes instead of a scan.
    if (store_.version_ >= 2) {
      where += " AND r.rowid IN (SELECT rowid FROM requirements WHERE made_at IS NULL AND arose_at <= ?1 "
               "UNION ALL SELECT rowid FROM requirements WHERE made_at > ?1)";
    }
    Statement s(store_, store_.db_,
                due_query("r.made_at, r.made_seq", where + deadline + " ORDER BY r.due, r.incident, r.rowid").c_str());
    s.bind(1, at);
    DueReport d;
    while (s.step()) {
      read_due_report(s, d);
      fn(d);
    }
    return;
  }

  // The reports never made come from their own index in (deadline, incident) order, with no sort;
  // those made after `at` (only when looking back) are few and are read first, sorted, and merged
  // in. Ties (one incident, one deadline, several reports) keep the order the rules made them in,
  // which is rowid order: each run of ties is sorted by it on the way (runs are a report or three).
  ReadSnapshot snapshot(store_.db_);
  struct Row {
    DueReport report;
    long long rowid = 0;
  };
  auto before = [](const Row& a, const Row& b) {
    return std::tie(a.report.requirement.due, a.report.incident, a.rowid) <
           std::tie(b.report.requirement.due, b.report.incident, b.rowid);
  };
  auto read_row = [](const Statement& s, Row& row) {
    read_due_report(s, row.report);
    row.rowid = s.integer(8);
  };
  std::vector<Row> later;
  {
    Statement s(store_, store_.db_,
                due_query("r.made_at, r.made_seq", "JOIN incidents i ON i.id = r.incident "
                                                  "WHERE r.made_at > ?1 AND r.arose_at <= ?1" +
                                                      deadline + " ORDER BY r.due, r.incident, r.rowid")
                    .c_str());
    s.bind(1, at);
    while (s.step()) read_row(s, later.emplace_back());
  }
  std::size_t next_later = 0;
  // The current run of ties; its rows are overwritten, not freed, so their strings keep their memory.
  std::vector<Row> ties;
  std::size_t n_ties = 0;
  auto flush_ties = [&] {
    const auto end = ties.begin() + static_cast<std::ptrdiff_t>(n_ties);
    if (n_ties > 1) std::sort(ties.begin(), end, before);
    for (auto it = ties.begin(); it != end; ++it) {
      while (next_later < later.size() && before(later[next_later], *it)) fn(later[next_later++].report);
      fn(it->report);
    }
    n_ties = 0;
  };
  // made_at and made_seq are NULL in this index; naming them would send SQLite to the table.
  Statement s(store_, store_.db_,
              due_query("NULL, NULL", "INDEXED BY requirements_unmade_due JOIN incidents i ON i.id = r.incident "
                                      "WHERE r.made_at IS NULL AND r.arose_at <= ?1" +
                                          deadline + " ORDER BY r.due, r.incident")
                  .c_str());
  s.bind(1, at);
  while (s.step()) {
    const Seconds due = *s.time(4);
    if (n_ties > 0 && (due != ties.front().report.requirement.due || ties.front().report.incident != s.view(0))) {
      flush_ties();
    }
    if (n_ties == ties.size()) ties.emplace_back();
    read_row(s, ties[n_ties++]);
  }
  flush_ties();
  while (next_later < later.size()) fn(later[next_later++].report);
}

int SqliteIncidentRows::max_number(int year) {
  // Within one transaction nobody else can add incidents, so the answer is remembered and kept
  // up to date by save: an import of 100,000 asks SQLite once per year.
  if (auto it = max_number_.find(year); it != max_number_.end()) return it->second;
  Statement s(store_, store_.db_, "SELECT coalesce(max(number), 0) FROM incidents WHERE year = ?");
  s.bind(1, static_cast<long long>(year));
  int n = s.step() ? static_cast<int>(s.integer(0)) : 0;
  max_number_[year] = n;
  return n;
}

void SqliteIncidentRows::save(const Incident& i) {
  if (!upsert_) {
    upsert_ = std::make_unique<Statement>(store_, store_.db_, upsert_sql(Projection::kIncidents).c_str());
    delete_requirements_ = std::make_unique<Statement>(store_, store_.db_,
                                                       "DELETE FROM requirements WHERE incident = ?");
    insert_requirement_ = std::make_unique<Statement>(store_, store_.db_, upsert_sql(Projection::kRequirements).c_str());
  }
  ProjectionRow row = incident_row(i);
  const int year = static_cast<int>(std::get<long long>(row.cells[0]));
  const int number = static_cast<int>(std::get<long long>(row.cells[1]));
  if (auto it = max_number_.find(year); it != max_number_.end()) it->second = std::max(it->second, number);
  upsert_->run_row(row);
  // An incident whose only event is its creation has no rows to replace (ids are never reused):
  // the lookup is skipped, which an import of 100,000 new incidents would do 100,000 times.
  const bool created_now = i.events.size() == 1 && i.events.front().type == event_type::kCreated;
  if (!created_now) {
    delete_requirements_->bind_view(1, i.id);
    delete_requirements_->run();
  }
  for (const auto& r : requirement_rows(i)) insert_requirement_->run_row(r);
}

}  // namespace duty::reports::sqlite_detail
