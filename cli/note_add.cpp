// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/carry.hpp"

namespace duty::cli {

namespace {
struct NoteOptions {
  std::string text;
  std::string at;
};
}  // namespace

void register_note_add(CLI::App& note, Context& ctx) {
  auto opt = std::make_shared<NoteOptions>();
  CLI::App* cmd = note.add_subcommand(
      "add", tr("Write a handover note on the current shift (shown on its handover record)"));
  cmd->add_option("TEXT", opt->text, tr("The note"))->required();
  cmd->add_option("--at", opt->at, tr("When (TIME; default now; never in the future)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now, ClockReading::kPast);
    if (opt->text.empty()) throw UsageError(tr("TEXT: cannot be empty"));
    if (at && *at > s.actor.now) {
      throw UsageError(trf("--at: {0} is in the future (now is {1}); notes are written when they happen",
                           local(s.office, *at), local(s.office, s.actor.now)));
    }
    open_store(ctx, s, Need::kWriteStore);
    reports::Note n = reports::add_note(*s.store, s.office, opt->text, at, s.actor);
    // The note's number (its place in the log) is its handle: 'duty note void SEQ'.
    ctx.out << trf("note #{0} recorded at {1}", n.seq, local(s.office, n.at)) << '\n';
  });
}

}  // namespace duty::cli
