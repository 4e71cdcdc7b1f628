// SPDX-License-Identifier: Apache-2.0
#include "common/time.hpp"

#include <charconv>
#include <cstdio>

namespace duty {

namespace {
bool parse_fixed(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto r = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return r.ec == std::errc{};
}


std::string outside_years(std::string_view text) {
  return trf("'{0}' is outside the years {1} to {2} that duty accepts; check the year", text, kFirstYear,
             kLastYear);
}

}  // namespace

std::optional<Days> parse_date(std::string_view text, std::string* range_problem) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!parse_fixed(text, 0, 4, y) || !parse_fixed(text, 5, 2, m) || !parse_fixed(text, 8, 2, d)) {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  if (y < kFirstYear || y > kLastYear) {
    if (range_problem) *range_problem = outside_years(text);
    return std::nullopt;
  }
  return Days{ymd};
}

namespace {

// Writes `value` as `width` zero-padded decimal digits. Plans and listings format thousands of
// dates and times; snprintf cost more than the rest of a row.
char* put_digits(char* p, long long value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return p + width;
}

// "YYYY-MM-DD" at p (10 characters); years outside 0..9999 are not written this way.
char* put_date(char* p, const date::year_month_day& ymd) {
  p = put_digits(p, static_cast<int>(ymd.year()), 4);
  *p++ = '-';
  p = put_digits(p, static_cast<unsigned>(ymd.month()), 2);
  *p++ = '-';
  return put_digits(p, static_cast<unsigned>(ymd.day()), 2);
}

bool four_digit_year(const date::year_month_day& ymd) {
  int y = static_cast<int>(ymd.year());
  return y >= 0 && y <= 9999;
}

}  // namespace

std::string format_date(Days day) {
  date::year_month_day ymd{day};
  char buf[16];
  if (!four_digit_year(ymd)) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
  }
  return std::string(buf, put_date(buf, ymd));
}

