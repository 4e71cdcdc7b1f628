// SPDX-License-Identifier: Apache-2.0
#include "roster/change.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "roster/prior.hpp"
#include "roster/solver.hpp"

namespace duty::roster {

PeriodOverride change_period(const Spec& spec, const std::vector<Change>& changes, Days first,
                             Days last) {
  if (changes.empty()) return {};
  Days lo = changes.front().date, hi = changes.front().date;
  for (const auto& c : changes) {
    lo = std::min(lo, c.date);
    hi = std::max(hi, c.date);
  }
  if (lo >= spec.from && hi <= spec.to) return {};
  constexpr date::days kMonth{31};
  return {std::max(lo - kMonth, first), std::min(hi + kMonth, last)};
}

Plan apply_changes(Plan plan, const std::vector<Change>& changes) {
  for (const auto& c : changes) {
    auto shift = std::find_if(plan.shifts.begin(), plan.shifts.end(),
                              [&](const Shift& s) { return s.date == c.date; });
    std::vector<std::string>* people = nullptr;
    if (shift != plan.shifts.end()) {
      auto a = std::find_if(shift->assignments.begin(), shift->assignments.end(),
                            [&](const Assignment& x) { return x.slot == c.slot; });
      if (a != shift->assignments.end()) people = &a->people;
    }
    auto it = people ? std::find(people->begin(), people->end(), c.out)
                     : std::vector<std::string>::iterator{};
    if (!people || it == people->end()) {
      throw UsageError(
          trf("{0} is not on duty as {1} on {2} ({1}: {3})", c.out, c.slot, format_date(c.date),
              people && !people->empty() ? join(*people, ", ") : std::string(tr("nobody"))));
    }
    *it = c.in;
  }
  return plan;
}

std::vector<Violation> new_violations(const Model& model, const Plan& before, const Plan& after) {
  std::set<std::string> old;
  for (const auto& v : check_plan(model, before)) old.insert(v.message);
  std::vector<Violation> out;
  for (auto& v : check_plan(model, after)) {
    if (!old.contains(v.message)) out.push_back(std::move(v));
  }
  return out;
}

std::vector<Violation> check_changes(const Model& model, const Plan& plan,
                                     const std::vector<Change>& changes) {
  return new_violations(model, plan, apply_changes(plan, changes));
}

namespace {

bool holds_place(const Plan& plan, const Place& place) {
  for (const auto& shift : plan.shifts) {
    if (shift.date != place.date) continue;
    const auto* people = shift.people_in(place.slot);
    return people && std::find(people->begin(), people->end(), place.person) != people->end();
  }
  return false;
}

}  // namespace

ReplanResult replan(const Spec& spec, const Plan& current, const Around& around) {
  // The probe sees the rest rule across the edges and the caps, not the held places: a duty
  // next to a forced one is kept (its rule break was forced), not freed.
  Around edges = around;
  edges.held.clear();
  Spec probe_spec = spec;
  mark_rest_around(probe_spec, edges);
  Model probe = build_model(probe_spec);
  count_around(probe, around);
  const std::set<Place> held(around.held.begin(), around.held.end());

  // Places that break a rule of the spec as it is now must change; every other one is kept when
  // the rest of the roster can still be filled around it.
  std::set<Place> broken;
  std::set<std::pair<Days, std::string>> freed;  // (date, slot) with a place to fill anew
  for (const auto& v : check_plan(probe, current)) {
    if (!v.date || is_forced(v, around.held)) continue;
    if (v.slot.empty()) {
      for (const auto& slot : spec.slots) freed.insert({*v.date, slot.id});
    } else {
      freed.insert({*v.date, v.slot});
    }
    if (!v.person.empty()) broken.insert({*v.date, v.slot, v.person});
  }
  std::vector<Place> keep;
  for (const auto& shift : current.shifts) {
    int d = probe.day_index(shift.date);
    for (const auto& a : shift.assignments) {
      const Slot* slot = spec.find_slot(a.slot);
      for (const auto& id : a.people) {
        Place place{shift.date, a.slot, id};
        if (held.contains(place)) continue;
        const Person* p = spec.find_person(id);
        if (!slot || !p || !p->in_group(slot->group) || d < 0 ||
            !probe.is_available(probe.person_index(id), d)) {
          freed.insert({shift.date, a.slot});
          continue;
        }
        if (!broken.contains(place)) keep.push_back(std::move(place));
      }
    }
  }
  // Someone over their cap keeps their earliest duties up to it and gives up the later ones;
  // check_plan reports the cap without a date, so it frees no place by itself.
  std::map<std::string, int> kept;
  std::erase_if(keep, [&](const Place& place) {
    if (++kept[place.person] <= probe.cap_of(probe.person_index(place.person))) return false;
    freed.insert({place.date, place.slot});
    return true;
  });
  if (freed.empty()) return {current, {}};
  // Only the slot groups with a freed place may move; the others keep every place.
  std::set<std::string> groups;
  std::set<Days> freed_days;
  for (const auto& [date, slot] : freed) {
    freed_days.insert(date);
    if (const Slot* s = spec.find_slot(slot)) groups.insert(s->group);
  }
  auto movable = [&](const Place& place) {
    const Slot* s = spec.find_slot(place.slot);
    return s && groups.contains(s->group);
  };
  auto near_freed = [&](const Place& place, int radius) {
    auto it = freed_days.lower_bound(place.date - date::days{radius});
    return it != freed_days.end() && *it <= place.date + date::days{radius};
  };
  const int step = spec.rules.min_rest_days + 1;
  // Released: places within `radius` days of a freed day in a movable group (radius < 0: every
  // place of a movable group; nullopt: every place).
  for (std::optional<int> radius :
       {std::optional<int>(0), std::optional<int>(step), std::optional<int>(3 * step),
        std::optional<int>(7 * step), std::optional<int>(-1), std::optional<int>()}) {
    std::vector<Place> pins;
    if (radius) {
      for (const auto& place : keep) {
        bool released =
            movable(place) && (*radius < 0 || (*radius > 0 && near_freed(place, *radius)));
        if (!released) pins.push_back(place);
      }
    }
    try {
      Plan plan = solve_around(spec, around, pins, &current);
      // The solver fills the released places for fairness, not for fewest changes: put each moved
      // place back as it was, one at a time, wherever the rest can still be solved around it.
      // Bounded by the places released, each a solve with nearly everything pinned.
      constexpr std::size_t kMaxRestores = 64;
      std::size_t tried = 0;
      for (const auto& place : keep) {
        if (tried >= kMaxRestores) break;
        if (std::find(pins.begin(), pins.end(), place) != pins.end() || holds_place(plan, place))
          continue;
        ++tried;
        pins.push_back(place);
        try {
          plan = solve_around(spec, around, pins, &current);
        } catch (const UnsatisfiableError&) {
          pins.pop_back();
        }
      }
      return {plan, changed_places(current, plan)};
    } catch (const UnsatisfiableError&) {
      // Too much is kept around the freed places: release more of it (the last try rethrows).
      if (!radius) throw;
    }
  }
  throw UnsatisfiableError(tr("re-plan: no roster found"), {});
}

}  // namespace duty::roster
