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

ContextNode build_handover(Store& store, const Office& office, Seconds at,
                           const std::optional<DutyShift>& outgoing,
                           const std::optional<DutyShift>& incoming, Seconds now) {
  RecordBuilder b(store, office, now);
  // Prepared before the handover, the record holds the facts up to now; after it, up to the
  // handover (the final record, the same whenever it is printed again).
  Seconds as_of = std::min(at, now);
  bool final_record = now >= at;
  // Events before `until` are the outgoing shift's: those up to the handover, or up to now.
  Seconds until = final_record ? at : now + std::chrono::seconds{1};
  auto out_day = duty_day(office, duty_date(office, at - std::chrono::seconds{1}));
  auto in_day = duty_day(office, duty_date(office, at));
  Seconds out_from = outgoing ? outgoing->start : out_day.first;
  Seconds out_to = outgoing ? outgoing->end : out_day.second;
  ContextNode c = ContextNode::object();
  ContextNode doc = ContextNode::object();
  doc.set("at", b.time(at));
  doc.set("date", format_date(local_day(*office.zone, at)));
  doc.set("generated_at", b.time(now));
  doc.set("as_of", b.time(as_of));
  doc.set("final", final_record);
  doc.set("preparing", !final_record);
  c.set("handover", std::move(doc));
  c.set("office", b.office_node());
  c.set("outgoing", b.shift_node(outgoing, out_from, out_to));
  c.set("incoming", b.shift_node(incoming, incoming ? incoming->start : in_day.first,
                                 incoming ? incoming->end : in_day.second));

  // Reports due: those of the incidents received during the shift or still open, not made by the
  // handover and due within 24 hours or overdue. Overdue reports of incidents closed before the
  // shift were on earlier records; 'duty incident overdue' lists them all.
  std::vector<std::pair<Requirement, std::pair<std::string, std::string>>> due_list;
  std::set<std::string> seen;
  auto collect_due = [&](const Incident& inc) {
    if (!seen.insert(inc.id).second) return;
    for (const auto& r : inc.requirements) {
      if (r.arose_at > as_of || (r.made_at && *r.made_at <= as_of) ||
          r.due > at + std::chrono::hours{24})
        continue;
      due_list.push_back({r, {inc.id, inc.title}});
    }
  };
  auto state_then = [&](const std::string& id) {
    std::vector<Event> upto;
    for (auto& e : store.events(id)) {
      if (e.at <= as_of) upto.push_back(std::move(e));
    }
    return fold_incident(upto, office);
  };

  ListQuery rq;
  rq.from = out_from;
  rq.to = until - std::chrono::seconds{1};
  ContextNode received = ContextNode::list();
  for (const auto& row : store.incidents().list(rq)) {
    Incident inc = state_then(row.id);
    ContextNode n = b.incident_node(inc);
    b.add_report_status(n, inc, as_of);
    received.push(std::move(n));
    collect_due(inc);
  }
  ListQuery oq;
  oq.open_at = as_of;
  ContextNode open = ContextNode::list();
  for (const auto& row : store.incidents().list(oq)) {
    // Figures as of the record: events dated later are left out.
    Incident then = state_then(row.id);
    ContextNode n = b.incident_node(then);
    ContextNode next;
    for (const auto& r : then.requirements) {
      if (r.made_at && *r.made_at <= as_of) continue;
      next = b.requirement_node(r, as_of);
      break;
    }
    n.set("next_due", std::move(next));
    n.set("last_report_at", b.time(then.events.back().at));
    open.push(std::move(n));
    collect_due(then);
  }
  std::stable_sort(due_list.begin(), due_list.end(), [](const auto& x, const auto& y) {
    return x.first.due != y.first.due ? x.first.due < y.first.due : x.second.first < y.second.first;
  });
  ContextNode due = ContextNode::list();
  for (const auto& [r, inc] : due_list) {
    ContextNode n = b.requirement_node(r, as_of);
    n.set("incident", inc.first);
    n.set("title", inc.second);
    due.push(std::move(n));
  }
  ContextNode pending = ContextNode::list(), instructions = ContextNode::list();
  for (const auto& p : store.pending().items()) {
    if (!p.open_at(as_of)) continue;
    (p.instruction ? instructions : pending).push(b.pending_node(p, as_of));
  }
  ContextNode notes = ContextNode::list();
  for (const auto& n : notes_between(store, out_from, until)) {
    ContextNode x = ContextNode::object();
    x.set("at", b.time(n.at));
    x.set("by", n.by);
    x.set("text", n.text);
    notes.push(std::move(x));
  }
  ContextNode counts = ContextNode::object();
  counts.set("received", static_cast<int>(received.items()->size()));
  counts.set("open", static_cast<int>(open.items()->size()));
  counts.set("due", static_cast<int>(due.items()->size()));
  counts.set("pending", static_cast<int>(pending.items()->size()));
  counts.set("instructions", static_cast<int>(instructions.items()->size()));
  counts.set("notes", static_cast<int>(notes.items()->size()));
  c.set("counts", std::move(counts));
  c.set("received", std::move(received));
  c.set("open_incidents", std::move(open));
  c.set("due_reports", std::move(due));
  c.set("pending", std::move(pending));
  c.set("instructions", std::move(instructions));
  c.set("notes", std::move(notes));
  // Calls and their links known when the record is printed (a prepared record is printed again
  // after the handover to become final).
  c.set("calls",
        calls_context(store, office, out_from, std::min(at, as_of + std::chrono::seconds{1})));
  c.set("warnings", warnings_context(store, office, out_from, as_of));
  c.set("hazards", hazards_context(store, office, out_from, as_of));
  c.set("log_check", b.log_check());
  return c;
}

}  // namespace duty::reports
