// SPDX-License-Identifier: Apache-2.0
#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"
#include "roster/fairness.hpp"
#include "roster/solver.hpp"

namespace duty::cli {

namespace {

struct StatsOptions {
  std::string spec;
  std::string plan;
  std::string from;
  std::string to;
  std::string format;
  int year = 0;
};

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string triple(const std::array<double, roster::kMeasures>& v) {
  return fixed2(v[0]) + " / " + fixed2(v[1]) + " / " + fixed2(v[2]);
}

void write_measures(JsonWriter& w, const char* key, const std::array<double, roster::kMeasures>& v) {
  w.key(key).begin_object();
  for (std::size_t k = 0; k < v.size(); ++k) w.key(roster::to_string(static_cast<roster::Measure>(k))).value(v[k]);
  w.end_object();
}

void write_counts(JsonWriter& w, const char* key, const std::array<int, roster::kMeasures>& v) {
  w.key(key).begin_object();
  for (std::size_t k = 0; k < v.size(); ++k) w.key(roster::to_string(static_cast<roster::Measure>(k))).value(v[k]);
  w.end_object();
}

void print_json(std::ostream& out, const roster::Spec& spec, const roster::FairnessReport& r) {
  JsonWriter w(out, 2);
  w.begin_object();
  w.key("from").value(format_date(spec.from)).key("to").value(format_date(spec.to));
  w.key("optimal").value(r.optimal());
  write_measures(w, "deviation", r.deviation);
  write_measures(w, "optimum", r.optimum);
  w.key("groups").begin_array();
  for (const auto& g : r.groups) {
    w.begin_object().key("group").value(g.group);
    write_counts(w, "places", g.places);
    write_measures(w, "deviation", g.deviation);
    write_measures(w, "optimum", g.optimum);
    w.end_object();
  }
  w.end_array();
  w.key("people").begin_array();
  for (const auto& p : r.people) {
    w.begin_object().key("id").value(p.id).key("name").value(p.name);
    w.key("duties").value(p.duties).key("holiday_duties").value(p.holiday_duties);
    w.key("weekend_duties").value(p.weekend_duties);
    if (p.longest_gap) w.key("longest_gap").value(*p.longest_gap); else w.key("longest_gap").null();
    if (p.shortest_gap) w.key("shortest_gap").value(*p.shortest_gap); else w.key("shortest_gap").null();
    w.key("groups").begin_array();
    for (const auto& g : p.groups) {
      w.begin_object().key("group").value(g.group);
      write_counts(w, "count", g.count);
      write_measures(w, "share", g.share);
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  out << '\n';
}

void print_table(std::ostream& out, const roster::FairnessReport& r) {
  Table people({tr("Person"), tr("Name"), tr("Duties"), tr("Holiday"), tr("Weekend"),
                tr("Fair share (all / holiday / weekend)"), tr("Gaps (shortest-longest days)")});
  for (const auto& p : r.people) {
    std::vector<std::string> shares;
    for (const auto& g : p.groups) shares.push_back((p.groups.size() > 1 ? g.group + " " : "") + triple(g.share));
    std::string gaps = p.shortest_gap ? std::to_string(*p.shortest_gap) + "-" + std::to_string(*p.longest_gap) : "-";
    people.add({p.id, p.name, std::to_string(p.duties), std::to_string(p.holiday_duties),
                std::to_string(p.weekend_duties), join(shares, "; "), gaps});
  }
  people.print(out);
  out << '\n';
  Table groups({tr("Group"), tr("Places (all / holiday / weekend)"), tr("Deviation"),
                tr("Optimum (lower bound)")});
  for (const auto& g : r.groups) {
    groups.add({g.group,
                std::to_string(g.places[0]) + " / " + std::to_string(g.places[1]) + " / " + std::to_string(g.places[2]),
                triple(g.deviation), triple(g.optimum)});
  }
  groups.add({tr("total"), "", triple(r.deviation), triple(r.optimum)});
  groups.print(out);
  out << '\n'
      << (r.optimal() ? tr("optimal: every deviation reaches its lower bound, so no roster obeying "
                           "the rules is fairer")
                      : tr("not proven optimal: some deviation is above its lower bound"))
      << '\n';
}

}  // namespace

void register_roster_stats(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<StatsOptions>();
  CLI::App* cmd =
      roster.add_subcommand("stats", tr("Fairness of a roster: duties, holiday and weekend duties, "
                                        "fair shares, gaps, deviations"));
  cmd->add_option("SPEC", opt->spec, tr("Roster spec (YAML); with --year default the office's"));
  cmd->add_option("PLAN", opt->plan,
                  tr("Plan to measure (JSON or YAML); default: build one from SPEC"));
  cmd->add_option("--from", opt->from, tr("First date (YYYY-MM-DD) when building from SPEC"));
  cmd->add_option("--to", opt->to, tr("Last date (YYYY-MM-DD) when building from SPEC"));
  cmd->add_option("--format", opt->format,
                  tr("table or json (default: table)"));
  cmd->add_option("--year", opt->year,
                  tr("Measure the roster published in the office's store for this calendar year "
                     "(swaps and cover "
                     "applied) instead of a plan"))
      ->check(CLI::Range(1900, 9999));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    if (opt->year) {
      if (!opt->plan.empty() || !opt->from.empty() || !opt->to.empty()) {
        throw UsageError(
            tr("--year: measures the published roster; it takes no PLAN, --from or --to"));
      }
      Session s = open_session(ctx, Need::kReadStore);
      date::year y{opt->year};
      auto rows = s.store->roster().shifts(Days{y / date::January / 1}, Days{y / date::December / 31});
      if (rows.empty()) {
        throw UsageError(trf(
            "--year: nothing is published for {0}; 'duty roster show' lists what is", opt->year));
      }
      roster::Spec spec = load_roster_spec(s, opt->spec, {rows.front().date, rows.back().date});
      roster::Model model = roster::build_model(spec);
      roster::Plan plan = reports::plan_from_record(rows, s.store->roster().people(), spec);
      roster::FairnessReport report = roster::evaluate_fairness(model, plan);
      if (format == Format::kJson) {
        print_json(ctx.out, spec, report);
      } else {
        print_table(ctx.out, report);
      }
      return;
    }
    if (opt->spec.empty()) {
      throw UsageError(
          tr("SPEC: a roster spec is required (or --year to measure the published roster)"));
    }
    roster::PeriodOverride period{option_date("--from", opt->from), option_date("--to", opt->to)};
    std::optional<roster::Plan> plan;
    if (!opt->plan.empty()) {
      plan = roster::load_plan(opt->plan);
      if (!plan->shifts.empty()) period = {plan->from, plan->to};
    }
    roster::Spec spec = roster::load_spec(opt->spec, period);
    roster::Model model = roster::build_model(spec);
    if (!plan) plan = roster::solve(model).plan;
    roster::FairnessReport report = roster::evaluate_fairness(model, *plan);
    if (format == Format::kJson) {
      print_json(ctx.out, spec, report);
    } else {
      print_table(ctx.out, report);
    }
  });
}

}  // namespace duty::cli
