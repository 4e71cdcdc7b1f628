// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
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
      "add", "Write a handover note on the current shift (shown on its handover record)");
  cmd->add_option("TEXT", opt->text, "The note")->required();
  cmd->add_option("--at", opt->at, "When (TIME; default now; never in the future)");
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    auto at = time_option("--at", opt->at, s.office, s.actor.now);
    if (opt->text.empty()) throw UsageError("TEXT: cannot be empty");
    if (at && *at > s.actor.now) {
      throw UsageError("--at: " + local(s.office, *at) + " is in the future (now is " +
                       local(s.office, s.actor.now) + "); notes are written when they happen");
    }
    open_store(ctx, s, Need::kWriteStore);
    reports::Note n = reports::add_note(*s.store, s.office, opt->text, at, s.actor);
    ctx.out << (s.office.zh() ? "已记录交班备注 " : "note recorded at ") << local(s.office, n.at)
            << '\n';
  });
}

}  // namespace duty::cli
