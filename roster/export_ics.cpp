// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <ostream>

#include "roster/export_common.hpp"

namespace duty::roster {

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        // CRLF and a lone CR are one line break each.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  constexpr std::size_t kMaxOctets = 75;
  std::string out;
  out.reserve(line.size() + line.size() / 64 * 3 + 2);
  std::size_t pos = 0;
  bool first = true;
  while (pos < line.size()) {
    // A continuation line starts with a space, which counts toward its 75 octets.
    std::size_t room = first ? kMaxOctets : kMaxOctets - 1;
    std::size_t end = pos + room;
    if (end >= line.size()) {
      end = line.size();
    } else {
      // Back up to the start of a UTF-8 character: never end a line on a continuation byte.
      while (end > pos && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
      if (end == pos) end = pos + room;  // not UTF-8 at all; cut where the octets run out
    }
    if (!first) out += ' ';
    out.append(line.substr(pos, end - pos));
    out += "\r\n";
    pos = end;
    first = false;
  }
  if (first) out += "\r\n";
  return out;
}

namespace {

using detail::ExportText;
using detail::PeopleIndex;

std::string local_stamp(date::local_seconds t) {
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> tod{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()));
  return buf;
}

std::string utc_stamp(Seconds t) {
  return local_stamp(date::local_seconds{t.time_since_epoch()}) + "Z";
}

std::string offset_text(std::chrono::seconds offset) {
  // UTC offsets are under a day, so the parts fit an int.
  int total = static_cast<int>(offset.count());
  char sign = total < 0 ? '-' : '+';
  if (total < 0) total = -total;
  int h = total / 3600 % 100, m = total / 60 % 60, sec = total % 60;
  char buf[16];
  if (sec != 0) {
    std::snprintf(buf, sizeof buf, "%c%02d%02d%02d", sign, h, m, sec);
  } else {
    std::snprintf(buf, sizeof buf, "%c%02d%02d", sign, h, m);
  }
  return buf;
}

// A local time with TZID is read as one instant by every calendar program only when it happens
// exactly once that day, is the handover time itself (not the time a spring-forward gap moved it
// to), lies in an offset of whole minutes (readers built on pytz round historic offsets such as
// LMT +08:05:43 to minutes) and within the range of 32-bit tz data, 1901-12-13 .. 2038-01-19 UTC
// (readers that know only that part of a zone's file, pytz among them, take the last offset in it
// for every later summer). Any other instant is written in UTC, which no reader can misread.
bool needs_utc(const TimeZone& zone, Seconds instant, std::chrono::minutes handover) {
  constexpr Seconds kFirst32{std::chrono::seconds{std::numeric_limits<std::int32_t>::min()}};
  constexpr Seconds kLast32{std::chrono::seconds{std::numeric_limits<std::int32_t>::max()}};
  if (instant < kFirst32 || instant > kLast32) return true;
  const date::sys_info info = zone.get_info(instant);
  if (info.offset % std::chrono::minutes{1} != std::chrono::seconds{0}) return true;
  const date::local_seconds local{(instant + info.offset).time_since_epoch()};
  if (zone.get_info(local).result != date::local_info::unique) return true;
  return local - date::floor<date::days>(local) != handover;
}

class IcsWriter {
 public:
  explicit IcsWriter(std::ostream& out) : out_(out) {}
  /// NAME[;PARAMS]:VALUE, folded; `value` must already be escaped where it is TEXT.
  void line(std::string_view name, std::string_view value) {
    std::string l;
    l.reserve(name.size() + value.size() + 1);
    l.append(name);
    l += ':';
    l.append(value);
    out_ << ics_fold(l);
  }

 private:
  std::ostream& out_;
};

// One STANDARD or DAYLIGHT observance starting at `info.begin`, entered from `from`.
void write_observance(IcsWriter& w, const date::sys_info& info, std::chrono::seconds from,
                      date::local_seconds start) {
  const char* kind = info.save > std::chrono::minutes{0} ? "DAYLIGHT" : "STANDARD";
  w.line("BEGIN", kind);
  w.line("DTSTART", local_stamp(start));
  w.line("TZOFFSETFROM", offset_text(from));
  w.line("TZOFFSETTO", offset_text(info.offset));
  if (!info.abbrev.empty()) w.line("TZNAME", ics_escape(info.abbrev));
  w.line("END", kind);
}

// The zone's observances from the one in force at `begin` through every transition before `end`.
void write_vtimezone(IcsWriter& w, const TimeZone& zone, Seconds begin, Seconds end) {
  w.line("BEGIN", "VTIMEZONE");
  w.line("TZID", zone.name());
  date::sys_info info = zone.get_info(begin);
  const Seconds kEarliest = date::sys_days{date::year{1900} / 1 / 1};
  if (info.begin < kEarliest) {
    // No transition on record before the span: the offset has always been this one. The
    // observance starts no later than the span's first local day, so readers apply it to every
    // event (a span in 1900 before the zone's first change keeps its LMT offset, seconds and all).
    const date::local_days first =
        date::floor<date::days>(date::local_seconds{(begin + info.offset).time_since_epoch()});
    write_observance(w, info, info.offset,
                     std::min(first, date::local_days{date::year{1970} / 1 / 1}));
  } else {
    std::chrono::seconds before = zone.get_info(info.begin - std::chrono::seconds{1}).offset;
    write_observance(w, info, before, date::local_seconds{info.begin.time_since_epoch() + before});
  }
  while (info.end < end) {
    std::chrono::seconds before = info.offset;
    info = zone.get_info(info.end);
    // RFC 5545: an observance's DTSTART is local time reckoned with the offset before it.
    write_observance(w, info, before, date::local_seconds{info.begin.time_since_epoch() + before});
  }
  w.line("END", "VTIMEZONE");
}

std::string people_text(const Assignment& a, const PeopleIndex& people, const ExportText& t,
                        bool phones) {
  std::string out;
  for (const auto& id : a.people) {
    if (!out.empty()) out += t.list_separator();
    out += people.name(id);
    if (phones && !people.phone(id).empty()) out += " " + people.phone(id);
  }
  return out.empty() ? "—" : out;
}

std::string shift_heading(const Shift& shift, const ExportText& t) {
  std::string s = format_date(shift.date) + " " + t.weekday(shift.date) + " ";
  s += detail::day_label(shift, t);
  if (!shift.holiday_name.empty()) s += " " + shift.holiday_name;
  return s;
}

}  // namespace

