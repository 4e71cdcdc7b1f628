// SPDX-License-Identifier: Apache-2.0
#include "cli/roster_record_io.hpp"

#include <map>
#include <sstream>

#include "cli/output.hpp"
#include "common/files.hpp"
#include "common/json_writer.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::cli {

roster::ExportOptions published_export_options(const Context& ctx, Session& session, Format format,
                                               const PlanRenderFlags& flags,
                                               const roster::Spec& spec) {
  std::map<Days, int> changes = reports::roster_sequences(*session.store, spec.from, spec.to);
  auto sequence = [changes = std::move(changes)](Days day) {
    auto it = changes.find(day);
    return it == changes.end() ? 0 : it->second;
  };
  roster::ExportOptions options = plan_export_options(ctx, format, flags, spec, sequence);
  options.office = session.office.name;
  return options;
}

roster::Spec load_roster_spec(const Session& session, const std::string& path,
                              const roster::PeriodOverride& period) {
  return roster::load_spec(path.empty() ? session.office.resolve(session.office.roster) : path,
                           period);
}

reports::SpecInForce spec_in_force(const Session& session, const std::string& path) {
  return {YamlSource::from_file(path.empty() ? session.office.resolve(session.office.roster) : path,
                                kMaxConfigBytes, tr("a roster spec"))};
}

void write_place_changes(std::ostream& out, Format format, const reports::RosterStep& step) {
  std::set<Days> shifts;
  for (const auto& c : step.changes) shifts.insert(c.date);
  if (format == Format::kJson) {
    JsonWriter w(out, 2);
    w.begin_object()
        .key("from")
        .value(format_date(step.from))
        .key("to")
        .value(format_date(step.to));
    w.key("changed").value(static_cast<int>(step.changes.size()));
    w.key("shifts").value(static_cast<int>(shifts.size())).key("changes").begin_array();
    auto text_or_null = [&](const std::string& s) {
      if (s.empty())
        w.null();
      else
        w.value(s);
    };
    for (const auto& c : step.changes) {
      w.begin_object().key("date").value(format_date(c.date)).key("slot").value(c.slot);
      w.key("out");
      text_or_null(c.out);
      w.key("in");
      text_or_null(c.in);
      w.key("lost");
      text_or_null(c.lost);
      w.end_object();
    }
    w.end_array().end_object();
    out << '\n';
    return;
  }
  bool any_lost = std::any_of(step.changes.begin(), step.changes.end(),
                              [](const reports::PlaceChange& c) { return !c.lost.empty(); });
  std::vector<std::string> head{tr("Date"), tr("Slot"), tr("Out"), tr("In")};
  if (any_lost) head.push_back(tr("Note"));
  Table table(head);
  for (const auto& c : step.changes) {
    std::vector<std::string> row{format_date(c.date), c.slot, c.out.empty() ? "-" : c.out,
                                 c.in.empty() ? "-" : c.in};
    if (any_lost) {
      std::string note;
      if (c.lost == "swap")
        note = tr("recorded swap lost");
      else if (!c.lost.empty())
        note = tr("recorded cover lost");
      row.push_back(note);
    }
    table.add(row);
  }
  table.print(out);
}

bool looks_like_plan(const std::string& path) {
  std::istringstream in(read_regular_file(path, kMaxConfigBytes, tr("a roster spec or plan")));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("shifts:", 0) == 0 || line.find("\"shifts\"") != std::string::npos) return true;
  }
  return false;
}

void check_reason(bool force, const std::string& reason) {
  if (force && reason.empty())
    throw UsageError(tr("--reason: required with --force; say why the rules are set aside"));
  if (!reason.empty() && !is_valid_utf8(reason))
    throw UsageError(tr("--reason: is not valid UTF-8 text"));
}

}  // namespace duty::cli
