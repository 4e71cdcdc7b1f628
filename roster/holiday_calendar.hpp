// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.hpp"
#include "common/yaml_source.hpp"

namespace duty::roster {

/// What a notice makes of a date: a day off (放假), or a weekend day worked (上班, 调休).
enum class CalendarDayKind { kHoliday, kWorkday };

/// "holiday" or "workday".
std::string_view to_string(CalendarDayKind kind);

struct CalendarDay {
  Days date;
  std::string name;  ///< the festival as the notice names it: 春节, 国庆节、中秋节 ...
  CalendarDayKind kind = CalendarDayKind::kHoliday;
};

/// A State Council notice a calendar year is taken from.
struct HolidayNotice {
  std::string title;   ///< 国务院办公厅关于2025年部分节假日安排的通知
  std::string number;  ///< 国办发明电〔2024〕12号
  Days issued;
  std::string url;  ///< where its text was read
};

/// One year of a built-in holiday calendar: every day its notice (and any notice amending it)
/// names, by date. A notice may name days of the year before: the 2023 notice's New Year's Day
/// break starts on 2022-12-31.
struct CalendarYear {
  std::string calendar;
  int year = 0;
  std::vector<HolidayNotice> sources;  ///< the year's notice first, then any amending it
  std::vector<CalendarDay> days;       ///< ascending, one per date
};

/// Parses and checks one data file (docs/roster-spec.md#holiday-calendar): keys calendar, year,
/// sources and days; names of the festivals only; a workday on a Saturday or Sunday; dates in the
/// year or the December before, each once. Throws InputError listing every problem
/// (file:line:column).
CalendarYear parse_calendar_year(const YamlSource& source);

/// The calendars this build knows ("cn"), sorted.
std::vector<std::string> known_calendars();

/// " (did you mean 'cn'?)" for a near miss of a known calendar, letter case ignored ("CN");
/// empty otherwise.
std::string suggest_calendar(std::string_view name);

/// The years of `calendar` this build knows, ascending; empty for an unknown calendar.
std::vector<int> known_years(std::string_view calendar);

/// "2020..2026", or "2020..2022, 2024" where years are missing; "none" when empty.
std::string describe_years(const std::vector<int>& years);

/// A built-in year; nullopt when the build does not know the calendar or the year. An embedded
/// file that does not parse is a build defect, thrown as InputError naming the file.
std::optional<CalendarYear> calendar_year(std::string_view calendar, int year);

/// The built-in days that fall in the calendar years `from`..`to` touches.
struct CalendarSpan {
  std::map<Days, CalendarDay> days;
  std::vector<int> years;              ///< the years touched, ascending
  std::vector<int> missing_years;      ///< years touched that the build does not know
  std::vector<HolidayNotice> sources;  ///< the notices the days came from
};

/// The days of `calendar` in the years from..to touches, taken from those years' notices and from
/// the next year's notice where the build knows it (its days in the year before, such as
/// 2022-12-31). missing_years names touched years without a notice; their days are absent.
CalendarSpan calendar_span(std::string_view calendar, Days from, Days to);

}  // namespace duty::roster
