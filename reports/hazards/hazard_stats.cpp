// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_stats.hpp"

#include <charconv>
#include <map>
#include <system_error>

#include "common/identity.hpp"

namespace duty::reports {

namespace {

std::optional<double> ratio(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

void count(HazardFigures& f, const Hazard& h, Seconds at) {
  ++f.found;
  bool major = h.grade == HazardGrade::kMajor;
  if (major) ++f.major_found;
  if (h.status == HazardStatus::kClosed) {
    ++f.fixed;
    if (major) ++f.major_fixed;
    if (h.on_time.value_or(false)) ++f.fixed_on_time;
  } else if (h.overdue(at)) {
    ++f.overdue;
  } else {
    ++f.not_yet_due;
  }
}

std::string group_key(const Hazard& h, HazardGroupBy by) {
  switch (by) {
    case HazardGroupBy::kTownship:
      return h.township;
    case HazardGroupBy::kUnit:
      return h.unit;
    case HazardGroupBy::kCategory:
      return h.category;
    case HazardGroupBy::kGrade:
      return std::string(to_string(h.grade));
    case HazardGroupBy::kNone:
      break;
  }
  return {};
}

}  // namespace

std::optional<std::pair<Days, Days>> parse_year(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int y = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + 4, y);
  if (ec != std::errc() || end != text.data() + 4 || y < kFirstYear || y > kLastYear) {
    return std::nullopt;
  }
  date::year year{y};
  return std::pair<Days, Days>{Days{year / 1 / 1}, Days{year / 12 / 31}};
}

std::optional<std::pair<Days, Days>> parse_quarter(std::string_view text) {
  if (text.size() != 6 && text.size() != 7) return std::nullopt;
  auto year = parse_year(text.substr(0, 4));
  std::string_view rest = text.substr(4);
  if (rest.size() == 3) {
    if (rest[0] != '-') return std::nullopt;
    rest = rest.substr(1);
  }
  if (!year || (rest[0] != 'Q' && rest[0] != 'q') || rest[1] < '1' || rest[1] > '4') {
    return std::nullopt;
  }
  unsigned q = static_cast<unsigned>(rest[1] - '0');
  date::year_month_day first{year->first};
  date::year y = first.year();
  Days from{y / date::month{3 * q - 2} / 1};
  Days to{y / date::month{3 * q} / date::last};
  return std::pair<Days, Days>{from, to};
}

std::optional<double> HazardFigures::fix_rate() const {
  return ratio(fixed, found);
}
std::optional<double> HazardFigures::major_fix_rate() const {
  return ratio(major_fixed, major_found);
}
std::optional<double> HazardFigures::on_time_rate() const {
  return ratio(fixed_on_time, fixed);
}

HazardStats hazard_stats(const std::vector<Hazard>& all, std::optional<Seconds> from,
                         std::optional<Seconds> to, Seconds at, HazardGroupBy by) {
  HazardStats out;
  // By the name as an identity key ("Zequ" and " zequ" registered before office.yaml listed
  // townships are one township), shown as first written.
  std::map<std::string, HazardGroup> groups;
  for (const auto& h : all) {
    if (h.status == HazardStatus::kVoid || h.found > at) continue;
    if ((from && h.found < *from) || (to && h.found > *to)) continue;
    count(out.total, h, at);
    if (by != HazardGroupBy::kNone) {
      std::string name = group_key(h, by);
      HazardGroup& g = groups[identity_key(name)];
      if (g.key.empty()) g.key = std::move(name);
      count(g.figures, h, at);
    }
  }
  for (auto& kv : groups) out.groups.push_back(std::move(kv.second));
  return out;
}

}  // namespace duty::reports
