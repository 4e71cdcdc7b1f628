// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_context.hpp"

#include <cmath>

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
  n.set("township", h.township);
  n.set("unit", h.unit);
  n.set("owner", h.owner);
  n.set("due", format_date(h.due));
  n.set("original_due", format_date(h.original_due));
  n.set("extended", h.due != h.original_due);
  n.set("days_late", static_cast<int>((local_day(*office.zone, at) - h.due).count()));
  n.set("status", std::string(label(h.status, zh)));
  if (h.supervision) {
    n.set("supervision_level", std::string(label(h.supervision->level, zh)));
    n.set("supervision_by", h.supervision->by);
    n.set("supervision_doc", h.supervision->doc);
  }
  return n;
}

}  // namespace

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
