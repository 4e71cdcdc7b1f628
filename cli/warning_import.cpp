// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/call_common.hpp"
#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/files.hpp"
#include "common/i18n.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"
#include "reports/warnings/cap_import.hpp"

namespace duty::cli {

namespace {
struct WarningImportOptions {
  std::vector<std::string> files;
  std::string received, format;
};

// One line of the import's report (and, as JSON, one object).
struct CapImportLine {
  std::string file, identifier, action, warning, note;
  std::vector<std::string> unrecorded_references;
};

std::string cap_outcome_text(const reports::CapOutcome& o) {
  if (o.action == "skipped") return trf("{0}: {1} skipped: {2}", o.file, o.identifier, o.note);
  if (o.action == "already-recorded")
    return trf("{0}: {1} already recorded ({2})", o.file, o.identifier, o.warning);
  if (o.action == "lifted") return trf("{0}: {1} lifted ({2})", o.file, o.warning, o.identifier);
  if (o.action == "updated") return trf("{0}: {1} updated ({2})", o.file, o.warning, o.identifier);
  if (o.action == "renewed")
    return trf("{0}: {1} renewed (续发) after it expired ({2})", o.file, o.warning, o.identifier);
  return trf("{0}: {1} added ({2})", o.file, o.warning, o.identifier);
}

std::string cap_unrecorded_note(const std::vector<std::string>& refs) {
  return trf("references {0}, not recorded: added as new", join(refs, " "));
}

void write_cap_import_json(std::ostream& out, const std::vector<CapImportLine>& lines) {
  JsonWriter jw(out, 2);
  jw.begin_array();
  for (const auto& l : lines) {
    jw.begin_object();
    jw.key("file").value(l.file);
    jw.key("identifier").value(l.identifier);
    jw.key("action").value(l.action);
    write_text_or_null(jw, "warning", l.warning);
    write_text_or_null(jw, "note", l.note);
    jw.key("unrecorded_references").begin_array();
    for (const auto& r : l.unrecorded_references) jw.value(r);
    jw.end_array();
    jw.end_object();
  }
  jw.end_array();
  out << '\n';
}
}  // namespace

void register_warning_import(CLI::App& warning, Context& ctx) {
  auto opt = std::make_shared<WarningImportOptions>();
  CLI::App* cmd =
      warning.add_subcommand("import", tr("Import CAP 1.2 warning messages (Alert adds, Update "
                                          "updates, Cancel lifts), all or nothing"));
  cmd->add_option("FILE", opt->files, tr("CAP 1.2 XML files"))->required();
  cmd->add_option("--received", opt->received,
                  tr("When the duty room received them (TIME; default now)"));
  cmd->add_option("--format", opt->format,
                  tr("text (a line per message, default) or json (an object per message)"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    bool json = opt->format == "json";
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
    std::vector<CapImportLine> lines;
    std::erase_if(messages, [&](const reports::CapMessage& m) {
      if (m.not_a_warning.empty()) return false;
      lines.push_back({m.file, m.identifier, "skipped", "", m.not_a_warning, {}});
      if (!json) {
        ctx.out << trf("{0}: {1} skipped: {2}", m.file, printable(m.identifier), m.not_a_warning)
                << '\n';
      }
      return true;
    });
    if (!messages.empty()) {
      open_store(ctx, s, Need::kWriteStore);
      for (const auto& o : reports::import_cap(*s.store, s.office, messages, received, s.actor)) {
        CapImportLine line{o.file,    o.identifier, o.action,
                           o.warning, o.note,       o.unrecorded_references};
        std::string text = cap_outcome_text(o);
        if (!o.unrecorded_references.empty()) {
          line.note = cap_unrecorded_note(o.unrecorded_references);
          text += "; " + line.note;
        }
        lines.push_back(std::move(line));
        if (!json) ctx.out << text << '\n';
      }
    }
    if (json) write_cap_import_json(ctx.out, lines);
  });
}

}  // namespace duty::cli
