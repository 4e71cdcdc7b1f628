// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "common/json_writer.hpp"
#include "reports/incident_log.hpp"
#include "roster/solver.hpp"

namespace duty::cli {

namespace {
struct ReplanOptions {
  std::string from;
  std::string reason;
  bool force = false;
  std::string format;
};

struct Place {
  Days date;
  std::string slot;
  std::string person;
  bool operator<(const Place& o) const {
    return std::tie(date, slot, person) < std::tie(o.date, o.slot, o.person);
  }
};

// One place whose person changed.
struct Changed {
  Days date;
  std::string slot;
  std::string out;
  std::string in;
};

// Re-solves the period with every still-valid place of the current roster pinned, except those
// within `radius` days of a place that must change (radius 0 pins them all; < 0 pins nothing).
roster::Plan solve_keeping(const roster::Spec& base,
                           const std::vector<reports::RosterShiftRecord>& before,
                           const std::set<Place>& keep, const std::set<Days>& freed_days,
                           int radius) {
  roster::Spec spec = base;
  if (radius >= 0) {
    for (const auto& place : keep) {
      bool near = false;
      for (Days d : freed_days) {
        if (radius > 0 && std::abs((place.date - d).count()) <= radius) near = true;
      }
      bool pinned_already =
          std::any_of(spec.fixed.begin(), spec.fixed.end(), [&](const roster::Pin& p) {
            return p.date == place.date && p.slot == place.slot && p.person == place.person;
          });
      if (!near && !pinned_already)
        spec.fixed.push_back({place.date, place.slot, place.person, {}});
    }
  }
  roster::Model model = roster::build_model(spec);
  add_prior(model, before);
  return roster::solve(model).plan;
}
}  // namespace

void register_roster_replan(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<ReplanOptions>();
  CLI::App* cmd =
      roster.add_subcommand("replan",
                            "Re-solve the published roster from a date to its end after the spec "
                            "changed (new leave), keeping "
                            "everything before it and changing as few duties as possible");
  cmd->add_option("--from", opt->from,
                  "First date to re-plan (YYYY-MM-DD); earlier shifts are kept")
      ->required();
  cmd->add_option("--reason", opt->reason, "Why (recorded with every re-planned shift)");
  cmd->add_flag("--force", opt->force,
                "Allow changing shifts that have already started (needs --reason)");
  cmd->add_option("--format", opt->format,
                  "table or json: the changed duties (default: table on a terminal, "
                  "json otherwise)");
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Days from = *option_date("--from", opt->from);
    check_reason(opt->force, opt->reason);
    Session s = open_session(ctx, Need::kWriteExisting);
    std::vector<Changed> changed;
    reports::PublishResult result;
    Days to = from;
    s.store->write([&](reports::StoreTransaction& tx) {
      auto all = tx.roster_shifts(std::nullopt, std::nullopt);
      if (all.empty())
        throw UsageError("no roster is published yet; publish one with 'duty roster publish'");
      to = all.back().date;
      if (from < all.front().date || from > to) {
        throw UsageError("--from: " + opt->from + " is outside the published roster (" +
                         format_date(all.front().date) + " .. " + format_date(to) + ")");
      }
      std::vector<reports::RosterShiftRecord> before, current;
      for (auto& r : all) (r.date < from ? before : current).push_back(std::move(r));
      roster::Spec spec = load_roster_spec(s, "", {from, to});
      prepare_spec(spec, before);
      roster::Model probe = roster::build_model(spec);
      roster::Plan now_plan = plan_from_record(current, {}, spec);
      // Places that break a rule of the spec as it is now must change; every other one is kept
      // when the rest of the roster can still be filled around it.
      std::set<Place> broken;
      std::set<Days> freed_days;
      for (const auto& v : roster::check_plan(probe, now_plan)) {
        if (!v.date) continue;
        freed_days.insert(*v.date);
        if (!v.person.empty()) broken.insert({*v.date, v.slot, v.person});
      }
      std::set<Place> keep;
      for (const auto& shift : now_plan.shifts) {
        int d = probe.day_index(shift.date);
        for (const auto& a : shift.assignments) {
          const roster::Slot* slot = spec.find_slot(a.slot);
          for (const auto& id : a.people) {
            const roster::Person* p = spec.find_person(id);
            if (!slot || !p || !p->in_group(slot->group) || d < 0 ||
                !probe.is_available(probe.person_index(id), d)) {
              freed_days.insert(shift.date);
              continue;
            }
            if (!broken.contains({shift.date, a.slot, id})) keep.insert({shift.date, a.slot, id});
          }
        }
      }
      roster::Plan plan;
      const int step = spec.rules.min_rest_days + 1;
      bool solved = false;
      for (int radius : {0, step, 3 * step, 7 * step, -1}) {
        try {
          plan = solve_keeping(spec, before, keep, freed_days, radius);
          solved = true;
          break;
        } catch (const UnsatisfiableError&) {
          if (radius < 0) throw;
        }
      }
      if (!solved) throw UsageError("internal: re-planning found no roster");
      std::map<std::pair<Days, std::string>, std::vector<std::string>> old_places;
      for (const auto& shift : now_plan.shifts) {
        for (const auto& a : shift.assignments) old_places[{shift.date, a.slot}] = a.people;
      }
      for (const auto& shift : plan.shifts) {
        for (const auto& a : shift.assignments) {
          auto old = old_places[{shift.date, a.slot}];
          std::vector<std::string> gone, came;
          for (const auto& id : old) {
            if (std::find(a.people.begin(), a.people.end(), id) == a.people.end())
              gone.push_back(id);
          }
          for (const auto& id : a.people) {
            if (std::find(old.begin(), old.end(), id) == old.end()) came.push_back(id);
          }
          for (std::size_t i = 0; i < std::max(gone.size(), came.size()); ++i) {
            changed.push_back({shift.date, a.slot, i < gone.size() ? gone[i] : "",
                               i < came.size() ? came[i] : ""});
          }
        }
      }
      reports::PublishRequest request;
      request.shifts = records_from_plan(plan, spec);
      request.people = people_from_spec(spec);
      request.kind = "replan";
      request.reason = opt->reason;
      request.force = opt->force;
      result = reports::publish_roster(tx, request, s.actor);
    });
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_object().key("from").value(format_date(from)).key("to").value(format_date(to));
      w.key("changed").value(static_cast<int>(changed.size())).key("changes").begin_array();
      for (const auto& c : changed) {
        w.begin_object()
            .key("date")
            .value(format_date(c.date))
            .key("slot")
            .value(c.slot)
            .key("out");
        if (c.out.empty())
          w.null();
        else
          w.value(c.out);
        w.key("in");
        if (c.in.empty())
          w.null();
        else
          w.value(c.in);
        w.end_object();
      }
      w.end_array().end_object();
      ctx.out << '\n';
    } else {
      Table table({"Date", "Slot", "Out", "In"});
      for (const auto& c : changed) {
        table.add(
            {format_date(c.date), c.slot, c.out.empty() ? "-" : c.out, c.in.empty() ? "-" : c.in});
      }
      table.print(ctx.out);
    }
    ctx.err << "duty: re-planned " << format_date(from) << " .. " << format_date(to) << ": "
            << changed.size() << " duty place(s) changed on " << result.changed << " shift(s)\n";
  });
}

}  // namespace duty::cli
