// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/workspace.hpp"
#include "common/files.hpp"
#include "common/i18n.hpp"
#include "reports/warnings/cap_import.hpp"

namespace duty::cli {

namespace {
struct WarningImportOptions {
  std::vector<std::string> files;
  std::string received;
};
}  // namespace

void register_warning_import(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningImportOptions>();
  CLI::App* cmd =
      warning.add_subcommand("import", tr("Import CAP 1.2 warning messages (Alert adds, Update "
                                          "updates, Cancel lifts), all or nothing"));
  cmd->add_option("FILE", opt->files, tr("CAP 1.2 XML files"))->required();
  cmd->add_option("--received", opt->received,
                  tr("When the duty room received them (TIME; default now)"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    Seconds received =
        time_option("--received", opt->received, s.office, s.actor.now, ClockReading::kPast)
            .value_or(s.actor.now);
    if (received > s.actor.now) {
      throw FieldError("received", trf("{0} is in the future (now is {1})",
                                       local(s.office, received), local(s.office, s.actor.now)));
    }
    // Every file is read and checked before anything is written.
    std::vector<reports::CapMessage> messages;
    std::vector<Diagnostic> problems;
    for (const auto& file : opt->files) {
      try {
        messages.push_back(reports::parse_cap(
            file, read_regular_file(file, reports::kMaxCapBytes, "a CAP message")));
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      }
    }
    if (!problems.empty()) throw InputError(problems);
    std::erase_if(messages, [&](const reports::CapMessage& m) {
      if (m.not_a_warning.empty()) return false;
      ctx.out << trf("{0}: {1} skipped: {2}", m.file, printable(m.identifier), m.not_a_warning) << '\n';
      return true;
    });
    if (messages.empty()) return;
    open_store(ctx, s, Need::kWriteStore);
    for (const auto& o : reports::import_cap(*s.store, s.office, messages, received, s.actor)) {
      if (o.action == "already-recorded") {
        ctx.out << trf("{0}: {1} already recorded ({2})", o.file, o.identifier, o.warning) << '\n';
      } else if (o.action == "lifted") {
        ctx.out << trf("{0}: {1} lifted ({2})", o.file, o.warning, o.identifier) << '\n';
      } else if (o.action == "updated") {
        ctx.out << trf("{0}: {1} updated ({2})", o.file, o.warning, o.identifier) << '\n';
      } else {
        ctx.out << trf("{0}: {1} added ({2})", o.file, o.warning, o.identifier) << '\n';
      }
    }
  });
}

}  // namespace duty::cli