std::optional<Seconds> parse_iso_instant(std::string_view text, std::string* range_problem) {
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  std::string out_of_range;
  auto day = parse_date(text.substr(0, 10), &out_of_range);
  auto clock = parse_clock(text.substr(11, 5));
  if (!day || !clock) {
    // Only a time that is whole but for its year is out of range; anything else is malformed.
    if (!out_of_range.empty() && range_problem &&
        parse_iso_instant(std::string("2000-01-01").append(text.substr(10)))) {
      *range_problem = outside_years(text);
    }
    return std::nullopt;
  }
  std::size_t i = 16;
  int sec = 0;
  if (i < text.size() && text[i] == ':') {
    if (!parse_fixed(text, i + 1, 2, sec) || sec > 59) return std::nullopt;
    i += 3;
  }
  Seconds local{day->time_since_epoch() + *clock + std::chrono::seconds{sec}};
  std::string_view zone = text.substr(i);
  if (zone == "Z" || zone == "z") return local;
  int oh = 0, om = 0;
  if (zone.size() == 6 && zone[3] == ':') {
    if (!parse_fixed(zone, 1, 2, oh) || !parse_fixed(zone, 4, 2, om)) return std::nullopt;
  } else if (zone.size() == 5) {
    if (!parse_fixed(zone, 1, 2, oh) || !parse_fixed(zone, 3, 2, om)) return std::nullopt;
  } else if (zone.size() == 3) {
    if (!parse_fixed(zone, 1, 2, oh)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if ((zone[0] != '+' && zone[0] != '-') || oh > 18 || om > 59) return std::nullopt;
  std::chrono::seconds offset{(oh * 60 + om) * 60};
  return zone[0] == '+' ? local - offset : local + offset;
}

std::optional<std::chrono::minutes> parse_clock(std::string_view text) {
  int h = 0, m = 0;
  if (text.size() == 4 && text[1] == ':') {
    if (!parse_fixed(text, 0, 1, h) || !parse_fixed(text, 2, 2, m)) return std::nullopt;
  } else if (text.size() == 5 && text[2] == ':') {
    if (!parse_fixed(text, 0, 2, h) || !parse_fixed(text, 3, 2, m)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (h > 23 || m > 59) return std::nullopt;
  return std::chrono::minutes{h * 60 + m};
}

std::optional<std::chrono::minutes> parse_duration(std::string_view text) {
  long long total = 0;
  std::size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j == i || j == text.size() || j - i > 6) return std::nullopt;
    long long n = 0;
    std::from_chars(text.data() + i, text.data() + j, n);
    switch (text[j]) {
      case 'd': total += n * 1440; break;
      case 'h': total += n * 60; break;
      case 'm': total += n; break;
      default: return std::nullopt;
    }
    i = j + 1;
  }
  if (total <= 0 || total > 366LL * 1440) return std::nullopt;
  return std::chrono::minutes{total};
}

std::string format_duration(std::chrono::minutes d) {
  long long m = d.count();
  if (m % 1440 == 0) return std::to_string(m / 1440) + "d";
  std::string s;
  if (m >= 60) s += std::to_string(m / 60) + "h";
  if (m % 60) s += std::to_string(m % 60) + "m";
  return s;
}

std::string format_clock(std::chrono::minutes since_midnight) {
  char buf[8];
  auto total = since_midnight.count();
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(total / 60), static_cast<int>(total % 60));
  return buf;
}

Seconds local_to_sys(const TimeZone& zone, date::local_seconds local) {
  // For a nonexistent time, `first` is the period before the gap; for an ambiguous one it is the
  // earlier occurrence. Either way subtracting first.offset gives the RFC 5545 reading.
  date::local_info info = zone.get_info(local);
  return Seconds{local.time_since_epoch() - info.first.offset};
}

Seconds at_local(const TimeZone& zone, Days day, std::chrono::minutes clock) {
  return local_to_sys(zone, date::local_seconds{day.time_since_epoch()} + clock);
}

std::string format_iso(const TimeZone& zone, Seconds instant) {
  date::sys_info info = zone.get_info(instant);
  auto local = date::local_seconds{instant.time_since_epoch() + info.offset};
  auto day = date::floor<date::days>(local);
  date::hh_mm_ss<std::chrono::seconds> tod{local - day};
  auto off = info.offset.count();
  char buf[16];
  char* p = buf;
  *p++ = 'T';
  p = put_digits(p, tod.hours().count(), 2);
  *p++ = ':';
  p = put_digits(p, tod.minutes().count(), 2);
  *p++ = ':';
  p = put_digits(p, tod.seconds().count(), 2);
  *p++ = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  p = put_digits(p, off / 3600, 2);
  *p++ = ':';
  p = put_digits(p, (off % 3600) / 60, 2);
  return format_date(Days{day.time_since_epoch()}).append(buf, p);
}

std::string format_iso_minute(const TimeZone& zone, Seconds instant) {
  std::string s = format_iso(zone, instant);
  // "YYYY-MM-DDTHH:MM:SS+hh:mm": seconds at 16..18.
  if (s.size() >= 19 && s[16] == ':' && s[17] == '0' && s[18] == '0') s.erase(16, 3);
  return s;
}

std::string format_local_time(const TimeZone& zone, Seconds instant) {
  std::string s = format_local_minute(zone, instant);
  auto sec = (instant.time_since_epoch() - date::floor<std::chrono::minutes>(instant).time_since_epoch()).count();
  if (sec != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ":%02d", static_cast<int>(sec));
    s += buf;
  }
  return s;
}

std::string format_local_minute(const TimeZone& zone, Seconds instant) {
  date::sys_info info = zone.get_info(instant);
  auto local = date::local_seconds{instant.time_since_epoch() + info.offset};
  auto day = date::floor<date::days>(local);
  auto mins = std::chrono::duration_cast<std::chrono::minutes>(local - day);
  return format_date(Days{day.time_since_epoch()}) + ' ' + format_clock(mins);
}

Days local_day(const TimeZone& zone, Seconds instant) {
  auto local = zone.to_local(instant);
  return Days{date::floor<date::days>(local).time_since_epoch()};
}

