// SPDX-License-Identifier: Apache-2.0
#include "roster/model.hpp"

namespace duty::roster {

int Model::day_index(Days d) const {
  if (d < spec->from || d > spec->to) return -1;
  return static_cast<int>((d - spec->from).count());
}

int Model::person_index(std::string_view id) const {
  for (int p = 0; p < n_people; ++p) {
    if (person(p).id == id) return p;
  }
  return -1;
}

int Model::slot_index(std::string_view id) const {
  for (int s = 0; s < n_slots; ++s) {
    if (slot(s).id == id) return s;
  }
  return -1;
}

int Model::group_index(std::string_view name) const {
  for (int g = 0; g < n_groups; ++g) {
    if (groups[static_cast<std::size_t>(g)] == name) return g;
  }
  return -1;
}

Model build_model(const Spec& spec) {
  Model m;
  m.spec = &spec;
  m.n_days = spec.days();
  m.n_people = static_cast<int>(spec.people.size());
  m.n_slots = static_cast<int>(spec.slots.size());
  m.groups = spec.slot_groups();
  m.n_groups = static_cast<int>(m.groups.size());
  for (Days d = spec.from; d <= spec.to; d += date::days{1}) {
    m.dates.push_back(d);
    m.types.push_back(spec.day_type(d));
  }
  for (const auto& s : spec.slots) {
    m.slot_group.push_back(m.group_index(s.group));
    m.slot_count.push_back(s.count);
  }
  m.members.resize(static_cast<std::size_t>(m.n_groups));
  m.member_of.assign(static_cast<std::size_t>(m.n_people * m.n_groups), 0);
  m.avail.assign(static_cast<std::size_t>(m.n_people) * static_cast<std::size_t>(m.n_days), 1);
  for (int p = 0; p < m.n_people; ++p) {
    const Person& person = m.person(p);
    for (int g = 0; g < m.n_groups; ++g) {
      if (person.in_group(m.groups[static_cast<std::size_t>(g)])) {
        m.member_of[static_cast<std::size_t>(p * m.n_groups + g)] = 1;
        m.members[static_cast<std::size_t>(g)].push_back(p);
      }
    }
    for (Days d : person.unavailable) {
      int i = m.day_index(d);
      if (i >= 0) m.avail[static_cast<std::size_t>(p * m.n_days + i)] = 0;
    }
    for (Days d : person.resting) {
      int i = m.day_index(d);
      if (i < 0 || person.unavailable.contains(d)) continue;
      m.avail[static_cast<std::size_t>(p * m.n_days + i)] = 0;
      if (m.resting.empty()) m.resting.assign(m.avail.size(), 0);
      m.resting[static_cast<std::size_t>(p * m.n_days + i)] = 1;
    }
  }
  m.rest = spec.rules.min_rest_days;
  if (spec.rules.max_duties) m.cap = *spec.rules.max_duties;
  for (const auto& pin : spec.fixed) {
    int d = m.day_index(pin.date);
    if (d < 0) continue;
    m.pins.push_back({d, m.slot_index(pin.slot), m.person_index(pin.person), &pin});
  }
  return m;
}

}  // namespace duty::roster
