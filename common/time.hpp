// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/i18n.hpp"
#include "common/time_zone.hpp"

namespace duty {

using Days = date::sys_days;
using Seconds = date::sys_seconds;

/// The years duty accepts in any date or time it reads: dates beyond them are typing slips
/// (20266-01-01, 0202-01-05) and times far beyond them overflow the arithmetic of deadlines.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2199;

/// Parses a strict calendar date "YYYY-MM-DD"; nullopt when malformed, not a real date or in a
/// year outside kFirstYear..kLastYear. `range_problem`, when given, is set to a message ("'2500-01-01'
/// is outside the years 1900 to 2199") in that last case and left as it is otherwise, so a caller
/// can tell the two apart and keep its own wording for malformed text.
std::optional<Days> parse_date(std::string_view text, std::string* range_problem = nullptr);

/// "YYYY-MM-DD".
std::string format_date(Days day);

/// Parses ISO 8601 with an offset: "2027-01-05T14:05:00+08:00", "...Z", seconds optional, 'T' or
/// a space between date and time; nullopt when malformed, when the offset is missing or when the
/// date is outside the years parse_date accepts (`range_problem` as there).
std::optional<Seconds> parse_iso_instant(std::string_view text, std::string* range_problem = nullptr);

/// Parses "HH:MM" (00:00..23:59) into minutes after midnight.
std::optional<std::chrono::minutes> parse_clock(std::string_view text);

/// Parses a duration such as "30m", "2h", "1h30m", "90m" or "1d"; nullopt when malformed or zero.
std::optional<std::chrono::minutes> parse_duration(std::string_view text);

/// "30m", "2h", "1h30m", "1d".
std::string format_duration(std::chrono::minutes d);

/// "HH:MM".
std::string format_clock(std::chrono::minutes since_midnight);

/// The instant a local wall-clock time denotes in `zone`, following RFC 5545: a time in a
/// spring-forward gap is read with the offset in force before the gap (02:30 in New York on
/// 2027-03-14 is 03:30 EDT); a time that happens twice takes the first occurrence.
Seconds local_to_sys(const TimeZone& zone, date::local_seconds local);

/// The instant `day` at `clock` local time in `zone` (see local_to_sys).
Seconds at_local(const TimeZone& zone, Days day, std::chrono::minutes clock);

/// ISO 8601 with the zone's offset at that instant: "2027-01-01T08:30:00+08:00".
std::string format_iso(const TimeZone& zone, Seconds instant);

/// format_iso without the seconds when they are zero ("2027-01-01T08:30+08:00", still ISO 8601),
/// so a time typed to the minute reads back as it was typed; "2027-01-01T08:30:17+08:00" otherwise.
std::string format_iso_minute(const TimeZone& zone, Seconds instant);

/// Local "YYYY-MM-DD HH:MM" in the zone.
std::string format_local_minute(const TimeZone& zone, Seconds instant);

/// Local "YYYY-MM-DD HH:MM", with ":SS" after it when the seconds are not zero.
std::string format_local_time(const TimeZone& zone, Seconds instant);

/// Parses a TIME expression in the office's zone, relative to `now`: "now"; "-15m", "-2h", "+1d"
/// (also combined, "-1h30m"); "14:05" (today, local); "2027-01-05 14:05" or "2027-01-05T14:05"
/// (local); "2027-01-05" (local midnight); ISO 8601 with an offset or Z. Nonexistent and ambiguous local times follow
/// local_to_sys. nullopt when the text is none of these, or when the time it names falls (in the
/// zone) outside the years kFirstYear..kLastYear; `range_problem`, when given, is set to a message
/// in that case ("'2500-01-05 08:00' is outside the years 1900 to 2199") and left as it is otherwise.
std::optional<Seconds> parse_time_expr(std::string_view text, const TimeZone& zone, Seconds now,
                                       std::string* range_problem = nullptr);

/// How parse_time_expr reads a bare clock time ("23:50"), which names a moment on some day.
enum class ClockReading {
  kSameDay,  ///< on the base's local day (listings: `--from 08:00` is today at 08:00)
  kPast,     ///< the most recent such moment not after the base: when something happened
             ///< (`--received 23:50` typed at 00:10 is last night)
  kNext,     ///< the next such moment not before the base: a deadline (`--due 08:00` typed at
             ///< 17:00 is tomorrow morning)
};

/// parse_time_expr with the base explicit: relative times ("+2h", "-15m") and "now" count from
/// `base` (the time an --at names, when a deadline is given with it), and a bare clock time is read
/// as `reading` says. Everything else as parse_time_expr.
std::optional<Seconds> parse_time_expr(std::string_view text, const TimeZone& zone, Seconds base,
                                       ClockReading reading, std::string* range_problem = nullptr);

/// The last second a range ending at `text` takes in: a bare date ("2026-12-06") is the whole
/// day, through 23:59:59 local time (the start of the next local day less one second); any other
/// TIME expression (read as parse_time_expr reads it) is that instant. nullopt as parse_time_expr.
std::optional<Seconds> parse_range_end(std::string_view text, const TimeZone& zone, Seconds now,
                                       std::string* range_problem = nullptr);

/// "'x' is not a time; accepted: ..." in the language of messages (kTimeForms translated).
std::string not_a_time_message(std::string_view text);

/// True when the instant falls, in the zone, in a year from kFirstYear to kLastYear.
bool within_years(const TimeZone& zone, Seconds instant);

/// What parse_time_expr accepts, for error messages.
inline constexpr const char* kTimeForms =
    N_("'2027-01-05 14:05', '14:05' (the most recent 14:05 for when something happened, the next "
       "for a deadline), '2027-01-05' (midnight; as the end of a range, the whole day), ISO 8601 "
       "with offset (2027-01-05T14:05:00+08:00), 'now', or a relative time such as -15m or +2h");

/// The local calendar date of an instant in a zone.
Days local_day(const TimeZone& zone, Seconds instant);

/// 0 = Monday ... 6 = Sunday (ISO order).
unsigned iso_weekday_index(Days day);

}  // namespace duty
