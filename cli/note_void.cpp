// SPDX-License-Identifier: Apache-2.0
#include <charconv>
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "reports/incident_correct.hpp"

namespace duty::cli {

namespace {
struct NoteVoidOptions {
  std::string seq;
  std::string reason;
};
}  // namespace

void register_note_void(CLI::App& note, Context& ctx) {
  auto opt = std::make_shared<NoteVoidOptions>();
  CLI::App* cmd = note.add_subcommand("void", tr("Void a handover note written in error (作废): it "
                                                 "stays in the log and leaves the handover"));
  cmd->add_option(
         "SEQ", opt->seq,
         tr("The note's number: its place in the log, as 'note add' and 'note list' print it"))
      ->required();
  cmd->add_option("--reason", opt->reason, tr("Why the note is void (required)"));
  cmd->callback([opt, &ctx] {
    std::string_view text = opt->seq;
    if (!text.empty() && text.front() == '#') text.remove_prefix(1);
    std::int64_t seq = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), seq);
    if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size() || seq < 1) {
      throw UsageError(trf(
          "SEQ: '{0}' is not a note number (1, 2, 3 ...); 'duty note list' shows them", opt->seq));
    }
    Session s = open_session(ctx, Need::kWriteExisting);
    reports::Note n = reports::void_note(*s.store, s.office, seq, opt->reason, s.actor);
    ctx.out << trf("note #{0} of {1} voided: {2}", n.seq, local(s.office, n.at), opt->reason)
            << '\n';
  });
}

}  // namespace duty::cli
