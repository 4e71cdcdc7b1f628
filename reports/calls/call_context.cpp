// SPDX-License-Identifier: Apache-2.0
#include <map>

#include "common/text.hpp"
#include "reports/calls/call_log.hpp"

namespace duty::reports {

namespace {

// "县水利局张三（0371-1234）" / "Zhang San (County Water Bureau, 0371-1234)": who called, as a
// record names a caller.
std::string caller_text(const Call& c, bool zh) {
  if (zh) return c.unit + c.from + (c.phone.empty() ? "" : "（" + c.phone + "）");
  std::vector<std::string> extra;
  if (!c.unit.empty()) extra.push_back(c.unit);
  if (!c.phone.empty()) extra.push_back(c.phone);
  return c.from + (extra.empty() ? "" : " (" + join(extra, ", ") + ")");
}

}  // namespace

ContextNode calls_context(Store& store, const Office& office, Seconds from, Seconds to) {
  bool zh = office.zh();
  CallQuery q;
  q.from = from;
  q.to = to - std::chrono::seconds{1};
  std::vector<Call> calls = list_calls(store, q);
  std::map<CallKind, int> by_kind;
  int linked = 0;
  ContextNode list = ContextNode::list();
  for (const auto& c : calls) {
    ++by_kind[c.kind];
    // A link made after the record's end is not yet known to it.
    bool is_linked = !c.incident.empty() && c.linked_at && *c.linked_at <= to;
    if (is_linked) ++linked;
    ContextNode n = ContextNode::object();
    n.set("id", c.id);
    n.set("at", format_local_minute(*office.zone, c.at));
    n.set("from", c.from);
    n.set("phone", c.phone);
    n.set("unit", c.unit);
    n.set("caller_text", caller_text(c, zh));
    n.set("kind", std::string(to_string(c.kind)));
    n.set("kind_label", std::string(call_kind_label(c.kind, zh)));
    n.set("summary", c.summary);
    n.set("by", c.by);
    n.set("incident", is_linked ? c.incident : "");
    n.set("linked", is_linked);
    list.push(std::move(n));
  }
  ContextNode kinds = ContextNode::list();
  std::vector<std::string> texts;
  for (CallKind k : kCallKinds) {
    auto it = by_kind.find(k);
    if (it == by_kind.end()) continue;
    std::string label(call_kind_label(k, zh));
    ContextNode x = ContextNode::object();
    x.set("kind", std::string(to_string(k)));
    x.set("label", label);
    x.set("count", it->second);
    kinds.push(std::move(x));
    texts.push_back(zh ? label + std::to_string(it->second) + "次"
                       : label + " " + std::to_string(it->second));
  }
  ContextNode out = ContextNode::object();
  out.set("count", static_cast<int>(calls.size()));
  out.set("has_calls", !calls.empty());
  out.set("by_kind", std::move(kinds));
  out.set("by_kind_text", join(texts, zh ? "、" : ", "));
  out.set("linked", linked);
  out.set("has_linked", linked > 0);
  out.set("list", std::move(list));
  return out;
}

}  // namespace duty::reports
