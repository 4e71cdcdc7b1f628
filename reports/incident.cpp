// SPDX-License-Identifier: Apache-2.0
#include "reports/incident.hpp"

#include <algorithm>
#include <set>

#include "common/text.hpp"

namespace duty::reports {

namespace {
long whole_minutes_after(Seconds later, Seconds earlier) {
  if (later <= earlier) return 0;
  auto secs = (later - earlier).count();
  return static_cast<long>((secs + 59) / 60);
}
}  // namespace

Correction read_correction(const Event& e) {
  Correction c;
  c.seq = e.seq;
  c.at = e.at;
  c.by = e.by;
  c.reason = e.text("reason").value_or("");
  for (const auto& [key, value] : e.data) {
    if (key == "reason" || key.starts_with(kOldPrefix)) continue;
    FieldChange ch;
    ch.field = key;
    ch.new_value = value;
    if (auto it = e.data.find(std::string(kOldPrefix) + key); it != e.data.end()) ch.old_value = it->second;
    c.changes.push_back(std::move(ch));
  }
  return c;
}

std::optional<int> parse_people(std::string_view text, std::string& problem) {
  auto n = parse_whole_number(text, 0, kMaxPeople, problem);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

std::optional<double> parse_loss(std::string_view text, std::string& problem) {
  auto v = parse_decimal_number(text, 0, kMaxLoss, problem);
  if (!v && problem.ends_with("is not a number")) problem += " of 万元 (10,000 yuan)";
  return v;
}

long Requirement::minutes_late() const { return made_at ? whole_minutes_after(*made_at, due) : 0; }

long Requirement::minutes_overdue(Seconds at) const {
  if (made_at && *made_at <= at) return 0;
  return whole_minutes_after(at, due);
}

bool rule_matches(const RuleMatch& m, const Incident& i) {
  if (!m.severity.empty() && std::find(m.severity.begin(), m.severity.end(), i.severity()) == m.severity.end()) {
    return false;
  }
  if (!m.category.empty() && std::find(m.category.begin(), m.category.end(), i.category) == m.category.end()) {
    return false;
  }
  const Casualties& c = i.casualties;
  if (m.deaths_at_least && c.deaths < *m.deaths_at_least) return false;
  if (m.injured_at_least && c.injured < *m.injured_at_least) return false;
  if (m.seriously_injured_at_least && c.seriously_injured < *m.seriously_injured_at_least) return false;
  if (m.missing_at_least && c.missing < *m.missing_at_least) return false;
  if (m.trapped_at_least && c.trapped < *m.trapped_at_least) return false;
  if (m.loss_at_least && i.loss < *m.loss_at_least) return false;
  return true;
}

void apply_fields(Incident& i, const Fields& f) {
  auto text = [&](const char* key, std::string& out) {
    auto it = f.find(key);
    if (it != f.end()) {
      if (const auto* s = std::get_if<std::string>(&it->second)) out = *s;
    }
  };
  auto count = [&](const char* key, int& out) {
    auto it = f.find(key);
    if (it == f.end()) return;
    if (const auto* n = std::get_if<long long>(&it->second)) out = static_cast<int>(*n);
  };
  text("title", i.title);
  text("category", i.category);
  text("location", i.location);
  text("source", i.source);
  text("received_by", i.received_by);
  text("description", i.description);
  text("actions", i.actions);
  text("leaders_on_scene", i.leaders_on_scene);
  text("next_steps", i.next_steps);
  if (auto it = f.find("severity"); it != f.end()) {
    if (const auto* s = std::get_if<std::string>(&it->second)) i.stated = parse_severity(*s).value_or(i.stated);
  }
  if (auto it = f.find("occurred_at"); it != f.end()) {
    if (const auto* n = std::get_if<long long>(&it->second)) i.occurred_at = Seconds{std::chrono::seconds{*n}};
  }
  for (const char* key : kFigureKeys) i.casualties_known = i.casualties_known || f.contains(key);
  count("deaths", i.casualties.deaths);
  count("injured", i.casualties.injured);
  count("seriously_injured", i.casualties.seriously_injured);
  count("missing", i.casualties.missing);
  count("trapped", i.casualties.trapped);
  if (auto it = f.find("loss"); it != f.end()) {
    i.loss_known = true;
    if (const auto* d = std::get_if<double>(&it->second)) i.loss = *d;
    if (const auto* n = std::get_if<long long>(&it->second)) i.loss = static_cast<double>(*n);
  }
  i.graded = grade(i.casualties, i.loss);
}

Incident fold_incident(const std::vector<Event>& events, const Office& office) {
  Incident inc;
  if (events.empty() || events.front().type != event_type::kCreated) {
    throw StoreError("incident " + (events.empty() ? std::string("?") : events.front().subject) +
                     ": its history does not start with a 'created' event; run 'duty log verify'");
  }
  inc.id = events.front().subject;
  inc.recorded_at = events.front().recorded_at;
  inc.events = events;
  // A corrected received time moves the initial report itself: the last correction of it wins.
  Seconds received = inc.events.front().at;
  for (const auto& e : inc.events) {
    if (e.type != event_type::kCorrection) continue;
    if (auto n = e.integer("received_at")) received = Seconds{std::chrono::seconds{*n}};
  }
  inc.received_at = received;
  const Event* created = &inc.events.front();
  auto time_of = [&](const Event* e) { return e == created ? received : e->at; };

  // Deadlines depend on when facts became known, so state changes are replayed in time order.
  std::vector<const Event*> ordered;
  for (const auto& e : inc.events) ordered.push_back(&e);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const Event* a, const Event* b) { return time_of(a) < time_of(b); });

