// SPDX-License-Identifier: Apache-2.0
#include "cli/labels.hpp"

namespace duty::cli {

std::string Labels::weekday(Days day) const {
  static const char* kEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kZh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  unsigned i = iso_weekday_index(day);
  return zh ? kZh[i] : kEn[i];
}

std::string Labels::day_type(roster::DayType type) const {
  switch (type) {
    case roster::DayType::kHoliday: return zh ? "节假日" : "holiday";
    case roster::DayType::kWeekend: return zh ? "周末" : "weekend";
    case roster::DayType::kWorkday: break;
  }
  return zh ? "工作日" : "workday";
}

}  // namespace duty::cli
