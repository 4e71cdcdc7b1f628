// SPDX-License-Identifier: Apache-2.0
#include "cli/roster_render.hpp"

#include <map>

#include "cli/labels.hpp"
#include "common/text.hpp"

namespace duty::cli {

void render_plan(std::ostream& out, Format format, const roster::Spec& spec, const roster::Plan& plan) {
  if (format == Format::kJson) return roster::write_plan_json(out, plan, *spec.zone);
  if (format == Format::kYaml) return roster::write_plan_yaml(out, plan, *spec.zone);

  Labels l(spec.locale);
  std::map<std::string, std::string> names;
  for (const auto& p : plan.people) names[p.id] = p.name.empty() ? p.id : p.name;
  std::vector<std::string> header{l("Date", "日期"), l("Day", "星期"), l("Type", "类型")};
  for (const auto& slot : spec.slots) header.push_back(slot.name);
  Table table(header);
  for (const auto& shift : plan.shifts) {
    std::string type = l.day_type(shift.day_type);
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
