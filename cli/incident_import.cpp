// SPDX-License-Identifier: Apache-2.0
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
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
  CLI::App* cmd = incident.add_subcommand("import", "Import incidents from YAML or CSV, all or nothing");
  cmd->add_option("FILE", opt->file, "Incidents to import (.yaml/.yml or .csv)")->required();
  cmd->add_option("--format", opt->format, "yaml or csv (default: from the file's extension)");
  cmd->callback([opt, &ctx] {
    std::string format = opt->format;
    if (format.empty()) format = ends_with(opt->file, ".csv") ? "csv" : "yaml";
    if (format != "yaml" && format != "csv") {
      throw UsageError("--format: unknown format '" + format + "'; expected yaml or csv");
    }
    Session s = open_session(ctx, Need::kOffice);
    std::vector<reports::ImportRecord> records;
    DiagnosticSink sink;
    if (format == "csv") {
      std::ifstream in(opt->file, std::ios::binary);
      if (!in) throw UsageError("cannot read '" + opt->file + "': no such file or not readable");
      std::ostringstream text;
      text << in.rdbuf();
      records = reports::parse_import_csv(opt->file, text.str(), s.office, s.actor.now, sink);
    } else {
      records = reports::parse_import_yaml(YamlSource::from_file(opt->file), s.office, s.actor.now, sink);
    }
    // Every problem in the file at once: what did not parse and what the office would refuse.
    // (When everything parsed, import_incidents runs the same check and reports it all itself.)
    if (!sink.empty()) {
      reports::check_import(records, s.office, s.actor, sink);
      sink.throw_if_any();
    }
    open_store(ctx, s, Need::kWriteStore);
    auto ids = reports::import_incidents(*s.store, s.office, records, s.actor);
    ctx.out << "imported " << ids.size() << " incident" << (ids.size() == 1 ? "" : "s");
    if (!ids.empty()) ctx.out << " (" << ids.front() << (ids.size() > 1 ? " .. " + ids.back() : "") << ")";
    ctx.out << '\n';
  });
}

}  // namespace duty::cli
