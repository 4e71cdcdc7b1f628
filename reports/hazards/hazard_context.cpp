// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_context.hpp"

#include <algorithm>
#include <cmath>

#include "reports/hazards/hazard_ledger.hpp"
#include "reports/hazards/hazard_settings.hpp"

namespace duty::reports {

namespace {

ContextNode figures_node(const std::string& name, const HazardFigures& f) {
  ContextNode n = ContextNode::object();
  n.set("name", name);
  n.set("found", f.found);
  n.set("fixed", f.fixed);
  n.set("fix_rate", percent_text(f.fix_rate()));
  n.set("major_found", f.major_found);
  n.set("major_fixed", f.major_fixed);
  n.set("major_fix_rate", percent_text(f.major_fix_rate()));
  n.set("on_time_rate", percent_text(f.on_time_rate()));
  n.set("overdue", f.overdue);
  n.set("not_yet_due", f.not_yet_due);
  return n;
}

ContextNode groups_node(const HazardStats& s) {
  ContextNode list = ContextNode::list();
  for (const auto& g : s.groups) list.push(figures_node(g.key, g.figures));
  return list;
}

ContextNode hazard_node(const Hazard& h, const Office& office, Seconds at) {
  bool zh = office.zh();
  ContextNode n = ContextNode::object();
  n.set("id", h.id);
  n.set("title", h.title);
  n.set("grade", std::string(label(h.grade, zh)));
  n.set("grade_id", std::string(to_string(h.grade)));
  n.set("location", h.location);
  n.set("owner_phone", h.owner_phone);
  n.set("measures", h.measures);
  n.set("township", h.township);
  n.set("unit", h.unit);
  n.set("owner", h.owner);
  n.set("due", format_date(h.due));
  n.set("original_due", format_date(h.original_due));
  n.set("extended", h.due != h.original_due);
  // Calendar days after the due day, as due_hazards counts them; how late or how soon in words,
  // or the status of a hazard closed or void.
  const int days_late = static_cast<int>((local_day(*office.zone, at) - h.due).count());
  const bool overdue = h.overdue(at);
  n.set("days_late", days_late);
  n.set("overdue", overdue);
  n.set("time_text", h.status == HazardStatus::kClosed || h.status == HazardStatus::kVoid
                         ? std::string(label(h.status, zh))
                         : hazard_due_text(days_late, overdue, zh));
  n.set("status", std::string(label(h.status, zh)));
  n.set("status_id", std::string(to_string(h.status)));
  n.set("awaiting", h.status == HazardStatus::kAwaitingAcceptance);
  n.set("supervised", h.supervision.has_value());
  if (h.supervision) {
    n.set("supervision_level", std::string(label(h.supervision->level, zh)));
    n.set("supervision_by", h.supervision->by);
    n.set("supervision_doc", h.supervision->doc);
    // "县级挂牌督办（县安委办）" / "listed for supervision (county, County Safety Office)".
    n.set("supervision_text", zh ? std::string(label(h.supervision->level, true)) + "挂牌督办（" +
                                       h.supervision->by + "）"
                                 : "listed for supervision (" +
                                       std::string(label(h.supervision->level, false)) + ", " +
                                       h.supervision->by + ")");
  } else {
    n.set("supervision_text", "");
  }
  return n;
}

// "2026年第四季度" / "Q4 2026" from "2026Q4"; anything else as given.
std::string quarter_label(const std::string& quarter, bool zh) {
  if (quarter.size() != 6 || quarter[4] != 'Q' || quarter[5] < '1' || quarter[5] > '4')
    return quarter;
  static const char* kZh[] = {"一", "二", "三", "四"};
  std::string year = quarter.substr(0, 4);
  int q = quarter[5] - '0';
  return zh ? year + "年第" + kZh[q - 1] + "季度" : "Q" + std::to_string(q) + " " + year;
}

}  // namespace

ContextNode hazards_context(Store& store, const Office& office, Seconds from, Seconds at) {
  const HazardSettings settings = load_hazard_settings(office);
  // As the office dates things (found, submitted, accepted ...), like every register on a record.
  const std::vector<Hazard> all = all_hazards(store, office, at);
  ContextNode overdue = ContextNode::list(), soon = ContextNode::list();
  // Most late first, then the soonest due.
  for (const auto& d : due_hazards(all, *office.zone, at, settings.upcoming_days)) {
    (d.overdue ? overdue : soon).push(hazard_node(*d.hazard, office, at));
  }
  ContextNode major = ContextNode::list();
  for (const auto& h : all) {
    if (h.grade != HazardGrade::kMajor || h.events.empty()) continue;
    Seconds registered = h.events.front().recorded_at;
    bool in_window = (h.found >= from && h.found < at) || (registered >= from && registered < at);
    if (!in_window) continue;
    major.push(hazard_node(h, office, at));
  }
  auto size = [](const ContextNode& list) {
    return list.items() ? static_cast<int>(list.items()->size()) : 0;
  };
  ContextNode c = ContextNode::object();
  ContextNode counts = ContextNode::object();
  counts.set("overdue", size(overdue));
  counts.set("due_soon", size(soon));
  counts.set("new_major", size(major));
  c.set("has_overdue", size(overdue) > 0);
  c.set("has_due_soon", size(soon) > 0);
  c.set("has_new_major", size(major) > 0);
  c.set("has_any", size(overdue) + size(soon) + size(major) > 0);
  c.set("upcoming_days", settings.upcoming_days);
  c.set("counts", std::move(counts));
  c.set("overdue", std::move(overdue));
  c.set("due_soon", std::move(soon));
  c.set("new_major", std::move(major));
  return c;
}

std::string percent_text(const std::optional<double>& rate) {
  if (!rate) return "—";
  long long tenths = std::llround(*rate * 1000.0);
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) s += "." + std::to_string(tenths % 10);
  return s + "%";
}

