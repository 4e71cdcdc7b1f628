// SPDX-License-Identifier: Apache-2.0
#include "reports/official_style.hpp"

#include <array>

#include "common/text.hpp"

namespace duty::reports {

namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

int year_of(const TimeZone& zone, Seconds t) {
  return static_cast<int>(date::year_month_day{local_day(zone, t)}.year());
}

std::string two_digits(long n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

bool ends_with_any(std::string_view text, std::initializer_list<std::string_view> endings) {
  for (auto e : endings) {
    if (text.ends_with(e)) return true;
  }
  return false;
}

}  // namespace

OfficialStyle::OfficialStyle(const TimeZone& zone, bool zh, Seconds reference)
    : zone_(&zone), zh_(zh), year_(year_of(zone, reference)) {}

std::string OfficialStyle::date(Days day) const {
  date::year_month_day ymd{day};
  int y = static_cast<int>(ymd.year());
  auto m = static_cast<unsigned>(ymd.month());
  auto d = static_cast<unsigned>(ymd.day());
  if (zh_) return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  return std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
}

std::string OfficialStyle::time(Seconds t) const {
  auto local = zone_->to_local(t);
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  int y = static_cast<int>(ymd.year());
  auto m = static_cast<unsigned>(ymd.month());
  auto d = static_cast<unsigned>(ymd.day());
  long hour = hms.hours().count();
  long minute = hms.minutes().count();
  if (zh_) {
    // 值班信息 write the hour as it is said (8时30分) and the minutes with two digits.
    std::string s = y == year_ ? "" : std::to_string(y) + "年";
    return s + std::to_string(m) + "月" + std::to_string(d) + "日" + std::to_string(hour) + "时" +
           two_digits(minute) + "分";
  }
  std::string s = std::to_string(d) + " " + kMonths[m - 1];
  if (y != year_) s += " " + std::to_string(y);
  return s + " " + two_digits(hour) + ":" + two_digits(minute);
}

std::string OfficialStyle::casualties(const Casualties& c, bool known, bool final) const {
  std::vector<std::string> parts;
  const long long hurt = static_cast<long long>(c.injured) + c.seriously_injured;
  auto n = [](long long v) { return std::to_string(v); };
  if (zh_) {
    if (c.deaths > 0) parts.push_back("死亡" + n(c.deaths) + "人");
    if (c.injured > 0 && c.seriously_injured > 0) {
      parts.push_back("受伤" + n(hurt) + "人（其中重伤" + n(c.seriously_injured) + "人）");
    } else if (c.seriously_injured > 0) {
      parts.push_back("重伤" + n(c.seriously_injured) + "人");
    } else if (c.injured > 0) {
      parts.push_back("受伤" + n(c.injured) + "人");
    }
    if (c.missing > 0) parts.push_back("失踪" + n(c.missing) + "人");
    if (c.trapped > 0) parts.push_back("被困" + n(c.trapped) + "人");
    if (!parts.empty()) return join(parts, "、");
    if (!known) return "人员伤亡情况正在核实";
    return final ? "无人员伤亡" : "暂无人员伤亡";
  }
  if (c.deaths > 0) parts.push_back(n(c.deaths) + " dead");
  if (c.injured > 0 && c.seriously_injured > 0) {
    parts.push_back(n(hurt) + " injured (" + n(c.seriously_injured) + " seriously)");
  } else if (c.seriously_injured > 0) {
    parts.push_back(n(c.seriously_injured) + " seriously injured");
  } else if (c.injured > 0) {
    parts.push_back(n(c.injured) + " injured");
  }
  if (c.missing > 0) parts.push_back(n(c.missing) + " missing");
  if (c.trapped > 0) parts.push_back(n(c.trapped) + " trapped");
  if (!parts.empty()) return join(parts, ", ");
  if (!known) return "casualties being verified";
  return final ? "no casualties" : "no casualties so far";
}

std::string OfficialStyle::sentence(std::string_view text) const {
  std::string s(trim(text));
  // A list or clause left open by the writer is closed rather than doubled.
  for (bool trimmed = true; trimmed && !s.empty();) {
    trimmed = false;
    for (std::string_view open : {"，", "；", "、", "：", ",", ";", ":"}) {
      if (s.ends_with(open)) {
        s.resize(s.size() - open.size());
        s = std::string(trim(s));
        trimmed = true;
      }
    }
  }
  if (s.empty()) return s;
  if (ends_with_any(s, {"。", "！", "？", "…", ".", "!", "?", "。”", "。）", ".)", ".\""}))
    return s;
  return s + (zh_ ? "。" : ".");
}

std::string OfficialStyle::list(const std::vector<std::string>& items) const {
  if (items.empty()) return "";
  return sentence(join(items, zh_ ? "、" : ", "));
}

std::string OfficialStyle::clauses(const std::vector<std::string>& items) const {
  if (items.empty()) return "";
  return sentence(join(items, zh_ ? "，" : "; "));
}

}  // namespace duty::reports
