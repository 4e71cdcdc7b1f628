// SPDX-License-Identifier: Apache-2.0
#include "cli/roster_record_io.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/text.hpp"
#include "roster/fairness.hpp"

namespace duty::cli {

roster::ExportOptions published_export_options(const Context& ctx, Session& session, Format format,
                                               const PlanRenderFlags& flags,
                                               const roster::Spec& spec) {
  std::map<Days, int> changes = reports::roster_sequences(*session.store, spec.from, spec.to);
  auto sequence = [changes = std::move(changes)](Days day) {
    auto it = changes.find(day);
    return it == changes.end() ? 0 : it->second;
  };
  roster::ExportOptions options = plan_export_options(ctx, format, flags, spec, sequence);
  options.office = session.office.name;
  return options;
}

roster::Spec load_roster_spec(const Session& session, const std::string& path,
                              const roster::PeriodOverride& period) {
  return roster::load_spec(path.empty() ? session.office.resolve(session.office.roster) : path,
                           period);
}

roster::Plan plan_from_record(const std::vector<reports::RosterShiftRecord>& rows,
                              const std::vector<reports::RosterPersonRecord>& people,
                              const roster::Spec& spec) {
  roster::Plan plan;
  plan.timezone = spec.timezone;
  plan.handover = spec.handover;
  plan.from = rows.empty() ? spec.from : rows.front().date;
  plan.to = rows.empty() ? spec.to : rows.back().date;
  for (const auto& r : rows) {
    roster::Shift s;
    s.date = r.date;
    s.start = r.start;
    s.end = r.end;
    s.day_type = roster::parse_day_type(r.day_type).value_or(roster::DayType::kWorkday);
    s.holiday_name = r.holiday;
    for (const auto& a : r.assignments) s.assignments.push_back({a.slot, a.people});
    plan.shifts.push_back(std::move(s));
  }
  std::set<std::string> seen;
  for (const auto& p : spec.people) {
    plan.people.push_back({p.id, p.name, p.phone});
    seen.insert(p.id);
  }
  // People who have left the spec but still appear in the record keep their recorded details.
  for (const auto& p : people) {
    if (seen.insert(p.id).second) plan.people.push_back({p.id, p.name, p.phone});
  }
  return plan;
}

std::vector<reports::RosterShiftRecord> records_from_plan(const roster::Plan& plan,
                                                          const roster::Spec& spec) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& slot : spec.slots)
    names.emplace_back(slot.id, slot.name.empty() ? slot.id : slot.name);
  std::vector<reports::RosterShiftRecord> out;
  for (const auto& s : plan.shifts) {
    reports::RosterShiftRecord r;
    r.date = s.date;
    r.start = s.start;
    r.end = s.end;
    r.day_type = std::string(roster::to_string(s.day_type));
    r.holiday = s.holiday_name;
    for (const auto& a : s.assignments) r.assignments.push_back({a.slot, a.people});
    r.slot_names = names;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<reports::RosterPersonRecord> people_from_spec(const roster::Spec& spec) {
  std::vector<reports::RosterPersonRecord> out;
  for (const auto& p : spec.people) out.push_back({p.id, p.name, p.phone, 0});
  return out;
}

Days fairness_window_start(const roster::Spec& spec, Days from) {
  if (spec.rules.fairness_window == roster::FairnessWindow::kPeriod) return from;
  return Days{date::year_month_day{from}.year() / date::January / 1};
}

void prepare_spec(roster::Spec& spec, const std::vector<reports::RosterShiftRecord>& before) {
  if (spec.rules.min_rest_days <= 0) return;
  std::map<std::string, Days> last;
  for (const auto& r : before) {
    if (r.date >= spec.from) continue;
    for (const auto& a : r.assignments) {
      for (const auto& id : a.people)
        last[id] = std::max(last.contains(id) ? last[id] : r.date, r.date);
    }
  }
  for (auto& p : spec.people) {
    auto it = last.find(p.id);
    if (it == last.end()) continue;
    for (int k = 1; k <= spec.rules.min_rest_days; ++k) {
      Days d = it->second + date::days{k};
      if (d >= spec.from) p.unavailable.insert(d);
    }
  }
}

void add_prior(roster::Model& model, const std::vector<reports::RosterShiftRecord>& before) {
  const roster::Spec& spec = *model.spec;
  Days window = fairness_window_start(spec, spec.from);
  std::vector<roster::Shift> shifts;
  for (const auto& r : before) {
    if (r.date < window || r.date >= spec.from) continue;
    roster::Shift s;
    s.date = r.date;
    s.day_type = roster::parse_day_type(r.day_type).value_or(roster::DayType::kWorkday);
    for (const auto& a : r.assignments) s.assignments.push_back({a.slot, a.people});
    shifts.push_back(std::move(s));
  }
  if (!shifts.empty()) roster::add_prior_duties(model, shifts);
}

std::vector<roster::Violation> new_violations(const roster::Model& model,
                                              const roster::Plan& before,
                                              const roster::Plan& after) {
  std::set<std::string> old;
  for (const auto& v : roster::check_plan(model, before)) old.insert(v.message);
  std::vector<roster::Violation> out;
  for (auto& v : roster::check_plan(model, after)) {
    if (!old.contains(v.message)) out.push_back(std::move(v));
  }
  return out;
}

std::vector<roster::Violation> check_changes(reports::StoreTransaction& tx, const Session& session,
                                             const std::vector<reports::RosterChange>& changes) {
  auto all = tx.roster_shifts(std::nullopt, std::nullopt);
  if (all.empty())
    throw UsageError("no roster is published yet; publish one with 'duty roster publish'");
  std::map<Days, const reports::RosterShiftRecord*> by_date;
  for (const auto& r : all) by_date[r.date] = &r;
  Days lo = changes.front().date, hi = changes.front().date;
  for (const auto& c : changes) {
    if (!by_date.contains(c.date)) {
      throw UsageError(format_date(c.date) + " is not in the published roster (published: " +
                       format_date(all.front().date) + " .. " + format_date(all.back().date) + ")");
    }
    lo = std::min(lo, c.date);
    hi = std::max(hi, c.date);
  }
  roster::Spec spec = load_roster_spec(session, "", {});
  std::vector<std::string> ids, slots;
  for (const auto& p : spec.people) ids.push_back(p.id);
  for (const auto& sl : spec.slots) slots.push_back(sl.id);
  for (const auto& c : changes) {
    if (!spec.find_slot(c.slot)) {
      throw UsageError("SLOT: unknown slot '" + c.slot + "'" + did_you_mean(c.slot, slots) +
                       "; expected one of: " + join(slots, ", "));
    }
    for (const auto* id : {&c.out, &c.in}) {
      if (!spec.find_person(*id)) {
        throw UsageError("unknown person '" + *id + "'" + did_you_mean(*id, ids) + " in " +
                         spec.source);
      }
    }
    const auto* people = by_date[c.date]->people_in(c.slot);
    if (!people || std::find(people->begin(), people->end(), c.out) == people->end()) {
      throw UsageError(c.out + " is not on duty as " + c.slot + " on " + format_date(c.date) +
                       " (" + c.slot + ": " +
                       (people && !people->empty() ? join(*people, ", ") : "nobody") + ")");
    }
  }
  roster::PeriodOverride period;
  if (lo < spec.from || hi > spec.to) {
    period.from = std::max(lo - date::days{31}, all.front().date);
    period.to = std::min(hi + date::days{31}, all.back().date);
  }
  spec = load_roster_spec(session, "", period);
  roster::Model model = roster::build_model(spec);
  std::vector<reports::RosterShiftRecord> rows;
  for (const auto& r : all) {
    if (r.date >= spec.from && r.date <= spec.to) rows.push_back(r);
  }
  roster::Plan before = plan_from_record(rows, {}, spec);
  roster::Plan after = before;
  for (const auto& c : changes) {
    for (auto& shift : after.shifts) {
      if (shift.date != c.date) continue;
      for (auto& a : shift.assignments) {
        if (a.slot != c.slot) continue;
        auto it = std::find(a.people.begin(), a.people.end(), c.out);
        if (it != a.people.end()) *it = c.in;
      }
    }
  }
  return new_violations(model, before, after);
}

std::string violation_lines(const std::vector<roster::Violation>& violations) {
  constexpr std::size_t kShown = 20;
  std::string out;
  for (std::size_t i = 0; i < violations.size() && i < kShown; ++i)
    out += "\n  " + violations[i].message;
  if (violations.size() > kShown)
    out += "\n  ... and " + std::to_string(violations.size() - kShown) + " more";
  return out;
}

void check_reason(bool force, const std::string& reason) {
  if (force && reason.empty())
    throw UsageError("--reason: required with --force; say why the rules are set aside");
  if (!reason.empty() && !is_valid_utf8(reason))
    throw UsageError("--reason: is not valid UTF-8 text");
}

}  // namespace duty::cli
