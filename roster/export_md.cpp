// SPDX-License-Identifier: Apache-2.0
#include <ostream>

#include "common/text.hpp"
#include "roster/export_common.hpp"

namespace duty::roster {

namespace {

std::string md_escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "<br>";
      continue;
    }
    // Characters that would end a cell or start emphasis, code, a link, raw HTML or an entity.
    if (std::string_view("|\\*_`[]<>&~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void write_plan_md(std::ostream& out, const Spec& spec, const Plan& plan,
                   const ExportOptions& options) {
  std::vector<const Shift*> shifts = detail::shifts_for(spec, plan, options);
  detail::ExportText t(spec.locale);
  detail::PeopleIndex people(spec, plan);

  std::string title = spec.title.empty() ? std::string(t("Duty roster", "值班表")) : spec.title;
  if (!options.person.empty()) title += " – " + people.name(options.person);
  out << "# " << md_escape(title) << "\n\n"
      << md_escape(format_date(plan.from)) << " – " << md_escape(format_date(plan.to))
      << t(", handover ", "，交接班 ") << format_clock(plan.handover.value_or(spec.handover))
      << " (" << md_escape(spec.timezone) << ")\n\n";

  std::vector<std::string> slots = detail::slot_columns(spec, shifts);
  out << "| " << t("Date", "日期") << " | " << t("Weekday", "星期") << " | "
      << t("Day type", "类型") << " |";
  for (const auto& id : slots) out << ' ' << md_escape(detail::slot_name(spec, id)) << " |";
  out << "\n|---|---|---|";
  for (std::size_t i = 0; i < slots.size(); ++i) out << "---|";
  out << '\n';
  for (const Shift* s : shifts) {
    std::string type = detail::day_label(*s, t);
    if (!s->holiday_name.empty()) type += " " + s->holiday_name;
    out << "| " << format_date(s->date) << " | " << t.weekday(s->date) << " | " << md_escape(type)
        << " |";
    for (const auto& id : slots) {
      std::vector<std::string> cell;
      if (const auto* ids = s->people_in(id)) {
        for (const auto& p : *ids) {
          std::string entry = people.name(p);
          if (!people.phone(p).empty()) entry += " " + people.phone(p);
          cell.push_back(md_escape(entry));
        }
      }
      out << ' ' << join(cell, t.list_separator()) << " |";
    }
    out << '\n';
  }
}

}  // namespace duty::roster
