// SPDX-License-Identifier: Apache-2.0
#include "roster/spec.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/yaml_reader.hpp"
#include "roster/holiday_calendar.hpp"

namespace duty::roster {

std::string_view to_string(DayType type) {
  switch (type) {
    case DayType::kHoliday: return "holiday";
    case DayType::kWeekend: return "weekend";
    case DayType::kWorkday: break;
  }
  return "workday";
}

std::optional<DayType> parse_day_type(std::string_view text) {
  if (text == "workday") return DayType::kWorkday;
  if (text == "weekend") return DayType::kWeekend;
  if (text == "holiday") return DayType::kHoliday;
  return std::nullopt;
}

bool Person::in_group(std::string_view group) const {
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

DayType Spec::day_type(Days day) const {
  if (holidays.contains(day)) return DayType::kHoliday;
  unsigned wd = iso_weekday_index(day);
  if (wd >= 5 && !workdays.contains(day)) return DayType::kWeekend;
  return DayType::kWorkday;
}

const Person* Spec::find_person(std::string_view id) const {
  for (const auto& p : people) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Slot* Spec::find_slot(std::string_view id) const {
  for (const auto& s : slots) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::int64_t Spec::places() const {
  std::int64_t per_shift = 0;
  for (const auto& s : slots) per_shift += s.count;
  return per_shift * days();
}

std::int64_t Spec::solver_work() const {
  return places() * (static_cast<std::int64_t>(people.size()) + days());
}

std::vector<std::string> Spec::slot_groups() const {
  std::vector<std::string> groups;
  for (const auto& s : slots) {
    if (std::find(groups.begin(), groups.end(), s.group) == groups.end()) groups.push_back(s.group);
  }
  return groups;
}

namespace {

// "period.from 1899-12-31 is outside ...": `what` names the key or option.
std::string period_range_problem(std::string_view what, Days day) {
  return trf(
      "{0} {1} is outside the dates a roster may cover, 1900-01-01 .. 2199-12-31 (calendars and "
      "the "
      "time zone database are checked over these years)",
      what, format_date(day));
}

const std::vector<std::string> kTopKeys = {"timezone", "handover", "period", "slots",    "people",   "holidays",
                                           "workdays", "rules",    "fixed",  "strategy", "seed",     "locale",
                                           "title"};

// 1234567 -> "1,234,567".
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string offset_text(std::chrono::seconds offset) {
  long long s = offset.count();
  std::string out = s < 0 ? "-" : "+";
  if (s < 0) s = -s;
  auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  out += two(s / 3600) + ":" + two(s / 60 % 60);
  if (s % 60 != 0) out += ":" + two(s % 60);
  return out;
}

// Instants are written as ISO 8601 with the zone's UTC offset, in whole minutes (RFC 3339 has no
// seconds there), so a period that reaches into an offset with seconds (local mean time, such as
// Asia/Shanghai's +08:05:43 before 1901) would be misstated; it is refused with the nearest dates
// that are not. Empty when every shift of from..to lies in whole-minute offsets.
std::string offset_seconds_problem(const TimeZone& zone, Days from, Days to,
                                   std::chrono::minutes handover) {
  const Seconds begin = at_local(zone, from, handover);
  const Seconds end = at_local(zone, to + date::days{1}, handover);
  for (date::sys_info info = zone.get_info(begin);; info = zone.get_info(info.end)) {
    if (info.offset % std::chrono::minutes{1} != std::chrono::seconds{0}) {
      // Times of the change in the odd offset's own reckoning: "until 1901-01-01 00:00".
      auto local = [&](Seconds t) {
        const date::local_seconds l{(t + info.offset).time_since_epoch()};
        const auto day = date::floor<date::days>(l);
        return format_date(Days{day.time_since_epoch()}) + " " +
               format_clock(date::floor<std::chrono::minutes>(l - day));
      };
      std::string what;
      std::string fix;
      if (info.end <= end || info.begin < begin) {
        // The odd offset ends inside or after the period: start once it is over.
        Days first = local_day(zone, info.end);
        if (at_local(zone, first, handover) < info.end) first += date::days{1};
        what = trf("the time when {0}'s UTC offset was {1} ({2}, until {3})", zone.name(),
                   offset_text(info.offset), info.abbrev, local(info.end));
        fix = trf("start the period on or after {0}", format_date(first));
      } else {
        Days last = local_day(zone, info.begin) - date::days{1};
        if (at_local(zone, last + date::days{1}, handover) > info.begin) last -= date::days{1};
        what = trf("the time when {0}'s UTC offset was {1} ({2}, from {3})", zone.name(),
                   offset_text(info.offset), info.abbrev, local(info.begin));
        fix = trf("end the period by {0}", format_date(last));
      }
      return trf(
          "the period {0} .. {1} reaches into {2}; duty writes times with whole-minute UTC offsets "
          "(ISO 8601), so a roster may not cover it: {3}",
          format_date(from), format_date(to), what, fix);
    }
    if (info.end > end) return "";
  }
}

// duty reads the transitions a zone's tz file lists. A zone that still changes its clocks lists
// them up to 2037 and leaves later years to a rule (the file's POSIX TZ footer) that duty does not
// apply, so past the last listed change it would keep one offset all year round: a summer shift
// in 2038 would be an hour off. Such periods are refused. Empty when the period is within the
// listed changes, or the zone stopped changing long before its data ends (Asia/Shanghai, 1991).
std::string beyond_zone_data_problem(const TimeZone& zone, Days from, Days to,
                                     std::chrono::minutes handover) {
  const Seconds kRuleYears = date::sys_days{date::year{2037} / 1 / 1};
  const Seconds kNoMoreChanges = date::sys_days{date::year{2200} / 1 / 1};
  const Seconds end = at_local(zone, to + date::days{1}, handover);
  const date::sys_info info = zone.get_info(end);
  if (info.end < kNoMoreChanges || info.begin < kRuleYears) return "";
  Days last = local_day(zone, info.begin) - date::days{1};
  if (at_local(zone, last + date::days{1}, handover) > info.begin) last -= date::days{1};
  return trf(
      "the period {0} .. {1} runs past {2}, the last clock change {3}'s time zone file lists; "
      "later "
      "changes follow a rule duty does not apply, so its times there could be an hour off: end the "
      "period by {4}",
      format_date(from), format_date(to), format_local_minute(zone, info.begin), zone.name(),
      format_date(last));
}

// "the period 2027-01-01 .. 2027-03-31 touches 2027, which calendar 'cn' does not know ..."
std::string unknown_years_message(const std::string& calendar, const CalendarSpan& span, Days from, Days to) {
  std::vector<std::string> years;
  for (int y : span.missing_years) years.push_back(std::to_string(y));
  const std::string which = join(years, ", ");
  return trn(
      "the period {0} .. {1} touches {2}, which calendar '{3}' does not know: this build has the "
      "State "
      "Council's notices for {4} ('duty roster holidays YEAR' lists them); list that year's "
      "holidays and "
      "make-up working days by hand instead, from the notice, as plain lists without 'calendar' "
      "(holidays: [{{dates: YYYY-MM-DD..YYYY-MM-DD, name: 春节}}, ...] and workdays: [YYYY-MM-DD, "
      "...]), "
      "or build a period within the known years (--from/--to)",
      "the period {0} .. {1} touches {2}, which calendar '{3}' does not know: this build has the "
      "State "
      "Council's notices for {4} ('duty roster holidays YEAR' lists them); list those years' "
      "holidays and "
      "make-up working days by hand instead, from the notice, as plain lists without 'calendar' "
      "(holidays: [{{dates: YYYY-MM-DD..YYYY-MM-DD, name: 春节}}, ...] and workdays: [YYYY-MM-DD, "
      "...]), "
      "or build a period within the known years (--from/--to)",
      years.size(), format_date(from), format_date(to), which, calendar,
      describe_years(known_years(calendar)));
}

// holidays: a plain list of dates, or {calendar, add, remove}; then workdays. The spec's own
// entries win over the calendar's: a date it lists as a holiday is no longer a calendar make-up
// working day, and one it lists as a working day is no longer a calendar holiday
// (docs/roster-spec.md#holiday-calendar). `period_known` says spec.from and spec.to are set.
void parse_holidays(YamlReader& r, const YAML::Node& root, Spec& spec, bool period_known) {
  const YAML::Node& hol = root["holidays"];
  std::map<Days, std::string> own;           // the spec's own holidays, first name given wins
  std::map<Days, CalendarDay> calendar_days;  // the calendar's, for remove
  std::set<int> calendar_years;               // years whose calendar days were loaded
  std::string calendar;
  auto add_own = [&](Days d, const std::string& name, const YAML::Node&) {
    auto& n = own[d];
    if (n.empty()) n = name;
  };
  if (hol && hol.IsMap()) {
    if (!r.check_map(hol, "holidays", {"calendar", "add", "remove"})) return;
    if (!hol["calendar"]) {
      r.error(hol, tr("holidays needs 'calendar' when it is a map (such as {calendar: cn}); or "
                      "give a plain list "
                      "of dates"));
    } else if (auto name = r.string(hol["calendar"], "calendar")) {
      const auto known = known_calendars();
      if (std::find(known.begin(), known.end(), *name) == known.end()) {
        r.error(hol["calendar"], trf("unknown holiday calendar '{0}'{1}; this build knows: {2}",
                                     *name, suggest_calendar(*name), join(known, ", ")));
      } else if (period_known && spec.from >= kFirstPeriodDate && spec.to <= kLastPeriodDate) {
        calendar = *name;
        CalendarSpan span = calendar_span(calendar, spec.from, spec.to);
        if (!span.missing_years.empty()) {
          r.error(hol["calendar"], unknown_years_message(calendar, span, spec.from, spec.to));
        }
        calendar_years.insert(span.years.begin(), span.years.end());
        for (int y : span.missing_years) calendar_years.erase(y);
        calendar_days = std::move(span.days);
      }
    }
    std::set<Days> added;
    if (hol["add"]) {
      r.date_list(hol["add"], "holidays.add",
                  [&](Days d, const std::string& name, const YAML::Node& node) {
                    add_own(d, name, node);
                    added.insert(d);
                  },
                  true);
    }
    if (hol["remove"]) {
      // One problem per entry: a range is fine when it drops any calendar day.
      struct Removal {
        YAML::Node node;
        std::vector<Days> misses;  // dates of touched years that are no calendar day
        bool hit = false;
      };
      std::vector<Removal> removals;
      r.date_list(hol["remove"], "holidays.remove",
                  [&](Days d, const std::string&, const YAML::Node& node) {
                    if (removals.empty() || !removals.back().node.is(node)) removals.push_back({node, {}, false});
                    Removal& entry = removals.back();
                    const int y = static_cast<int>(date::year_month_day{d}.year());
                    if (added.contains(d)) {
                      r.error(node, trf("{0} is listed both in holidays.add and in holidays.remove",
                                        format_date(d)));
                      entry.hit = true;
                    } else if (calendar_days.erase(d) > 0) {
                      entry.hit = true;
                    } else if (calendar_years.contains(y)) {
                      entry.misses.push_back(d);
                    }
                  },
                  false);
      for (const auto& entry : removals) {
        if (entry.hit || entry.misses.empty()) continue;
        const int y = static_cast<int>(date::year_month_day{entry.misses.front()}.year());
        r.error(
            entry.node,
            entry.misses.size() == 1
                ? trf("{0} is neither a holiday nor a make-up working day of calendar '{1}'; "
                      "holidays.remove "
                      "lists the calendar's days to drop ('duty roster holidays {2}' lists them)",
                      format_date(entry.misses.front()), calendar, y)
                : trf("no date of {0} is a holiday or a make-up working day of calendar '{1}'; "
                      "holidays.remove "
                      "lists the calendar's days to drop ('duty roster holidays {2}' lists them)",
                      entry.node.Scalar(), calendar, y));
      }
    }
  } else if (hol && !hol.IsSequence()) {
    r.error(hol, trf("expected a list of dates or ranges, or a calendar such as {{calendar: cn}}, "
                     "for holidays, "
                     "got {0}",
                     describe_node(hol)));
  } else if (hol) {
    r.date_list(hol, "holidays", add_own, true);
  }

  for (const auto& [d, day] : calendar_days) {
    if (day.kind == CalendarDayKind::kHoliday) {
      spec.holidays[d] = day.name;
    } else {
      spec.workdays.insert(d);
    }
  }
  for (const auto& [d, name] : own) {
    auto& n = spec.holidays[d];
    if (!name.empty() || n.empty()) n = name;
    spec.workdays.erase(d);
  }
  if (root["workdays"]) {
    r.date_list(root["workdays"], "workdays",
                [&](Days d, const std::string&, const YAML::Node& node) {
                  if (own.contains(d)) {
                    r.error(node,
                            trf("{0} is listed both as a holiday and as a make-up working day",
                                format_date(d)));
                  } else if (iso_weekday_index(d) < 5) {
                    r.error(node, spec.holidays.contains(d)
                                      ? trf("{0} is not a Saturday or Sunday; workdays lists "
                                            "weekend dates that "
                                            "count as working days (调休); to drop a holiday of "
                                            "the calendar, list "
                                            "it under holidays.remove",
                                            format_date(d))
                                      : trf("{0} is not a Saturday or Sunday; workdays lists "
                                            "weekend dates that "
                                            "count as working days (调休)",
                                            format_date(d)));
                  }
                  spec.holidays.erase(d);
                  spec.workdays.insert(d);
                },
                false);
  }
}

}  // namespace

Spec parse_spec(const YamlSource& src, const PeriodOverride& period) {
  DiagnosticSink sink;
  YamlReader r(src, sink);
  Spec spec;
  spec.source = src.file();
  const YAML::Node& root = src.root();
  if (!r.check_map(root, tr("the roster spec"), kTopKeys)) sink.throw_if_any();

  auto require = [&](const char* key) {
    if (!root[key])
      sink.add(src.at(SourcePos{src.file(), 1, 1}, trf("missing required key '{0}'", key)));
    return static_cast<bool>(root[key]);
  };

  if (require("timezone")) {
    spec.timezone_pos = src.pos(root["timezone"]);
    if (auto tz = r.string(root["timezone"], "timezone")) {
      spec.timezone = *tz;
      spec.zone = find_zone(*tz);
      if (!spec.zone) {
        r.error(root["timezone"], trf("unknown time zone '{0}'; expected an IANA name such as "
                                      "Asia/Shanghai or Europe/London",
                                      *tz));
      }
    }
  }
  if (root["handover"]) {
    spec.handover_pos = src.pos(root["handover"]);
    if (auto h = r.string(root["handover"], "handover")) {
      if (auto m = parse_clock(*h)) {
        spec.handover = *m;
      } else {
        r.error(root["handover"],
                trf("'{0}' is not a valid handover time; expected HH:MM such as \"08:30\"", *h));
      }
    }
  }
  if (root["locale"]) {
    if (auto l = r.string(root["locale"], "locale")) {
      if (*l != "en" && *l != "zh-CN") {
        r.error(root["locale"], trf("unknown locale '{0}'; expected zh-CN or en", *l));
      } else {
        spec.locale = *l;
      }
    }
  }
  if (root["title"]) spec.title = r.string(root["title"], "title").value_or("");

  std::optional<Days> from = period.from, to = period.to;
  if (root["period"]) {
    const YAML::Node& p = root["period"];
    if (r.check_map(p, "period", {"from", "to"})) {
      if (!p["from"] || !p["to"]) r.error(p, tr("period needs both 'from' and 'to'"));
      std::optional<Days> f = p["from"] ? r.day(p["from"], "period.from") : std::nullopt;
      std::optional<Days> t = p["to"] ? r.day(p["to"], "period.to") : std::nullopt;
      if (f && t && *t < *f) {
        r.error(p["to"],
                trf("period.to {0} is before period.from {1}", format_date(*t), format_date(*f)));
      }
      if (f && *f < kFirstPeriodDate) r.error(p["from"], period_range_problem("period.from", *f));
      if (t && *t > kLastPeriodDate) r.error(p["to"], period_range_problem("period.to", *t));
      if (!from) from = f;
      if (!to) to = t;
    }
  } else if (!period.from || !period.to) {
    sink.add(src.at(SourcePos{src.file(), 1, 1},
                    tr("missing required key 'period' (or give both --from and --to)")));
  }
  if (period.from && *period.from < kFirstPeriodDate)
    throw UsageError(period_range_problem("--from:", *period.from));
  if (period.to && *period.to > kLastPeriodDate)
    throw UsageError(period_range_problem("--to:", *period.to));
  if (from && to) {
    if (*to < *from && (period.from || period.to)) {
      throw UsageError(trf("the period ends ({0}) before it starts ({1}); check --from and --to",
                           format_date(*to), format_date(*from)));
    }
    if ((*to - *from).count() >= kMaxPeriodDays) {
      throw UsageError(
          trf("the period {0}..{1} is longer than the limit of {2} days; build it in parts",
              format_date(*from), format_date(*to), kMaxPeriodDays));
    }
    spec.from = *from;
    spec.to = std::max(*from, *to);
    if (spec.zone && spec.from >= kFirstPeriodDate && spec.to <= kLastPeriodDate) {
      const YAML::Node& p = root["period"];
      const bool in_file = p && p.IsMap() && p["from"] && p["to"];
      std::string problem = offset_seconds_problem(*spec.zone, spec.from, spec.to, spec.handover);
      if (!problem.empty()) {
        if (!in_file || period.from) throw UsageError("--from/--to: " + problem);
        r.error(p["from"], problem);
      }
      problem = beyond_zone_data_problem(*spec.zone, spec.from, spec.to, spec.handover);
      if (!problem.empty()) {
        if (!in_file || period.to) throw UsageError("--from/--to: " + problem);
        r.error(p["to"], problem);
      }
    }
  }

  if (require("slots")) {
    const YAML::Node& slots = root["slots"];
    if (!slots.IsSequence() || slots.size() == 0) {
      r.error(slots, trf("expected a non-empty list of slots, got {0}", describe_node(slots)));
    } else {
      for (const auto& s : slots) {
        if (!r.check_map(s, tr("a slot"), {"id", "name", "group", "count"})) continue;
        Slot slot;
        slot.pos = src.pos(s);
        if (!s["id"] || !s["group"]) {
          r.error(s, tr("a slot needs 'id' and 'group'"));
          continue;
        }
        auto id = r.id(s["id"], tr("slot id"));
        auto group = r.id(s["group"], tr("group name"));
        if (!id || !group) continue;
        slot.id = *id;
        slot.group = *group;
        slot.name = s["name"] ? r.string(s["name"], tr("slot name")).value_or(*id) : *id;
        if (s["count"]) {
          slot.count = static_cast<int>(
              r.integer(s["count"], tr("slot count"), 1, kMaxSlotCount).value_or(1));
        }
        if (spec.find_slot(slot.id)) {
          r.error(s["id"], trf("duplicate slot id '{0}'", slot.id));
          continue;
        }
        spec.slots.push_back(std::move(slot));
      }
    }
  }

  if (require("people")) {
    const YAML::Node& people = root["people"];
    if (!people.IsSequence() || people.size() == 0) {
      r.error(people, trf("expected a non-empty list of people, got {0}", describe_node(people)));
    } else if (people.size() > kMaxPeople) {
      r.error(people, trf("too many people ({0}); the limit is {1}", people.size(), kMaxPeople));
    } else {
      for (const auto& p : people) {
        if (!r.check_map(p, tr("a person"),
                         {"id", "name", "groups", "phone", "weight", "unavailable"}))
          continue;
        Person person;
        person.pos = src.pos(p);
        if (!p["id"]) {
          r.error(p, tr("a person needs an 'id'"));
          continue;
        }
        auto id = r.id(p["id"], tr("person id"));
        if (!id) continue;
        person.id = *id;
        person.name = p["name"] ? r.string(p["name"], "name").value_or(*id) : *id;
        if (p["phone"]) person.phone = r.string(p["phone"], "phone").value_or("");
        if (p["weight"]) {
          auto w = r.number(p["weight"], "weight");
          if (w && (*w < 0 || *w > 100)) {
            r.error(p["weight"], tr("weight must be between 0 and 100"));
          } else if (w) {
            person.weight = *w;
          }
        }
        if (!p["groups"]) {
          r.error(
              p, trf("person '{0}' needs 'groups' (the slot groups they can serve in)", person.id));
        } else if (!p["groups"].IsSequence()) {
          r.error(p["groups"],
                  trf("expected a list of groups, got {0}", describe_node(p["groups"])));
        } else {
          for (const auto& g : p["groups"]) {
            auto group = r.id(g, tr("group name"));
            if (!group) continue;
            if (!person.in_group(*group)) person.groups.push_back(*group);
            // Unknown groups are checked once every slot is known, below.
          }
        }
        if (p["unavailable"]) {
          r.date_list(p["unavailable"], "unavailable",
                      [&](Days d, const std::string&, const YAML::Node&) { person.unavailable.insert(d); }, false);
        }
        if (spec.find_person(person.id)) {
          r.error(p["id"], trf("duplicate person id '{0}'", person.id));
          continue;
        }
        spec.people.push_back(std::move(person));
      }
    }
  }

  // Group references, checked once slots and people are both known.
  auto groups = spec.slot_groups();
  if (root["people"] && root["people"].IsSequence()) {
    for (const auto& p : root["people"]) {
      if (!p.IsMap() || !p["groups"] || !p["groups"].IsSequence()) continue;
      for (const auto& g : p["groups"]) {
        if (g.IsScalar() && is_identifier(g.Scalar()) && !spec.slots.empty() &&
            std::find(groups.begin(), groups.end(), g.Scalar()) == groups.end()) {
          r.error(g, trf("unknown group '{0}'{1}; slots draw on: {2}", g.Scalar(),
                         did_you_mean(g.Scalar(), groups), join(groups, ", ")));
        }
      }
    }
  }
  if (!spec.people.empty()) {
    for (const auto& slot : spec.slots) {
      bool any = std::any_of(spec.people.begin(), spec.people.end(),
                             [&](const Person& p) { return p.in_group(slot.group); });
      if (!any) {
        sink.add(src.at(slot.pos, trf("no person is in group '{0}', which slot '{1}' draws on",
                                      slot.group, slot.id)));
      }
    }
  }

  parse_holidays(r, root, spec, from && to);

  if (root["rules"]) {
    const YAML::Node& rules = root["rules"];
    if (r.check_map(rules, "rules", {"min_rest_days", "max_duties", "fairness_window"})) {
      if (rules["fairness_window"]) {
        if (auto w = r.string(rules["fairness_window"], "fairness_window")) {
          if (*w == "year") {
            spec.rules.fairness_window = FairnessWindow::kYear;
          } else if (*w == "period") {
            spec.rules.fairness_window = FairnessWindow::kPeriod;
          } else {
            r.error(rules["fairness_window"],
                    trf("unknown fairness window '{0}'{1}; expected year or period", *w,
                        did_you_mean(*w, {"year", "period"})));
          }
        }
      }
      if (rules["min_rest_days"]) {
        spec.rules.min_rest_days = static_cast<int>(r.integer(rules["min_rest_days"], "min_rest_days", 0, 365).value_or(0));
      }
      if (rules["max_duties"]) {
        if (auto m = r.integer(rules["max_duties"], "max_duties", 1, 10000)) spec.rules.max_duties = static_cast<int>(*m);
      }
    }
  }

  if (root["strategy"]) {
    if (auto s = r.string(root["strategy"], "strategy")) {
      if (*s == "balanced") {
        spec.strategy = Strategy::kBalanced;
      } else if (*s == "rotation") {
        spec.strategy = Strategy::kRotation;
      } else {
        r.error(root["strategy"], trf("unknown strategy '{0}'{1}; expected balanced or rotation",
                                      *s, did_you_mean(*s, {"balanced", "rotation"})));
      }
    }
  }
  if (root["seed"]) {
    spec.seed = static_cast<std::uint64_t>(r.integer(root["seed"], "seed", 0, 9007199254740991LL).value_or(1));
  }

  if (root["fixed"]) {
    const YAML::Node& fixed = root["fixed"];
    if (!fixed.IsSequence()) {
      r.error(fixed, trf("expected a list of pinned assignments, got {0}", describe_node(fixed)));
    } else {
      std::vector<std::string> slot_ids, person_ids;
      for (const auto& s : spec.slots) slot_ids.push_back(s.id);
      for (const auto& p : spec.people) person_ids.push_back(p.id);
      for (const auto& f : fixed) {
        if (!r.check_map(f, tr("a pinned assignment"), {"date", "slot", "person"})) continue;
        if (!f["date"] || !f["slot"] || !f["person"]) {
          r.error(f, tr("a pinned assignment needs 'date', 'slot' and 'person'"));
          continue;
        }
        Pin pin;
        pin.pos = src.pos(f);
        auto d = r.day(f["date"], tr("a pinned date"));
        auto slot = r.string(f["slot"], "slot");
        auto person = r.string(f["person"], "person");
        bool ok = d && slot && person;
        if (slot && !spec.find_slot(*slot) && !slot_ids.empty()) {
          r.error(f["slot"], trf("unknown slot '{0}'{1}", *slot, did_you_mean(*slot, slot_ids)));
          ok = false;
        }
        if (person && !spec.find_person(*person) && !person_ids.empty()) {
          r.error(f["person"],
                  trf("unknown person '{0}'{1}", *person, did_you_mean(*person, person_ids)));
          ok = false;
        }
        if (!ok) continue;
        pin.date = *d;
        pin.slot = *slot;
        pin.person = *person;
        spec.fixed.push_back(std::move(pin));
      }
    }
  }

  // Checked once everything it counts is known, before any command builds a model or solves.
  if (from && to && !spec.slots.empty() && !spec.people.empty() &&
      spec.solver_work() > kMaxSolverWork) {
    const std::int64_t per_shift = spec.places() / spec.days();
    const YAML::Node& where = root["period"] ? root["period"] : root["people"];
    r.error(
        where,
        trf("the roster is too large to solve within a minute: the period {0} .. {1} has {2} "
            "places "
            "({3} a shift x {4} days) x ({5} people + {4} days) = {6}; the limit is {7} "
            "(docs/roster-spec.md); build a shorter period (--from/--to) or split the spec into "
            "smaller ones",
            format_date(spec.from), format_date(spec.to), grouped(spec.places()),
            grouped(per_shift), grouped(spec.days()),
            grouped(static_cast<std::int64_t>(spec.people.size())), grouped(spec.solver_work()),
            grouped(kMaxSolverWork)));
  }
  sink.throw_if_any();
  return spec;
}

Spec load_spec(const std::string& path, const PeriodOverride& period) {
  return parse_spec(YamlSource::from_file(path, kMaxConfigBytes, tr("a roster spec")), period);
}

void require_office_frame(const Spec& spec, const OfficeFrame& office) {
  std::vector<Diagnostic> problems;
  const char* fix =
      N_("; make them the same (edit one of the two files), or the roster's shifts would not start "
         "when 'duty who', the handover record and bulletins say");
  if (spec.timezone != office.timezone) {
    SourcePos pos = spec.timezone_pos.line > 0 ? spec.timezone_pos : SourcePos{spec.source, 0, 0};
    problems.push_back({pos,
                        trf("the roster spec's timezone '{0}' differs from the office's timezone "
                            "'{1}' in {2}",
                            spec.timezone, office.timezone, office.file) +
                            tr(fix),
                        ""});
  }
  if (spec.handover != office.handover) {
    bool given = spec.handover_pos.line > 0;
    SourcePos pos = given ? spec.handover_pos : SourcePos{spec.source, 0, 0};
    std::string spec_handover = given ? format_clock(spec.handover)
                                      : trf("{0} (the default: the spec does not set handover)",
                                            format_clock(spec.handover));
    problems.push_back({pos,
                        trf("the roster spec's handover {0} differs from the office's handover {1} "
                            "in {2}",
                            spec_handover, format_clock(office.handover), office.file) +
                            tr(fix),
                        ""});
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

}  // namespace duty::roster
