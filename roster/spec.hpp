// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "common/yaml_reader.hpp"
#include "common/yaml_source.hpp"

namespace duty::roster {

/// Every date has exactly one day type: holiday if listed in holidays; else weekend if Saturday or
/// Sunday and not a make-up working day; else workday. With `holidays: {calendar: cn}` the
/// calendar's holidays and make-up working days are in those lists (roster/holiday_calendar.hpp).
enum class DayType { kWorkday = 0, kWeekend = 1, kHoliday = 2 };

/// "workday", "weekend" or "holiday".
std::string_view to_string(DayType type);
/// Parses the names above.
std::optional<DayType> parse_day_type(std::string_view text);

/// What every 24-hour shift needs: `count` people from `group`.
struct Slot {
  std::string id;
  std::string name;
  std::string group;
  int count = 1;
  SourcePos pos;
};

struct Person {
  std::string id;
  std::string name;
  std::string phone;
  std::vector<std::string> groups;
  double weight = 1.0;         ///< share of duty; 0.5 = half as many
  std::set<Days> unavailable;  ///< leave, trips, training
  /// Days the rest rule keeps them off duty next to a duty outside the period (published before
  /// or after it, or held): set by mark_rest_after / mark_rest_around, never read from a file.
  std::set<Days> resting;
  SourcePos pos;

  bool in_group(std::string_view group) const;
  bool available(Days day) const { return !unavailable.contains(day) && !resting.contains(day); }
};

/// A pinned assignment, always honoured.
struct Pin {
  Days date;
  std::string slot;
  std::string person;
  SourcePos pos;
};

/// Which duties already published count towards fairness when a period is built or published:
/// those of the calendar year of the period's first date (year), or none (period).
enum class FairnessWindow { kYear, kPeriod };

struct Rules {
  int min_rest_days = 0;            ///< duty-free days required between two duties of one person
  std::optional<int> max_duties;    ///< cap per person over the period
  FairnessWindow fairness_window = FairnessWindow::kYear;
};

enum class Strategy { kBalanced, kRotation };

/// Limits that keep a spec's work bounded; larger specs are refused with a message naming the limit.
inline constexpr int kMaxPeriodDays = 3 * 366;
inline constexpr std::size_t kMaxPeople = 10000;
inline constexpr int kMaxSlotCount = 100;
/// The most work a spec may ask of the solver, counted as places x (people + days): the balanced
/// search makes a fixed number of moves per place, and a move looks over the people of a group and
/// the days of a person. Tight min_rest_days rules cost up to five times more per unit than none,
/// which sets the ceiling: the slowest spec measured near it takes well under a minute on two
/// cores (docs/roster-spec.md). Larger specs are refused before any solving.
inline constexpr std::int64_t kMaxSolverWork = 6'000'000;
/// The dates a period may hold: calendars and the tz database are checked over these years.
inline constexpr Days kFirstPeriodDate = date::sys_days{date::year{1900} / 1 / 1};
inline constexpr Days kLastPeriodDate = date::sys_days{date::year{2199} / 12 / 31};

/// A validated roster spec (see docs/roster-spec.md).
struct Spec {
  std::string source;  ///< file the spec came from, for messages
  std::string timezone;
  const TimeZone* zone = nullptr;
  std::chrono::minutes handover{8 * 60 + 30};
  SourcePos timezone_pos;  ///< where `timezone` is set
  SourcePos handover_pos;  ///< where `handover` is set; line 0 when the spec leaves the default
  Days from;
  Days to;
  std::string locale = "en";
  std::string title;
  std::vector<Slot> slots;
  std::vector<Person> people;
  std::map<Days, std::string> holidays;  ///< date -> holiday name ("" when unnamed), calendar's included
  std::set<Days> workdays;               ///< make-up working days (调休), calendar's included
  Rules rules;
  std::vector<Pin> fixed;
  Strategy strategy = Strategy::kBalanced;
  std::uint64_t seed = 1;

  DayType day_type(Days day) const;
  /// Number of dates from..to inclusive.
  int days() const { return static_cast<int>((to - from).count()) + 1; }
  const Person* find_person(std::string_view id) const;
  const Slot* find_slot(std::string_view id) const;
  /// Places to fill over the period: the days times the places of a shift.
  std::int64_t places() const;
  /// What the solver's work is measured in: places() x (people + days); see kMaxSolverWork.
  std::int64_t solver_work() const;
  /// Groups that slots draw on, in slot order, without repeats.
  std::vector<std::string> slot_groups() const;
};

/// Optional command-line overrides of the spec's period.
struct PeriodOverride {
  std::optional<Days> from;
  std::optional<Days> to;
};

/// Parses and validates a spec, collecting every problem; throws InputError listing them all
/// (file:line:column each) when there is any. A spec whose solver_work() over the period (with
/// `period` applied) exceeds kMaxSolverWork is one of them, so no command starts work that would
/// run for minutes.
Spec parse_spec(const YamlSource& source, const PeriodOverride& period = {});

/// Reads the file and parses it (see parse_spec); UsageError when the file cannot be read.
Spec load_spec(const std::string& path, const PeriodOverride& period = {});

/// The zone and handover a published roster must share with its office, and the file they are in.
struct OfficeFrame {
  std::string file;  ///< office.yaml, for messages
  std::string timezone;
  std::chrono::minutes handover{8 * 60 + 30};
};

/// InputError (exit 2) naming both values and both files when the spec's timezone or handover
/// differs from the office's: shifts published from it would begin at other instants than the
/// ones `who`, the handover record and bulletins reckon with the office's. Both differences are
/// reported together.
void require_office_frame(const Spec& spec, const OfficeFrame& office);

/// Dates of "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD", at most kMaxPeriodDays long; nullopt with
/// `error` set when malformed or reversed.
inline std::optional<std::vector<Days>> parse_date_or_range(std::string_view text, std::string& error) {
  return duty::parse_date_or_range(text, error, kMaxPeriodDays);
}

}  // namespace duty::roster
