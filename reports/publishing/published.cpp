// SPDX-License-Identifier: Apache-2.0
#include "reports/publishing/published.hpp"

#include <algorithm>
#include <set>

#include "reports/office.hpp"

namespace duty::reports {

roster::Spec SpecInForce::load(const Office& office, const roster::PeriodOverride& period) const {
  roster::Spec spec = roster::parse_spec(source, period);
  roster::require_office_frame(spec, {office.file, office.timezone, office.handover});
  return spec;
}

std::optional<std::pair<Days, Days>> SpecInForce::own_period() const {
  if (!source.root().IsMap()) return std::nullopt;
  const YAML::Node p = source.root()["period"];
  if (!p || !p.IsMap() || !p["from"] || !p["to"]) return std::nullopt;
  auto from = parse_date(p["from"].Scalar()), to = parse_date(p["to"].Scalar());
  if (!from || !to) return std::nullopt;
  return std::make_pair(*from, *to);
}

std::vector<roster::Place> PublishedRoster::forced() const {
  std::vector<roster::Place> out;
  for (const auto& r : agreements) {
    if (r.forced) out.push_back(r.place);
  }
  return out;
}

PublishedRoster read_published(const std::vector<RosterShiftRecord>& rows,
                               std::vector<RosterPersonRecord> people, const EventsOf& events,
                               std::optional<Days> from, std::optional<Days> to) {
  PublishedRoster out;
  out.rows = rows;
  out.people = std::move(people);
  for (const auto& row : rows) {
    if ((from && row.date < *from) || (to && row.date > *to)) continue;
    std::vector<RecordedPlace> recorded;
    for (const auto& e : events(roster_subject(row.date))) {
      if (e.type == kRosterPublished) {
        recorded.clear();
        std::set<std::pair<std::string, std::string>> forced;
        for (const auto& a : decode_assignments(e.text("forced_places").value_or(""))) {
          for (const auto& id : a.people) forced.insert({a.slot, id});
        }
        for (const char* kind : {"swap", "cover"}) {
          for (const auto& a :
               decode_assignments(e.text(std::string("kept_") + kind).value_or(""))) {
            for (const auto& id : a.people)
              recorded.push_back({{row.date, a.slot, id}, kind, forced.erase({a.slot, id}) > 0});
          }
        }
        for (const auto& [slot, id] : forced)
          recorded.push_back({{row.date, slot, id}, "forced", true});
      } else if (e.type == kRosterSwap || e.type == kRosterCover) {
        auto slot = e.text("slot"), in = e.text("in");
        if (!slot || !in || e.text("from")) continue;  // a partial cover leaves the place as it is
        recorded.push_back({{row.date, *slot, *in},
                            e.type == kRosterSwap ? "swap" : "cover",
                            e.integer("forced").value_or(0) != 0});
      }
    }
    for (auto& r : recorded) {
      const auto* holders = row.people_in(r.place.slot);
      bool held =
          holders && std::find(holders->begin(), holders->end(), r.place.person) != holders->end();
      bool repeated = std::any_of(out.agreements.begin(), out.agreements.end(),
                                  [&](const RecordedPlace& o) { return o.place == r.place; });
      if (held && !repeated) out.agreements.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<roster::Shift> shifts_from_record(const std::vector<RosterShiftRecord>& rows) {
  std::vector<roster::Shift> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    roster::Shift s;
    s.date = r.date;
    s.start = r.start;
    s.end = r.end;
    s.day_type = roster::parse_day_type(r.day_type).value_or(roster::DayType::kWorkday);
    s.holiday_name = r.holiday;
    for (const auto& a : r.assignments) s.assignments.push_back({a.slot, a.people});
    out.push_back(std::move(s));
  }
  return out;
}

roster::Plan plan_from_record(const std::vector<RosterShiftRecord>& rows,
                              const std::vector<RosterPersonRecord>& people,
                              const roster::Spec& spec) {
  roster::Plan plan;
  plan.timezone = spec.timezone;
  plan.handover = spec.handover;
  plan.from = rows.empty() ? spec.from : rows.front().date;
  plan.to = rows.empty() ? spec.to : rows.back().date;
  plan.shifts = shifts_from_record(rows);
  std::set<std::string> seen;
  for (const auto& p : spec.people) {
    plan.people.push_back({p.id, p.name, p.phone});
    seen.insert(p.id);
  }
  // People who have left the spec but still appear in the record keep their recorded details.
  for (const auto& p : people) {
    if (seen.insert(p.id).second) plan.people.push_back({p.id, p.name, p.phone});
  }
  return plan;
}

std::vector<RosterShiftRecord> records_from_plan(const roster::Plan& plan,
                                                 const roster::Spec& spec) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& slot : spec.slots)
    names.emplace_back(slot.id, slot.name.empty() ? slot.id : slot.name);
  std::vector<RosterShiftRecord> out;
  for (const auto& s : plan.shifts) {
    RosterShiftRecord r;
    r.date = s.date;
    r.start = s.start;
    r.end = s.end;
    r.day_type = std::string(roster::to_string(s.day_type));
    r.holiday = s.holiday_name;
    for (const auto& a : s.assignments) r.assignments.push_back({a.slot, a.people});
    r.slot_names = names;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<RosterPersonRecord> people_from_spec(const roster::Spec& spec) {
  std::vector<RosterPersonRecord> out;
  for (const auto& p : spec.people) out.push_back({p.id, p.name, p.phone, 0});
  return out;
}

std::vector<PublishedViolation> check_published(const roster::Spec& spec,
                                                const PublishedRoster& published) {
  std::vector<RosterShiftRecord> inside, outside_rows;
  for (const auto& r : published.rows)
    (r.date >= spec.from && r.date <= spec.to ? inside : outside_rows).push_back(r);
  roster::Model model = roster::build_model(spec);
  roster::Plan plan = plan_from_record(inside, published.people, spec);
  // Only forced places the roster still holds excuse a rule break.
  std::vector<roster::Place> forced;
  for (const auto& f : published.forced()) {
    for (const auto& r : published.rows) {
      if (r.date != f.date) continue;
      const auto* people = r.people_in(f.slot);
      if (people && std::find(people->begin(), people->end(), f.person) != people->end())
        forced.push_back(f);
    }
  }
  std::vector<PublishedViolation> out;
  for (auto& v : roster::check_around(model, plan, shifts_from_record(outside_rows), true)) {
    bool f = roster::is_forced(v, forced);
    out.push_back({std::move(v), f});
  }
  return out;
}

std::pair<Days, Days> check_window(const SpecInForce& spec, Days first, Days last, Days from,
                                   Days to) {
  Days lo = from, hi = to;
  if (auto own = spec.own_period()) {
    lo = std::min(lo, own->first);
    hi = std::max(hi, own->second);
  }
  return {std::max(lo, first), std::min(hi, last)};
}

}  // namespace duty::reports
