// SPDX-License-Identifier: Apache-2.0
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/incident_common.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/incident_import.hpp"

namespace duty::cli {

namespace {
struct ExportOptions {
  std::string format;
  std::string output;
  std::string from;
  std::string to;
  bool bom = false;
};

std::string text_of(const reports::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<long long>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return format_number(*d);
  return "";
}

// The import format, so an export can be imported into another office's log.
void export_yaml(std::ostream& out, const std::vector<reports::Incident>& all, const reports::Office& o) {
  YAML::Emitter y;
  y << YAML::BeginMap << YAML::Key << "incidents" << YAML::Value << YAML::BeginSeq;
  auto fields = [&](const reports::Event& e, bool created) {
    for (const auto& [k, v] : e.data) {
      if (k == "number") continue;
      std::string key = k;
      std::string value = text_of(v);
      if (k == "occurred_at") {
        key = "occurred";
        value = iso(o, Seconds{std::chrono::seconds{std::get<long long>(v)}});
      }
      if (created && k == "description") key = "note";
      y << YAML::Key << key << YAML::Value << value;
    }
  };
  for (const auto& inc : all) {
    y << YAML::BeginMap;
    y << YAML::Key << "id" << YAML::Value << inc.id;
    y << YAML::Key << "received" << YAML::Value << iso(o, inc.received_at);
    std::vector<const reports::Event*> updates, escalations;
    const reports::Event* closed = nullptr;
    for (const auto& e : inc.events) {
      if (e.type == reports::event_type::kCreated) fields(e, true);
      if (e.type == reports::event_type::kUpdate) updates.push_back(&e);
      if (e.type == reports::event_type::kEscalation) escalations.push_back(&e);
      if (e.type == reports::event_type::kClosed) closed = &e;
    }
    if (!updates.empty()) {
      y << YAML::Key << "updates" << YAML::Value << YAML::BeginSeq;
      for (const auto* e : updates) {
        y << YAML::BeginMap << YAML::Key << "at" << YAML::Value << iso(o, e->at);
        fields(*e, false);
        y << YAML::EndMap;
      }
      y << YAML::EndSeq;
    }
    if (!escalations.empty()) {
      y << YAML::Key << "escalations" << YAML::Value << YAML::BeginSeq;
      for (const auto* e : escalations) {
        y << YAML::BeginMap << YAML::Key << "at" << YAML::Value << iso(o, e->at);
        fields(*e, false);
        y << YAML::EndMap;
      }
      y << YAML::EndSeq;
    }
    if (closed) {
      y << YAML::Key << "closed" << YAML::Value << YAML::BeginMap << YAML::Key << "at" << YAML::Value
        << iso(o, closed->at);
      fields(*closed, false);
      y << YAML::EndMap;
    }
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap;
  out << y.c_str() << '\n';
}
}  // namespace

void register_incident_export(CLI::App& incident, Context& ctx) {
  auto opt = std::make_shared<ExportOptions>();
  CLI::App* cmd = incident.add_subcommand(
      "export", tr("Export every incident (only yaml re-imports the whole log; json has the timelines; csv is a "
                   "flat table)"));
  cmd->add_option("--format", opt->format,
                  tr("yaml (default, or from the extension of -o FILE: the whole log, which 'incident import' "
                     "takes back), json (with the timelines) or csv (a flat table of each incident's current "
                     "state, for spreadsheets: no follow-ups, escalations or final reports, so it does not "
                     "round-trip)"));
  cmd->add_option("-o,--output", opt->output, tr("Write to FILE instead of stdout"));
  cmd->add_option("--from", opt->from, tr("Only incidents received at or after TIME"));
  cmd->add_option("--to", opt->to, tr("Only incidents received at or before TIME (a bare date: through its end)"));
  cmd->add_flag("--bom", opt->bom,
                tr("Start the CSV with a UTF-8 byte order mark, so Excel shows Chinese text right (csv only)"));
  cmd->callback([opt, &ctx] {
    std::string format = opt->format.empty() ? "yaml" : opt->format;
    if (format != "yaml" && format != "json" && format != "csv") {
      throw UsageError(trf("--format: unknown format '{0}'{1}; expected yaml, json or csv", format,
                           did_you_mean(format, {"yaml", "json", "csv"})));
    }
    // Without --format, -o FILE's extension chooses, and one that is none of the three is refused.
    if (opt->format.empty() && !opt->output.empty() && opt->output != "-") {
      check_output_file(ctx, opt->output);
      if (auto f =
              format_from_extension(opt->output, {Format::kYaml, Format::kJson, Format::kCsv})) {
        format = format_name(*f);
      }
    }
    if (opt->bom && format != "csv") {
      throw UsageError(trf("--bom: only a CSV export starts with a byte order mark (the format is {0}); add "
                           "--format csv or drop --bom",
                           format));
    }
    Session s = open_session(ctx, Need::kReadStore);
    reports::ListQuery query;
    query.from = time_option("--from", opt->from, s.office, s.actor.now);
    query.to = range_end_option("--to", opt->to, s.office, s.actor.now);
    std::vector<reports::Incident> all;
    for (const auto& row : s.store->incidents().list(query)) all.push_back(reports::load_incident(*s.store, s.office, row.id));
    std::optional<std::string> output = opt->output.empty() ? std::nullopt : std::optional(opt->output);
    emit(ctx, output, [&](std::ostream& out) {
      if (format == "yaml") return export_yaml(out, all, s.office);
      if (format == "json") {
        JsonWriter w(out, 2);
        w.begin_array();
        for (const auto& inc : all) write_incident_json(w, inc, s.office, true, s.actor.now);
        w.end_array();
        out << '\n';
        return;
      }
      CsvWriter csv(out, opt->bom);
      std::vector<std::string> header = reports::import_csv_columns();
      header.insert(header.begin(), "id");
      // The history a flat row cannot carry is counted, so an import of the table refuses the rows
      // whose history it would lose rather than reopen closed incidents.
      for (const char* column : {"status", "followups", "escalations"}) header.push_back(column);
      csv.row(header);
      for (const auto& i : all) {
        const auto& c = i.casualties;
        auto escalations = std::count_if(i.events.begin(), i.events.end(), [](const reports::Event& e) {
          return e.type == reports::event_type::kEscalation;
        });
        csv.row({i.id, i.title, i.category, std::string(reports::to_string(i.stated)),
                 i.occurred_at ? iso(s.office, *i.occurred_at) : "", iso(s.office, i.received_at), i.location,
                 i.source, i.received_by, std::to_string(c.deaths), std::to_string(c.injured),
                 std::to_string(c.seriously_injured), std::to_string(c.missing), std::to_string(c.trapped),
                 format_number(i.loss), i.description, i.actions, i.leaders_on_scene, i.closed ? "closed" : "open",
                 std::to_string(i.followups), std::to_string(escalations)});
      }
    });
  });
}

}  // namespace duty::cli
