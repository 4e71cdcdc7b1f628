// SPDX-License-Identifier: Apache-2.0
#include "roster/check.hpp"

#include <algorithm>
#include <map>

#include "common/i18n.hpp"

namespace duty::roster {

std::vector<Violation> check_plan(const Model& m, const Plan& plan) {
  const Spec& spec = *m.spec;
  std::vector<Violation> out;
  auto add = [&](std::optional<Days> d, std::string slot, std::string person, std::string rule, std::string text) {
    std::string prefix;
    if (d) prefix = format_date(*d) + (slot.empty() ? "" : " " + slot) + ": ";
    out.push_back({d, std::move(slot), std::move(person), std::move(rule), prefix + text, std::nullopt});
  };

  if (!plan.timezone.empty() && plan.timezone != spec.timezone) {
    add(std::nullopt, "", "", "timezone",
        trf("the plan's timezone {0} is not the spec's {1}", plan.timezone, spec.timezone));
  }
  if (plan.handover && *plan.handover != spec.handover) {
    add(std::nullopt, "", "", "handover",
        trf("the plan's handover {0} is not the spec's {1}", format_clock(*plan.handover),
            format_clock(spec.handover)));
  }

  std::vector<const Shift*> by_day(static_cast<std::size_t>(m.n_days), nullptr);
  // duties[p] = (day, slot) in the order found
  std::vector<std::vector<std::pair<int, int>>> duties(static_cast<std::size_t>(m.n_people));
  for (const auto& shift : plan.shifts) {
    int d = m.day_index(shift.date);
    if (d < 0) {
      add(shift.date, "", "", "period",
          trf("outside the spec's period {0}..{1}", format_date(spec.from), format_date(spec.to)));
      continue;
    }
    if (by_day[d]) {
      add(shift.date, "", "", "duplicate", tr("the plan has more than one shift for this date"));
      continue;
    }
    by_day[d] = &shift;
    std::map<std::string, std::string> seen;  // person -> slot, within this shift
    for (const auto& a : shift.assignments) {
      int s = m.slot_index(a.slot);
      if (s < 0) {
        add(shift.date, a.slot, "", "slot", trf("unknown slot '{0}'", a.slot));
        continue;
      }
      for (const auto& id : a.people) {
        int p = m.person_index(id);
        if (p < 0) {
          add(shift.date, a.slot, id, "person", trf("unknown person '{0}'", id));
          continue;
        }
        const std::string& name = m.person(p).name;
        if (auto it = seen.find(id); it != seen.end()) {
          add(shift.date, a.slot, id, "twice",
              it->second == a.slot
                  ? trf("{0} ({1}) is already on this shift", name, id)
                  : trf("{0} ({1}) is already on this shift as {2}", name, id, it->second));
          continue;
        }
        seen[id] = a.slot;
        if (!m.is_member(p, m.slot_group[s])) {
          add(shift.date, a.slot, id, "group",
              trf("{0} ({1}) is not in group '{2}'", name, id, m.groups[m.slot_group[s]]));
        }
        if (!m.is_available(p, d))
          add(shift.date, a.slot, id, "unavailable", trf("{0} ({1}) is unavailable", name, id));
        duties[p].push_back({d, s});
      }
    }
    for (int s = 0; s < m.n_slots; ++s) {
      const auto* people = shift.people_in(m.slot(s).id);
      int have = people ? static_cast<int>(people->size()) : 0;
      if (have != m.slot_count[s]) {
        add(shift.date, m.slot(s).id, "", "coverage",
            trf("needs {0}, has {1}", m.slot_count[s], have));
      }
    }
  }
  for (int d = 0; d < m.n_days; ++d) {
    if (!by_day[d]) add(m.dates[d], "", "", "coverage", tr("no shift in the plan for this date"));
  }

  for (int p = 0; p < m.n_people; ++p) {
    auto& list = duties[p];
    std::sort(list.begin(), list.end());
    const Person& person = m.person(p);
    for (std::size_t i = 1; i < list.size(); ++i) {
      int gap = list[i].first - list[i - 1].first - 1;
      if (list[i].first != list[i - 1].first && gap < m.rest) {
        add(m.dates[list[i].first], m.slot(list[i].second).id, person.id, "rest",
            trn("{0} ({1}) also served on {2}: {3} duty-free day between, min_rest_days is {4}",
                "{0} ({1}) also served on {2}: {3} duty-free days between, min_rest_days is {4}",
                static_cast<unsigned long>(gap), person.name, person.id,
                format_date(m.dates[list[i - 1].first]), gap, m.rest));
        out.back().other = m.dates[list[i - 1].first];
      }
    }
    if (static_cast<int>(list.size()) > m.cap) {
      add(std::nullopt, "", person.id, "max_duties",
          trf("{0} ({1}) has {2} duties; max_duties is {3}", person.name, person.id, list.size(),
              m.cap));
    }
  }

  for (const auto& pin : m.pins) {
    const Shift* shift = by_day[pin.day];
    const auto* people = shift ? shift->people_in(pin.pin->slot) : nullptr;
    if (!people || std::find(people->begin(), people->end(), pin.pin->person) == people->end()) {
      add(pin.pin->date, pin.pin->slot, pin.pin->person, "pin",
          trf("pinned to {0} ({1}) but the plan does not have them", pin.pin->person,
              pin.pin->pos.str()));
    }
  }

  std::stable_sort(out.begin(), out.end(), [](const Violation& a, const Violation& b) {
    if (a.date.has_value() != b.date.has_value()) return !a.date.has_value();
    return a.date && b.date && *a.date < *b.date;
  });
  return out;
}

std::string violation_lines(const std::vector<Violation>& violations) {
  constexpr std::size_t kShown = 20;
  std::string out;
  for (std::size_t i = 0; i < violations.size() && i < kShown; ++i)
    out += "\n  " + violations[i].message;
  if (violations.size() > kShown)
    out += "\n  " + trf("... and {0} more", violations.size() - kShown);
  return out;
}

}  // namespace duty::roster
