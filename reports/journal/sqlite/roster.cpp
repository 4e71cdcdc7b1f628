// SPDX-License-Identifier: Apache-2.0
// The published roster's tables in the SQLite store.
#include <algorithm>
#include <tuple>
#include <vector>

#include "reports/journal/sqlite/sqlite_internal.hpp"

namespace duty::reports::sqlite_detail {

namespace {

const char* kRosterShiftColumns =
    "date, start, end, day_type, holiday, assignments, version, changes, last_seq, slot_names, "
    "partial_covers";
// A store older than version 7, read as it is, has no partial covers.
const char* kRosterShiftColumnsV6 =
    "date, start, end, day_type, holiday, assignments, version, changes, last_seq, slot_names, ''";

RosterShiftRecord read_roster_shift(const Statement& s) {
  RosterShiftRecord r;
  r.date = Days{date::days{static_cast<int>(s.integer(0))}};
  r.start = *s.time(1);
  r.end = *s.time(2);
  r.day_type = s.text(3);
  r.holiday = s.text(4);
  r.assignments = decode_assignments(s.text(5));
  r.version = static_cast<int>(s.integer(6));
  r.changes = static_cast<int>(s.integer(7));
  r.last_seq = s.integer(8);
  r.slot_names = decode_slot_names(s.text(9));
  r.partial_covers = decode_partial_covers(s.text(10));
  return r;
}

// The columns of a roster_shifts row as read_roster_shift reads them, for the open file's schema.
const char* shift_columns(long long version) { return version >= 7 ? kRosterShiftColumns : kRosterShiftColumnsV6; }

}  // namespace

std::vector<RosterShiftRecord> SqliteRoster::shifts(std::optional<Days> from, std::optional<Days> to) {
  if (store_.blank_ || store_.version_ < 3) return {};
  std::string sql = std::string("SELECT ") + shift_columns(store_.version_) + " FROM roster_shifts WHERE 1";
  if (from) sql += " AND date >= ?1";
  if (to) sql += " AND date <= ?2";
  sql += " ORDER BY date";
  Statement s(store_, store_.db_, sql.c_str());
  if (from) s.bind(1, day_number(*from));
  if (to) s.bind(2, day_number(*to));
  std::vector<RosterShiftRecord> out;
  while (s.step()) out.push_back(read_roster_shift(s));
  return out;
}

std::optional<RosterShiftRecord> SqliteRoster::shift_at(Seconds at) {
  if (store_.blank_ || store_.version_ < 3) return std::nullopt;
  std::string sql = std::string("SELECT ") + shift_columns(store_.version_) +
                    " FROM roster_shifts WHERE start <= ?1 ORDER BY start DESC LIMIT 1";
  Statement s(store_, store_.db_, sql.c_str());
  s.bind(1, at);
  if (!s.step()) return std::nullopt;
  RosterShiftRecord r = read_roster_shift(s);
  if (r.end <= at) return std::nullopt;
  return r;
}

std::vector<RosterPersonRecord> SqliteRoster::people() {
  if (store_.blank_ || store_.version_ < 3) return {};
  Statement s(store_, store_.db_, "SELECT id, name, phone, last_seq FROM roster_people ORDER BY id");
  std::vector<RosterPersonRecord> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3)});
  return out;
}

void SqliteRosterRows::save_shift(const RosterShiftRecord& r) {
  if (!upsert_shift_) {
    upsert_shift_ = std::make_unique<Statement>(store_, store_.db_, upsert_sql(Projection::kRosterShifts).c_str());
  }
  upsert_shift_->run_row(roster_shift_row(r));
}

void SqliteRosterRows::save_person(const RosterPersonRecord& p) {
  Statement s(store_, store_.db_, upsert_sql(Projection::kRosterPeople).c_str());
  s.run_row(roster_person_row(p));
}

}  // namespace duty::reports::sqlite_detail
