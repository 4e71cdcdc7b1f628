// SPDX-License-Identifier: Apache-2.0
#include "roster/around.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "common/i18n.hpp"
#include "roster/fairness.hpp"
#include "roster/prior.hpp"
#include "roster/solver.hpp"

namespace duty::roster {

namespace {

std::pair<Days, Days> cap_window(const Spec& spec, const Around& around) {
  return {around.cap_from.value_or(spec.from), around.cap_to.value_or(spec.to)};
}

bool pinned_on(const Spec& spec, const std::string& person, Days day) {
  return std::any_of(spec.fixed.begin(), spec.fixed.end(),
                     [&](const Pin& p) { return p.person == person && p.date == day; });
}

std::string rest_text(const Person& person, Days other, int gap, int rest, bool later) {
  const auto n = static_cast<unsigned long>(gap);
  return later
             ? trn("{0} ({1}) also serves on {2}: {3} duty-free day between, min_rest_days is {4}",
                   "{0} ({1}) also serves on {2}: {3} duty-free days between, min_rest_days is {4}",
                   n, person.name, person.id, format_date(other), gap, rest)
             : trn("{0} ({1}) also served on {2}: {3} duty-free day between, min_rest_days is {4}",
                   "{0} ({1}) also served on {2}: {3} duty-free days between, min_rest_days is {4}",
                   n, person.name, person.id, format_date(other), gap, rest);
}

}  // namespace

std::pair<Days, Days> fairness_window(const Spec& spec, const Around& around) {
  if (spec.rules.fairness_window == FairnessWindow::kPeriod) return cap_window(spec, around);
  auto year = date::year_month_day{spec.from}.year();
  return {Days{year / date::January / 1}, Days{year / date::December / 31}};
}

void mark_rest_around(Spec& spec, const Around& around) {
  mark_rest_after(spec, around.outside);
  const int rest = spec.rules.min_rest_days;
  if (rest <= 0) return;
  std::map<std::string, Days> first_after;
  for (const auto& shift : around.outside) {
    if (shift.date <= spec.to) continue;
    for (const auto& a : shift.assignments) {
      for (const auto& id : a.people) {
        auto [it, added] = first_after.emplace(id, shift.date);
        if (!added && shift.date < it->second) it->second = shift.date;
      }
    }
  }
  for (auto& p : spec.people) {
    auto it = first_after.find(p.id);
    if (it == first_after.end()) continue;
    for (int k = 1; k <= rest; ++k) {
      Days d = it->second - date::days{k};
      if (d >= spec.from && d <= spec.to) p.resting.insert(d);
    }
  }
  for (const auto& held : around.held) {
    auto person = std::find_if(spec.people.begin(), spec.people.end(),
                               [&](const Person& p) { return p.id == held.person; });
    if (person == spec.people.end()) continue;
    for (int k = -rest; k <= rest; ++k) {
      Days d = held.date + date::days{k};
      if (d < spec.from || d > spec.to || pinned_on(spec, held.person, d)) continue;
      person->resting.insert(d);
    }
  }
}

void count_around(Model& m, const Around& around) {
  const Spec& spec = *m.spec;
  if (!around.held.empty()) {
    m.taken.assign(static_cast<std::size_t>(m.n_days * m.n_slots), 0);
    for (const auto& h : around.held) {
      int d = m.day_index(h.date), s = m.slot_index(h.slot);
      if (d >= 0 && s >= 0) ++m.taken[static_cast<std::size_t>(d * m.n_slots + s)];
    }
  }
  if (m.cap < INT_MAX) {
    auto [from, to] = cap_window(spec, around);
    std::vector<int> used(static_cast<std::size_t>(m.n_people), 0);
    for (const auto& shift : around.outside) {
      if (shift.date < from || shift.date > to || m.day_index(shift.date) >= 0) continue;
      for (const auto& a : shift.assignments) {
        for (const auto& id : a.people) {
          if (int p = m.person_index(id); p >= 0) ++used[static_cast<std::size_t>(p)];
        }
      }
    }
    for (const auto& h : around.held) {
      if (int p = m.person_index(h.person); p >= 0 && m.day_index(h.date) >= 0)
        ++used[static_cast<std::size_t>(p)];
    }
    if (std::any_of(used.begin(), used.end(), [](int n) { return n > 0; })) {
      m.person_cap.resize(static_cast<std::size_t>(m.n_people));
      for (int p = 0; p < m.n_people; ++p)
        m.person_cap[static_cast<std::size_t>(p)] =
            std::max(0, m.cap - used[static_cast<std::size_t>(p)]);
    }
  }
  auto [from, to] = fairness_window(spec, around);
  std::vector<Shift> inside;
  for (const auto& shift : around.outside) {
    if (shift.date >= from && shift.date <= to && m.day_index(shift.date) < 0)
      inside.push_back(shift);
  }
  // An empty prior would still switch compute_bounds to measuring over the window.
  if (!inside.empty()) add_prior_duties(m, inside);
}

bool is_forced(const Violation& v, const std::vector<Place>& forced) {
  for (const auto& f : forced) {
    if (f.person != v.person) continue;
    if (!v.date) return true;
    if (f.date == *v.date && (v.slot.empty() || f.slot == v.slot)) return true;
    if (v.rule == "rest" && v.other && f.date == *v.other) return true;
  }
  return false;
}

Plan arrange_like(const Plan& current, Plan plan) {
  std::map<std::pair<Days, std::string>, const std::vector<std::string>*> old;
  for (const auto& shift : current.shifts) {
    for (const auto& a : shift.assignments) old[{shift.date, a.slot}] = &a.people;
  }
  for (auto& shift : plan.shifts) {
    for (auto& a : shift.assignments) {
      auto it = old.find({shift.date, a.slot});
      if (it == old.end()) continue;
      const auto& before = *it->second;
      std::vector<std::string> arranged(std::max(before.size(), a.people.size()));
      std::vector<char> used(arranged.size(), 0);
      std::vector<std::string> newcomers;
      for (const auto& id : a.people) {
        auto pos = std::find(before.begin(), before.end(), id);
        if (pos == before.end()) {
          newcomers.push_back(id);
          continue;
        }
        auto i = static_cast<std::size_t>(pos - before.begin());
        arranged[i] = id;
        used[i] = 1;
      }
      std::size_t next = 0;
      for (auto& id : newcomers) {
        while (used[next]) ++next;
        arranged[next] = std::move(id);
        used[next] = 1;
      }
      arranged.erase(std::remove_if(arranged.begin(), arranged.end(),
                                    [](const std::string& s) { return s.empty(); }),
                     arranged.end());
      a.people = std::move(arranged);
    }
  }
  return plan;
}

Plan solve_around(const Spec& base, const Around& around, const std::vector<Place>& keep,
                  const Plan* current) {
  Spec spec = base;
  for (const auto& place : keep) {
    bool pinned_already = std::any_of(spec.fixed.begin(), spec.fixed.end(), [&](const Pin& p) {
      return p.date == place.date && p.slot == place.slot && p.person == place.person;
    });
    if (!pinned_already) spec.fixed.push_back({place.date, place.slot, place.person, {}});
  }
  mark_rest_around(spec, around);
  Model model = build_model(spec);
  count_around(model, around);
  Plan plan = solve(model).plan;
  for (const auto& h : around.held) {
    for (auto& shift : plan.shifts) {
      if (shift.date != h.date) continue;
      auto a = std::find_if(shift.assignments.begin(), shift.assignments.end(),
                            [&](const Assignment& x) { return x.slot == h.slot; });
      if (a == shift.assignments.end()) {
        shift.assignments.push_back({h.slot, {}});
        a = std::prev(shift.assignments.end());
      }
      a->people.push_back(h.person);
    }
  }
  // The plan names the base spec's people, not the copy's with its rest marks.
  plan.people.clear();
  for (const auto& p : base.people) plan.people.push_back({p.id, p.name, p.phone});
  return current ? arrange_like(*current, std::move(plan)) : plan;
}

std::vector<Violation> check_around(const Model& m, const Plan& plan,
                                    const std::vector<Shift>& outside, bool published_only) {
  std::vector<Violation> out;
  for (auto& v : check_plan(m, plan)) {
    if (published_only && v.rule == "coverage" && v.slot.empty() && v.date &&
        std::none_of(plan.shifts.begin(), plan.shifts.end(),
                     [&](const Shift& s) { return s.date == *v.date; }))
      continue;
    out.push_back(std::move(v));
  }
  if (m.rest <= 0) return out;
  const Spec& spec = *m.spec;
  // Each person's last outside duty before the period and first after it, and their first and
  // last duty inside it (with the slot, for the message).
  std::map<std::string, Days> before, after;
  for (const auto& shift : outside) {
    for (const auto& a : shift.assignments) {
      for (const auto& id : a.people) {
        if (shift.date < spec.from) {
          auto [it, added] = before.emplace(id, shift.date);
          if (!added && it->second < shift.date) it->second = shift.date;
        } else if (shift.date > spec.to) {
          auto [it, added] = after.emplace(id, shift.date);
          if (!added && shift.date < it->second) it->second = shift.date;
        }
      }
    }
  }
  std::map<std::string, std::pair<Days, std::string>> first, last;
  for (const auto& shift : plan.shifts) {
    if (m.day_index(shift.date) < 0) continue;
    for (const auto& a : shift.assignments) {
      for (const auto& id : a.people) {
        auto [f, fa] = first.emplace(id, std::make_pair(shift.date, a.slot));
        if (!fa && shift.date < f->second.first) f->second = {shift.date, a.slot};
        auto [l, la] = last.emplace(id, std::make_pair(shift.date, a.slot));
        if (!la && shift.date > l->second.first) l->second = {shift.date, a.slot};
      }
    }
  }
  std::vector<Violation> edges;
  for (int p = 0; p < m.n_people; ++p) {
    const Person& person = m.person(p);
    auto b = before.find(person.id);
    auto f = first.find(person.id);
    if (b != before.end() && f != first.end()) {
      int gap = static_cast<int>((f->second.first - b->second).count()) - 1;
      if (gap < m.rest) {
        auto [date, slot] = f->second;
        edges.push_back({date, slot, person.id, "rest",
                         format_date(date) + " " + slot + ": " +
                             rest_text(person, b->second, gap, m.rest, false),
                         b->second});
      }
    }
    auto a = after.find(person.id);
    auto l = last.find(person.id);
    if (a != after.end() && l != last.end()) {
      int gap = static_cast<int>((a->second - l->second.first).count()) - 1;
      if (gap < m.rest) {
        auto [date, slot] = l->second;
        edges.push_back({date, slot, person.id, "rest",
                         format_date(date) + " " + slot + ": " +
                             rest_text(person, a->second, gap, m.rest, true),
                         a->second});
      }
    }
  }
  out.insert(out.end(), edges.begin(), edges.end());
  std::stable_sort(out.begin(), out.end(), [](const Violation& a, const Violation& b) {
    if (a.date.has_value() != b.date.has_value()) return !a.date.has_value();
    return a.date && b.date && *a.date < *b.date;
  });
  return out;
}

std::vector<Change> changed_places(const Plan& before, const Plan& after, bool include_new) {
  std::map<std::pair<Days, std::string>, std::vector<std::string>> old_places;
  std::set<Days> old_dates;
  for (const auto& shift : before.shifts) {
    old_dates.insert(shift.date);
    for (const auto& a : shift.assignments) old_places[{shift.date, a.slot}] = a.people;
  }
  std::vector<Change> out;
  for (const auto& shift : after.shifts) {
    if (!include_new && !old_dates.contains(shift.date)) continue;
    for (const auto& a : shift.assignments) {
      const auto& old = old_places[{shift.date, a.slot}];
      std::vector<std::string> gone, came;
      for (const auto& id : old) {
        if (std::find(a.people.begin(), a.people.end(), id) == a.people.end()) gone.push_back(id);
      }
      for (const auto& id : a.people) {
        if (std::find(old.begin(), old.end(), id) == old.end()) came.push_back(id);
      }
      for (std::size_t i = 0; i < std::max(gone.size(), came.size()); ++i) {
        out.push_back(
            {shift.date, a.slot, i < gone.size() ? gone[i] : "", i < came.size() ? came[i] : ""});
      }
    }
  }
  return out;
}

}  // namespace duty::roster
