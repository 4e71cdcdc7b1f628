// SPDX-License-Identifier: Apache-2.0
#include <memory>

#include "cli/commands.hpp"
#include "cli/hazard_common.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

namespace {
struct HazardExportOptions {
  std::string format, output;
};
}  // namespace

void register_hazard_export(CLI::App& hazard, Context& ctx) {
  auto opt = std::make_shared<HazardExportOptions>();
  CLI::App* cmd = hazard.add_subcommand(
      "export", tr("Write the whole ledger (every field, every hazard) as CSV or JSON; "
                   "'hazard import' reads the CSV back"));
  cmd->add_option("--format", opt->format, tr("csv (default) or json"));
  cmd->add_option("-o,--output", opt->output, tr("Write to FILE instead of standard output"));
  cmd->callback([opt, &ctx] {
    Session s = open_session(ctx, Need::kOffice);
    std::optional<std::string> output;
    if (!opt->output.empty()) output = opt->output;
    Format format = opt->format.empty() && !output
                        ? Format::kCsv
                        : choose_format(ctx, opt->format, output, {Format::kCsv, Format::kJson});
    const reports::Office& o = s.office;
    open_store(ctx, s, Need::kReadStore);
    auto all = reports::all_hazards(*s.store, o);
    Seconds now = s.actor.now;
    emit(ctx, output, [&](std::ostream& out) {
      if (format == Format::kJson) {
        JsonWriter w(out, 2);
        w.begin_array();
        for (const auto& h : all) write_hazard_json(w, h, o, now, true);
        w.end_array();
        out << '\n';
        return;
      }
      CsvWriter csv(out);
      csv.row({"id",
               "title",
               "township",
               "location",
               "category",
               "grade",
               "source",
               "found",
               "found_by",
               "unit",
               "owner",
               "owner_phone",
               "measures",
               "due",
               "supervisor",
               "basis",
               "status",
               "original_due",
               "submitted_at",
               "closed_at",
               "on_time",
               "supervision_level",
               "supervision_by",
               "overdue"});
      for (const auto& h : all) {
        csv.row({h.id,
                 h.title,
                 h.township,
                 h.location,
                 h.category,
                 std::string(reports::to_string(h.grade)),
                 std::string(reports::to_string(h.source)),
                 iso(o, h.found),
                 h.found_by,
                 h.unit,
                 h.owner,
                 h.owner_phone,
                 h.measures,
                 format_date(h.due),
                 h.supervisor,
                 h.basis,
                 std::string(reports::to_string(h.status)),
                 format_date(h.original_due),
                 h.submitted_at ? iso(o, *h.submitted_at) : "",
                 h.closed_at ? iso(o, *h.closed_at) : "",
                 h.on_time ? (*h.on_time ? "true" : "false") : "",
                 h.supervision ? std::string(reports::to_string(h.supervision->level)) : "",
                 h.supervision ? h.supervision->by : "",
                 h.overdue(now) ? "true" : "false"});
      }
    });
  });
}

}  // namespace duty::cli