ContextNode hazard_report_context(const std::vector<Hazard>& all, const Office& office,
                                  const std::string& quarter, Days from, Days to, Seconds at) {
  Seconds from_t = at_local(*office.zone, from, std::chrono::minutes{0});
  Seconds to_t = end_of_day(*office.zone, to);
  HazardStats by_township = hazard_stats(all, from_t, to_t, at, HazardGroupBy::kTownship);
  HazardStats by_unit = hazard_stats(all, from_t, to_t, at, HazardGroupBy::kUnit);
  ContextNode c = ContextNode::object();
  ContextNode& o = c.set("office", ContextNode::object());
  o.set("name", office.name);
  o.set("unit", office.unit);
  ContextNode& r = c.set("report", ContextNode::object());
  r.set("quarter", quarter);
  r.set("quarter_label", quarter_label(quarter, office.zh()));
  r.set("from", format_date(from));
  r.set("to", format_date(to));
  r.set("as_of", format_local_minute(*office.zone, at));
  c.set("total", figures_node(office.zh() ? "合计" : "Total", by_township.total));
  c.set("townships", groups_node(by_township));
  c.set("units", groups_node(by_unit));
  ContextNode overdue = ContextNode::list();
  ContextNode supervised = ContextNode::list();
  for (const auto& h : all) {
    if (h.overdue(at)) overdue.push(hazard_node(h, office, at));
    if (h.supervision && h.status != HazardStatus::kClosed && h.status != HazardStatus::kVoid) {
      supervised.push(hazard_node(h, office, at));
    }
  }
  bool any_overdue = overdue.items() && !overdue.items()->empty();
  bool any_supervised = supervised.items() && !supervised.items()->empty();
  c.set("has_overdue", any_overdue);
  c.set("overdue", std::move(overdue));
  c.set("has_supervised", any_supervised);
  c.set("supervised", std::move(supervised));
  return c;
}

}  // namespace duty::reports
