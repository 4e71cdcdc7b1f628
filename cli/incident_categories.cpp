// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/labels.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"
#include "common/json_writer.hpp"

namespace duty::cli {

void register_incident_categories(CLI::App& incident, Context& ctx) {
  auto format = std::make_shared<std::string>();
  CLI::App* cmd = incident.add_subcommand("categories", tr("List the incident categories (ids and labels)"));
  cmd->add_option("--format", *format, tr("table (default) or json"));
  cmd->callback([format, &ctx] {
    if (!format->empty() && *format != "table" && *format != "json") {
      throw UsageError(trf("--format: unknown format '{0}'; expected table or json", *format));
    }
    // Outside a workspace the built-in taxonomy is still worth listing.
    reports::Office office;
    office.categories = reports::builtin_categories();
    try {
      office = open_session(ctx, Need::kOffice).office;
    } catch (const UsageError&) {
    }
    std::string f = format->empty() ? "table" : *format;
    if (f == "json") {
      JsonWriter w(ctx.out, 2);
      w.begin_array();
      for (const auto& c : office.categories) {
        w.begin_object().key("id").value(c.id).key("class").value(c.klass);
        w.key("zh").value(c.zh).key("en").value(c.en).end_object();
      }
      w.end_array();
      ctx.out << '\n';
      return;
    }
    Labels l(office.locale);
    Table t({l("ID", "编号"), l("Class", "类别"), l("Name", "名称")});
    for (const auto& c : office.categories) {
      t.add({c.id, std::string(reports::class_label(c.klass, office.zh())), office.zh() ? c.zh : c.en});
    }
    t.print(ctx.out);
  });
}

}  // namespace duty::cli
