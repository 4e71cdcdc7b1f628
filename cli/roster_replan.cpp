// SPDX-License-Identifier: Apache-2.0
#include <memory>
#include <ostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/roster_record_io.hpp"
#include "common/json_writer.hpp"
#include "reports/incident_log.hpp"
#include "roster/change.hpp"

namespace duty::cli {

namespace {
struct ReplanOptions {
  std::string from;
  std::string reason;
  bool force = false;
  std::string format;
};

// The changed places as JSON: `out` and `in` are null for an empty place.
void write_changes_json(std::ostream& out, Days from, Days to,
                        const std::vector<roster::Change>& changes) {
  JsonWriter w(out, 2);
  w.begin_object().key("from").value(format_date(from)).key("to").value(format_date(to));
  w.key("changed").value(static_cast<int>(changes.size())).key("changes").begin_array();
  for (const auto& c : changes) {
    w.begin_object().key("date").value(format_date(c.date)).key("slot").value(c.slot).key("out");
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
  out << '\n';
}

void write_changes_table(std::ostream& out, const std::vector<roster::Change>& changes) {
  Table table({"Date", "Slot", "Out", "In"});
  for (const auto& c : changes) {
    table.add(
        {format_date(c.date), c.slot, c.out.empty() ? "-" : c.out, c.in.empty() ? "-" : c.in});
  }
  table.print(out);
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
    roster::ReplanResult replanned;
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
      roster::Spec spec = load_publishing_spec(s, "", {from, to});
      replanned =
          roster::replan(spec, plan_from_record(current, {}, spec), shifts_from_record(before));
      reports::PublishRequest request;
      request.shifts = records_from_plan(replanned.plan, spec);
      request.people = people_from_spec(spec);
      request.kind = "replan";
      request.reason = opt->reason;
      request.force = opt->force;
      result = reports::publish_roster(tx, request, s.actor);
    });
    if (format == Format::kJson)
      write_changes_json(ctx.out, from, to, replanned.changes);
    else
      write_changes_table(ctx.out, replanned.changes);
    ctx.err << "duty: re-planned " << format_date(from) << " .. " << format_date(to) << ": "
            << replanned.changes.size() << " duty place(s) changed on " << result.changed
            << " shift(s)\n";
  });
}

}  // namespace duty::cli
