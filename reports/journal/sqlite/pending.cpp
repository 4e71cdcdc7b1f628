// SPDX-License-Identifier: Apache-2.0
// The pending items' table in the SQLite store.
#include <algorithm>
#include <tuple>
#include <vector>

#include "reports/journal/sqlite/sqlite_internal.hpp"

namespace duty::reports::sqlite_detail {

namespace {

const char* kPendingColumns =
    "id, instruction, text, owner, leader, incident, created_at, created_by, due, done_at, done_note, done_by, last_seq, "
    "voided, void_reason";
// A store older than version 8, read as it is, has no voided items.
const char* kPendingColumnsV7 =
    "id, instruction, text, owner, leader, incident, created_at, created_by, due, done_at, done_note, done_by, last_seq, "
    "0, ''";

PendingItem read_pending(const Statement& s) {
  PendingItem p;
  p.id = s.text(0);
  p.instruction = s.integer(1) != 0;
  p.text = s.text(2);
  p.owner = s.text(3);
  p.leader = s.text(4);
  p.incident = s.text(5);
  p.created_at = *s.time(6);
  p.created_by = s.text(7);
  p.due = s.time(8);
  p.done_at = s.time(9);
  p.done_note = s.text(10);
  p.done_by = s.text(11);
  p.last_seq = s.integer(12);
  p.voided = s.integer(13) != 0;
  p.void_reason = s.text(14);
  return p;
}

}  // namespace

std::vector<PendingItem> SqlitePending::items(bool include_void) {
  if (store_.blank_ || store_.version_ < 2) return {};
  std::string sql = std::string("SELECT ") + (store_.version_ >= 8 ? kPendingColumns : kPendingColumnsV7) + " FROM pending";
  if (!include_void && store_.version_ >= 8) sql += " WHERE voided = 0";
  sql += " ORDER BY created_at, instruction, number";
  Statement s(store_, store_.db_, sql.c_str());
  std::vector<PendingItem> out;
  while (s.step()) out.push_back(read_pending(s));
  return out;
}

std::optional<PendingItem> SqlitePendingRows::find(const std::string& id) {
  std::string sql = std::string("SELECT ") + kPendingColumns + " FROM pending WHERE id = ?";
  Statement s(store_, store_.db_, sql.c_str());
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_pending(s);
}

int SqlitePendingRows::max_number(const std::string& prefix) {
  Statement s(store_, store_.db_, "SELECT coalesce(max(number), 0) FROM pending WHERE instruction = ?");
  s.bind(1, static_cast<long long>(prefix == "P" ? 1 : 0));
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

void SqlitePendingRows::save(const PendingItem& p) {
  Statement s(store_, store_.db_, upsert_sql(Projection::kPending).c_str());
  s.run_row(pending_row(p));
}

}  // namespace duty::reports::sqlite_detail
