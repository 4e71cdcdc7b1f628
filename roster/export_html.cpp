// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <map>
#include <ostream>

#include "roster/export_common.hpp"

namespace duty::roster {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

using detail::ExportText;

// Print first: an A4 landscape sheet per month. On screen the same sheets sit on a grey desk.
constexpr const char* kStyle = R"css(
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font-size: 10pt; line-height: 1.3;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
    "PingFang SC", "Helvetica Neue", Arial, sans-serif; }
.month { width: 281mm; min-height: 192mm; display: flex; flex-direction: column;
  break-after: page; page-break-after: always; }
.month:last-child { break-after: auto; page-break-after: auto; }
.month > header { display: flex; align-items: baseline; gap: 6mm; border-bottom: 0.6mm solid #a11;
  padding-bottom: 1.5mm; margin-bottom: 2mm; }
h1 { font-size: 18pt; margin: 0; letter-spacing: 0.05em; }
h2 { font-size: 16pt; margin: 0; color: #a11; }
.month > header .sub { margin-left: auto; color: #444; font-size: 10pt; }
table { width: 100%; flex: 1; border-collapse: collapse; table-layout: fixed; }
thead th { background: #2b2b2b; color: #fff; font-size: 11pt; font-weight: 600; padding: 1mm 0; }
thead th.we { background: #7a2222; }
tbody tr { break-inside: avoid; page-break-inside: avoid; }
td { border: 0.25mm solid #888; vertical-align: top; padding: 1mm 1.5mm; }
td.weekend { background: #e9eef5; }
td.holiday { background: #fbe3e3; }
td.makeup { background: #fff3cc; }
td.blank { background: #f4f4f4; border-color: #ccc; }
td.out { background: #f4f4f4; color: #aaa; }
.head { display: flex; align-items: center; gap: 1mm; margin-bottom: 1mm; }
.num { font-size: 14pt; font-weight: 700; line-height: 1; }
.tag { margin-left: auto; font-size: 8.5pt; padding: 0.2mm 1.2mm; border-radius: 0.8mm; color: #fff;
  background: #b22; white-space: nowrap; }
.tag + .tag { margin-left: 0; }
.tag.makeup { background: #9a6b00; }
.tag.note { background: #555; }
.s0 { --c: #b22222; } .s1 { --c: #2a5db0; } .s2 { --c: #2e8b57; } .s3 { --c: #8a4fbf; }
.s4 { --c: #c77c00; } .s5 { --c: #555; }
.slot { border-left: 1.2mm solid var(--c); padding-left: 1.2mm; }
.slot + .slot { margin-top: 0.7mm; }
.slot.s0 .name { color: var(--c); }
td { overflow: hidden; }
.person { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline;
  column-gap: 1mm; }
.name { font-weight: 700; overflow: hidden; text-overflow: ellipsis; }
.phone { margin-left: auto; font-size: 9pt; font-variant-numeric: tabular-nums; color: #333; }
.me .name { background: #ffe066; }
.dense { font-size: 8.5pt; line-height: 1.2; }
.dense .phone { font-size: 7.5pt; }
.month > footer { display: flex; gap: 5mm; align-items: center; margin-top: 1.5mm; font-size: 9pt; color: #444; }
.month > footer .key { display: inline-block; width: 5mm; height: 3.5mm; border: 0.25mm solid #888;
  vertical-align: middle; margin-right: 1mm; }
.month > footer .printed { margin-left: auto; }
.month > footer .mark { display: inline-block; width: 1.2mm; height: 3.5mm; background: var(--c);
  vertical-align: middle; margin-right: 1mm; }
.month > footer .slots { font-weight: 700; color: #111; display: flex; gap: 4mm; }
@media screen {
  body { background: #d6d6d6; }
  .month { width: 297mm; min-height: 210mm; padding: 8mm; margin: 6mm auto; background: #fff;
    box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.3); }
}
)css";

std::string month_title(date::year_month ym, const ExportText& t) {
  static const char* kEn[] = {"January",   "February", "March",    "April",
                              "May",       "June",     "July",     "August",
                              "September", "October",  "November", "December"};
  int y = static_cast<int>(ym.year());
  unsigned m = static_cast<unsigned>(ym.month());
  if (t.zh) return std::to_string(y) + "年" + std::to_string(m) + "月";
  return std::string(kEn[m - 1]) + " " + std::to_string(y);
}

std::string hours_note(const Shift& s, const ExportText& t) {
  auto hours = std::chrono::duration_cast<std::chrono::minutes>(s.end - s.start);
  if (hours == std::chrono::hours{24}) return "";
  std::string h = std::to_string(hours.count() / 60);
  if (hours.count() % 60 != 0)
    h += ":" + std::string(hours.count() % 60 < 10 ? "0" : "") + std::to_string(hours.count() % 60);
  return t.zh ? h + "小时" : h + " h";
}

class HtmlRoster {
 public:
  HtmlRoster(std::ostream& out, const Spec& spec, const Plan& plan, const ExportOptions& options)
      : out_(out),
        spec_(spec),
        plan_(plan),
        options_(options),
        t_(spec.locale),
        people_(spec, plan) {}

  void write() {
    std::vector<const Shift*> shifts = detail::shifts_for(spec_, plan_, options_);
    for (const Shift* s : shifts) shifts_[s->date] = s;
    slots_ = detail::slot_columns(spec_, shifts);
    // The office's name heads its wall roster when the roster comes from the office's store.
    std::string title = !spec_.title.empty() ? spec_.title
                        : options_.office.empty()
                            ? std::string(t_("Duty roster", "值班表"))
                            : options_.office + " " + t_("duty roster", "值班表");
    if (!options_.person.empty()) title += " – " + people_.name(options_.person);
    out_ << "<!DOCTYPE html>\n<html lang=\"" << (t_.zh ? "zh-CN" : "en")
         << "\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>" << html_escape(title) << ' ' << format_date(plan_.from) << " – "
         << format_date(plan_.to) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body"
         << (dense() ? " class=\"dense\"" : "") << ">\n";
    date::year_month first =
        date::year_month_day{plan_.from}.year() / date::year_month_day{plan_.from}.month();
    date::year_month last =
        date::year_month_day{plan_.to}.year() / date::year_month_day{plan_.to}.month();
    for (date::year_month ym = first; ym <= last; ym += date::months{1}) month(ym, title);
    out_ << "</body>\n</html>\n";
  }

 private:
  // More than four people a day need smaller type to fit six weeks on a page.
  bool dense() const {
    int places = 0;
    for (const auto& slot : spec_.slots) places += slot.count;
    return places > 4;
  }

  void month(date::year_month ym, const std::string& title) {
    out_ << "<section class=\"month\">\n<header><h1>" << html_escape(title) << "</h1><h2>"
         << month_title(ym, t_) << "</h2><span class=\"sub\">"
         << t_("Handover daily at ", "每日交接班 ")
         << format_clock(plan_.handover.value_or(spec_.handover)) << " ("
         << html_escape(detail::zone_of(spec_).name()) << ")</span></header>\n<table>\n<thead><tr>";
    for (unsigned i = 0; i < 7; ++i) {
      out_ << "<th" << (i >= 5 ? " class=\"we\"" : "") << ">" << html_escape(t_.weekday_head(i))
           << "</th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
    Days day = date::sys_days{ym / 1};
    Days end = date::sys_days{ym / date::last} + date::days{1};
    unsigned lead = iso_weekday_index(day);
    out_ << "<tr>";
    for (unsigned i = 0; i < lead; ++i) out_ << "<td class=\"blank\"></td>";
    unsigned col = lead;
    for (; day < end; day += date::days{1}) {
      if (col == 7) {
        out_ << "</tr>\n<tr>";
        col = 0;
      }
      cell(day);
      ++col;
    }
    for (; col < 7; ++col) out_ << "<td class=\"blank\"></td>";
    out_ << "</tr>\n</tbody>\n</table>\n<footer><span class=\"slots\">";
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      out_ << "<span class=\"s" << i % 6 << "\"><i class=\"mark\"></i>"
           << html_escape(detail::slot_name(spec_, slots_[i])) << "</span>";
    }
    out_ << "</span>";
    out_ << "<span><i class=\"key\" style=\"background:#fbe3e3\"></i>"
         << t_("Public holiday", "法定节假日") << "</span>"
         << "<span><i class=\"key\" style=\"background:#fff3cc\"></i>"
         << t_("Make-up workday", "调休上班") << "</span>"
         << "<span><i class=\"key\" style=\"background:#e9eef5\"></i>" << t_("Weekend", "周末")
         << "</span>";
    if (options_.now != Seconds{}) {
      out_ << "<span class=\"printed\">" << t_("Printed ", "制表日期：")
           << format_date(local_day(detail::zone_of(spec_), options_.now)) << "</span>";
    }
    out_ << "</footer>\n</section>\n";
  }

  void cell(Days day) {
    unsigned d = static_cast<unsigned>(date::year_month_day{day}.day());
    auto it = shifts_.find(day);
    bool in_period = day >= plan_.from && day <= plan_.to;
    if (it == shifts_.end()) {
      // Outside the period, or (with --person) a day the person is off: shade it as its day type.
      std::string cls = in_period ? css_class(spec_.day_type(day), day) : "out";
      out_ << "<td class=\"" << cls << "\"><div class=\"head\"><span class=\"num\">" << d
           << "</span>";
      if (in_period)
        tags(spec_.day_type(day), spec_.holidays.contains(day) ? spec_.holidays.at(day) : "", day,
             nullptr);
      out_ << "</div></td>";
      return;
    }
    const Shift& s = *it->second;
    out_ << "<td class=\"" << css_class(s.day_type, s.date)
         << "\"><div class=\"head\"><span class=\"num\">" << d << "</span>";
    tags(s.day_type, s.holiday_name, s.date, &s);
    out_ << "</div>";
    for (const auto& a : s.assignments) {
      out_ << "<div class=\"slot s" << slot_index(a.slot) % 6 << "\" title=\""
           << html_escape(detail::slot_name(spec_, a.slot)) << "\">";
      for (const auto& id : a.people) {
        out_ << "<span class=\"person" << (id == options_.person ? " me" : "")
             << "\"><span class=\"name\">" << html_escape(people_.name(id)) << "</span>";
        if (!people_.phone(id).empty())
          out_ << "<span class=\"phone\">" << html_escape(people_.phone(id)) << "</span>";
        out_ << "</span>";
      }
      out_ << "</div>";
    }
    out_ << "</td>\n";
  }

  std::size_t slot_index(const std::string& slot) const {
    return static_cast<std::size_t>(std::find(slots_.begin(), slots_.end(), slot) - slots_.begin());
  }

  static std::string css_class(DayType type, Days day) {
    switch (type) {
      case DayType::kHoliday:
        return "holiday";
      case DayType::kWeekend:
        return "weekend";
      case DayType::kWorkday:
        break;
    }
    return iso_weekday_index(day) >= 5 ? "makeup" : "workday";
  }

  void tags(DayType type, const std::string& holiday, Days day, const Shift* shift) {
    if (type == DayType::kHoliday) {
      out_ << "<span class=\"tag\">"
           << html_escape(holiday.empty() ? t_("Holiday", "节假日") : holiday) << "</span>";
    } else if (type == DayType::kWorkday && iso_weekday_index(day) >= 5) {
      out_ << "<span class=\"tag makeup\">" << t_("Make-up workday", "调休上班") << "</span>";
    }
    if (shift) {
      std::string note = hours_note(*shift, t_);
      if (!note.empty()) out_ << "<span class=\"tag note\">" << html_escape(note) << "</span>";
    }
  }

  std::ostream& out_;
  const Spec& spec_;
  const Plan& plan_;
  const ExportOptions& options_;
  ExportText t_;
  detail::PeopleIndex people_;
  std::map<Days, const Shift*> shifts_;
  std::vector<std::string> slots_;  ///< slot ids in column order; a slot's colour follows its place
};

}  // namespace

void write_plan_html(std::ostream& out, const Spec& spec, const Plan& plan,
                     const ExportOptions& options) {
  HtmlRoster(out, spec, plan, options).write();
}

}  // namespace duty::roster
