// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <memory>

#include "cli/commands.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"
#include "roster/holiday_calendar.hpp"

namespace duty::cli {

namespace {

struct HolidaysOptions {
  std::string year;
  std::string calendar = "cn";
  std::string format;
};

void print_json(std::ostream& out, const roster::CalendarYear& cal) {
  JsonWriter w(out, 2);
  w.begin_object().key("calendar").value(cal.calendar).key("year").value(cal.year);
  w.key("sources").begin_array();
  for (const auto& n : cal.sources) {
    w.begin_object().key("title").value(n.title).key("number").value(n.number);
    w.key("issued").value(format_date(n.issued)).key("url").value(n.url).end_object();
  }
  w.end_array();
  w.key("days").begin_array();
  for (const auto& d : cal.days) {
    w.begin_object().key("date").value(format_date(d.date)).key("name").value(d.name);
    w.key("kind").value(roster::to_string(d.kind)).end_object();
  }
  w.end_array().end_object();
  out << '\n';
}

// The calendars are mainland China's, so the table speaks Chinese.
void print_table(std::ostream& out, const roster::CalendarYear& cal) {
  Labels l("zh-CN");
  Table t({"日期", "星期", "节日", "安排"});
  int holidays = 0;
  for (const auto& d : cal.days) {
    const bool off = d.kind == roster::CalendarDayKind::kHoliday;
    holidays += off ? 1 : 0;
    t.add({format_date(d.date), l.weekday(d.date), d.name, off ? "放假" : "上班（调休）"});
  }
  t.print(out);
  out << '\n'
      << "放假 " << holidays << " 天，调休上班 "
      << cal.days.size() - static_cast<std::size_t>(holidays) << " 天\n";
  for (const auto& n : cal.sources) {
    out << "来源：" << n.title << "（" << n.number << "，" << format_date(n.issued) << "）" << n.url
        << '\n';
  }
}

}  // namespace

void register_roster_holidays(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<HolidaysOptions>();
  CLI::App* cmd =
      roster.add_subcommand("holidays", tr("List a year's public holidays and make-up working days "
                                           "(调休) of a built-in calendar, with the "
                                           "State Council notice they come from"));
  cmd->add_option("YEAR", opt->year, tr("Calendar year, such as 2026"))->required();
  cmd->add_option("--calendar", opt->calendar,
                  tr("Holiday calendar (default: cn, mainland China)"));
  cmd->add_option(
      "--format", opt->format,
      tr("table or json (default: table); json is an object with "
         "calendar, year, sources (title, number, issued, url) and days (date, name, kind: "
         "holiday or workday)"));
  cmd->footer(
      tr("The days are exactly those of the year's notice "
         "(国务院办公厅关于YYYY年部分节假日安排的通知), "
         "including any days it names in the December before. A roster spec applies them with "
         "holidays: {calendar: cn}; see docs/roster-spec.md#holiday-calendar. Needs no office."));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    const auto calendars = roster::known_calendars();
    if (std::find(calendars.begin(), calendars.end(), opt->calendar) == calendars.end()) {
      throw UsageError(trf("--calendar: unknown holiday calendar '{0}'{1}; this build knows: {2}",
                           opt->calendar, roster::suggest_calendar(opt->calendar),
                           join(calendars, ", ")));
    }
    int year = 0;
    const char* end = opt->year.data() + opt->year.size();
    auto [ptr, ec] = std::from_chars(opt->year.data(), end, year);
    if (ec != std::errc{} || ptr != end || opt->year.size() != 4) {
      throw UsageError(
          trf("YEAR: '{0}' is not a year; expected four digits such as 2026", opt->year));
    }
    auto cal = roster::calendar_year(opt->calendar, year);
    if (!cal) {
      throw UsageError(trf(
          "YEAR: calendar '{0}' has no notice for {1} in this build; it knows {2}. For {1}, list "
          "the holidays and make-up working days of the State Council's notice by hand in the "
          "roster spec (holidays: and workdays: lists, docs/roster-spec.md)",
          opt->calendar, opt->year, roster::describe_years(roster::known_years(opt->calendar))));
    }
    if (format == Format::kJson) {
      print_json(ctx.out, *cal);
    } else {
      print_table(ctx.out, *cal);
    }
  });
}

}  // namespace duty::cli
