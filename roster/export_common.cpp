// SPDX-License-Identifier: Apache-2.0
#include "roster/export_common.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::roster {

void check_export_person(const Spec& spec, const Plan& plan, std::string_view person) {
  if (person.empty()) return;
  std::vector<std::string> ids;
  for (const auto& p : plan.people) {
    if (p.id == person) return;
    ids.push_back(p.id);
  }
  for (const auto& p : spec.people) {
    if (p.id == person) return;
    ids.push_back(p.id);
  }
  throw FieldError("person",
                   trf("unknown person '{0}'{1}; expected the id of a person in the roster", person,
                       did_you_mean(person, ids)));
}

std::string duty_uid(std::string_view office, Days day, std::string_view slot,
                     std::string_view person) {
  // FNV-1a: a fixed, portable hash, so UIDs are the same on every machine and release.
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : office) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char office_hex[17];
  std::snprintf(office_hex, sizeof office_hex, "%016llx", static_cast<unsigned long long>(h));
  std::string date = format_date(day);
  std::string uid;
  for (char c : date) {
    if (c != '-') uid += c;
  }
  uid += '-';
  uid += slot;
  if (!person.empty()) {
    uid += '-';
    uid += person;
  }
  uid += '.';
  uid += office_hex;
  uid += "@duty-roster";
  return uid;
}

namespace detail {

std::string ExportText::weekday(Days day) const {
  static const char* kEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kZh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  unsigned i = iso_weekday_index(day);
  return zh ? kZh[i] : kEn[i];
}

std::string ExportText::weekday_head(unsigned index) const {
  static const char* kEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kZh[] = {"一", "二", "三", "四", "五", "六", "日"};
  return zh ? kZh[index % 7] : kEn[index % 7];
}

std::string ExportText::day_type(DayType type) const {
  switch (type) {
    case DayType::kHoliday:
      return zh ? "节假日" : "holiday";
    case DayType::kWeekend:
      return zh ? "周末" : "weekend";
    case DayType::kWorkday:
      break;
  }
  return zh ? "工作日" : "workday";
}

PeopleIndex::PeopleIndex(const Spec& spec, const Plan& plan) {
  for (const auto& p : plan.people) people_.emplace(p.id, p);
  for (const auto& p : spec.people) people_.emplace(p.id, PlanPerson{p.id, p.name, p.phone});
}

const std::string& PeopleIndex::name(const std::string& id) const {
  auto it = people_.find(id);
  if (it == people_.end() || it->second.name.empty()) return id;
  return it->second.name;
}

const std::string& PeopleIndex::phone(const std::string& id) const {
  static const std::string kNone;
  auto it = people_.find(id);
  return it == people_.end() ? kNone : it->second.phone;
}

std::string slot_name(const Spec& spec, const std::string& slot) {
  const Slot* s = spec.find_slot(slot);
  return s && !s->name.empty() ? s->name : slot;
}

bool serves(const Shift& shift, std::string_view person) {
  for (const auto& a : shift.assignments) {
    for (const auto& p : a.people) {
      if (p == person) return true;
    }
  }
  return false;
}

bool is_makeup_day(const Shift& shift) {
  return shift.day_type == DayType::kWorkday && iso_weekday_index(shift.date) >= 5;
}

std::string day_label(const Shift& shift, const ExportText& text) {
  if (is_makeup_day(shift)) return text("make-up workday", "调休上班");
  return text.day_type(shift.day_type);
}

std::vector<std::string> slot_columns(const Spec& spec, const std::vector<const Shift*>& shifts) {
  std::vector<std::string> slots;
  for (const auto& s : spec.slots) slots.push_back(s.id);
  for (const Shift* s : shifts) {
    for (const auto& a : s->assignments) {
      if (std::find(slots.begin(), slots.end(), a.slot) == slots.end()) slots.push_back(a.slot);
    }
  }
  return slots;
}

std::vector<const Shift*> shifts_for(const Spec& spec, const Plan& plan,
                                     const ExportOptions& options) {
  check_export_person(spec, plan, options.person);
  std::vector<const Shift*> out;
  for (const auto& s : plan.shifts) {
    if (options.person.empty() || serves(s, options.person)) out.push_back(&s);
  }
  return out;
}

const TimeZone& zone_of(const Spec& spec) {
  if (spec.zone) return *spec.zone;
  return *find_zone("UTC");
}

}  // namespace detail
}  // namespace duty::roster
