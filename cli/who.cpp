// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/language.hpp"
#include "cli/on_duty.hpp"
#include "cli/output.hpp"
#include "cli/warning_common.hpp"
#include "common/i18n.hpp"
#include "common/json_writer.hpp"

namespace duty::cli {

namespace {
struct WhoOptions {
  std::string at;
  std::string format;
};

void print_leader_in_room(Context& ctx, const reports::Office& office,
                          const std::vector<reports::Warning>& warnings, Seconds at) {
  for (const auto& x : warnings) {
    ctx.out
        << trf("{0} {1} is in force: the leader on duty must be in the duty room (领导在岗带班).",
               x.id, warning_title(office, x, x.level_at(at)))
        << '\n';
  }
}

}  // namespace

void register_who(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<WhoOptions>();
  CLI::App* cmd =
      app.add_subcommand("who", tr("Who is on duty at a moment (default now): the published "
                                   "shift, each slot's people and phones (whoever covers part "
                                   "of a duty at that moment in the place of the one they cover)"));
  cmd->add_option(
      "--at", opt->at,
      tr("TIME to ask about (default now); a time exactly at the handover belongs to the "
         "shift that starts then"));
  cmd->add_option("--format", opt->format, tr("table or json (default: table)"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kOffice);
    Seconds at = time_option("--at", opt->at, s.office, s.actor.now).value_or(s.actor.now);
    open_store(ctx, s, Need::kReadStore);
    // Warnings in force whose response rule says the leader on duty must be in the duty room.
    std::vector<reports::Warning> leader_warnings;
    for (auto& w : reports::list_warnings(*s.store, at)) {
      if (!w.exercise() && reports::leader_in_room(w, reports::warning_settings(s.office), at)) {
        leader_warnings.push_back(std::move(w));
      }
    }
    auto shift = shift_on_duty(s, at);
    if (!shift) {
      ctx.err << error_prefix()
              << trf("no published roster covers {0}; publish one with 'duty roster publish'",
                     format_local_minute(*s.office.zone, at))
              << '\n';
      ctx.exit_code = ExitCode::kProblems;
      // Whoever is in the room must still learn that the leader has to be there.
      if (format != Format::kJson) print_leader_in_room(ctx, s.office, leader_warnings, at);
      return;
    }
    const auto& zone = *s.office.zone;
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_object();
      w.key("date").value(format_date(shift->date));
      w.key("start")
          .value(format_iso(zone, shift->start))
          .key("end")
          .value(format_iso(zone, shift->end));
      w.key("assignments").begin_object();
      for (const auto& slot : shift->slots) {
        w.key(slot.id).begin_array();
        for (const auto& on_duty : slot.people) {
          // Whoever covers part of the duty at that time stands in the place, naming whom.
          const OnDutyCover* cover = slot.cover_at(on_duty.id, at);
          const OnDutyPerson& p = cover ? cover->in : on_duty;
          w.begin_object().key("id").value(p.id).key("name").value(p.name).key("phone");
          if (p.phone.empty())
            w.null();
          else
            w.value(p.phone);
          if (cover) {
            w.key("covering").begin_object().key("id").value(on_duty.id);
            w.key("name").value(on_duty.name).end_object();
            w.key("until").value(format_iso(zone, cover->to));
          }
          w.end_object();
        }
        w.end_array();
      }
      w.end_object();
      w.key("leader_in_room").begin_array();
      for (const auto& x : leader_warnings) {
        w.begin_object().key("warning").value(x.id).key("title").value(
            warning_title(s.office, x, x.level_at(at)));
        w.end_object();
      }
      w.end_array().end_object();
      ctx.out << '\n';
      return;
    }
    ctx.out << trf("Shift {0}: {1} – {2} ({3})", format_date(shift->date),
                   format_local_minute(zone, shift->start), format_local_minute(zone, shift->end),
                   s.office.timezone)
            << '\n';
    Table table({tr("Slot"), tr("Name"), tr("Id"), tr("Phone")});
    for (const auto& slot : shift->slots) {
      for (const auto& on_duty : slot.people) {
        const OnDutyCover* cover = slot.cover_at(on_duty.id, at);
        const OnDutyPerson& p = cover ? cover->in : on_duty;
        std::string name = p.name;
        if (cover) {
          std::string until = format_local_minute(zone, cover->to);
          name += trf(" (covering {0} until {1})", on_duty.name, until);
        }
        table.add({slot.name, name, p.id, p.phone.empty() ? "-" : p.phone});
      }
    }
    table.print(ctx.out);
    print_leader_in_room(ctx, s.office, leader_warnings, at);
  });
}

}  // namespace duty::cli