void write_plan_ics(std::ostream& out, const Spec& spec, const Plan& plan,
                    const ExportOptions& options) {
  std::vector<const Shift*> shifts = detail::shifts_for(spec, plan, options);
  const TimeZone& zone = detail::zone_of(spec);
  ExportText t(spec.locale);
  PeopleIndex people(spec, plan);
  std::string office = options.office;
  if (office.empty()) office = spec.title.empty() ? zone.name() : spec.title + "/" + zone.name();
  const std::string colon = t(": ", "：");
  const std::string semicolon = t("; ", "；");

  IcsWriter w(out);
  w.line("BEGIN", "VCALENDAR");
  w.line("VERSION", "2.0");
  w.line("PRODID", "-//duty//duty roster export//EN");
  w.line("CALSCALE", "GREGORIAN");
  w.line("METHOD", "PUBLISH");
  std::string calendar_name =
      spec.title.empty() ? std::string(t("Duty roster", "值班表")) : spec.title;
  if (!options.person.empty()) calendar_name += " – " + people.name(options.person);
  w.line("X-WR-CALNAME", ics_escape(calendar_name));
  w.line("X-WR-TIMEZONE", zone.name());

  Seconds span_begin = date::sys_days{plan.from};
  Seconds span_end = date::sys_days{plan.to + date::days{1}};
  if (!shifts.empty()) {
    span_begin = shifts.front()->start;
    span_end = shifts.front()->end;
    for (const Shift* s : shifts) {
      span_begin = std::min(span_begin, s->start);
      span_end = std::max(span_end, s->end);
    }
  }
  write_vtimezone(w, zone, span_begin, span_end);

  const std::string stamp = utc_stamp(options.now);
  const std::string tzid = ";TZID=" + zone.name();
  auto event = [&](const Shift& s, std::string_view slot, std::string_view person,
                   const std::string& summary) {
    w.line("BEGIN", "VEVENT");
    w.line("UID", duty_uid(office, s.date, slot, person));
    w.line("DTSTAMP", stamp);
    w.line("SEQUENCE",
           std::to_string(options.sequence ? std::max(0, options.sequence(s.date)) : 0));
    for (auto [name, instant] : {std::pair<const char*, Seconds>{"DTSTART", s.start},
                                 std::pair<const char*, Seconds>{"DTEND", s.end}}) {
      if (needs_utc(zone, instant, spec.handover)) {
        w.line(name, utc_stamp(instant));
      } else {
        w.line(name + tzid, local_stamp(zone.to_local(instant)));
      }
    }
    w.line("SUMMARY", ics_escape(summary));
    std::string description;
    if (!spec.title.empty()) description += spec.title + "\n";
    description += shift_heading(s, t);
    for (const auto& a : s.assignments) {
      description +=
          "\n" + detail::slot_name(spec, a.slot) + colon + people_text(a, people, t, true);
    }
    w.line("DESCRIPTION", ics_escape(description));
    if (s.day_type == DayType::kHoliday) w.line("CATEGORIES", ics_escape(t.day_type(s.day_type)));
    w.line("STATUS", "CONFIRMED");
    // The office-wide calendar informs; it should not mark the subscriber as busy.
    w.line("TRANSP", person.empty() ? "TRANSPARENT" : "OPAQUE");
    w.line("END", "VEVENT");
  };

  for (const Shift* s : shifts) {
    if (options.person.empty()) {
      bool any = false;
      std::string summary;
      for (const auto& a : s->assignments) {
        any = any || !a.people.empty();
        if (!summary.empty()) summary += semicolon;
        summary += detail::slot_name(spec, a.slot) + colon + people_text(a, people, t, false);
      }
      if (any) event(*s, "shift", "", summary);
      continue;
    }
    for (const auto& a : s->assignments) {
      for (const auto& id : a.people) {
        if (id != options.person) continue;
        event(*s, a.slot, id, detail::slot_name(spec, a.slot) + colon + people.name(id));
      }
    }
  }
  w.line("END", "VCALENDAR");
}

}  // namespace duty::roster