  // Rules that have matched at some point. Each fact is judged by the rules in force when the
  // office learned it (rules_at), so a later change of office.yaml never moves an earlier deadline.
  std::set<const EscalationRule*> applied;
  for (const Event* e : ordered) {
    inc.last_seq = std::max(inc.last_seq, e->seq);
    if (e->type == event_type::kEscalation) {
      auto to = e->text("to");
      auto via = parse_channel(e->text("via").value_or(""));
      if (!to || !via) continue;
      for (auto& r : inc.requirements) {
        if (r.to == *to && r.via == *via && !r.made_at) {
          r.made_at = e->at;
          r.made_seq = e->seq;
        }
      }
      continue;
    }
    if (e->type == event_type::kVoid) {
      inc.voided = true;
      inc.voided_at = e->at;
      inc.voided_by = e->by;
      inc.void_reason = e->text("reason").value_or("");
      continue;
    }
    if (e->type != event_type::kCreated && e->type != event_type::kUpdate && e->type != event_type::kClosed &&
        e->type != event_type::kCorrection && e->type != event_type::kSupplement) {
      continue;
    }
    const Seconds at = time_of(e);
    apply_fields(inc, e->data);
    if (e->type == event_type::kUpdate) ++inc.followups;
    if (e->type == event_type::kSupplement) ++inc.supplements;
    if (e->type == event_type::kCorrection) inc.corrections.push_back(read_correction(*e));
    if (e->type == event_type::kClosed) {
      inc.closed = true;
      inc.closed_at = e->at;
    }
    for (const EscalationRule& rule : office.rules_at(at)) {
      if (applied.contains(&rule) || !rule_matches(rule.match, inc)) continue;
      applied.insert(&rule);
      for (const auto& to : rule.to) {
        Seconds due = at + rule.within;
        auto it = std::find_if(inc.requirements.begin(), inc.requirements.end(),
                               [&](const Requirement& r) { return r.to == to && r.via == rule.via; });
        if (it == inc.requirements.end()) {
          Requirement r;
          r.to = to;
          r.via = rule.via;
          r.arose_at = at;
          r.due = due;
          r.basis = rule.basis;
          // An escalation already made to this pair satisfies it, whenever it was made.
          for (const Event* x : ordered) {
            if (x == e) break;
            if (x->type == event_type::kEscalation && x->text("to") == to &&
                parse_channel(x->text("via").value_or("")) == rule.via) {
              r.made_at = x->at;
              r.made_seq = x->seq;
              break;
            }
          }
          inc.requirements.push_back(r);
        } else if (due < it->due) {
          it->due = due;
          it->basis = rule.basis;
        }
      }
    }
  }
  // An entry made in error owes no reports.
  if (inc.voided) inc.requirements.clear();
  std::sort(inc.corrections.begin(), inc.corrections.end(),
            [](const Correction& a, const Correction& b) { return a.seq < b.seq; });
  std::stable_sort(inc.requirements.begin(), inc.requirements.end(),
                   [](const Requirement& a, const Requirement& b) { return a.due < b.due; });
  return inc;
}

}  // namespace duty::reports
