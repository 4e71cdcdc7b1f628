// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/carry.hpp"

namespace duty::cli {

namespace {
struct NoteListOptions {
  std::string from;
  std::string to;
  std::string format;
};
}  // namespace

void register_note_list(CLI::App& note, Context& ctx) {
  auto opt = std::make_shared<NoteListOptions>();
  CLI::App* cmd = note.add_subcommand("list", tr("List handover notes (交接班备注), oldest first"));
  cmd->add_option("--from", opt->from, tr("Notes written at or after TIME (default: the first)"));
  cmd->add_option("--to", opt->to, tr("Notes written at or before TIME (a bare date: through its end)"));
  cmd->add_option("--format", opt->format, tr("table (default) or json"));
  cmd->callback([opt, &ctx] {
    Format f = choose_format(ctx, opt->format, std::nullopt, {Format::kTable, Format::kJson});
    Session s = open_session(ctx, Need::kReadStore);
    const reports::Office& o = s.office;
    static const Seconds kFirst{date::sys_days{date::year{kFirstYear} / 1 / 1}};
    static const Seconds kAfterLast{date::sys_days{date::year{kLastYear + 1} / 1 / 1}};
    Seconds from = time_option("--from", opt->from, o, s.actor.now).value_or(kFirst);
    // notes_between takes [from, to): one second past the last one a range takes in.
    auto to = range_end_option("--to", opt->to, o, s.actor.now);
    Seconds until = to ? *to + std::chrono::seconds{1} : kAfterLast;
    if (to && *to < from) {
      throw UsageError(trf("--to: {0} is before --from {1}; give the earlier time first", local(o, *to),
                           local(o, from)));
    }
    std::vector<reports::Note> notes = reports::notes_between(*s.store, from, until);
    if (f == Format::kJson) {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& n : notes) {
        w.begin_object();
        w.key("seq").value(n.seq);
        write_time(w, "at", o, n.at);
        w.key("by").value(n.by);
        w.key("text").value(n.text);
        w.end_object();
      }
      w.end_array();
      ctx.out << '\n';
      return;
    }
    // The event's sequence number is the note's handle: it names the note in the log for good.
    Table t({tr("NO."), tr("TIME"), tr("BY"), tr("NOTE")});
    for (const auto& n : notes) t.add({"#" + std::to_string(n.seq), local(o, n.at), n.by, n.text});
    t.print(ctx.out);
  });
}

}  // namespace duty::cli
