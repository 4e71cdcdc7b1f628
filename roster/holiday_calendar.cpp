// SPDX-License-Identifier: Apache-2.0
#include "roster/holiday_calendar.hpp"

#include <algorithm>
#include <set>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/yaml_reader.hpp"
#include "roster/holiday_data.hpp"

namespace duty::roster {

namespace {

// The festivals of the 全国年节及纪念日放假办法, and the combined names notices give the National
// Day break when the Mid-Autumn Festival falls in it (the 2023 notice puts 中秋节 first).
const std::vector<std::string> kFestivals = {"元旦",   "春节",           "清明节",
                                             "劳动节", "端午节",         "中秋节",
                                             "国庆节", "国庆节、中秋节", "中秋节、国庆节"};

int year_of(Days day) {
  return static_cast<int>(date::year_month_day{day}.year());
}

unsigned month_of(Days day) {
  return static_cast<unsigned>(date::year_month_day{day}.month());
}

}  // namespace

std::string_view to_string(CalendarDayKind kind) {
  return kind == CalendarDayKind::kWorkday ? "workday" : "holiday";
}

CalendarYear parse_calendar_year(const YamlSource& src) {
  DiagnosticSink sink;
  YamlReader r(src, sink);
  CalendarYear cal;
  const YAML::Node& root = src.root();
  if (!r.check_map(root, tr("a holiday calendar file"), {"calendar", "year", "sources", "days"}))
    sink.throw_if_any();
  for (const char* key : {"calendar", "year", "sources", "days"}) {
    if (!root[key])
      sink.add(src.at(SourcePos{src.file(), 1, 1}, trf("missing required key '{0}'", key)));
  }
  if (root["calendar"]) cal.calendar = r.id(root["calendar"], "calendar").value_or("");
  if (root["year"])
    cal.year =
        static_cast<int>(r.integer(root["year"], "year", kFirstYear + 1, kLastYear).value_or(0));

  if (const YAML::Node& sources = root["sources"]) {
    if (!sources.IsSequence() || sources.size() == 0) {
      r.error(sources,
              trf("expected a non-empty list of notices, got {0}", describe_node(sources)));
    } else {
      for (const auto& s : sources) {
        if (!r.check_map(s, tr("a notice"), {"title", "number", "issued", "url"})) continue;
        if (!s["title"] || !s["number"] || !s["issued"] || !s["url"]) {
          r.error(s, tr("a notice needs 'title', 'number', 'issued' and 'url'"));
          continue;
        }
        HolidayNotice n;
        auto title = r.string(s["title"], "title");
        auto number = r.string(s["number"], "number");
        auto issued = r.day(s["issued"], "issued");
        auto url = r.string(s["url"], "url");
        if (!title || !number || !issued || !url) continue;
        cal.sources.push_back({*title, *number, *issued, *url});
      }
    }
  }

  if (const YAML::Node& days = root["days"]) {
    if (!days.IsSequence() || days.size() == 0) {
      r.error(days, trf("expected a non-empty list of days, got {0}", describe_node(days)));
    } else {
      for (const auto& d : days) {
        if (!r.check_map(d, tr("a day"), {"date", "name", "kind"})) continue;
        if (!d["date"] || !d["name"] || !d["kind"]) {
          r.error(d, tr("a day needs 'date', 'name' and 'kind'"));
          continue;
        }
        auto day = r.day(d["date"], "date");
        auto name = r.string(d["name"], "name");
        auto kind = r.string(d["kind"], "kind");
        if (!day || !name || !kind) continue;
        CalendarDay entry{*day, *name, CalendarDayKind::kHoliday};
        bool ok = true;
        if (std::find(kFestivals.begin(), kFestivals.end(), *name) == kFestivals.end()) {
          r.error(d["name"], trf("unknown festival '{0}'{1}; expected one of: {2}", *name,
                                 did_you_mean(*name, kFestivals), join(kFestivals, ", ")));
          ok = false;
        }
        if (*kind == "workday") {
          entry.kind = CalendarDayKind::kWorkday;
          if (iso_weekday_index(*day) < 5) {
            r.error(d["date"],
                    trf("{0} is a workday but not a Saturday or Sunday; a notice's 上班 days are "
                        "weekend days",
                        format_date(*day)));
            ok = false;
          }
        } else if (*kind != "holiday") {
          r.error(d["kind"], trf("unknown kind '{0}'{1}; expected holiday (放假) or workday (上班)",
                                 *kind, did_you_mean(*kind, {"holiday", "workday"})));
          ok = false;
        }
        if (cal.year != 0 && year_of(*day) != cal.year &&
            !(year_of(*day) == cal.year - 1 && month_of(*day) == 12)) {
          r.error(
              d["date"],
              trf("{0} is outside {1} (a year's notice names its own dates and at most some of the "
                  "December before)",
                  format_date(*day), cal.year));
          ok = false;
        }
        if (!cal.days.empty() && *day <= cal.days.back().date) {
          r.error(d["date"],
                  *day == cal.days.back().date
                      ? trf("{0} is listed twice; list each date once, in ascending order",
                            format_date(*day))
                      : trf("{0} is out of order; list each date once, in ascending order",
                            format_date(*day)));
          ok = false;
        }
        if (ok) cal.days.push_back(std::move(entry));
      }
    }
  }
  sink.throw_if_any();
  return cal;
}

std::vector<std::string> known_calendars() {
  std::set<std::string> names;
  for (const auto& f : embedded_holiday_files()) names.insert(f.calendar);
  return {names.begin(), names.end()};
}

std::string suggest_calendar(std::string_view name) {
  const auto known = known_calendars();
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (lower != name && std::find(known.begin(), known.end(), lower) != known.end()) {
    return trf(" (did you mean '{0}'?)", lower);
  }
  return did_you_mean(name, known);
}

std::vector<int> known_years(std::string_view calendar) {
  std::vector<int> years;
  for (const auto& f : embedded_holiday_files()) {
    if (calendar == f.calendar) years.push_back(f.year);
  }
  std::sort(years.begin(), years.end());
  return years;
}

std::string describe_years(const std::vector<int>& years) {
  if (years.empty()) return tr("none");
  std::vector<std::string> runs;
  for (std::size_t i = 0; i < years.size();) {
    std::size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
    runs.push_back(std::to_string(years[i]) + (j > i ? ".." + std::to_string(years[j]) : ""));
    i = j + 1;
  }
  return join(runs, ", ");
}

std::optional<CalendarYear> calendar_year(std::string_view calendar, int year) {
  for (const auto& f : embedded_holiday_files()) {
    if (calendar != f.calendar || year != f.year) continue;
    YamlSource src(f.path, std::string(reinterpret_cast<const char*>(f.data), f.size));
    CalendarYear cal = parse_calendar_year(src);
    if (cal.calendar != f.calendar || cal.year != f.year) {
      throw InputError(std::vector<Diagnostic>{
          {SourcePos{f.path, 1, 1},
           trf("the file says calendar '{0}', year {1}; its name says '{2}', {3}", cal.calendar,
               cal.year, f.calendar, f.year),
           ""}});
    }
    return cal;
  }
  return std::nullopt;
}

CalendarSpan calendar_span(std::string_view calendar, Days from, Days to) {
  CalendarSpan span;
  const int first = year_of(from);
  const int last = year_of(std::max(from, to));
  for (int y = first; y <= last; ++y) span.years.push_back(y);
  auto add = [&](const CalendarYear& cal) {
    bool used = false;
    for (const auto& d : cal.days) {
      const int y = year_of(d.date);
      if (y < first || y > last) continue;
      // A notice for a year decides that year; one for the next year adds only the days it moves
      // into this one (as 2023's did with 2022-12-31).
      span.days.insert_or_assign(d.date, d);
      used = true;
    }
    if (used || cal.year <= last)
      span.sources.insert(span.sources.end(), cal.sources.begin(), cal.sources.end());
  };
  for (int y = first; y <= last; ++y) {
    if (auto cal = calendar_year(calendar, y)) {
      add(*cal);
    } else {
      span.missing_years.push_back(y);
    }
  }
  if (auto next = calendar_year(calendar, last + 1)) add(*next);
  return span;
}

}  // namespace duty::roster
