// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_settings.hpp"

#include <algorithm>

#include "common/i18n.hpp"
#include "common/yaml_reader.hpp"

namespace duty::reports {

namespace {

std::vector<std::string> names(YamlReader& r, const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (!node.IsSequence()) {
    r.error(node, trf("expected '{0}' as a list of names", what));
    return out;
  }
  for (const auto& item : node) {
    auto name = r.string(item, what);
    if (!name) continue;
    if (name->empty()) {
      r.error(item, trf("an entry of '{0}' is empty", what));
    } else if (std::find(out.begin(), out.end(), *name) != out.end()) {
      r.error(item, trf("'{0}' is listed twice in '{1}'", *name, what));
    } else {
      out.push_back(*name);
    }
  }
  return out;
}

}  // namespace

HazardSettings parse_hazard_settings(const YamlSource& source) {
  HazardSettings out;
  DiagnosticSink sink;
  YamlReader r(source, sink);
  const YAML::Node& root = source.root();
  if (!root.IsMap() || !root["hazards"]) return out;
  const YAML::Node& h = root["hazards"];
  if (r.check_map(h, "hazards", {"townships", "units", "upcoming_days"})) {
    if (h["townships"]) out.townships = names(r, h["townships"], "hazards.townships");
    if (h["units"]) out.units = names(r, h["units"], "hazards.units");
    if (h["upcoming_days"]) {
      out.upcoming_days = static_cast<int>(
          r.integer(h["upcoming_days"], "hazards.upcoming_days", 0, 366).value_or(3));
    }
  }
  sink.throw_if_any();
  return out;
}

HazardSettings load_hazard_settings(const Office& office) {
  if (office.file.empty()) return {};
  return parse_hazard_settings(YamlSource::from_file(office.file));
}

}  // namespace duty::reports
