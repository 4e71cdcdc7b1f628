// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace duty {

/// One IANA time zone, read from its compiled file in the system's tz database
/// (/usr/share/zoneinfo, TZif as in RFC 8536). Answers exactly as the date library's
/// date::time_zone does for the same file (tests/unit/common/time_zone_test.cpp compares them), but
/// reads only the one file: date::locate_zone first lists all ~650 zone files of the system, which
/// cost every command more time than the command's own work.
class TimeZone {
 public:
  /// The zone named `name` (e.g. "Asia/Shanghai") from the tz database folder `dir`; nullptr when
  /// there is no such zone or its file is not a TZif file. Only the names the IANA database lists
  /// in the folder's tzdata.zi (zones and links, such as "UTC" and "Etc/UTC") are zones: not
  /// "localtime" (whatever zone the computer is set to), "posixrules", "Factory", "right/..." or
  /// "posix/...", paths or hidden names. Without a tzdata.zi the names follow date::locate_zone,
  /// "localtime" excepted.
  static std::unique_ptr<TimeZone> load(std::string_view name, const std::string& dir = "/usr/share/zoneinfo");

  const std::string& name() const noexcept { return name_; }

  /// The offset, abbreviation and validity interval in force at `t`.
  date::sys_info get_info(date::sys_seconds t) const;
  /// How a local wall-clock time maps to UTC: unique, nonexistent (in a gap) or ambiguous.
  date::local_info get_info(date::local_seconds t) const;
  /// The local wall-clock time of an instant.
  date::local_seconds to_local(date::sys_seconds t) const { return date::local_seconds{(t + get_info(t).offset).time_since_epoch()}; }

 private:
  struct Type {
    std::chrono::seconds offset;
    bool is_dst = false;
    std::string abbrev;
  };
  struct Transition {
    date::sys_seconds at;
    std::size_t type;
  };
  using Iter = std::vector<Transition>::const_iterator;
  date::sys_info info_before(Iter i) const;

  std::string name_;
  std::vector<Type> types_;
  std::vector<Transition> transitions_;  ///< from the earliest time on, with no two alike in a row
};

/// The zone with this name from the system tz database, loaded on first use and kept for the
/// process (like the date library's own database); nullptr when there is none. Thread-safe.
const TimeZone* find_zone(std::string_view name);

}  // namespace duty
