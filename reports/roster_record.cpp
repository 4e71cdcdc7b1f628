// SPDX-License-Identifier: Apache-2.0
#include "reports/roster_record.hpp"

#include <algorithm>
#include <map>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/projection.hpp"
#include "reports/journal/store.hpp"

namespace duty::reports {

const std::vector<std::string>* RosterShiftRecord::people_in(std::string_view slot) const {
  for (const auto& a : assignments) {
    if (a.slot == slot) return &a.people;
  }
  return nullptr;
}

std::string roster_subject(Days date) {
  return "roster:" + format_date(date);
}

std::string encode_assignments(const std::vector<RosterSlotPeople>& assignments) {
  std::string out;
  for (const auto& a : assignments) {
    if (!out.empty()) out += ';';
    out += a.slot;
    out += '=';
    for (std::size_t i = 0; i < a.people.size(); ++i) {
      if (i) out += ',';
      out += a.people[i];
    }
  }
  return out;
}

std::vector<RosterSlotPeople> decode_assignments(std::string_view text) {
  std::vector<RosterSlotPeople> out;
  while (!text.empty()) {
    auto semi = text.find(';');
    std::string_view part = text.substr(0, semi);
    text = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
    auto eq = part.find('=');
    RosterSlotPeople a;
    a.slot = std::string(part.substr(0, eq));
    std::string_view people =
        eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
    while (!people.empty()) {
      auto comma = people.find(',');
      a.people.emplace_back(people.substr(0, comma));
      people = comma == std::string_view::npos ? std::string_view{} : people.substr(comma + 1);
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string encode_slot_names(const std::vector<std::pair<std::string, std::string>>& names) {
  std::string out;
  for (const auto& [id, name] : names) {
    if (!out.empty()) out += '\x1e';
    out += id;
    out += '\x1f';
    out += name;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> decode_slot_names(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    auto rs = text.find('\x1e');
    std::string_view part = text.substr(0, rs);
    text = rs == std::string_view::npos ? std::string_view{} : text.substr(rs + 1);
    auto us = part.find('\x1f');
    out.emplace_back(std::string(part.substr(0, us)), us == std::string_view::npos
                                                          ? std::string()
                                                          : std::string(part.substr(us + 1)));
  }
  return out;
}

std::string encode_partial_covers(const std::vector<PartialCover>& covers) {
  std::string out;
  for (const auto& c : covers) {
    if (!out.empty()) out += '\n';
    Fields f;
    f["slot"] = c.slot;
    f["out"] = c.out;
    f["in"] = c.in;
    f["from"] = static_cast<long long>(c.from.time_since_epoch().count());
    f["to"] = static_cast<long long>(c.to.time_since_epoch().count());
    f["reason"] = c.reason;
    out += fields_json(f);
  }
  return out;
}

std::vector<PartialCover> decode_partial_covers(std::string_view text) {
  std::vector<PartialCover> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    Event e;  // read through Event's accessors, which check each field's kind
    e.data = parse_fields_json(std::string(text.substr(0, nl)));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    auto from = e.integer("from"), to = e.integer("to");
    auto slot = e.text("slot"), who = e.text("out"), by = e.text("in");
    if (!from || !to || !slot || !who || !by) {
      throw StoreError(
          tr("a stored partial cover lacks slot, out, in, from or to; run 'duty log verify'"));
    }
    out.push_back({*slot, *who, *by, Seconds{std::chrono::seconds{*from}},
                   Seconds{std::chrono::seconds{*to}}, e.text("reason").value_or("")});
  }
  return out;
}

const PartialCover* partial_cover_at(const RosterShiftRecord& shift, std::string_view slot,
                                     std::string_view person, Seconds at) {
  for (const auto& c : shift.partial_covers) {
    if (c.slot == slot && c.out == person && c.from <= at && at < c.to) return &c;
  }
  return nullptr;
}

namespace {

Event roster_event(const char* type, std::string subject, Seconds at, const Actor& actor) {
  Event e;
  e.type = type;
  e.subject = std::move(subject);
  e.at = at;
  e.recorded_at = actor.now;
  e.by = actor.by;
  return e;
}

}  // namespace

int count_publications(StoreTransaction& tx) {
  int n = 0;
  for (const auto& e : tx.events_of_type(kRosterPublished)) {
    if (!e.integer("publication")) ++n;
  }
  return n;
}

PublishResult publish_roster(StoreTransaction& tx, const PublishRequest& request,
                             const Actor& actor) {
  PublishResult result;
  if (request.shifts.empty()) return result;
  std::map<Days, RosterShiftRecord> existing;
  for (auto& row : tx.roster().shifts(request.shifts.front().date, request.shifts.back().date)) {
    existing.emplace(row.date, std::move(row));
  }
  if (!request.force) {
    std::vector<std::string> started;
    for (const auto& s : request.shifts) {
      auto it = existing.find(s.date);
      if (it != existing.end() && s.start <= actor.now && it->second.assignments != s.assignments) {
        started.push_back(format_date(s.date));
      }
    }
    if (!started.empty()) {
      std::string list = started.front() + (started.size() > 1 ? " .. " + started.back() : "");
      throw UsageError(
          trf("{0} published shift(s) that have already started ({1}) would change; publish from a "
              "later date with --from, or pass --force --reason TEXT to rewrite them",
              started.size(), list));
    }
  }
  std::map<std::string, RosterPersonRecord> people;
  for (auto& p : tx.roster().people()) people.emplace(p.id, std::move(p));
  for (const auto& p : request.people) {
    auto it = people.find(p.id);
    if (it != people.end() && it->second.name == p.name && it->second.phone == p.phone) continue;
    Event e = roster_event(kRosterPerson, "person:" + p.id, actor.now, actor);
    e.data["name"] = p.name;
    e.data["phone"] = p.phone;
    tx.roster().save_person(fold_person_event(tx.append(std::move(e))));
  }
  for (const auto& s : request.shifts) {
    auto it = existing.find(s.date);
    bool is_new = it == existing.end();
    bool changes = !is_new && it->second.assignments != s.assignments;
    Event e = roster_event(kRosterPublished, roster_subject(s.date), actor.now, actor);
    e.data["kind"] = request.kind;
    e.data["start"] = static_cast<long long>(s.start.time_since_epoch().count());
    e.data["end"] = static_cast<long long>(s.end.time_since_epoch().count());
    e.data["day_type"] = s.day_type;
    if (!s.holiday.empty()) e.data["holiday"] = s.holiday;
    e.data["assignments"] = encode_assignments(s.assignments);
    e.data["slot_names"] = encode_slot_names(s.slot_names);
    if (result.publication) {
      e.data["publication"] = static_cast<long long>(result.publication);
    } else {
      result.number = count_publications(tx) + 1;
      e.data["number"] = static_cast<long long>(result.number);
    }
    if (auto k = request.kept_swap.find(s.date); k != request.kept_swap.end())
      e.data["kept_swap"] = encode_assignments(k->second);
    if (auto k = request.kept_cover.find(s.date); k != request.kept_cover.end())
      e.data["kept_cover"] = encode_assignments(k->second);
    if (auto f = request.forced_places.find(s.date);
        f != request.forced_places.end() && !f->second.empty())
      e.data["forced_places"] = encode_assignments(f->second);
    if (!request.reason.empty()) e.data["reason"] = request.reason;
    if (request.force && !is_new && s.start <= actor.now && changes) e.data["forced"] = 1LL;
    Event stored = tx.append(std::move(e));
    if (!result.publication) result.publication = stored.seq;
    // The row is the fold of the stored event, as `log verify` and `log rebuild` compute it.
    std::optional<RosterShiftRecord> before;
    if (!is_new) before = it->second;
    tx.roster().save_shift(fold_roster_event(before, s.date, stored));
    if (is_new) {
      ++result.added;
    } else if (changes) {
      ++result.changed;
      result.changed_dates.push_back(s.date);
    } else {
      ++result.unchanged;
    }
  }
  return result;
}

void record_roster_change(StoreTransaction& tx, const char* type,
                          const std::vector<RosterChange>& changes, const std::string& reason,
                          bool force, const Actor& actor) {
  for (const auto& c : changes) {
    auto rows = tx.roster().shifts(c.date, c.date);
    if (rows.empty())
      throw UsageError(trf("{0} is not in the published roster", format_date(c.date)));
    const RosterShiftRecord before = rows.front();
    RosterShiftRecord row = std::move(rows.front());
    bool found = false;
    for (auto& a : row.assignments) {
      if (a.slot != c.slot) continue;
      for (auto& p : a.people) {
        if (p == c.out) {
          p = c.in;
          found = true;
          break;
        }
      }
    }
    if (!found) {
      throw UsageError(trf("{0} is not on duty as {1} on {2}", c.out, c.slot, format_date(c.date)));
    }
    Event e = roster_event(type, roster_subject(c.date), actor.now, actor);
    e.data["slot"] = c.slot;
    e.data["out"] = c.out;
    e.data["in"] = c.in;
    e.data["reason"] = reason;
    e.data["assignments"] = encode_assignments(row.assignments);
    if (force) e.data["forced"] = 1LL;
    if (changes.size() == 2) e.data["with"] = format_date(changes[&c == &changes[0] ? 1 : 0].date);
    tx.roster().save_shift(fold_roster_event(before, c.date, tx.append(std::move(e))));
  }
}

void record_partial_cover(StoreTransaction& tx, const PartialCoverRequest& request,
                          const Actor& actor) {
  const PartialCover& c = request.cover;
  const std::string date = format_date(request.date);
  auto rows = tx.roster().shifts(request.date, request.date);
  if (rows.empty()) throw UsageError(trf("{0} is not in the published roster", date));
  const RosterShiftRecord& row = rows.front();
  const auto* people = row.people_in(c.slot);
  if (!people || std::find(people->begin(), people->end(), c.out) == people->end()) {
    throw UsageError(trf("{0} is not on duty as {1} on {2}", c.out, c.slot, date));
  }
  if (c.in == c.out) throw UsageError(trf("--by: {0} cannot cover their own duty", c.in));
  if (c.from < row.start || c.from >= row.end) {
    throw UsageError(
        trf("--from: not within the shift of {0} (from its start to before its end)", date));
  }
  if (c.to <= c.from) throw UsageError(tr("--to: must be after --from"));
  if (c.to > row.end) throw UsageError(trf("--to: after the end of the shift of {0}", date));
  if (c.from == row.start && c.to == row.end) {
    throw UsageError(trf("--from/--to: the whole shift of {0} is an ordinary cover", date));
  }
  for (const auto& other : row.partial_covers) {
    if (other.from >= c.to || c.from >= other.to) continue;
    if (other.slot == c.slot && other.out == c.out) {
      throw UsageError(trf(
          "{0}'s place as {1} on {2} is already covered by {3} for part of that time; change the "
          "times, or cover the rest",
          c.out, c.slot, date, other.in));
    }
    if (other.in == c.in) {
      throw UsageError(trf("{0} already covers {1} as {2} on {3} for part of that time", c.in,
                           other.out, other.slot, date));
    }
  }
  Event e = roster_event(kRosterCover, roster_subject(request.date), actor.now, actor);
  e.data["slot"] = c.slot;
  e.data["out"] = c.out;
  e.data["in"] = c.in;
  e.data["from"] = static_cast<long long>(c.from.time_since_epoch().count());
  e.data["to"] = static_cast<long long>(c.to.time_since_epoch().count());
  e.data["reason"] = c.reason;
  if (request.force) e.data["forced"] = 1LL;
  tx.roster().save_shift(fold_roster_event(row, request.date, tx.append(std::move(e))));
}

std::map<Days, int> roster_sequences(Store& store, Days from, Days to) {
  std::map<Days, int> out;
  for (const auto& row : store.roster().shifts(from, to)) out.emplace(row.date, row.changes);
  return out;
}

}  // namespace duty::reports
