// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/files.hpp"
#include "common/i18n.hpp"
#include "reports/incident_import.hpp"

namespace duty::cli {

namespace {
struct ImportOptions {
  std::string file;
  std::string format;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

void register_incident_import(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<ImportOptions>();
  CLI::App* cmd = incident.add_subcommand("import", tr("Import incidents from YAML or CSV, all or nothing"));
  cmd->add_option("FILE", opt->file, tr("Incidents to import (.yaml/.yml or .csv)"))->required();
  cmd->add_option("--format", opt->format, tr("yaml or csv (default: from the file's extension)"));
  cmd->callback([opt, &ctx] {
    std::string format = opt->format;
    if (format.empty()) format = ends_with(opt->file, ".csv") ? "csv" : "yaml";
    if (format != "yaml" && format != "csv") {
      throw UsageError(trf("--format: unknown format '{0}'; expected yaml or csv", format));
    }
    Session s = open_session(ctx, Need::kOffice);
    DiagnosticSink sink;
    // The CSV reader walks the text, so the text outlives it (the YAML one parses the file whole).
    std::string text;
    std::unique_ptr<reports::ImportReader> reader;
    if (format == "csv") {
      text = read_regular_file(opt->file, kMaxImportBytes, "an import file");
      reader = reports::csv_import_reader(opt->file, text, s.office, s.actor.now, sink);
    } else {
      reader = reports::yaml_import_reader(
          YamlSource::from_file(opt->file, kMaxImportBytes, "an import file"), s.office,
          s.actor.now, sink);
    }
    // Each record is checked and written as it is read, in one transaction: every problem in the
    // file is reported at once and any problem rolls the whole import back.
    auto result = reports::import_incidents(*reader, s.office, s.actor, sink, [&]() -> reports::Store& {
      open_store(ctx, s, Need::kWriteStore);
      return *s.store;
    });
    if (result.count == 0) {
      ctx.out << tr("imported 0 incidents") << '\n';
    } else if (result.count == 1) {
      ctx.out << trn("imported {0} incident ({1})", "imported {0} incidents ({1})", 1, result.count, result.first)
              << '\n';
    } else {
      ctx.out << trn("imported {0} incident ({1})", "imported {0} incidents ({1})", result.count, result.count,
                     result.first + " .. " + result.last)
              << '\n';
    }
  });
}

}  // namespace duty::cli