bool within_years(const TimeZone& zone, Seconds instant) {
  // Far outside the years the zone lookup itself is not asked: a day either side covers any offset.
  static const Seconds kFirst{date::sys_days{date::year{kFirstYear} / 1 / 1} - date::days{1}};
  static const Seconds kLast{date::sys_days{date::year{kLastYear + 1} / 1 / 1} + date::days{1}};
  if (instant < kFirst || instant >= kLast) return false;
  int y = static_cast<int>(date::year_month_day{local_day(zone, instant)}.year());
  return y >= kFirstYear && y <= kLastYear;
}

namespace {

// parse_time_expr without the check of the years; `range_problem` is set by the date parsers.
std::optional<Seconds> time_expr(std::string_view text, const TimeZone& zone, Seconds now,
                                 ClockReading reading, std::string* range_problem) {
  if (text == "now") return now;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    auto d = parse_duration(text.substr(1));
    if (!d) return std::nullopt;
    return text[0] == '-' ? now - *d : now + *d;
  }
  if (auto clock = parse_clock(text)) {
    Days day = local_day(zone, now);
    Seconds t = at_local(zone, day, *clock);
    if (reading == ClockReading::kPast && t > now) return at_local(zone, day - date::days{1}, *clock);
    if (reading == ClockReading::kNext && t < now) return at_local(zone, day + date::days{1}, *clock);
    return t;
  }
  if (auto instant = parse_iso_instant(text, range_problem)) return instant;
  if (auto day = parse_date(text, range_problem)) return at_local(zone, *day, std::chrono::minutes{0});
  std::string local_range;
  if (text.size() == 16 && (text[10] == ' ' || text[10] == 'T')) {
    auto day = parse_date(text.substr(0, 10), &local_range);
    auto clock = parse_clock(text.substr(11));
    if (day && clock) return at_local(zone, *day, *clock);
    if (clock && !local_range.empty() && range_problem) *range_problem = outside_years(text);
  }
  if (text.size() == 19 && (text[10] == ' ' || text[10] == 'T') && text[16] == ':' && text.substr(17) == "00") {
    auto day = parse_date(text.substr(0, 10), &local_range);
    auto clock = parse_clock(text.substr(11, 5));
    if (day && clock) return at_local(zone, *day, *clock);
    if (clock && !local_range.empty() && range_problem) *range_problem = outside_years(text);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Seconds> parse_time_expr(std::string_view text, const TimeZone& zone, Seconds now,
                                       std::string* range_problem) {
  return parse_time_expr(text, zone, now, ClockReading::kSameDay, range_problem);
}

std::optional<Seconds> parse_range_end(std::string_view text, const TimeZone& zone, Seconds now,
                                       std::string* range_problem) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  std::string out_of_range;
  if (auto day = parse_date(t, &out_of_range)) {
    // The whole day: up to the start of the next one (a DST change makes some days 23 or 25 hours).
    Seconds end = at_local(zone, *day + date::days{1}, std::chrono::minutes{0}) - std::chrono::seconds{1};
    if (within_years(zone, end)) return end;
    if (range_problem) *range_problem = outside_years(t);
    return std::nullopt;
  }
  if (!out_of_range.empty()) {
    if (range_problem) *range_problem = out_of_range;
    return std::nullopt;
  }
  return parse_time_expr(t, zone, now, ClockReading::kSameDay, range_problem);
}

std::string not_a_time_message(std::string_view text) {
  return trf("'{0}' is not a time; accepted: {1}", text, tr(kTimeForms));
}

std::optional<Seconds> parse_time_expr(std::string_view text, const TimeZone& zone, Seconds now,
                                       ClockReading reading, std::string* range_problem) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  auto t = time_expr(text, zone, now, reading, range_problem);
  // A relative time or an offset can carry a time in range across the first or last year's edge.
  if (t && !within_years(zone, *t)) {
    if (range_problem) *range_problem = outside_years(text);
    return std::nullopt;
  }
  return t;
}

unsigned iso_weekday_index(Days day) { return date::weekday{day}.iso_encoding() - 1; }

}  // namespace duty
