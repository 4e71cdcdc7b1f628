// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/bulletins/bulletin.hpp"
#include "reports/bulletins/record_builder.hpp"
#include "reports/calls/call_log.hpp"
#include "reports/carry.hpp"
#include "reports/hazards/hazard_context.hpp"
#include "reports/warnings/warning_context.hpp"

namespace duty::reports {

ContextNode build_daily(Store& store, const Office& office, Days date,
                        const std::optional<DutyShift>& on_duty, Seconds now) {
  RecordBuilder b(store, office, now);
  auto [from, to] = duty_day(office, date);
  if (from > now) {
    throw FieldError("date", trf("the duty day {0} has not begun yet (it starts {1}); there is "
                                 "nothing to report",
                                 format_date(date), b.time(from)));
  }
  // A day still running is reported as far as it has gone.
  Seconds until = std::min(to, now);
  b.set_reference(from);
  ContextNode c = ContextNode::object();
  date::year_month_day ymd{date};
  int year = static_cast<int>(ymd.year());
  int issue = static_cast<int>((date - Days{ymd.year() / date::January / 1}).count()) + 1;
  ContextNode doc = ContextNode::object();
  doc.set("date", format_date(date));
  doc.set("date_label", office.zh()
                            ? std::to_string(year) + "年" +
                                  std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
                                  std::to_string(static_cast<unsigned>(ymd.day())) + "日"
                            : format_date(date));
  doc.set("date_official", b.official().date(date));
  doc.set("year", year);
  doc.set("issue", issue);
  b.set_time(doc, "from", from);
  b.set_time(doc, "to", to);
  doc.set("complete", to <= now);
  b.set_time(doc, "generated_at", now);
  b.set_signer(doc, on_duty, std::nullopt);
  c.set("bulletin", std::move(doc));
  c.set("office", b.office_node());
  c.set("on_duty", b.shift_node(on_duty, from, to));
  ContextNode rec = ContextNode::object();
  ContextNode main = ContextNode::list(), copy = ContextNode::list();
  for (const auto& m : office.recipients_main) main.push(m);
  for (const auto& m : office.recipients_copy) copy.push(m);
  rec.set("main", std::move(main));
  rec.set("copy", std::move(copy));
  rec.set("main_text", join(office.recipients_main, office.zh() ? "、" : ", "));
  rec.set("copy_text", join(office.recipients_copy, office.zh() ? "、" : ", "));
  c.set("recipients", std::move(rec));

  ListQuery q;
  q.from = from;
  q.to = until - std::chrono::seconds{1};
  auto rows = store.incidents().list(q);
  std::map<std::string, int> by_category;
  std::map<Severity, int> by_severity;
  // Sums of figures in 64 bits: a day of many incidents at the largest figures never overflows.
  long long deaths = 0, injured = 0, missing = 0;
  Casualties all;  // the day's figures for the official sentence, saturating at the largest int
  bool all_known = !rows.empty();
  auto add_to = [](int& sum, int n) {
    sum = static_cast<int>(
        std::min<long long>(static_cast<long long>(sum) + n, std::numeric_limits<int>::max()));
  };
  int open = 0, late = 0;
  ContextNode incidents = ContextNode::list();
  for (const auto& row : rows) {
    Incident inc = fold_incident(store.events(row.id), office);
    ++by_category[inc.category];
    ++by_severity[inc.severity()];
    deaths += static_cast<long long>(inc.casualties.deaths);
    injured += static_cast<long long>(inc.casualties.injured) + inc.casualties.seriously_injured;
    missing += static_cast<long long>(inc.casualties.missing);
    add_to(all.deaths, inc.casualties.deaths);
    add_to(all.injured, inc.casualties.injured);
    add_to(all.seriously_injured, inc.casualties.seriously_injured);
    add_to(all.missing, inc.casualties.missing);
    add_to(all.trapped, inc.casualties.trapped);
    all_known = all_known && inc.casualties_known;
    bool open_then = !inc.closed_at || *inc.closed_at > until;
    if (open_then) ++open;
    ContextNode n = b.incident_node(inc);
    n.set("open_at_end", open_then);
    b.add_report_status(n, inc, until);
    if (*n.get("late_count")->number() > 0 || *n.get("overdue_count")->number() > 0) ++late;
    incidents.push(std::move(n));
  }
  ContextNode counts = ContextNode::object();
  counts.set("total", static_cast<int>(rows.size()));
  counts.set("open", open);
  counts.set("closed", static_cast<int>(rows.size()) - open);
  counts.set("with_late_reports", late);
  counts.set("deaths", deaths);
  counts.set("injured", injured);
  counts.set("missing", missing);
  counts.set("seriously_injured", static_cast<long long>(all.seriously_injured));
  counts.set("trapped", static_cast<long long>(all.trapped));
  const bool any_casualties =
      all.deaths || all.injured || all.seriously_injured || all.missing || all.trapped;
  counts.set("has_casualties", any_casualties);
  counts.set("casualties_official", b.official().casualties(all, all_known, false));
  ContextNode cats = ContextNode::list();
  std::vector<std::string> cat_texts, sev_texts;
  for (const auto& [id, n] : by_category) {
    ContextNode x = ContextNode::object();
    x.set("id", id);
    x.set("label", b.category_label(id));
    x.set("count", n);
    cats.push(std::move(x));
    cat_texts.push_back(office.zh() ? b.category_label(id) + std::to_string(n) + "起"
                                    : b.category_label(id) + " " + std::to_string(n));
  }
  counts.set("by_category", std::move(cats));
  counts.set("by_category_official", b.official().list(cat_texts));
  ContextNode sev = ContextNode::list();
  for (Severity s :
       {Severity::kI, Severity::kII, Severity::kIII, Severity::kIV, Severity::kUnknown}) {
    auto it = by_severity.find(s);
    if (it == by_severity.end()) continue;
    ContextNode x = ContextNode::object();
    x.set("id", std::string(to_string(s)));
    x.set("label", std::string(label(s, office.zh())));
    x.set("count", it->second);
    sev.push(std::move(x));
    sev_texts.push_back(office.zh()
                            ? std::string(label(s, true)) + std::to_string(it->second) + "起"
                            : std::string(label(s, false)) + " " + std::to_string(it->second));
  }
  counts.set("by_severity", std::move(sev));
  counts.set("by_severity_official", b.official().list(sev_texts));
  c.set("counts", std::move(counts));
  c.set("nil_report", rows.empty());
  c.set("nil_report_text", b.l("Nil report: no major emergencies.", "零报告：无重大突发事件。"));
  c.set("incidents", std::move(incidents));

  // Instructions in force during the day: given before its end and not done before its start.
  ContextNode instructions = ContextNode::list();
  for (const auto& p : store.pending().items()) {
    if (!p.instruction || p.created_at >= until || (p.done_at && *p.done_at < from)) continue;
    instructions.push(b.pending_node(p, until));
  }
  c.set("has_instructions", !instructions.items()->empty());
  c.set("instructions", std::move(instructions));
  c.set("calls", calls_context(store, office, from, until));
  // Warnings as they stood at the end of the day (or now, for a day still running).
  c.set("warnings",
        warnings_context(store, office, from, until == to ? to - std::chrono::seconds{1} : until));
  // Hazards as they stood at the end of the day (or now).
  c.set("hazards", hazards_context(store, office, from, until));
  c.set("log_check", b.log_check());
  return c;
}

}  // namespace duty::reports
