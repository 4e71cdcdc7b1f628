// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cctype>
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/hazards/hazard_context.hpp"

namespace duty::cli {

namespace {
struct HazardStatsOptions {
  std::string from, to, quarter, year, by, at, format;
};

void rate(JsonWriter& w, const char* key, const std::optional<double>& r) {
  w.key(key);
  if (r) {
    w.value(*r);
  } else {
    w.null();
  }
}

void figures_json(JsonWriter& w, const reports::HazardFigures& f) {
  w.key("found").value(f.found);
  w.key("fixed").value(f.fixed);
  rate(w, "fix_rate", f.fix_rate());
  w.key("major_found").value(f.major_found);
  w.key("major_fixed").value(f.major_fixed);
  rate(w, "major_fix_rate", f.major_fix_rate());
  w.key("fixed_on_time").value(f.fixed_on_time);
  rate(w, "on_time_rate", f.on_time_rate());
  w.key("overdue").value(f.overdue);
  w.key("not_yet_due").value(f.not_yet_due);
}

std::vector<std::string> figures_row(const std::string& key, const reports::HazardFigures& f,
                                     bool csv) {
  auto r = [&](const std::optional<double>& x) {
    if (!csv) return reports::percent_text(x);
    return x ? std::to_string(*x) : std::string();
  };
  return {key,
          std::to_string(f.found),
          std::to_string(f.fixed),
          r(f.fix_rate()),
          std::to_string(f.major_found),
          std::to_string(f.major_fixed),
          r(f.major_fix_rate()),
          r(f.on_time_rate()),
          std::to_string(f.overdue),
          std::to_string(f.not_yet_due)};
}

const char* group_name(reports::HazardGroupBy by) {
  switch (by) {
    case reports::HazardGroupBy::kTownship:
      return "township";
    case reports::HazardGroupBy::kUnit:
      return "unit";
    case reports::HazardGroupBy::kCategory:
      return "category";
    case reports::HazardGroupBy::kGrade:
      return "grade";
    case reports::HazardGroupBy::kNone:
      break;
  }
  return "";
}

reports::HazardGroupBy group_option(const std::string& typed) {
  std::string v(trim(typed));
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (v.empty()) return reports::HazardGroupBy::kNone;
  if (v == "township") return reports::HazardGroupBy::kTownship;
  if (v == "unit") return reports::HazardGroupBy::kUnit;
  if (v == "category") return reports::HazardGroupBy::kCategory;
  if (v == "grade") return reports::HazardGroupBy::kGrade;
  throw FieldError(
      "by", trf("unknown grouping '{0}'; expected township, unit, category or grade", typed));
}
}  // namespace

void register_hazard_stats(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardStatsOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "stats", tr("The ledger's figures: found, fixed, fix rates, on time, overdue, not yet due"));
  auto* from = cmd->add_option("--from", opt->from, tr("Hazards found on or after DATE"));
  auto* to = cmd->add_option("--to", opt->to, tr("Hazards found on or before DATE"));
  auto* quarter =
      cmd->add_option("--quarter", opt->quarter, tr("Hazards found in a quarter such as 2026Q4"));
  auto* year = cmd->add_option("--year", opt->year, tr("Hazards found in a year such as 2026"));
  quarter->excludes(from)->excludes(to)->excludes(year);
  year->excludes(from)->excludes(to);
  cmd->add_option("--by", opt->by, tr("Also per township, unit, category or grade"));
  cmd->add_option("--at", opt->at, tr("As of TIME (default now)"));
  cmd->add_option("--format", opt->format, tr("table (default), json or csv"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    Format format = choose_format(ctx, opt->format, std::nullopt,
                                  {Format::kTable, Format::kJson, Format::kCsv});
    const reports::Office& o = s.office;
    reports::HazardGroupBy by = group_option(opt->by);
    Seconds at = time_option("--at", opt->at, o, s.actor.now).value_or(s.actor.now);
    std::optional<Days> first = date_option("from", opt->from, o, s.actor.now, false);
    std::optional<Days> last = date_option("to", opt->to, o, s.actor.now, false);
    if (!opt->quarter.empty()) {
      auto q = reports::parse_quarter(opt->quarter);
      if (!q)
        throw FieldError(
            "quarter", trf("'{0}' is not a quarter; expected YYYYQn such as 2026Q4", opt->quarter));
      first = q->first;
      last = q->second;
    }
    if (!opt->year.empty()) {
      auto y = reports::parse_year(opt->year);
      if (!y)
        throw FieldError("year", trf("'{0}' is not a year; expected YYYY such as 2026", opt->year));
      first = y->first;
      last = y->second;
    }
    if (first && last && *last < *first) {
      throw FieldError("to",
                       trf("{0} is before --from ({1})", format_date(*last), format_date(*first)));
    }
    std::optional<Seconds> from_t, to_t;
    if (first) from_t = at_local(*o.zone, *first, std::chrono::minutes{0});
    if (last) to_t = reports::end_of_day(*o.zone, *last);
    open_store(ctx, s, Need::kReadStore);
    auto all = reports::all_hazards(*s.store, o, at);
    reports::HazardStats st = reports::hazard_stats(all, from_t, to_t, at, by);
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_object();
      w.key("from");
      if (first) {
        w.value(format_date(*first));
      } else {
        w.null();
      }
      w.key("to");
      if (last) {
        w.value(format_date(*last));
      } else {
        w.null();
      }
      w.key("at").value(iso(o, at));
      figures_json(w, st.total);
      w.key("by");
      if (by == reports::HazardGroupBy::kNone) {
        w.null();
      } else {
        w.value(group_name(by));
      }
      w.key("groups").begin_array();
      for (const auto& g : st.groups) {
        w.begin_object();
        w.key("key").value(g.key);
        figures_json(w, g.figures);
        w.end_object();
      }
      w.end_array();
      w.end_object();
      ctx.out << '\n';
      return;
    }
    bool csv = format == Format::kCsv;
    std::vector<std::string> header = {csv ? "key" : tr("Group"),
                                       csv ? "found" : tr("Found"),
                                       csv ? "fixed" : tr("Fixed"),
                                       csv ? "fix_rate" : tr("Fix rate"),
                                       csv ? "major_found" : tr("Major found"),
                                       csv ? "major_fixed" : tr("Major fixed"),
                                       csv ? "major_fix_rate" : tr("Major fix rate"),
                                       csv ? "on_time_rate" : tr("On-time rate"),
                                       csv ? "overdue" : tr("Overdue"),
                                       csv ? "not_yet_due" : tr("Not yet due")};
    std::vector<std::vector<std::string>> rows;
    for (const auto& g : st.groups) {
      // A table is read by people: grades by their label (一般, 重大); CSV keeps the JSON key.
      std::string key = g.key;
      if (by == reports::HazardGroupBy::kGrade && !csv) {
        if (auto grade = reports::parse_hazard_grade(key)) {
          key = std::string(reports::label(*grade, message_language() == "zh-CN"));
        }
      }
      rows.push_back(figures_row(key, g.figures, csv));
    }
    rows.push_back(figures_row(csv ? "total" : tr("Total"), st.total, csv));
    if (csv) {
      CsvWriter w(ctx.out);
      w.row(header);
      for (const auto& r : rows) w.row(r);
    } else {
      Table t(header);
      for (auto& r : rows) t.add(std::move(r));
      t.print(ctx.out);
    }
  });
}

}  // namespace duty::cli
