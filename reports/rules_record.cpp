// SPDX-License-Identifier: Apache-2.0
#include "reports/rules_record.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "common/i18n.hpp"
#include "common/json_writer.hpp"

namespace duty::reports {

namespace {

const char* const kCountKeys[] = {"deaths_at_least", "injured_at_least", "missing_at_least",
                                  "seriously_injured_at_least", "trapped_at_least"};

std::optional<int> RuleMatch::*const kCountMembers[] = {
    &RuleMatch::deaths_at_least, &RuleMatch::injured_at_least, &RuleMatch::missing_at_least,
    &RuleMatch::seriously_injured_at_least, &RuleMatch::trapped_at_least};

[[noreturn]] void malformed(const std::string& why) {
  throw StoreError(trf("a recorded rules event is malformed ({0}); run 'duty log verify'", why));
}

std::vector<std::string> strings(const YAML::Node& node, const char* what) {
  if (!node.IsSequence()) malformed(trf("{0} is not a list", what));
  std::vector<std::string> out;
  for (const auto& item : node) {
    if (!item.IsScalar()) malformed(trf("{0} holds a non-text item", what));
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace

std::string canonical_rules_text(const std::vector<EscalationRule>& rules) {
  std::ostringstream out;
  JsonWriter w(out);
  w.begin_array();
  for (const auto& r : rules) {
    w.begin_object();
    w.key("basis").value(r.basis);
    w.key("match").begin_object();
    const RuleMatch& m = r.match;
    if (!m.category.empty()) {
      w.key("category").begin_array();
      for (const auto& c : m.category) w.value(c);
      w.end_array();
    }
    for (std::size_t k = 0; k < std::size(kCountKeys); ++k) {
      if (const auto& v = m.*kCountMembers[k]) w.key(kCountKeys[k]).value(*v);
    }
    if (m.loss_at_least) w.key("loss_at_least").value(*m.loss_at_least);
    if (!m.severity.empty()) {
      w.key("severity").begin_array();
      for (Severity s : m.severity) w.value(to_string(s));
      w.end_array();
    }
    w.end_object();
    w.key("to").begin_array();
    for (const auto& t : r.to) w.value(t);
    w.end_array();
    w.key("via").value(to_string(r.via));
    w.key("within_minutes").value(static_cast<std::int64_t>(r.within.count()));
    w.end_object();
  }
  w.end_array();
  return out.str();
}

std::string rules_hash(const std::vector<EscalationRule>& rules) {
  return sha256_hex(canonical_rules_text(rules));
}

std::vector<EscalationRule> parse_rules_text(const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    malformed(e.what());
  }
  if (!root.IsSequence()) malformed(tr("not a list of rules"));
  std::vector<EscalationRule> out;
  try {
    for (const auto& n : root) {
      if (!n.IsMap() || !n["match"] || !n["to"] || !n["via"] || !n["within_minutes"]) {
        malformed(tr("a rule lacks match, to, via or within_minutes"));
      }
      EscalationRule r;
      if (n["basis"]) r.basis = n["basis"].as<std::string>();
      const YAML::Node& m = n["match"];
      if (!m.IsMap()) malformed(tr("match is not an object"));
      if (m["category"]) r.match.category = strings(m["category"], "category");
      for (std::size_t k = 0; k < std::size(kCountKeys); ++k) {
        if (m[kCountKeys[k]]) r.match.*kCountMembers[k] = m[kCountKeys[k]].as<int>();
      }
      if (m["loss_at_least"]) r.match.loss_at_least = m["loss_at_least"].as<double>();
      if (m["severity"]) {
        for (const auto& s : strings(m["severity"], "severity")) {
          auto sev = parse_severity(s);
          if (!sev) malformed(trf("unknown severity '{0}'", s));
          r.match.severity.push_back(*sev);
        }
      }
      r.to = strings(n["to"], "to");
      auto via = parse_channel(n["via"].as<std::string>());
      if (!via) malformed(tr("unknown channel"));
      r.via = *via;
      r.within = std::chrono::minutes{n["within_minutes"].as<long long>()};
      out.push_back(std::move(r));
    }
  } catch (const YAML::Exception& e) {
    malformed(e.what());
  }
  return out;
}

RulesHistory rules_history(const std::vector<Event>& events) {
  RulesHistory h;
  for (const auto& e : events) {
    if (e.type != kRulesEventType) continue;
    auto text = e.text("rules");
    if (!text) malformed(trf("event {0} holds no rules", e.seq));
    RulesVersion v;
    v.seq = e.seq;
    v.at = e.at;
    v.hash = sha256_hex(*text);
    if (e.text("hash") != v.hash)
      malformed(trf("event {0}'s hash does not match its rules", e.seq));
    v.rules = parse_rules_text(*text);
    h.versions.push_back(std::move(v));
  }
  return h;
}

RulesHistory load_rules_history(Store& store) { return rules_history(store.events(kRulesSubject)); }

std::optional<Event> record_rules(StoreTransaction& tx, RulesHistory& history,
                                  const std::vector<EscalationRule>& current, const Actor& actor) {
  auto events = tx.events(kRulesSubject);
  bool known = events.size() == history.versions.size() &&
               (events.empty() || events.back().seq == history.versions.back().seq);
  if (!known) history = rules_history(events);
  std::string text = canonical_rules_text(current);
  std::string hash = sha256_hex(text);
  if (!history.versions.empty() && history.versions.back().hash == hash) return std::nullopt;
  // Versions stay in time order even if the clock stepped back since the last one.
  Seconds at = history.versions.empty() ? actor.now : std::max(actor.now, history.versions.back().at);
  Event e = new_event(kRulesEventType, kRulesSubject, at, actor);
  e.data["rules"] = text;
  e.data["hash"] = hash;
  e = tx.append(std::move(e));
  history.versions.push_back({e.seq, at, hash, current});
  return e;
}

}  // namespace duty::reports
