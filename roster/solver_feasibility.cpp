// SPDX-License-Identifier: Apache-2.0
// Why no roster exists or a place stays open: checks on the spec and the reasons they give.
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "roster/solver_internal.hpp"
#include "roster/solver_search.hpp"

namespace duty::roster::detail {

namespace {

// Kuhn's augmenting paths: how many of a day's places can be filled at once by distinct people.
int max_day_matching(const Model& m, int d, const std::vector<int>& pinned_slot_of_person) {
  std::vector<int> place_slot;
  for (int s = 0; s < m.n_slots; ++s) {
    for (int k = 0; k < m.places_of(d, s); ++k) place_slot.push_back(s);
  }
  std::vector<int> match_of_person(static_cast<std::size_t>(m.n_people), -1);
  auto can = [&](int p, int s) {
    if (!m.is_member(p, m.slot_group[s]) || !m.is_available(p, d)) return false;
    return pinned_slot_of_person[p] < 0 || pinned_slot_of_person[p] == s;
  };
  int matched = 0;
  for (std::size_t i = 0; i < place_slot.size(); ++i) {
    std::vector<char> seen(static_cast<std::size_t>(m.n_people), 0);
    std::function<bool(int)> augment = [&](int place) {
      for (int p = 0; p < m.n_people; ++p) {
        if (seen[p] || !can(p, place_slot[place])) continue;
        seen[p] = 1;
        if (match_of_person[p] < 0 || augment(match_of_person[p])) {
          match_of_person[p] = place;
          return true;
        }
      }
      return false;
    };
    if (augment(static_cast<int>(i))) ++matched;
  }
  return matched;
}

// "needs N" for slot s on day d, saying how many of its places are held when some are.
std::string needs_text(const Model& m, int d, int s) {
  const int places = m.places_of(d, s), all = m.slot_count[s];
  if (places == all) return trf("needs {0}", places);
  return trf("needs {0} more ({1} of its {2} place(s) held)", places, all - places, all);
}

// "max_duties N", or "their cap of N" when the person's own cap differs.
std::string cap_text(const Model& m, int p) {
  if (m.cap_of(p) == m.cap) return "max_duties " + std::to_string(m.cap);
  return trf("their cap of {0}", m.cap_of(p));
}

}  // namespace

std::string person_label(const Model& m, int p) {
  const Person& person = m.person(p);
  return person.name == person.id ? person.id : person.name + " (" + person.id + ")";
}

std::string list_reasons(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& parts) {
  std::vector<std::string> out;
  for (const auto& [label, names] : parts) {
    if (!names.empty()) out.push_back(trf("{0}: {1}", label, join(names, ", ")));
  }
  return join(out, "; ");
}

[[noreturn]] void fail(std::string summary, std::vector<std::string> reasons) {
  if (reasons.size() > kMaxReasons) {
    std::size_t more = reasons.size() - kMaxReasons;
    reasons.resize(kMaxReasons);
    reasons.push_back(trf("... and {0} more", more));
  }
  throw UnsatisfiableError(std::move(summary), std::move(reasons));
}

// Pins that break a rule on their own: an error naming the clash, whatever the strategy.
void check_pins(const Model& m) {
  const Spec& spec = *m.spec;
  std::vector<std::string> reasons;

  // Pins that break a rule on their own.
  std::map<std::pair<int, int>, const Pin*> pin_at_person_day;
  std::vector<int> pins_per_place(static_cast<std::size_t>(m.n_days * m.n_slots), 0);
  std::vector<std::vector<int>> pin_days(static_cast<std::size_t>(m.n_people));
  for (const auto& pin : m.pins) {
    const std::string where = trf("{0}: pin {1} {2} {3}: ", pin.pin->pos.str(),
                                  format_date(pin.pin->date), pin.pin->slot, pin.pin->person);
    const Slot& slot = m.slot(pin.slot);
    if (!m.is_member(pin.person, m.slot_group[pin.slot])) {
      reasons.push_back(where + trf("{0} is not in group '{1}', which slot '{2}' draws on",
                                    person_label(m, pin.person), slot.group, slot.id));
    }
    if (!m.is_available(pin.person, pin.day)) {
      reasons.push_back(where + trf("{0} is unavailable on {1}", person_label(m, pin.person),
                                    format_date(pin.pin->date)));
    }
    auto key = std::make_pair(pin.person, pin.day);
    if (auto it = pin_at_person_day.find(key); it != pin_at_person_day.end()) {
      reasons.push_back(where + trf("{0} is pinned twice on this shift (also at {1})",
                                    person_label(m, pin.person), it->second->pos.str()));
      continue;
    }
    pin_at_person_day[key] = pin.pin;
    if (const int places = m.places_of(pin.day, pin.slot);
        ++pins_per_place[pin.day * m.n_slots + pin.slot] == places + 1) {
      const int held = m.slot_count[pin.slot] - places;
      reasons.push_back(
          where + (held > 0
                       ? trf("more pins than the {0} place(s) of slot '{1}' left beside "
                             "the {2} held",
                             places, slot.id, held)
                       : trf("more pins than the {0} place(s) of slot '{1}'", places, slot.id)));
    }
    pin_days[pin.person].push_back(pin.day);
  }
  for (int p = 0; p < m.n_people; ++p) {
    auto& days = pin_days[p];
    std::sort(days.begin(), days.end());
    for (std::size_t i = 1; i < days.size(); ++i) {
      if (days[i] - days[i - 1] - 1 < m.rest) {
        const Pin* a = pin_at_person_day[{p, days[i - 1]}];
        const Pin* b = pin_at_person_day[{p, days[i]}];
        reasons.push_back(
            trf("{0}: pin {1} {2} {3}: ", b->pos.str(), format_date(b->date), b->slot, b->person) +
            trf("too close to the pin on {0} ({1}); min_rest_days is {2}", format_date(a->date),
                a->pos.str(), m.rest));
      }
    }
    if (static_cast<int>(days.size()) > m.cap_of(p)) {
      reasons.push_back(spec.source + ": " +
                        trf("{0} is pinned {1} times, more than {2}", person_label(m, p),
                            days.size(), cap_text(m, p)));
    }
  }
  if (!reasons.empty())
    fail(trf("pinned assignments in {0} break the rules", spec.source), reasons);
}

// Proves infeasibility from the spec alone where it can, with reasons a duty office can act on.
void check_supply(const Model& m, const Bounds& bounds) {
  const Spec& spec = *m.spec;
  std::vector<std::string> reasons;

  // Each day on its own: enough people who can serve each slot, and across slots.
  for (int d = 0; d < m.n_days; ++d) {
    std::vector<int> pinned_slot(static_cast<std::size_t>(m.n_people), -1);
    for (const auto& pin : m.pins) {
      if (pin.day == d) pinned_slot[pin.person] = pin.slot;
    }
    bool slot_short = false;
    for (int s = 0; s < m.n_slots; ++s) {
      std::vector<std::string> leave, resting, elsewhere;
      int can = 0;
      for (int p : m.members[m.slot_group[s]]) {
        if (m.is_resting(p, d)) {
          resting.push_back(person_label(m, p));
        } else if (!m.is_available(p, d)) {
          leave.push_back(person_label(m, p));
        } else if (pinned_slot[p] >= 0 && pinned_slot[p] != s) {
          elsewhere.push_back(person_label(m, p));
        } else {
          ++can;
        }
      }
      if (can < m.places_of(d, s)) {
        slot_short = true;
        std::string why = list_reasons({{tr("on leave"), leave},
                                        {tr("resting next to a published duty"), resting},
                                        {tr("pinned to another slot"), elsewhere}});
        if (why.empty()) {
          why = trf("group '{0}' has only {1} people", m.slot(s).group,
                    m.members[m.slot_group[s]].size());
        }
        reasons.push_back(format_date(m.dates[d]) + " " + m.slot(s).id + ": " +
                          trf("{0}, only {1} can serve ({2})", needs_text(m, d, s), can, why));
      }
    }
    if (!slot_short) {
      int places = 0;
      for (int s = 0; s < m.n_slots; ++s) places += m.places_of(d, s);
      int filled = max_day_matching(m, d, pinned_slot);
      if (filled < places) {
        reasons.push_back(format_date(m.dates[d]) + ": " +
                          trf("needs {0} different people across its slots, but only {1} can be "
                              "placed (people in several "
                              "groups cannot serve twice in a shift)",
                              places, filled));
      }
    }
  }
  if (!reasons.empty()) fail(trf("no roster obeys the rules of {0}", spec.source), reasons);

  // Totals: the places of a group against what its members may take at most.
  for (int g = 0; g < m.n_groups; ++g) {
    const GroupBound& gb = bounds[g][static_cast<int>(Measure::kAll)];
    long long most = 0;
    for (const auto& mb : gb.members) most += mb.hi;
    if (most < gb.places) {
      std::string limits = tr("availability");
      if (m.rest > 0) limits += ", min_rest_days " + std::to_string(m.rest);
      if (spec.rules.max_duties) limits += ", max_duties " + std::to_string(m.cap);
      std::vector<std::string> own;
      for (const auto& mb : gb.members) {
        if (m.cap_of(mb.person) != m.cap) {
          own.push_back(person_label(m, mb.person) + " " + std::to_string(m.cap_of(mb.person)));
        }
      }
      if (!own.empty()) limits += ", " + trf("the own caps of {0}", join(own, ", "));
      reasons.push_back(
          trf("group {0}: {1} duties to fill from {2} to {3}, but {4} let its {5} people take at "
              "most {6}",
              m.groups[g], gb.places, format_date(spec.from), format_date(spec.to), limits,
              gb.members.size(), most));
    }
  }
  // Rest windows: within min_rest_days+1 consecutive days each person can serve at most once.
  if (m.rest > 0) {
    const int w = m.rest + 1;
    for (int g = 0; g < m.n_groups && reasons.size() <= kMaxReasons; ++g) {
      // The places of the group each day, and from each day to the end of the period.
      std::vector<int> places_from(static_cast<std::size_t>(m.n_days + 1), 0);
      for (int d = m.n_days - 1; d >= 0; --d) {
        places_from[d] = places_from[d + 1];
        for (int s = 0; s < m.n_slots; ++s) {
          if (m.slot_group[s] == g) places_from[d] += m.places_of(d, s);
        }
      }
      for (int d0 = 0; d0 + w <= m.n_days; ++d0) {
        const int need = places_from[d0] - places_from[d0 + w];
        int supply = 0;
        for (int p : m.members[g]) {
          for (int d = d0; d < d0 + w; ++d) {
            if (m.is_available(p, d)) {
              ++supply;
              break;
            }
          }
        }
        if (need > supply) {
          reasons.push_back(
              trf("{0}..{1} group {2}: needs {3} duties in {4} days, but only {5} people can "
                  "serve (min_rest_days {6} lets a person serve once in {4} days)",
                  format_date(m.dates[d0]), format_date(m.dates[d0 + w - 1]), m.groups[g], need, w,
                  supply, m.rest));
          d0 += w - 1;  // one message per stretch, not one per overlapping window
        }
      }
    }
  }
  if (!reasons.empty()) fail(trf("no roster obeys the rules of {0}", spec.source), reasons);
}

std::string Search::explain_hole(std::size_t place) const {
  const Place& pl = places_[place];
  std::vector<std::string> leave, resting, resting_after, resting_before, other_slot, capped,
      own_cap, free;
  int serving = 0;
  for (int q : m_.members[pl.group]) {
    const int here = occ_[o(q, pl.day)];
    if (here >= 0 && places_[here].slot == pl.slot) {
      ++serving;
    } else if (m_.is_resting(q, pl.day)) {
      resting.push_back(person_label(m_, q));
    } else if (!m_.is_available(q, pl.day)) {
      leave.push_back(person_label(m_, q));
    } else if (here >= 0) {
      other_slot.push_back(person_label(m_, q) + " (" + m_.slot(places_[here].slot).id + ")");
    } else if (int near = nearest_duty(q, pl.day); near >= 0) {
      auto& list = near < pl.day ? resting_after : resting_before;
      list.push_back(person_label(m_, q) + " (" + format_date(m_.dates[near]) + ")");
    } else if (total_[q] >= cap_[q] && cap_[q] == m_.cap) {
      capped.push_back(person_label(m_, q));
    } else if (total_[q] >= cap_[q]) {
      own_cap.push_back(person_label(m_, q) + " (" + std::to_string(cap_[q]) + ")");
    } else {
      free.push_back(person_label(m_, q));
    }
  }
  std::string reasons = list_reasons({{tr("on leave"), leave},
                                      {tr("resting next to a published duty"), resting},
                                      {tr("resting after duty"), resting_after},
                                      {tr("resting before duty"), resting_before},
                                      {tr("on duty in another slot"), other_slot},
                                      {trf("at max_duties {0}", m_.cap), capped},
                                      {tr("at their own cap"), own_cap},
                                      {tr("could serve but were not placed"), free}});
  return format_date(m_.dates[pl.day]) + " " + m_.slot(pl.slot).id + ": " +
         (reasons.empty() ? trf("{0}, only {1} can serve", needs_text(m_, pl.day, pl.slot), serving)
                          : trf("{0}, only {1} can serve ({2})", needs_text(m_, pl.day, pl.slot),
                                serving, reasons));
}

}  // namespace duty::roster::detail
