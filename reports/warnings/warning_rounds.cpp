// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <map>

#include "reports/warnings/warning_log.hpp"

namespace duty::reports {

namespace {

// Where a round of a unit began: the index of the rule set a unit is under at each change.
struct UnitTrack {
  std::map<std::size_t, Seconds> rules;  // rule index -> since when it applies
  std::optional<std::size_t> open;       // index of the unit's open round in the output
};

}  // namespace

bool Round::late(Seconds t) const {
  return !answer && due < t && (!ended || *ended > due);
}

std::vector<Round> rounds_of(const Warning& w, const WarningSettings& settings, Seconds t) {
  std::vector<Round> out;
  std::map<std::string, UnitTrack> tracks;
  // The moments the rules are judged at: each change received by `t`, each expiry, then the
  // warning's end.
  auto close_all = [&](Seconds when) {
    for (auto& entry : tracks) {
      if (entry.second.open) out[*entry.second.open].ended = when;
      entry.second.open.reset();
      entry.second.rules.clear();
    }
  };
  // The expiry the last change set; a change received after it renews the warning (or leaves it
  // expired), and the rounds open then ended at the expiry.
  std::optional<Seconds> expiry;
  bool lifted = false;
  for (const auto& change : w.history) {
    if (change.at > t) break;
    if (expiry && *expiry <= change.at) close_all(*expiry);
    if (change.kind == ChangeKind::kLifted) {
      close_all(change.at);
      lifted = true;
      break;
    }
    expiry = change.expires_at;
    // Received with its expiry already past: the warning is expired and owes nothing.
    if (expiry && *expiry <= change.at) {
      close_all(change.at);
      continue;
    }
    std::map<std::string, std::map<std::size_t, bool>> applying;
    for (std::size_t i = 0; i < settings.response.size(); ++i) {
      const ResponseRule& rule = settings.response[i];
      if (!rule.matches(w.type, change.level)) continue;
      for (const auto& group_id : rule.call) {
        const ContactGroup* g = settings.find_group(group_id);
        if (!g) continue;
        for (const auto& c : g->contacts) applying[c.unit][i] = true;
      }
    }
    for (auto& entry : tracks) {
      if (!applying.count(entry.first) && entry.second.open) {
        out[*entry.second.open].ended = change.at;
        entry.second.open.reset();
        entry.second.rules.clear();
      }
    }
    for (const auto& unit : settings.units()) {
      auto it = applying.find(unit);
      if (it == applying.end()) continue;
      const Contact& c = *settings.find_contact(unit);
      UnitTrack& track = tracks[unit];
      std::chrono::minutes strictest_before = std::chrono::minutes::max();
      for (const auto& r : track.rules)
        strictest_before = std::min(strictest_before, settings.response[r.first].within);
      std::map<std::size_t, Seconds> now_rules;
      bool stricter = false;
      std::chrono::minutes strictest = std::chrono::minutes::max();
      bool leader = false;
      for (const auto& r : it->second) {
        auto before = track.rules.find(r.first);
        now_rules[r.first] = before == track.rules.end() ? change.at : before->second;
        const ResponseRule& rule = settings.response[r.first];
        strictest = std::min(strictest, rule.within);
        leader = leader || rule.leader_in_room;
        if (before == track.rules.end() && rule.within < strictest_before) stricter = true;
      }
      track.rules = now_rules;
      if (stricter || !track.open) {
        if (track.open) out[*track.open].ended = change.at;
        Round round;
        round.unit = c.unit;
        round.person = c.person;
        round.phone = c.phone;
        round.start = change.at;
        round.due = change.at + strictest;
        round.leader_in_room = leader;
        track.open = out.size();
        out.push_back(round);
      } else {
        out[*track.open].leader_in_room = out[*track.open].leader_in_room || leader;
      }
    }
  }
  // A warning that expired (and was not lifted first) owes nothing after its expiry.
  if (!lifted && expiry && *expiry <= t) close_all(*expiry);
  // Answers and calls go to the unit's round they fall in.
  for (std::size_t i = 0; i < out.size(); ++i) {
    Round& r = out[i];
    std::optional<Seconds> next;
    for (std::size_t j = i + 1; j < out.size(); ++j) {
      if (out[j].unit == r.unit) {
        next = out[j].start;
        break;
      }
    }
    auto inside = [&](Seconds at) {
      return at >= r.start && (!next || at < *next) && (!r.ended || at < *r.ended) && at <= t;
    };
    for (const auto& a : w.answers) {
      if (a.unit == r.unit && inside(a.at) && (!r.answer || a.at < r.answer->at)) r.answer = a;
    }
    for (const auto& c : w.calls) {
      if (c.unit == r.unit && inside(c.at)) ++r.calls;
    }
  }
  return out;
}

std::vector<Round> current_rounds(const Warning& w, const WarningSettings& settings, Seconds t) {
  std::vector<Round> all = rounds_of(w, settings, t);
  std::vector<Round> out;
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const Round& r) { return r.unit == it->unit; });
    if (!seen) out.push_back(*it);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

bool leader_in_room(const Warning& w, const WarningSettings& settings, Seconds t) {
  if (!w.in_force(t)) return false;
  WarningLevel level = w.level_at(t);
  return std::any_of(
      settings.response.begin(), settings.response.end(),
      [&](const ResponseRule& r) { return r.leader_in_room && r.matches(w.type, level); });
}

}  // namespace duty::reports
