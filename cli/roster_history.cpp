// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/json_writer.hpp"

namespace duty::cli {

namespace {
struct HistoryOptions {
  std::string date;
  std::string format;
};

// One line of the history: a publication (its shifts folded together), a swap or a cover.
struct Entry {
  std::int64_t seq = 0;
  std::string type;
  std::string kind;  ///< publish or replan for publications
  Seconds recorded_at;
  std::string by;
  Days first;
  Days last;
  int shifts = 0;
  std::string change;  ///< "officer: tashi -> drolma" for swaps and cover; assignments for one date
  std::string reason;
  bool forced = false;
  int publication = 0;  ///< 1, 2, 3 ... for publications and re-plans
};

Days subject_date(const std::string& subject) {
  return parse_date(std::string_view(subject).substr(7)).value_or(Days{});
}

Entry entry_of(const reports::Event& e, const TimeZone& zone) {
  Entry x;
  x.seq = e.seq;
  x.type = e.type;
  x.kind = e.text("kind").value_or("");
  x.recorded_at = e.recorded_at;
  x.by = e.by;
  x.first = x.last = subject_date(e.subject);
  x.shifts = 1;
  x.reason = e.text("reason").value_or("");
  x.forced = e.integer("forced").value_or(0) != 0;
  if (e.type == reports::kRosterPublished) {
    x.change = e.text("assignments").value_or("");
  } else {
    x.change = e.text("slot").value_or("") + ": " + e.text("out").value_or("") + " -> " +
               e.text("in").value_or("");
    if (auto with = e.text("with")) x.change += trf(" (swapped with {0})", *with);
    auto from = e.integer("from"), to = e.integer("to");
    if (from && to) {  // a cover of part of the shift
      x.change += " " + format_local_minute(zone, Seconds{std::chrono::seconds{*from}}) + " – " +
                  format_local_minute(zone, Seconds{std::chrono::seconds{*to}});
    }
  }
  return x;
}
}  // namespace

void register_roster_history(CLI::App& roster, Context& ctx) {
  auto opt = std::make_shared<HistoryOptions>();
  CLI::App* cmd =
      roster.add_subcommand("history", tr("Every publication, swap and cover of the roster, with "
                                          "who, when and why (or those of one DATE)"));
  cmd->add_option("DATE", opt->date,
                  tr("Only this date's shift (YYYY-MM-DD): every version and change of it"));
  cmd->add_option("--format", opt->format,
                  tr("table or json (default: table)"));
  cmd->callback([opt, &ctx] {
    Format format = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    auto day = option_date("DATE", opt->date);
    Session s = open_session(ctx, Need::kReadStore);
    // Publications are numbered by their first shift events, in log order.
    std::map<std::int64_t, int> numbers;
    auto published = s.store->events_of_type(reports::kRosterPublished, Seconds::min(), Seconds::max());
    std::sort(published.begin(), published.end(),
              [](const reports::Event& a, const reports::Event& b) { return a.seq < b.seq; });
    for (const auto& e : published) {
      if (!e.integer("publication")) numbers.emplace(e.seq, static_cast<int>(numbers.size()) + 1);
    }
    auto number_of = [&](const reports::Event& e) {
      auto it = numbers.find(e.integer("publication").value_or(e.seq));
      return it == numbers.end() ? 0 : it->second;
    };
    std::vector<Entry> entries;
    if (day) {
      for (const auto& e : s.store->events(reports::roster_subject(*day))) {
        entries.push_back(entry_of(e, *s.office.zone));
        if (e.type == reports::kRosterPublished) entries.back().publication = number_of(e);
      }
      if (entries.empty()) throw UsageError(trf("{0} is not in the published roster", opt->date));
    } else {
      s.store->for_each_event(
          [&](const reports::Event& e) {
            if (e.type != reports::kRosterPublished && e.type != reports::kRosterSwap &&
                e.type != reports::kRosterCover) {
              return true;
            }
            // A publication's shift events carry the seq of its first one: fold them into one line.
            if (e.type == reports::kRosterPublished && !entries.empty() &&
                e.integer("publication") && *e.integer("publication") == entries.back().seq) {
              Entry& x = entries.back();
              Days d = subject_date(e.subject);
              x.first = std::min(x.first, d);
              x.last = std::max(x.last, d);
              ++x.shifts;
              x.forced = x.forced || e.integer("forced").value_or(0) != 0;
              return true;
            }
            entries.push_back(entry_of(e, *s.office.zone));
            if (e.type == reports::kRosterPublished) {
              entries.back().change.clear();
              entries.back().publication = number_of(e);
            }
            return true;
          },
          true);
    }
    const auto& zone = *s.office.zone;
    auto what = [](const Entry& x) {
      return x.type == reports::kRosterPublished ? x.kind : x.type.substr(7);
    };
    if (format == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& x : entries) {
        w.begin_object()
            .key("seq")
            .value(static_cast<std::int64_t>(x.seq))
            .key("type")
            .value(what(x))
            .key("publication");
        if (x.publication)
          w.value(x.publication);
        else
          w.null();
        w.key("from")
            .value(format_date(x.first))
            .key("to")
            .value(format_date(x.last))
            .key("shifts")
            .value(x.shifts);
        w.key("recorded_at").value(format_iso(zone, x.recorded_at)).key("by").value(x.by);
        w.key("change").value(x.change).key("reason").value(x.reason).key("forced").value(x.forced);
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
      return;
    }
    Table table(
        {tr("Seq"), tr("Recorded"), tr("By"), tr("What"), tr("Dates"), tr("Change"), tr("Reason")});
    // The kinds of change as words in the table (the JSON keeps them as they are).
    auto shown = [&](const Entry& x) {
      std::string kind = what(x);
      for (const char* k : {N_("publish"), N_("replan"), N_("swap"), N_("cover")}) {
        if (kind == k) return std::string(tr(k));
      }
      return kind;
    };
    for (const auto& x : entries) {
      std::string dates =
          format_date(x.first) + (x.last != x.first ? " .. " + format_date(x.last) : "");
      if (x.shifts > 1) dates += " (" + std::to_string(x.shifts) + ")";
      table.add({std::to_string(x.seq), format_local_minute(zone, x.recorded_at), x.by,
                 shown(x) + (x.publication ? trf(", publication {0}", x.publication) : "") +
                     (x.forced ? tr(" (forced)") : ""),
                 dates, x.change, x.reason.empty() ? "-" : x.reason});
    }
    table.print(ctx.out);
  });
}

}  // namespace duty::cli
