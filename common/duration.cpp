// SPDX-License-Identifier: Apache-2.0
#include "common/duration.hpp"

namespace duty {

std::string spoken_duration(std::chrono::seconds d, bool zh) {
  long long minutes = d.count() > 0 ? d.count() / 60 : 0;
  if (minutes < 1) return zh ? "不足1分钟" : "under 1 min";
  long long days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
  std::string out;
  auto part = [&](long long n, const char* zh_unit, const char* en_unit) {
    if (!zh && !out.empty()) out += ' ';
    out += std::to_string(n);
    if (!zh) out += ' ';
    out += zh ? zh_unit : en_unit;
  };
  if (days > 0) {
    part(days, "天", "d");
    if (hours > 0) part(hours, "小时", "h");
    return out;
  }
  if (hours > 0) {
    part(hours, "小时", "h");
    // After hours a Chinese office writes 分, alone 分钟: 1小时20分, 35分钟.
    if (mins > 0) part(mins, "分", "min");
    return out;
  }
  part(mins, "分钟", "min");
  return out;
}

std::string spoken_deadline(std::chrono::seconds d, DeadlineSense sense, bool zh) {
  std::string text = spoken_duration(d, zh);
  switch (sense) {
    case DeadlineSense::kOverdue:
      return zh ? "已超时" + text : text + " overdue";
    case DeadlineSense::kLate:
      return zh ? "迟报" + text : text + " late";
    case DeadlineSense::kLeft:
      break;
  }
  return zh ? "剩余" + text : text + " left";
}

}  // namespace duty
