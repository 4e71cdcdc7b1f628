// SPDX-License-Identifier: Apache-2.0
#include "reports/publishing/workflow.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/incident_log.hpp"
#include "reports/office.hpp"
#include "reports/journal/store.hpp"
#include "roster/change.hpp"
#include "roster/people.hpp"
#include "roster/solver.hpp"

namespace duty::reports {

namespace {

// Thrown inside a write to roll it back when the step must not be recorded (a dry run, or a
// publication that needs --replace); the step is returned to the caller all the same.
struct NotWritten {};

constexpr date::days kMonth{31};

PublishedRoster read_all(StoreTransaction& tx, std::optional<Days> from, std::optional<Days> to) {
  return read_published(
      tx.roster().shifts(std::nullopt, std::nullopt), tx.roster().people(),
      [&](const std::string& subject) { return tx.events(subject); }, from, to);
}

// The dates a whole-roster check covers after a step on [from, to]: the spec's own period with the
// range when they are near each other, else the range and a month either side; within what is
// published after the step and the period limit.
std::pair<Days, Days> window_for(const SpecInForce& spec, Days first, Days last, Days from,
                                 Days to) {
  Days lo = from - kMonth, hi = to + kMonth;
  if (auto own = spec.own_period();
      own && own->first <= to + kMonth && own->second + kMonth >= from &&
      (std::max(to, own->second) - std::min(from, own->first)).count() < roster::kMaxPeriodDays) {
    lo = std::min(from, own->first);
    hi = std::max(to, own->second);
  }
  return {std::max(lo, std::min(first, from)), std::min(hi, std::max(last, to))};
}

// The published rows of the spec's period, them as a plan, and what is published around them
// (max_duties counted over the spec's own period widened to the range).
struct Split {
  std::vector<RosterShiftRecord> inside;
  roster::Plan current;
  roster::Around around;
};

Split split_at(const SpecInForce& text, const roster::Spec& spec, const PublishedRoster& before) {
  Split out;
  std::vector<RosterShiftRecord> outside;
  for (const auto& r : before.rows)
    (r.date >= spec.from && r.date <= spec.to ? out.inside : outside).push_back(r);
  out.current = plan_from_record(out.inside, before.people, spec);
  out.around.outside = shifts_from_record(outside);
  if (auto own = text.own_period()) {
    out.around.cap_from = std::min(own->first, spec.from);
    out.around.cap_to = std::max(own->second, spec.to);
  }
  return out;
}

// The published rows with the dates of `plan` replaced by it.
std::vector<RosterShiftRecord> rows_with(const std::vector<RosterShiftRecord>& rows,
                                         const std::vector<RosterShiftRecord>& replaced) {
  std::map<Days, RosterShiftRecord> by_date;
  for (const auto& r : rows) by_date[r.date] = r;
  for (const auto& r : replaced) by_date[r.date] = r;
  std::vector<RosterShiftRecord> out;
  for (auto& [date, r] : by_date) out.push_back(std::move(r));
  return out;
}

// The violations of `after` (over the check window) that `before` has not and nobody forced:
// a step must never add one unless the user forced it.
std::vector<roster::Violation> added_violations(const Office& office, const SpecInForce& text,
                                                const PublishedRoster& before,
                                                const PublishedRoster& after, Days from, Days to) {
  if (after.empty()) return {};
  auto [lo, hi] = window_for(text, after.first(), after.last(), from, to);
  roster::Spec spec = text.load(office, {lo, hi});
  std::set<std::string> old;
  for (const auto& v : check_published(spec, before)) old.insert(v.violation.message);
  std::vector<roster::Violation> out;
  for (auto& v : check_published(spec, after)) {
    if (!v.forced && !old.contains(v.violation.message)) out.push_back(std::move(v.violation));
  }
  return out;
}

std::vector<std::string> messages(const std::vector<roster::Violation>& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.push_back(v.message);
  return out;
}

// Groups places by date and slot, as publish_roster records them.
std::map<Days, std::vector<RosterSlotPeople>> by_date(const std::vector<roster::Place>& places) {
  std::map<Days, std::vector<RosterSlotPeople>> out;
  for (const auto& p : places) {
    auto& slots = out[p.date];
    auto it = std::find_if(slots.begin(), slots.end(),
                           [&](const RosterSlotPeople& s) { return s.slot == p.slot; });
    if (it == slots.end()) {
      slots.push_back({p.slot, {}});
      it = std::prev(slots.end());
    }
    it->people.push_back(p.person);
  }
  return out;
}

bool holds(const roster::Plan& plan, const roster::Place& place) {
  for (const auto& shift : plan.shifts) {
    if (shift.date != place.date) continue;
    const auto* people = shift.people_in(place.slot);
    return people && std::find(people->begin(), people->end(), place.person) != people->end();
  }
  return false;
}

// The changed places of dates already published, each marked when it undoes a recorded change.
std::vector<PlaceChange> diff(const roster::Plan& current, const roster::Plan& plan,
                              const std::vector<RecordedPlace>& agreements, bool include_new) {
  std::vector<PlaceChange> out;
  for (auto& c : roster::changed_places(current, plan, include_new)) {
    std::string lost;
    for (const auto& a : agreements) {
      if (a.place == roster::Place{c.date, c.slot, c.out} && a.kind != "forced") lost = a.kind;
    }
    out.push_back({c.date, c.slot, std::move(c.out), std::move(c.in), std::move(lost)});
  }
  return out;
}

// The recorded places a step may undo: `agreements`, and the places of people someone covers for
// part of the shift (the partial cover goes when they leave the place, so the diff marks it).
std::vector<RecordedPlace> undoable(std::vector<RecordedPlace> agreements,
                                    const std::vector<RosterShiftRecord>& rows) {
  for (const auto& r : rows) {
    for (const auto& c : r.partial_covers) agreements.push_back({{r.date, c.slot, c.out}, "cover"});
  }
  return agreements;
}

// Refuses (UsageError, nothing written) changing shifts that have started, unless forced.
void check_started(const std::vector<RosterShiftRecord>& current, const roster::Plan& plan,
                   bool force, Seconds now) {
  if (force) return;
  std::map<Days, const RosterShiftRecord*> rows;
  for (const auto& r : current) rows[r.date] = &r;
  std::vector<std::string> started;
  for (const auto& shift : plan.shifts) {
    auto it = rows.find(shift.date);
    if (it == rows.end() || it->second->start > now) continue;
    std::vector<RosterSlotPeople> people;
    for (const auto& a : shift.assignments) people.push_back({a.slot, a.people});
    if (people != it->second->assignments) started.push_back(format_date(shift.date));
  }
  if (started.empty()) return;
  std::string list = started.front() + (started.size() > 1 ? " .. " + started.back() : "");
  throw UsageError(
      trf("{0} published shift(s) that have already started ({1}) would change; start from a later "
          "date with --from, or pass --force --reason TEXT to rewrite them",
          started.size(), list));
}

// Records [from, to] of `plan` (or only the dates in `dates` when given) as one publication.
void record(StoreTransaction& tx, RosterStep& step, const PublishedRoster& before,
            const std::vector<roster::Place>& held, const std::string& kind,
            const std::optional<std::set<Days>>& dates, bool force, const std::string& reason,
            const Actor& actor) {
  PublishRequest request;
  for (auto& row : records_from_plan(step.plan, step.spec)) {
    if (!dates || dates->contains(row.date)) request.shifts.push_back(std::move(row));
  }
  if (request.shifts.empty()) return;
  request.people = people_from_spec(step.spec);
  request.kind = kind;
  request.reason = reason;
  request.force = force;
  std::vector<roster::Place> swaps, covers;
  // Forced places the plan still holds stay forced, whichever way they were recorded.
  std::set<roster::Place> forced(held.begin(), held.end());
  for (const auto& a : before.agreements) {
    if (!holds(step.plan, a.place) || a.place.date < step.from || a.place.date > step.to) continue;
    if (a.forced) forced.insert(a.place);
    if (a.kind != "forced") (a.kind == "swap" ? swaps : covers).push_back(a.place);
  }
  for (const auto& v : step.forced) {
    if (v.date && !v.person.empty()) forced.insert({*v.date, v.slot, v.person});
  }
  request.kept_swap = by_date(swaps);
  request.kept_cover = by_date(covers);
  request.forced_places = by_date({forced.begin(), forced.end()});
  PublishResult result = publish_roster(tx, request, actor);
  step.publication = result.number;
  step.written = true;
}

void count_dates(RosterStep& step, const std::vector<RosterShiftRecord>& current) {
  std::set<Days> published, changed;
  for (const auto& r : current) published.insert(r.date);
  for (const auto& c : step.changes) changed.insert(c.date);
  for (const auto& shift : step.plan.shifts) {
    if (!published.contains(shift.date))
      ++step.added;
    else if (changed.contains(shift.date))
      ++step.shifts_changed;
    else
      ++step.unchanged;
  }
}

// A person named by id or by name (the spec's people, then those the record still names).
std::string person_id(const roster::Spec& spec, const std::vector<RosterPersonRecord>& recorded,
                      const std::string& text, const std::string& what) {
  std::vector<roster::PersonName> names;
  for (const auto& p : recorded) names.push_back({p.id, p.name});
  return roster::resolve_person(text, roster::known_people(spec, names), what);
}

}  // namespace

RosterStep publish_roster_range(Store& store, const Office& office, const SpecInForce& text,
                                const PublishRosterRequest& request, const Actor& actor) {
  if (request.replace && request.reason.empty())
    throw UsageError(tr("--reason: required with --replace; say why the published roster changes"));
  roster::PeriodOverride period{request.from, request.to};
  if (request.plan) {
    const roster::Plan& given = *request.plan;
    if (!period.from || *period.from < given.from) period.from = given.from;
    if (!period.to || *period.to > given.to) period.to = given.to;
    if (*period.from > *period.to) throw UsageError(tr("--from/--to: the plan has no dates there"));
  }
  RosterStep step;
  step.spec = text.load(office, period);
  step.from = step.spec.from;
  step.to = step.spec.to;
  const roster::Spec& spec = step.spec;
  try {
    store.write([&](StoreTransaction& tx) {
      PublishedRoster before = read_all(tx, spec.from, spec.to);
      // Named references, not a structured binding: clang 14 cannot capture a binding.
      Split split = split_at(text, spec, before);
      const std::vector<RosterShiftRecord>& inside = split.inside;
      const roster::Plan& current = split.current;
      roster::Around& around = split.around;
      std::vector<RecordedPlace> agreements;
      for (const auto& a : before.agreements) {
        if (a.place.date >= spec.from && a.place.date <= spec.to) agreements.push_back(a);
      }
      if (request.plan) {
        // The plan's own frame is not trusted: start, end and day types come from the spec.
        step.plan = roster::make_empty_plan(spec);
        std::map<Days, const roster::Shift*> given;
        for (const auto& shift : request.plan->shifts) given[shift.date] = &shift;
        for (auto& shift : step.plan.shifts) {
          if (auto it = given.find(shift.date); it != given.end())
            shift.assignments = it->second->assignments;
        }
        step.plan = roster::arrange_like(current, std::move(step.plan));
      } else {
        // Recorded swaps and covers are agreements between people: kept as pins while they obey
        // the spec; forced ones are held whatever the rules say.
        std::vector<roster::Place> keep;
        roster::Spec probe_spec = spec;
        roster::mark_rest_around(probe_spec, around);
        roster::Model probe = roster::build_model(probe_spec);
        for (const auto& a : agreements) {
          if (a.forced) {
            around.held.push_back(a.place);
            continue;
          }
          const roster::Slot* slot = spec.find_slot(a.place.slot);
          const roster::Person* person = spec.find_person(a.place.person);
          int d = probe.day_index(a.place.date), p = probe.person_index(a.place.person);
          if (a.kind != "forced" && slot && person && person->in_group(slot->group) && d >= 0 &&
              probe.is_available(p, d))
            keep.push_back(a.place);
        }
        try {
          step.plan = roster::solve_around(spec, around, keep, &current);
        } catch (const UnsatisfiableError&) {
          // The agreements cannot all be kept together: build without them (the diff marks
          // each one lost), and fail only when no roster exists at all.
          if (keep.empty()) throw;
          step.plan = roster::solve_around(spec, around, {}, &current);
        }
      }
      step.changes = diff(current, step.plan, undoable(agreements, inside), request.dry_run);
      count_dates(step, inside);
      bool changes_published =
          std::any_of(step.changes.begin(), step.changes.end(), [&](const PlaceChange& c) {
            return std::any_of(inside.begin(), inside.end(),
                               [&](const RosterShiftRecord& r) { return r.date == c.date; });
          });
      check_started(inside, step.plan, request.force, actor.now);
      PublishedRoster after = before;
      after.rows = rows_with(before.rows, records_from_plan(step.plan, spec));
      after.agreements.clear();
      for (const auto& a : before.agreements) {
        if (holds(step.plan, a.place) || a.place.date < spec.from || a.place.date > spec.to)
          after.agreements.push_back(a);
      }
      auto added = added_violations(office, text, before, after, spec.from, spec.to);
      if (!added.empty()) {
        if (!request.plan) {
          throw UnsatisfiableError(
              trf("publishing {0} .. {1} would break the roster's rules; nothing was "
                  "published (the solver must never do this: please report it)",
                  format_date(spec.from), format_date(spec.to)),
              messages(added));
        }
        if (!request.force) {
          throw UsageError(
              trf("the plan breaks {0} rule(s) of the roster spec; nothing was published (--force "
                  "--reason TEXT publishes it anyway):",
                  added.size()) +
              roster::violation_lines(added));
        }
        step.forced = added;
      }
      if (request.dry_run) throw NotWritten{};
      if (changes_published && !request.replace) {
        step.needs_replace = true;
        throw NotWritten{};
      }
      record(tx, step, before, around.held, "publish", std::nullopt, request.force, request.reason,
             actor);
    });
  } catch (const NotWritten&) {
    step.written = false;
  }
  return step;
}

RosterStep replan_roster(Store& store, const Office& office, const SpecInForce& text,
                         const ReplanRosterRequest& request, const Actor& actor) {
  RosterStep step;
  try {
    store.write([&](StoreTransaction& tx) {
      PublishedRoster before = read_all(tx, request.from, request.to);
      if (before.empty())
        throw UsageError(tr("no roster is published yet; publish one with 'duty roster publish'"));
      Days to = request.to.value_or(before.last());
      if (request.from < before.first() || request.from > before.last() || to < request.from ||
          to > before.last()) {
        throw UsageError(trf("--from/--to: {0} .. {1} is outside the published roster ({2} .. {3})",
                             format_date(request.from), format_date(to),
                             format_date(before.first()), format_date(before.last())));
      }
      step.spec = text.load(office, {request.from, to});
      step.from = request.from;
      step.to = to;
      const roster::Spec& spec = step.spec;
      // Named references, not a structured binding: clang 14 cannot capture a binding.
      Split split = split_at(text, spec, before);
      const std::vector<RosterShiftRecord>& inside = split.inside;
      const roster::Plan& current = split.current;
      roster::Around& around = split.around;
      for (const auto& a : before.agreements) {
        if (a.forced && a.place.date >= spec.from && a.place.date <= spec.to)
          around.held.push_back(a.place);
      }
      roster::ReplanResult replanned = roster::replan(spec, current, around);
      step.plan = std::move(replanned.plan);
      step.changes = diff(current, step.plan, undoable(before.agreements, inside), true);
      count_dates(step, inside);
      step.unchanged = 0;
      check_started(inside, step.plan, request.force, actor.now);
      std::set<Days> dates;
      for (const auto& c : step.changes) dates.insert(c.date);
      PublishedRoster after = before;
      after.rows = rows_with(before.rows, records_from_plan(step.plan, spec));
      auto added = added_violations(office, text, before, after, spec.from, spec.to);
      if (!added.empty()) {
        throw UnsatisfiableError(
            trf("re-planning {0} .. {1} would break the roster's rules; nothing was "
                "changed (a re-plan must never do this: please report it)",
                format_date(spec.from), format_date(spec.to)),
            messages(added));
      }
      if (request.dry_run) throw NotWritten{};
      record(tx, step, before, around.held, "replan", dates, request.force, request.reason, actor);
    });
  } catch (const NotWritten&) {
    step.written = false;
  }
  return step;
}

namespace {

// Records swap or cover `changes` after checking them against the published roster and the spec.
// `make` turns the spec and the people the record names into the changes (names resolved).
using MakeChanges = std::function<std::vector<RosterChange>(
    const roster::Spec&, const std::vector<RosterPersonRecord>&)>;

RosterStep change_duties(Store& store, const Office& office, const SpecInForce& text,
                         const char* type, Days lo, Days hi, const MakeChanges& make,
                         const std::string& reason, bool force, const Actor& actor) {
  if (reason.empty()) throw UsageError(tr("--reason: cannot be empty"));
  if (!is_valid_utf8(reason)) throw UsageError(tr("--reason: is not valid UTF-8 text"));
  RosterStep step;
  store.write([&](StoreTransaction& tx) {
    PublishedRoster before = read_all(tx, std::nullopt, std::nullopt);
    if (before.empty())
      throw UsageError(tr("no roster is published yet; publish one with 'duty roster publish'"));
    auto [from, to] = window_for(text, before.first(), before.last(), lo, hi);
    step.spec = text.load(office, {from, to});
    step.from = lo;
    step.to = hi;
    const roster::Spec& spec = step.spec;
    const std::vector<RosterChange> changes = make(spec, before.people);
    std::vector<std::string> slots;
    for (const auto& sl : spec.slots) slots.push_back(sl.id);
    std::set<Days> published;
    for (const auto& r : before.rows) published.insert(r.date);
    for (auto& c : changes) {
      if (!published.contains(c.date)) {
        throw UsageError(trf("{0} is not in the published roster (published: {1} .. {2})",
                             format_date(c.date), format_date(before.first()),
                             format_date(before.last())));
      }
      if (!spec.find_slot(c.slot)) {
        throw UsageError(trf("SLOT: unknown slot '{0}'{1}; expected one of: {2}", c.slot,
                             did_you_mean(c.slot, slots), join(slots, ", ")));
      }
    }
    std::vector<RosterShiftRecord> inside;
    for (const auto& r : before.rows) {
      if (r.date >= spec.from && r.date <= spec.to) inside.push_back(r);
    }
    roster::Plan current = plan_from_record(inside, before.people, spec);
    std::vector<roster::Change> wanted;
    for (const auto& c : changes) wanted.push_back({c.date, c.slot, c.out, c.in});
    // UsageError from here when an `out` is not in the slot on that date.
    step.plan = roster::apply_changes(current, wanted);
    step.changes = diff(current, step.plan, before.agreements, false);
    // The rows keep their recorded frame and slot names; only the people change.
    PublishedRoster after = before;
    std::map<Days, const roster::Shift*> changed;
    for (const auto& shift : step.plan.shifts) changed[shift.date] = &shift;
    for (auto& row : after.rows) {
      auto it = changed.find(row.date);
      if (it == changed.end()) continue;
      row.assignments.clear();
      for (const auto& a : it->second->assignments) row.assignments.push_back({a.slot, a.people});
    }
    for (const auto& c : changes) {
      // Not forced (yet): what the change breaks is listed, and refused unless forced.
      after.agreements.push_back(
          {{c.date, c.slot, c.in}, type == kRosterSwap ? "swap" : "cover", false});
    }
    auto added = added_violations(office, text, before, after, lo, hi);
    if (!added.empty() && !force) {
      throw UsageError(
          (type == kRosterSwap
               ? tr("the swap breaks the roster's rules; nothing was changed (--force "
                    "records it anyway):")
               : tr("the cover breaks the roster's rules; nothing was changed (--force "
                    "records it anyway):")) +
          roster::violation_lines(added));
    }
    step.forced = added;
    record_roster_change(tx, type, changes, reason, force, actor);
    step.written = true;
  });
  return step;
}

}  // namespace

RosterStep swap_duties(Store& store, const Office& office, const SpecInForce& text,
                       const SwapRequest& request, const Actor& actor) {
  if (request.date_a == request.date_b)
    throw UsageError(
        tr("DATE_A and DATE_B are the same date; a swap exchanges two different duties"));
  auto make = [&](const roster::Spec& spec, const std::vector<RosterPersonRecord>& recorded) {
    std::string a = person_id(spec, recorded, request.person_a, "PERSON_A");
    std::string b = person_id(spec, recorded, request.person_b, "PERSON_B");
    if (a == b) throw UsageError(tr("PERSON_A and PERSON_B are the same person"));
    return std::vector<RosterChange>{{request.date_a, request.slot, a, b},
                                     {request.date_b, request.slot, b, a}};
  };
  return change_duties(store, office, text, kRosterSwap, std::min(request.date_a, request.date_b),
                       std::max(request.date_a, request.date_b), make, request.reason,
                       request.force, actor);
}

RosterStep cover_duty(Store& store, const Office& office, const SpecInForce& text,
                      const CoverRequest& request, const Actor& actor) {
  auto make = [&](const roster::Spec& spec, const std::vector<RosterPersonRecord>& recorded) {
    std::string person = person_id(spec, recorded, request.person, "PERSON");
    std::string by = person_id(spec, recorded, request.by, "--by");
    if (person == by) throw UsageError(trf("--by: {0} cannot cover their own duty", request.by));
    return std::vector<RosterChange>{{request.date, request.slot, person, by}};
  };
  return change_duties(store, office, text, kRosterCover, request.date, request.date, make,
                       request.reason, request.force, actor);
}

std::vector<PublishedViolation> check_published_roster(Store& store, const Office& office,
                                                       const SpecInForce& text,
                                                       std::optional<Days> from,
                                                       std::optional<Days> to) {
  std::vector<RosterShiftRecord> rows = store.roster().shifts(std::nullopt, std::nullopt);
  if (rows.empty())
    throw UsageError(tr("no roster is published yet; publish one with 'duty roster publish'"));
  PublishedRoster published =
      read_published(rows, store.roster().people(),
                     [&](const std::string& subject) { return store.events(subject); });
  if (!from || !to) {
    auto own = text.own_period();
    Days lo = own ? own->first : published.first(), hi = own ? own->second : published.last();
    if (!from) from = std::max(lo, published.first());
    if (!to) to = std::min(hi, published.last());
  }
  if (*from > *to)
    throw UsageError(trf("--from/--to: nothing is published between {0} and {1}",
                         format_date(*from), format_date(*to)));
  return check_published(text.load(office, {from, to}), published);
}

}  // namespace duty::reports
