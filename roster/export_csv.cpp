// SPDX-License-Identifier: Apache-2.0
#include <ostream>

#include "common/csv.hpp"
#include "common/text.hpp"
#include "roster/export_common.hpp"

namespace duty::roster {

void write_plan_csv(std::ostream& out, const Spec& spec, const Plan& plan,
                    const ExportOptions& options) {
  std::vector<const Shift*> shifts = detail::shifts_for(spec, plan, options);
  detail::ExportText t(spec.locale);
  detail::PeopleIndex people(spec, plan);
  CsvWriter csv(out, options.bom);

  std::vector<std::string> slots = detail::slot_columns(spec, shifts);
  std::vector<std::string> header{t("Date", "日期"), t("Weekday", "星期"), t("Day type", "类型"),
                                  t("Holiday", "节日")};
  for (const auto& id : slots) {
    std::string name = detail::slot_name(spec, id);
    header.push_back(name);
    header.push_back(name + t(" phone", "电话"));
  }
  csv.row(header);
  for (const Shift* s : shifts) {
    std::vector<std::string> row{format_date(s->date), t.weekday(s->date), detail::day_label(*s, t),
                                 s->holiday_name};
    for (const auto& id : slots) {
      std::vector<std::string> names;
      std::vector<std::string> phones;
      if (const auto* ids = s->people_in(id)) {
        for (const auto& p : *ids) {
          names.push_back(people.name(p));
          // A dash keeps the phones in step with the names when one is missing.
          phones.push_back(people.phone(p).empty() && ids->size() > 1 ? "—" : people.phone(p));
        }
      }
      row.push_back(join(names, t.list_separator()));
      row.push_back(join(phones, t.list_separator()));
    }
    csv.row(row);
  }
}

}  // namespace duty::roster
