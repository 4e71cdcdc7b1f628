// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"
#include "roster/people.hpp"

namespace duty::cli {

namespace {
struct NextOptions {
  std::string person;
  int count = 5;
  std::string format;
};
}  // namespace

void register_roster_next(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<NextOptions>();
  CLI::App* cmd =
      roster.add_subcommand("next", tr("A person's coming duties in the published roster"));
  cmd->add_option("PERSON", opt->person,
                  tr("The person, by id or by name as the published roster names them (a name two "
                     "people share needs the id)"))
      ->required();
  cmd->add_option("--count", opt->count, tr("How many duties to show (default 5)"))
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--format", opt->format,
                  tr("table or json (default: table)"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kReadStore);
    const auto& zone = *s.office.zone;
    // The people the published roster names, as it names them: only they have duties in it.
    std::vector<roster::PersonName> people;
    for (const auto& p : s.store->roster().people()) people.push_back({p.id, p.name});
    if (people.empty())
      throw UsageError(tr("no roster is published yet; publish one with 'duty roster publish'"));
    const std::string person_id = roster::resolve_person(opt->person, people, "PERSON");
    const roster::PersonName* who = nullptr;
    for (const auto& p : people) {
      if (p.id == person_id) who = &p;
    }
    Seconds now = s.actor.now;
    auto rows = s.store->roster().shifts(local_day(zone, now) - date::days{2}, std::nullopt);
    struct Duty {
      const reports::RosterShiftRecord* row;
      std::string slot;
    };
    std::vector<Duty> duties;
    for (const auto& r : rows) {
      if (r.end <= now) continue;
      for (const auto& a : r.assignments) {
        for (const auto& person : a.people) {
          if (person == person_id && static_cast<int>(duties.size()) < opt->count)
            duties.push_back({&r, a.slot});
        }
      }
    }
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& d : duties) {
        w.begin_object().key("date").value(format_date(d.row->date)).key("slot").value(d.slot);
        w.key("start")
            .value(format_iso(zone, d.row->start))
            .key("end")
            .value(format_iso(zone, d.row->end));
        w.key("day_type").value(d.row->day_type).end_object();
      }
      w.end_array();
      ctx.out << '\n';
      return;
    }
    Labels l(message_language());
    Table table({tr("Date"), tr("Day"), tr("Type"), tr("Slot"), trc("shift time", "From"),
                 trc("shift time", "To")});
    for (const auto& d : duties) {
      std::string slot = d.slot;
      for (const auto& [id, name] : d.row->slot_names) {
        if (id == d.slot && !name.empty()) slot = name;
      }
      std::string type =
          l.day_type(roster::parse_day_type(d.row->day_type).value_or(roster::DayType::kWorkday));
      if (!d.row->holiday.empty()) type += " " + d.row->holiday;
      table.add({format_date(d.row->date), l.weekday(d.row->date), type, slot,
                 format_local_minute(zone, d.row->start), format_local_minute(zone, d.row->end)});
    }
    table.print(ctx.out);
    if (duties.empty())
      ctx.err << "duty: " << trf("{0} has no coming duties published", roster::person_label(*who))
              << '\n';
  });
}

}  // namespace duty::cli
