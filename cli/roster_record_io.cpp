// SPDX-License-Identifier: Apache-2.0
#include "cli/roster_record_io.hpp"

#include <map>
#include <set>

#include "common/text.hpp"
#include "roster/change.hpp"

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

roster::Spec load_publishing_spec(const Session& session, const std::string& path,
                                  const roster::PeriodOverride& period) {
  roster::Spec spec = load_roster_spec(session, path, period);
  roster::require_office_frame(
      spec, {session.office.file, session.office.timezone, session.office.handover});
  return spec;
}

std::vector<roster::Shift> shifts_from_record(const std::vector<reports::RosterShiftRecord>& rows) {
  std::vector<roster::Shift> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    roster::Shift s;
    s.date = r.date;
    s.start = r.start;
    s.end = r.end;
    s.day_type = roster::parse_day_type(r.day_type).value_or(roster::DayType::kWorkday);
    s.holiday_name = r.holiday;
    for (const auto& a : r.assignments) s.assignments.push_back({a.slot, a.people});
    out.push_back(std::move(s));
  }
  return out;
}

roster::Plan plan_from_record(const std::vector<reports::RosterShiftRecord>& rows,
                              const std::vector<reports::RosterPersonRecord>& people,
                              const roster::Spec& spec) {
  roster::Plan plan;
  plan.timezone = spec.timezone;
  plan.handover = spec.handover;
  plan.from = rows.empty() ? spec.from : rows.front().date;
  plan.to = rows.empty() ? spec.to : rows.back().date;
  plan.shifts = shifts_from_record(rows);
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

std::vector<roster::Violation> check_changes(reports::StoreTransaction& tx, const Session& session,
                                             const std::vector<reports::RosterChange>& changes) {
  auto all = tx.roster_shifts(std::nullopt, std::nullopt);
  if (all.empty())
    throw UsageError("no roster is published yet; publish one with 'duty roster publish'");
  std::set<Days> published;
  for (const auto& r : all) published.insert(r.date);
  std::vector<roster::Change> wanted;
  for (const auto& c : changes) {
    if (!published.contains(c.date)) {
      throw UsageError(format_date(c.date) + " is not in the published roster (published: " +
                       format_date(all.front().date) + " .. " + format_date(all.back().date) + ")");
    }
    wanted.push_back({c.date, c.slot, c.out, c.in});
  }
  roster::Spec spec = load_publishing_spec(session, "", {});
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
  }
  roster::PeriodOverride period =
      roster::change_period(spec, wanted, all.front().date, all.back().date);
  if (period.from) spec = load_publishing_spec(session, "", period);
  std::vector<reports::RosterShiftRecord> rows;
  for (const auto& r : all) {
    if (r.date >= spec.from && r.date <= spec.to) rows.push_back(r);
  }
  roster::Model model = roster::build_model(spec);
  // UsageError from here when an `out` is not in the slot on that date.
  return roster::check_changes(model, plan_from_record(rows, {}, spec), wanted);
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
