// SPDX-License-Identifier: Apache-2.0
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/json_writer.hpp"
#include "reports/publishing/balance.hpp"
#include "roster/people.hpp"

namespace duty::cli {

namespace {
struct BalanceOptions {
  int year = 0;
  std::string from;
  std::string to;
  std::string format;
};

// Hours to two decimals: a cover of 2 h 20 min is 2.33.
double hours(std::int64_t seconds) {
  return std::round(static_cast<double>(seconds) / 36.0) / 100.0;
}

std::string hours_text(std::int64_t seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", hours(seconds));
  std::string s = buf;
  // "24.00" reads as 24, "7.50" as 7.5.
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string signed_text(int n) {
  return n > 0 ? "+" + std::to_string(n) : std::to_string(n);
}
}  // namespace

void register_roster_balance(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<BalanceOptions>();
  CLI::App* cmd =
      roster.add_subcommand("balance", tr("Covers (代班) each person did for others and received, "
                                          "and the net, so they can be settled "
                                          "(swaps are exchanges and are not counted)"));
  cmd->add_option("--year", opt->year,
                  tr("Covers of shifts in this calendar year (default: the current year in the "
                     "office's timezone)"))
      ->check(CLI::Range(1900, 9999));
  cmd->add_option("--from", opt->from,
                  tr("First shift date (YYYY-MM-DD), with --to, instead of --year"));
  cmd->add_option("--to", opt->to, tr("Last shift date (YYYY-MM-DD), inclusive, with --from"));
  cmd->add_option("--format", opt->format,
                  tr("table or json (default: table)"));
  cmd->footer(tr(
      "A cover counts for the date of the shift it covers, whenever it was recorded. 'done' are "
      "the\n"
      "covers a person did for others, 'received' those others did for them, 'net' is done minus\n"
      "received (above 0: the office owes them shifts). Hours are the shift's, or the part of it "
      "a\n"
      "cover names. Swaps are exchanges of duties and are not counted. See docs/publishing.md."));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    auto from = option_date("--from", opt->from);
    auto to = option_date("--to", opt->to);
    if (opt->year && (from || to))
      throw UsageError(tr("--year: give either --year or --from and --to, not both"));
    if (from.has_value() != to.has_value())
      throw UsageError(from ? tr("--from: needs --to as well (or use --year)")
                            : tr("--to: needs --from as well (or use --year)"));
    if (from && *from > *to)
      throw UsageError(trf("--from {0} is after --to {1}", opt->from, opt->to));
    Session s = open_session(ctx, Need::kReadStore);
    reports::BalanceRequest request;
    if (from) {
      request = {*from, *to};
    } else {
      int year = opt->year;
      if (!year) {
        date::year_month_day today{local_day(*s.office.zone, s.actor.now)};
        year = static_cast<int>(today.year());
      }
      request = reports::balance_year(year);
    }
    std::vector<reports::CoverBalance> rows = reports::roster_balance(*s.store, request);
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& r : rows) {
        w.begin_object().key("id").value(r.id).key("name").value(r.name);
        w.key("done").value(r.done).key("received").value(r.received).key("net").value(r.net());
        w.key("hours_done").value(hours(r.seconds_done));
        w.key("hours_received").value(hours(r.seconds_received));
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
    } else {
      Table table({tr("Person"), tr("Covered for others"), tr("Covered by others"), tr("Net"),
                   tr("Hours covered"), tr("Hours received")});
      for (const auto& r : rows) {
        table.add({roster::person_label({r.id, r.name}), std::to_string(r.done),
                   std::to_string(r.received), signed_text(r.net()), hours_text(r.seconds_done),
                   hours_text(r.seconds_received)});
      }
      table.print(ctx.out);
    }
    if (rows.empty()) {
      ctx.err << "duty: "
              << trf("no covers recorded for shifts from {0} to {1}", format_date(request.from),
                     format_date(request.to))
              << '\n';
    }
  });
}

}  // namespace duty::cli
