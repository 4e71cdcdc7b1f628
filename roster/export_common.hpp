// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "roster/export.hpp"

// Shared by the export renderers only; not part of the roster library's interface.
namespace duty::roster::detail {

/// Words of the exports in the spec's locale (zh-CN or en).
struct ExportText {
  bool zh = false;

  explicit ExportText(std::string_view locale) : zh(locale == "zh-CN") {}
  /// 周一…周日 / Mon…Sun.
  std::string weekday(Days day) const;
  /// 一…日 / Mon…Sun, for calendar column heads; index 0 = Monday.
  std::string weekday_head(unsigned index) const;
  std::string day_type(DayType type) const;
  std::string list_separator() const { return zh ? "、" : ", "; }
  const char* operator()(const char* en, const char* zh_text) const { return zh ? zh_text : en; }
};

/// Names and phones of the people a plan mentions: the plan's own list first, then the spec's.
class PeopleIndex {
 public:
  PeopleIndex(const Spec& spec, const Plan& plan);
  /// The person's name, or the id itself when there is none.
  const std::string& name(const std::string& id) const;
  /// The phone, or "" when none is known.
  const std::string& phone(const std::string& id) const;

 private:
  std::map<std::string, PlanPerson, std::less<>> people_;
};

/// The slot's name from the spec, or its id when the spec has no such slot or no name.
std::string slot_name(const Spec& spec, const std::string& slot);

/// True when `person` holds a place in the shift.
bool serves(const Shift& shift, std::string_view person);

/// A Saturday or Sunday that is a working day: a make-up working day (调休上班).
bool is_makeup_day(const Shift& shift);

/// The day type as shown in exports: a weekend date that is a working day is a make-up day.
std::string day_label(const Shift& shift, const ExportText& text);

/// Slot ids as columns: the spec's slots in order, then any other slot the shifts hold (a
/// hand-edited plan may have them).
std::vector<std::string> slot_columns(const Spec& spec, const std::vector<const Shift*>& shifts);

/// The shifts to export: all, or those `options.person` serves in (after check_export_person).
std::vector<const Shift*> shifts_for(const Spec& spec, const Plan& plan,
                                     const ExportOptions& options);

/// The zone the plan's times are shown in: the spec's.
const TimeZone& zone_of(const Spec& spec);

}  // namespace duty::roster::detail
