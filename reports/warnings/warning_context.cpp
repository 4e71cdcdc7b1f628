// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/warning_context.hpp"

#include <algorithm>

#include "common/duration.hpp"
#include "common/text.hpp"

namespace duty::reports {

namespace {

std::string title_of(const Office& office, const Warning& w, WarningLevel level) {
  return warning_title(warning_settings(office), w.type, level, office.zh());
}

std::string kind_label(std::string_view kind, bool zh) {
  if (kind == "new") return zh ? "新发布" : "new";
  if (kind == "upgraded") return zh ? "升级" : "upgraded";
  if (kind == "downgraded") return zh ? "降级" : "downgraded";
  if (kind == "updated") return zh ? "更新" : "updated";
  if (kind == "lifted") return zh ? "解除" : "lifted";
  if (kind == "renewed") return zh ? "续发" : "renewed";
  return zh ? "到期" : "expired";
}

ContextNode warning_node(const Office& office, const Warning& w, Seconds at) {
  bool zh = office.zh();
  const WarningSettings& settings = warning_settings(office);
  WarningLevel level = w.level_at(at);
  ContextNode n = ContextNode::object();
  n.set("id", w.id);
  n.set("title", title_of(office, w, level));
  n.set("type", w.type);
  n.set("type_label", type_name(settings, w.type, zh));
  n.set("level", std::string(to_string(level)));
  n.set("level_label", std::string(level_label(level, zh)));
  n.set("red", level == WarningLevel::kRed);
  n.set("issuer", w.issuer);
  n.set("area", join(w.area, zh ? "、" : ", "));
  n.set("received_at", format_local_minute(*office.zone, w.received_at));
  std::optional<Seconds> expires = w.expires_at_time(at);
  std::optional<int> rating = w.fire_rating_at(at);
  n.set("fire_rating", rating ? ContextNode(*rating) : ContextNode());
  n.set("has_fire_rating", rating.has_value());
  n.set("fire_rating_text", !rating ? std::string()
                            : zh    ? "火险等级" + std::to_string(*rating) + "级"
                                    : "fire-danger rating " + std::to_string(*rating));
  n.set("expires_at", expires ? format_local_minute(*office.zone, *expires) : "");
  n.set("time_left", expires ? spoken_deadline(*expires - at, DeadlineSense::kLeft, zh)
                             : std::string(zh ? "直至解除" : "until lifted"));
  n.set("exercise", w.exercise());
  n.set("leader_in_room", leader_in_room(w, settings, at));
  // What is owed now: a unit whose round ended (no rule calls it at the current level) is not.
  auto rounds = current_rounds(w, settings, at);
  std::erase_if(rounds, [](const Round& r) { return r.ended.has_value(); });
  int answered = 0;
  std::vector<std::string> late;
  for (const auto& r : rounds) {
    if (r.answer) ++answered;
    if (r.late(at) || r.answered_late()) late.push_back(r.unit);
  }
  int owed = static_cast<int>(rounds.size());
  n.set("owed", owed);
  n.set("answered", answered);
  n.set("has_response", owed > 0);
  n.set("answered_text",
        zh ? "叫应到位" + std::to_string(answered) + "/" + std::to_string(owed)
           : "answered " + std::to_string(answered) + " of " + std::to_string(owed));
  n.set("late_units", join(late, zh ? "、" : ", "));
  n.set("has_late", !late.empty());
  return n;
}

struct Change {
  Seconds at;
  std::string kind;
  const Warning* warning;
  WarningLevel level;
};

}  // namespace

ContextNode warnings_context(Store& store, const Office& office, Seconds from, Seconds at) {
  bool zh = office.zh();
  std::vector<Warning> warnings = list_warnings(store, at);
  std::vector<const Warning*> actual, exercise;
  std::vector<Change> changes;
  for (const auto& w : warnings) {
    if (w.in_force(at)) (w.exercise() ? exercise : actual).push_back(&w);
    // Exercises are shown apart; an entry voided as a mistake was never a warning.
    if (w.exercise() || w.voided_at) continue;
    for (const auto& c : w.history) {
      if (c.at < from || c.at > at) continue;
      std::string kind = c.kind == ChangeKind::kIssued ? "new" : std::string(to_string(c.kind));
      changes.push_back({c.at, kind, &w, c.level});
    }
    // Every expiry in the span, a renewal after it included (expired, then renewed).
    for (Seconds expired : w.expirations(at)) {
      if (expired >= from) changes.push_back({expired, "expired", &w, w.level_at(expired)});
    }
  }
  auto red_first = [&](const Warning* a, const Warning* b) {
    WarningLevel la = a->level_at(at), lb = b->level_at(at);
    return la != lb ? la > lb : a->received_at < b->received_at;
  };
  std::stable_sort(actual.begin(), actual.end(), red_first);
  std::stable_sort(exercise.begin(), exercise.end(), red_first);
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.at < b.at; });

  ContextNode in_force = ContextNode::list(), drills = ContextNode::list(),
              changed = ContextNode::list();
  bool leader = false;
  int late = 0;
  for (const Warning* w : actual) {
    ContextNode n = warning_node(office, *w, at);
    leader = leader || leader_in_room(*w, warning_settings(office), at);
    for (const auto& r : current_rounds(*w, warning_settings(office), at)) {
      if (r.late(at)) ++late;
    }
    in_force.push(std::move(n));
  }
  for (const Warning* w : exercise) drills.push(warning_node(office, *w, at));
  for (const auto& c : changes) {
    ContextNode n = ContextNode::object();
    n.set("at", format_local_minute(*office.zone, c.at));
    n.set("kind", c.kind);
    n.set("kind_label", kind_label(c.kind, zh));
    n.set("id", c.warning->id);
    n.set("title", title_of(office, *c.warning, c.level));
    changed.push(std::move(n));
  }
  ContextNode out = ContextNode::object();
  out.set("has_in_force", !actual.empty());
  out.set("has_exercise", !exercise.empty());
  out.set("has_changes", !changes.empty());
  out.set("has_any", !actual.empty() || !exercise.empty() || !changes.empty());
  out.set("leader_in_room", leader);
  out.set("leader_in_room_text",
          leader ? std::string(zh ? "预警生效期间，带班领导须在值班室在岗带班。"
                                  : "While the warning is in force the leader on duty "
                                    "must be in the duty room.")
                 : std::string());
  ContextNode counts = ContextNode::object();
  counts.set("in_force", static_cast<int>(actual.size()));
  counts.set("exercise", static_cast<int>(exercise.size()));
  counts.set("changes", static_cast<int>(changes.size()));
  counts.set("late", late);
  out.set("counts", std::move(counts));
  out.set("in_force", std::move(in_force));
  out.set("exercise", std::move(drills));
  out.set("changes", std::move(changed));
  return out;
}

}  // namespace duty::reports
