// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_import.hpp"

#include <memory>

#include "cli/commands.hpp"
#include "cli/workspace.hpp"
#include "common/files.hpp"
#include "common/i18n.hpp"
#include "reports/hazards/hazard_settings.hpp"

namespace duty::cli {

namespace {
struct HazardImportOptions {
  std::string file;
};
}  // namespace

void register_hazard_import(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardImportOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "import", tr("Register the hazards of a CSV or YAML file (a township's ledger): all or "
                   "nothing, every problem at file:line:column"));
  cmd->add_option("FILE", opt->file, tr("The file: .csv, or .yaml/.yml"))->required();
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    reports::HazardSettings settings = reports::load_hazard_settings(s.office);
    std::string text = read_regular_file(opt->file, kMaxImportBytes, tr("an import file"));
    auto hazards = reports::parse_hazard_import(opt->file, text, s.office, settings, s.actor);
    open_store(ctx, s, Need::kWriteStore);
    auto added = reports::add_hazards(*s.store, s.office, settings, hazards, s.actor);
    ctx.out << trn("{0} hazard registered: {1} to {2}", "{0} hazards registered: {1} to {2}",
                   added.size(), added.size(), added.front().id, added.back().id)
            << '\n';
  });
}

}  // namespace duty::cli
