// SPDX-License-Identifier: Apache-2.0
#include "cli/on_duty.hpp"

#include <algorithm>

namespace duty::cli {

const OnDutyCover* OnDutySlot::cover_at(const std::string& person, Seconds at) const {
  for (const auto& c : covers) {
    if (c.out.id == person && c.from <= at && at < c.to) return &c;
  }
  return nullptr;
}

std::optional<ShiftOnDuty> shift_on_duty(Session& session, Seconds at) {
  if (!session.store) return std::nullopt;
  // One indexed lookup of the projection row: no spec is read and no roster is solved.
  auto row = session.store->roster().shift_at(at);
  if (!row) return std::nullopt;
  ShiftOnDuty shift{row->date, row->start, row->end, {}};
  std::vector<reports::RosterPersonRecord> people;
  bool people_read = false;
  auto person_of = [&](const std::string& id) {
    if (!people_read) {
      people = session.store->roster().people();
      people_read = true;
    }
    OnDutyPerson person{id, id, ""};
    for (const auto& p : people) {
      if (p.id == id) {
        person.name = p.name.empty() ? id : p.name;
        person.phone = p.phone;
      }
    }
    return person;
  };
  for (const auto& a : row->assignments) {
    OnDutySlot slot{a.slot, a.slot, {}, {}};
    for (const auto& [id, name] : row->slot_names) {
      if (id == a.slot && !name.empty()) slot.name = name;
    }
    for (const auto& id : a.people) slot.people.push_back(person_of(id));
    for (const auto& c : row->partial_covers) {
      if (c.slot == a.slot)
        slot.covers.push_back({person_of(c.out), person_of(c.in), c.from, c.to});
    }
    std::stable_sort(slot.covers.begin(), slot.covers.end(),
                     [](const OnDutyCover& x, const OnDutyCover& y) { return x.from < y.from; });
    shift.slots.push_back(std::move(slot));
  }
  return shift;
}

std::vector<std::string> officers_on_duty(const ShiftOnDuty& shift) {
  // The leader on duty (带班领导) directs; the officers (值班员) take the calls. The leader slot is
  // the first slot, so the officers are everyone in the other slots.
  std::vector<std::string> out;
  for (std::size_t i = 1; i < shift.slots.size(); ++i) {
    for (const auto& p : shift.slots[i].people) out.push_back(p.id);
  }
  if (out.empty() && !shift.slots.empty()) {
    for (const auto& p : shift.slots.front().people) out.push_back(p.id);
  }
  return out;
}

}  // namespace duty::cli
