// SPDX-License-Identifier: Apache-2.0
#include "reports/warnings/warning_settings.hpp"

#include <algorithm>
#include <set>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/yaml_reader.hpp"

namespace duty::reports {

namespace {

struct LevelName {
  WarningLevel level;
  std::string_view en, zh, roman;
};

constexpr LevelName kLevelNames[] = {
    {WarningLevel::kBlue, "blue", "蓝色", "Ⅳ"},
    {WarningLevel::kYellow, "yellow", "黄色", "Ⅲ"},
    {WarningLevel::kOrange, "orange", "橙色", "Ⅱ"},
    {WarningLevel::kRed, "red", "红色", "Ⅰ"},
};

constexpr WarningLevel B = WarningLevel::kBlue;
constexpr WarningLevel Y = WarningLevel::kYellow;
constexpr WarningLevel O = WarningLevel::kOrange;
constexpr WarningLevel R = WarningLevel::kRed;

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string strip_suffix(std::string word, std::string_view suffix) {
  if (word.size() > suffix.size() &&
      word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0) {
    word.resize(word.size() - suffix.size());
  }
  return word;
}

}  // namespace

std::string_view to_string(WarningLevel level) {
  for (const auto& n : kLevelNames) {
    if (n.level == level) return n.en;
  }
  return "blue";
}

std::string_view level_label(WarningLevel level, bool zh) {
  for (const auto& n : kLevelNames) {
    if (n.level == level) return zh ? n.zh : n.en;
  }
  return "";
}

std::string_view level_roman(WarningLevel level) {
  for (const auto& n : kLevelNames) {
    if (n.level == level) return n.roman;
  }
  return "";
}

std::optional<WarningLevel> parse_warning_level(std::string_view text) {
  std::string word = strip_suffix(std::string(trim(text)), "级");
  std::string lower = ascii_lower(word);
  static const std::pair<std::string_view, WarningLevel> kAscii[] = {
      {"iv", B}, {"iii", Y}, {"ii", O}, {"i", R}, {"4", B}, {"3", Y}, {"2", O}, {"1", R}};
  for (const auto& n : kLevelNames) {
    if (lower == n.en || word == n.zh || word == n.roman || word == n.zh.substr(0, 3))
      return n.level;
  }
  for (const auto& [name, level] : kAscii) {
    if (lower == name) return level;
  }
  return std::nullopt;
}

bool WarningType::has(WarningLevel level) const {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

const std::vector<WarningType>& builtin_warning_types() {
  // 气象灾害预警信号发布与传播办法 (中国气象局令第16号, 2007), annex: each signal's colours; 霾 has
  // had a red signal too since the CMA's 2013 revision of the haze signal.
  static const std::vector<WarningType> kTypes = {
      {"typhoon", "台风", "Typhoon", {B, Y, O, R}},
      {"rainstorm", "暴雨", "Rainstorm", {B, Y, O, R}},
      {"snowstorm", "暴雪", "Snowstorm", {B, Y, O, R}},
      {"cold-wave", "寒潮", "Cold wave", {B, Y, O, R}},
      {"gale", "大风", "Gale", {B, Y, O, R}},
      {"sandstorm", "沙尘暴", "Sandstorm", {Y, O, R}},
      {"heat", "高温", "Heat", {Y, O, R}},
      {"drought", "干旱", "Drought", {O, R}},
      {"lightning", "雷电", "Lightning", {Y, O, R}},
      {"hail", "冰雹", "Hail", {O, R}},
      {"frost", "霜冻", "Frost", {B, Y, O}},
      {"fog", "大雾", "Fog", {Y, O, R}},
      {"haze", "霾", "Haze", {Y, O, R}},
      {"road-icing", "道路结冰", "Road icing", {Y, O, R}},
      // Provincial and other families (docs/warnings.md).
      {"snow-disaster", "雪灾", "Snow disaster", {B, Y, O, R}},
      {"geological-risk", "地质灾害气象风险", "Geological hazard risk", {B, Y, O, R}},
      {"fire-danger", "森林草原火险", "Forest and grassland fire danger", {B, Y, O, R}},
      {"flood", "洪水", "Flood", {B, Y, O, R}},
      {"mountain-flood", "山洪灾害气象风险", "Mountain torrent risk", {B, Y, O, R}},
  };
  return kTypes;
}

bool ResponseRule::matches(const std::string& type, WarningLevel level) const {
  bool level_ok = levels.empty() || std::find(levels.begin(), levels.end(), level) != levels.end();
  bool type_ok = types.empty() || std::find(types.begin(), types.end(), type) != types.end();
  return level_ok && type_ok;
}

const WarningType* WarningSettings::find_type(std::string_view id) const {
  for (const auto& t : types) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const ContactGroup* WarningSettings::find_group(std::string_view id) const {
  for (const auto& g : groups) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

const Contact* WarningSettings::find_contact(std::string_view unit) const {
  for (const auto& g : groups) {
    for (const auto& c : g.contacts) {
      if (c.unit == unit) return &c;
    }
  }
  return nullptr;
}

std::vector<std::string> WarningSettings::units() const {
  std::vector<std::string> out;
  for (const auto& g : groups) {
    for (const auto& c : g.contacts) {
      if (std::find(out.begin(), out.end(), c.unit) == out.end()) out.push_back(c.unit);
    }
  }
  return out;
}

WarningSettings default_warning_settings() {
  WarningSettings s;
  s.types = builtin_warning_types();
  return s;
}

std::optional<std::string> find_warning_type(const WarningSettings& settings,
                                             std::string_view typed) {
  std::string word = nfc(trim(typed));
  if (word.empty()) return std::nullopt;
  for (const auto& t : settings.types) {
    if (t.id == word) return t.id;
  }
  std::string zh = strip_suffix(strip_suffix(word, "信号"), "预警");
  std::string lower = ascii_lower(word);
  for (const auto& t : settings.types) {
    if (nfc(t.zh) == word || nfc(t.zh) == zh || ascii_lower(t.en) == lower) return t.id;
  }
  return std::nullopt;
}

std::string type_name(const WarningSettings& settings, const std::string& type, bool zh) {
  const WarningType* t = settings.find_type(type);
  if (!t) return type;
  return zh ? t->zh : t->en;
}

std::string warning_title(const WarningSettings& settings, const std::string& type,
                          WarningLevel level, bool zh) {
  std::string name = type_name(settings, type, zh);
  if (zh) return name + std::string(level_label(level, true)) + "预警";
  return name + " " + std::string(level_label(level, false)) + " warning";
}

std::string unknown_warning_type_message(const WarningSettings& settings, std::string_view typed) {
  std::vector<std::string> names;
  for (const auto& t : settings.types) {
    names.push_back(t.id);
    names.push_back(t.zh);
  }
  return trf("unknown warning type '{0}'{1}; docs/warnings.md lists the types",
             printable(nfc(trim(typed))), did_you_mean(nfc(trim(typed)), names));
}

namespace {

void parse_contacts(YamlReader& r, const YAML::Node& node, WarningSettings& s) {
  if (!node.IsMap()) {
    r.error(node,
            tr("expected 'contacts' as a map of groups, e.g. contacts: {townships: [{unit: 泽曲镇, "
               "person: 才让, phone: \"13800000001\"}]}"));
    return;
  }
  for (const auto& kv : node) {
    auto id = r.id(kv.first, tr("contact group"));
    if (!id) continue;
    if (s.find_group(*id)) {
      r.error(kv.first, trf("duplicate contact group '{0}'", *id));
      continue;
    }
    ContactGroup g{*id, {}};
    if (!kv.second.IsSequence()) {
      r.error(kv.second,
              trf("expected the contact group '{0}' as a list of {{unit, person, phone}}", *id));
      continue;
    }
    for (const auto& c : kv.second) {
      if (!r.check_map(c, tr("a contact"), {"unit", "person", "phone"})) continue;
      if (!c["unit"]) {
        r.error(c, tr("a contact needs a 'unit'"));
        continue;
      }
      Contact contact;
      contact.unit = std::string(trim(r.string(c["unit"], "unit").value_or("")));
      if (contact.unit.empty()) {
        r.error(c["unit"], tr("a contact's unit cannot be empty"));
        continue;
      }
      if (c["person"]) contact.person = r.string(c["person"], "person").value_or("");
      if (c["phone"]) contact.phone = r.string(c["phone"], "phone").value_or("");
      bool twice = std::any_of(g.contacts.begin(), g.contacts.end(),
                               [&](const Contact& x) { return x.unit == contact.unit; });
      if (twice) {
        r.error(c["unit"],
                trf("the unit '{0}' is listed twice in the group '{1}'", contact.unit, *id));
        continue;
      }
      g.contacts.push_back(std::move(contact));
    }
    s.groups.push_back(std::move(g));
  }
}

void parse_types(YamlReader& r, const YAML::Node& node, WarningSettings& s) {
  if (!node.IsSequence()) {
    r.error(node, tr("expected 'warnings.types' as a list of {id, zh, en, levels}"));
    return;
  }
  for (const auto& t : node) {
    if (!r.check_map(t, tr("a warning type"), {"id", "zh", "en", "levels"})) continue;
    if (!t["id"]) {
      r.error(t, tr("a warning type needs an 'id'"));
      continue;
    }
    auto id = r.id(t["id"], tr("warning type id"));
    if (!id) continue;
    WarningType type{*id, *id, *id, {B, Y, O, R}};
    if (const WarningType* known = s.find_type(*id)) type = *known;
    if (t["zh"]) type.zh = r.string(t["zh"], "zh").value_or(type.zh);
    if (t["en"]) type.en = r.string(t["en"], "en").value_or(type.en);
    if (t["levels"]) {
      std::vector<WarningLevel> levels;
      bool bad = false;
      for (const auto& l : r.strings(t["levels"], "levels")) {
        if (auto level = parse_warning_level(l)) {
          if (std::find(levels.begin(), levels.end(), *level) == levels.end())
            levels.push_back(*level);
        } else {
          r.error(t["levels"],
                  trf("unknown warning level '{0}'; expected blue, yellow, orange or red", l));
          bad = true;
        }
      }
      if (bad) continue;
      if (levels.empty()) {
        r.error(t["levels"], tr("a warning type needs at least one level"));
        continue;
      }
      std::sort(levels.begin(), levels.end());
      type.levels = levels;
    }
    auto it = std::find_if(s.types.begin(), s.types.end(),
                           [&](const WarningType& x) { return x.id == type.id; });
    if (it != s.types.end()) {
      *it = type;
    } else {
      s.types.push_back(type);
    }
  }
}

void parse_response_rule(YamlReader& r, const YAML::Node& node, WarningSettings& s) {
  if (!r.check_map(node, tr("a response rule"), {"match", "call", "within", "leader_in_room"}))
    return;
  ResponseRule rule;
  rule.pos = r.source().pos(node);
  bool ok = true;
  if (node["match"] && !node["match"].IsNull()) {
    const YAML::Node& m = node["match"];
    if (r.check_map(m, "match", {"level", "type"})) {
      if (m["level"]) {
        for (const auto& l : r.strings(m["level"], "level")) {
          if (auto level = parse_warning_level(l)) {
            rule.levels.push_back(*level);
          } else {
            r.error(m["level"],
                    trf("unknown warning level '{0}'; expected blue, yellow, orange or red", l));
            ok = false;
          }
        }
      }
      if (m["type"]) {
        for (const auto& t : r.strings(m["type"], "type")) {
          if (auto id = find_warning_type(s, t)) {
            rule.types.push_back(*id);
          } else {
            r.error(m["type"], unknown_warning_type_message(s, t));
            ok = false;
          }
        }
      }
    } else {
      ok = false;
    }
  }
  if (!node["call"] || !node["within"]) {
    r.error(node, tr("a response rule needs 'call' (contact groups) and 'within'"));
    return;
  }
  std::vector<std::string> group_ids;
  for (const auto& g : s.groups) group_ids.push_back(g.id);
  const YAML::Node& call = node["call"];
  std::vector<YAML::Node> items;
  if (call.IsSequence()) {
    for (const auto& item : call) items.push_back(item);
  } else {
    items.push_back(call);
  }
  for (const auto& item : items) {
    auto g = r.string(item, "call");
    if (!g) {
      ok = false;
      continue;
    }
    if (!s.find_group(*g)) {
      r.error(item, trf("unknown contact group '{0}'{1}; groups come from 'contacts': {2}", *g,
                        did_you_mean(*g, group_ids),
                        group_ids.empty() ? tr("(none)") : join(group_ids, ", ")));
      ok = false;
    }
    rule.call.push_back(*g);
  }
  if (auto w = r.duration(node["within"], "within")) {
    if (w->count() <= 0) {
      r.error(node["within"], tr("'within' must be at least one minute"));
      ok = false;
    } else {
      rule.within = *w;
    }
  } else {
    ok = false;
  }
  if (node["leader_in_room"]) {
    const YAML::Node& l = node["leader_in_room"];
    std::string v = l.IsScalar() ? l.Scalar() : "";
    if (v == "true") {
      rule.leader_in_room = true;
    } else if (v != "false") {
      r.error(l, trf("expected true or false for 'leader_in_room', got {0}", describe_node(l)));
      ok = false;
    }
  }
  if (ok) s.response.push_back(std::move(rule));
}

}  // namespace

void parse_warning_settings(YamlReader& r, const YAML::Node& contacts, const YAML::Node& warnings,
                            WarningSettings& s) {
  if (contacts && !contacts.IsNull()) parse_contacts(r, contacts, s);
  if (!warnings || warnings.IsNull()) return;
  if (!r.check_map(warnings, "warnings", {"types", "response"})) return;
  if (warnings["types"]) parse_types(r, warnings["types"], s);
  if (warnings["response"]) {
    const YAML::Node& rules = warnings["response"];
    if (!rules.IsSequence()) {
      r.error(rules, tr("expected 'warnings.response' as a list of rules"));
    } else {
      for (const auto& rule : rules) parse_response_rule(r, rule, s);
    }
  }
}

}  // namespace duty::reports
