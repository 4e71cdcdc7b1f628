// SPDX-License-Identifier: Apache-2.0
#include "roster/change.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "common/text.hpp"
#include "roster/prior.hpp"
#include "roster/solver.hpp"

namespace duty::roster {

namespace {

// One person in one slot of one shift.
struct Place {
  Days date;
  std::string slot;
  std::string person;
  bool operator<(const Place& o) const {
    return std::tie(date, slot, person) < std::tie(o.date, o.slot, o.person);
  }
};

// Re-solves the period with every place of `keep` pinned, except those within `radius` days of a
// freed day (radius 0 pins them all; < 0 pins nothing).
Plan solve_keeping(const Spec& base, const std::vector<Shift>& prior, const std::set<Place>& keep,
                   const std::set<Days>& freed_days, int radius) {
  Spec spec = base;
  if (radius >= 0) {
    for (const auto& place : keep) {
      bool near = false;
      for (Days d : freed_days) {
        if (radius > 0 && std::abs((place.date - d).count()) <= radius) near = true;
      }
      bool pinned_already = std::any_of(spec.fixed.begin(), spec.fixed.end(), [&](const Pin& p) {
        return p.date == place.date && p.slot == place.slot && p.person == place.person;
      });
      if (!near && !pinned_already)
        spec.fixed.push_back({place.date, place.slot, place.person, {}});
    }
  }
  Model model = build_model(spec);
  count_prior_duties(model, prior);
  return solve(model).plan;
}

// Each place whose person differs between the plans, in the order of `after`'s shifts and slots;
// within a slot, the people who left are paired with those who came in list order.
std::vector<Change> changed_places(const Plan& before, const Plan& after) {
  std::map<std::pair<Days, std::string>, std::vector<std::string>> old_places;
  for (const auto& shift : before.shifts) {
    for (const auto& a : shift.assignments) old_places[{shift.date, a.slot}] = a.people;
  }
  std::vector<Change> out;
  for (const auto& shift : after.shifts) {
    for (const auto& a : shift.assignments) {
      const auto& old = old_places[{shift.date, a.slot}];
      std::vector<std::string> gone, came;
      for (const auto& id : old) {
        if (std::find(a.people.begin(), a.people.end(), id) == a.people.end()) gone.push_back(id);
      }
      for (const auto& id : a.people) {
        if (std::find(old.begin(), old.end(), id) == old.end()) came.push_back(id);
      }
      for (std::size_t i = 0; i < std::max(gone.size(), came.size()); ++i) {
        out.push_back(
            {shift.date, a.slot, i < gone.size() ? gone[i] : "", i < came.size() ? came[i] : ""});
      }
    }
  }
  return out;
}

}  // namespace

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
      throw UsageError(c.out + " is not on duty as " + c.slot + " on " + format_date(c.date) +
                       " (" + c.slot + ": " +
                       (people && !people->empty() ? join(*people, ", ") : "nobody") + ")");
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

ReplanResult replan(Spec spec, const Plan& current, const std::vector<Shift>& prior) {
  mark_rest_after(spec, prior);
  const Model probe = build_model(spec);
  // Places that break a rule of the spec as it is now must change; every other one is kept when the
  // rest of the roster can still be filled around it.
  std::set<Place> broken;
  std::set<Days> freed_days;
  for (const auto& v : check_plan(probe, current)) {
    if (!v.date) continue;
    freed_days.insert(*v.date);
    if (!v.person.empty()) broken.insert({*v.date, v.slot, v.person});
  }
  std::set<Place> keep;
  for (const auto& shift : current.shifts) {
    int d = probe.day_index(shift.date);
    for (const auto& a : shift.assignments) {
      const Slot* slot = spec.find_slot(a.slot);
      for (const auto& id : a.people) {
        const Person* p = spec.find_person(id);
        if (!slot || !p || !p->in_group(slot->group) || d < 0 ||
            !probe.is_available(probe.person_index(id), d)) {
          freed_days.insert(shift.date);
          continue;
        }
        if (!broken.contains({shift.date, a.slot, id})) keep.insert({shift.date, a.slot, id});
      }
    }
  }
  // Someone over max_duties keeps their earliest duties up to the cap and gives up the later ones;
  // check_plan reports the cap without a date, so it frees no place by itself.
  std::map<std::string, int> kept;
  for (auto it = keep.begin(); it != keep.end();) {
    if (++kept[it->person] > probe.cap) {
      freed_days.insert(it->date);
      it = keep.erase(it);
    } else {
      ++it;
    }
  }
  const int step = spec.rules.min_rest_days + 1;
  for (int radius : {0, step, 3 * step, 7 * step}) {
    try {
      Plan plan = solve_keeping(spec, prior, keep, freed_days, radius);
      return {plan, changed_places(current, plan)};
    } catch (const UnsatisfiableError&) {
      // Too much is kept around the freed places: release more of it.
    }
  }
  Plan plan = solve_keeping(spec, prior, keep, freed_days, -1);
  return {plan, changed_places(current, plan)};
}

}  // namespace duty::roster
