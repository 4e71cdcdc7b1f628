// SPDX-License-Identifier: Apache-2.0
#include "cli/roster_render.hpp"

#include <map>

#include "cli/labels.hpp"
#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "roster/export_common.hpp"

namespace duty::cli {

void add_plan_render_options(CLI::App& cmd, PlanRenderFlags& flags) {
  cmd.add_option(
      "--person", flags.person,
      tr("Only the shifts this person (an id or a name) serves in; ics: one event per duty of "
         "theirs"));
  cmd.add_flag("--bom", flags.bom,
               tr("csv: start with a UTF-8 byte order mark, for spreadsheet programs"));
}

roster::ExportOptions plan_export_options(const Context& ctx, Format format,
                                          const PlanRenderFlags& flags, const roster::Spec& spec,
                                          std::function<int(Days)> sequence) {
  if (flags.bom && format != Format::kCsv)
    throw UsageError(tr("--bom applies only to --format csv"));
  if (!flags.person.empty() && (format == Format::kJson || format == Format::kYaml)) {
    throw UsageError(
        tr("--person applies to table, ics, html, csv and md; the json and yaml plan is always "
           "the whole roster"));
  }
  roster::ExportOptions options;
  if (!flags.person.empty()) {
    options.person = roster::resolve_person(flags.person,
                                            roster::known_people(spec, flags.recorded), "--person");
  }
  options.bom = flags.bom;
  options.sequence = std::move(sequence);
  options.now = ctx.now();
  return options;
}

void render_plan(std::ostream& out, Format format, const roster::Spec& spec,
                 const roster::Plan& plan, const roster::ExportOptions& given) {
  roster::ExportOptions options = given;
  if (options.now == Seconds{})
    options.now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  switch (format) {
    case Format::kJson:
    case Format::kYaml:
      if (!options.person.empty()) throw UsageError(tr("--person does not apply to json or yaml"));
      if (format == Format::kJson) return roster::write_plan_json(out, plan, *spec.zone);
      return roster::write_plan_yaml(out, plan, *spec.zone);
    case Format::kIcs:
      return roster::write_plan_ics(out, spec, plan, options);
    case Format::kHtml:
      return roster::write_plan_html(out, spec, plan, options);
    case Format::kCsv:
      return roster::write_plan_csv(out, spec, plan, options);
    case Format::kMd:
      return roster::write_plan_md(out, spec, plan, options);
    case Format::kText:  // not in kPlanFormats: the table is a roster's plain text
    case Format::kTable:
      break;
  }

  roster::check_export_person(spec, plan, options.person);
  Labels l(spec.locale);
  std::map<std::string, std::string> names;
  for (const auto& p : plan.people) names[p.id] = p.name.empty() ? p.id : p.name;
  std::vector<std::string> header{l("Date", "日期"), l("Day", "星期"), l("Type", "类型")};
  for (const auto& slot : spec.slots) header.push_back(slot.name);
  Table table(header);
  for (const auto& shift : plan.shifts) {
    if (!options.person.empty()) {
      bool serves = false;
      for (const auto& a : shift.assignments) {
        for (const auto& id : a.people) serves = serves || id == options.person;
      }
      if (!serves) continue;
    }
    // A Saturday or Sunday worked in exchange for a holiday is named as the other exports name it.
    std::string type = roster::detail::is_makeup_day(shift) ? l("make-up workday", "调休上班")
                                                            : l.day_type(shift.day_type);
    if (!shift.holiday_name.empty()) type += " " + shift.holiday_name;
    std::vector<std::string> row{format_date(shift.date), l.weekday(shift.date), type};
    for (const auto& slot : spec.slots) {
      std::vector<std::string> people;
      if (const auto* ids = shift.people_in(slot.id)) {
        for (const auto& id : *ids) people.push_back(names.contains(id) ? names[id] : id);
      }
      row.push_back(join(people, l.list_separator()));
    }
    table.add(std::move(row));
  }
  table.print(out);
}

}  // namespace duty::cli
