// SPDX-License-Identifier: Apache-2.0
#include "reports/office.hpp"

#include <algorithm>
#include <filesystem>

#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/yaml_reader.hpp"
#include "reports/warnings/warning_settings.hpp"

namespace duty::reports {

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::kPhone: return "phone";
    case Channel::kFax: return "fax";
    case Channel::kSystem: return "system";
    case Channel::kWritten: break;
  }
  return "written";
}

std::string_view label(Channel c, bool zh) {
  switch (c) {
    case Channel::kPhone: return zh ? "电话" : "phone";
    case Channel::kFax: return zh ? "传真" : "fax";
    case Channel::kSystem: return zh ? "系统报送" : "reporting system";
    case Channel::kWritten: break;
  }
  return zh ? "书面" : "written";
}

std::optional<Channel> parse_channel(std::string_view t) {
  if (t == "phone") return Channel::kPhone;
  if (t == "written") return Channel::kWritten;
  if (t == "fax") return Channel::kFax;
  if (t == "system") return Channel::kSystem;
  return std::nullopt;
}

const Category* Office::find_category(std::string_view wanted) const {
  for (const auto& c : categories) {
    if (c.id == wanted) return &c;
  }
  return nullptr;
}

const Organisation* Office::find_org(std::string_view wanted) const {
  for (const auto& o : chain) {
    if (o.id == wanted) return &o;
  }
  return nullptr;
}

std::vector<std::string> Office::category_ids() const {
  std::vector<std::string> ids;
  for (const auto& c : categories) ids.push_back(c.id);
  return ids;
}

std::vector<std::string> Office::org_ids() const {
  std::vector<std::string> ids;
  for (const auto& o : chain) ids.push_back(o.id);
  return ids;
}

const std::vector<EscalationRule>& Office::rules_at(Seconds t) const {
  if (!recorded_rules || recorded_rules->versions.empty()) return escalation;
  const auto& versions = recorded_rules->versions;
  // Versions are recorded in time order; the last one that began by `t` is in force.
  auto it = std::upper_bound(versions.begin(), versions.end(), t,
                             [](Seconds x, const RulesVersion& v) { return x < v.at; });
  return it == versions.begin() ? versions.front().rules : std::prev(it)->rules;
}

std::string Office::resolve(const std::string& path) const {
  std::filesystem::path p(path);
  if (p.is_absolute()) return p.string();
  return (std::filesystem::path(dir) / p).lexically_normal().string();
}

bool valid_office_id(std::string_view id) {
  if (id.empty() || id.size() > 32 || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

namespace {

const std::vector<std::string> kTopKeys = {"office",     "roster",   "database",    "chain",     "escalation",
                                           "categories", "bulletin", "signing_key", "public_key", "users",
                                           "contacts",   "warnings",   "hazards"};
const std::vector<std::string> kMatchKeys = {"severity",
                                             "category",
                                             "deaths_at_least",
                                             "injured_at_least",
                                             "seriously_injured_at_least",
                                             "missing_at_least",
                                             "trapped_at_least",
                                             "loss_at_least"};

void parse_categories(YamlReader& r, const YAML::Node& node, Office& office) {
  // A list extends the built-in taxonomy (same id: new labels); {replace: true, items: [...]} replaces it.
  YAML::Node items = node;
  if (node.IsMap()) {
    if (!r.check_map(node, "categories", {"replace", "items"})) return;
    if (node["replace"] && node["replace"].IsScalar() && node["replace"].Scalar() == "true") office.categories.clear();
    if (!node["items"]) return;
    items = node["items"];
  }
  if (!items.IsSequence()) {
    r.error(items, trf("expected a list of categories, got {0}", describe_node(items)));
    return;
  }
  for (const auto& c : items) {
    if (!r.check_map(c, tr("a category"), {"id", "class", "zh", "en", "supplement_days"})) continue;
    if (!c["id"]) {
      r.error(c, tr("a category needs an 'id'"));
      continue;
    }
    auto id = r.id(c["id"], tr("category id"));
    if (!id) continue;
    Category cat{*id, "social-security", *id, *id};
    if (c["class"]) {
      auto k = r.string(c["class"], "class");
      const auto& ids = class_ids();
      if (k && std::find(ids.begin(), ids.end(), *k) == ids.end()) {
        r.error(c["class"], trf("unknown class '{0}'{1}; expected one of: {2}", *k,
                                did_you_mean(*k, ids), join(ids, ", ")));
      } else if (k) {
        cat.klass = *k;
      }
    }
    if (c["zh"]) cat.zh = r.string(c["zh"], "zh").value_or(cat.zh);
    if (c["en"]) cat.en = r.string(c["en"], "en").value_or(cat.en);
    // The window for a supplementary report (补报) after the final report (docs/office.md).
    if (c["supplement_days"]) {
      if (auto days = r.integer(c["supplement_days"], "supplement_days", 1, 3660)) {
        office.supplement_days[cat.id] = static_cast<int>(*days);
      }
    }
    auto it = std::find_if(office.categories.begin(), office.categories.end(),
                           [&](const Category& x) { return x.id == cat.id; });
    if (it != office.categories.end()) {
      *it = cat;
    } else {
      office.categories.push_back(cat);
    }
  }
}

void parse_rule(YamlReader& r, const YAML::Node& node, Office& office) {
  if (!r.check_map(node, tr("an escalation rule"), {"match", "to", "via", "within", "basis"}))
    return;
  EscalationRule rule;
  rule.pos = r.source().pos(node);
  bool ok = true;
  if (node["match"] && !node["match"].IsNull()) {
    const YAML::Node& m = node["match"];
    if (r.check_map(m, "match", kMatchKeys)) {
      if (m["severity"]) {
        for (const auto& s : r.strings(m["severity"], "severity")) {
          if (auto sev = parse_severity(s)) {
            rule.match.severity.push_back(*sev);
          } else {
            r.error(m["severity"],
                    trf("unknown severity '{0}'; expected I, II, III, IV or unknown", s));
            ok = false;
          }
        }
      }
      if (m["category"]) {
        auto ids = office.category_ids();
        for (const auto& c : r.strings(m["category"], "category")) {
          if (!office.find_category(c)) {
            r.error(m["category"], trf("unknown category '{0}'{1}", c, did_you_mean(c, ids)));
            ok = false;
          }
          rule.match.category.push_back(c);
        }
      }
      auto count = [&](const char* key, std::optional<int>& out) {
        if (m[key]) {
          if (auto v = r.integer(m[key], key, 0, kMaxPeople)) out = static_cast<int>(*v);
        }
      };
      count("deaths_at_least", rule.match.deaths_at_least);
      count("injured_at_least", rule.match.injured_at_least);
      count("seriously_injured_at_least", rule.match.seriously_injured_at_least);
      count("missing_at_least", rule.match.missing_at_least);
      count("trapped_at_least", rule.match.trapped_at_least);
      if (m["loss_at_least"]) {
        auto v = r.number(m["loss_at_least"], "loss_at_least");
        if (v && (*v < 0 || *v > kMaxLoss)) {
          r.error(m["loss_at_least"],
                  trf("loss_at_least must be between 0 and 100000000 (万元), got {0}",
                      m["loss_at_least"].Scalar()));
          v.reset();
        }
        rule.match.loss_at_least = v;
      }
    }
  }
  if (!node["to"] || !node["via"] || !node["within"]) {
    r.error(node, tr("an escalation rule needs 'to', 'via' and 'within'"));
    return;
  }
  auto orgs = office.org_ids();
  const YAML::Node& to_node = node["to"];
  std::vector<YAML::Node> to_items;
  if (to_node.IsSequence()) {
    for (const auto& item : to_node) to_items.push_back(item);
  } else {
    to_items.push_back(to_node);
  }
  for (const auto& item : to_items) {
    auto to = r.string(item, "to");
    if (!to) {
      ok = false;
      continue;
    }
    if (!office.find_org(*to)) {
      // At the name itself, so the caret says which one is wrong.
      r.error(item, trf("unknown organisation '{0}'{1}; organisations come from 'chain': {2}", *to,
                        did_you_mean(*to, orgs), join(orgs, ", ")));
      ok = false;
    }
    rule.to.push_back(*to);
  }
  if (auto via = r.string(node["via"], "via")) {
    if (auto c = parse_channel(*via)) {
      rule.via = *c;
    } else {
      r.error(node["via"], trf("unknown channel '{0}'{1}; expected phone, written, fax or system",
                               *via, did_you_mean(*via, {"phone", "written", "fax", "system"})));
      ok = false;
    }
  }
  if (auto w = r.duration(node["within"], "within")) rule.within = *w;
  if (node["basis"]) rule.basis = r.string(node["basis"], "basis").value_or("");
  if (ok) office.escalation.push_back(std::move(rule));
}

// users: {root: 扎西, zhang: 张伟}: who enters under each login name of the duty room's computer.
void parse_users(YamlReader& r, const YAML::Node& users, Office& office) {
  if (!users.IsMap()) {
    r.error(users, tr("expected 'users' as a map of login names to people, e.g. users: {root: 扎西}"));
    return;
  }
  for (const auto& kv : users) {
    auto login = r.string(kv.first, "users");
    auto person = r.string(kv.second, "users");
    if (!login || !person) continue;
    if (login->empty() || trim(*person).empty()) {
      r.error(kv.second, trf("users: the login name '{0}' needs a person's name or id", *login));
      continue;
    }
    if (auto c = forbidden_character(*person, TextKind::kLine)) {
      r.error(kv.second, "users: " + forbidden_character_message(*c, TextKind::kLine));
      continue;
    }
    office.users[*login] = std::string(trim(*person));
  }
}

}  // namespace

Office parse_office(const YamlSource& src, const std::string& dir) {
  DiagnosticSink sink;
  YamlReader r(src, sink);
  Office office;
  office.dir = dir;
  office.file = src.file();
  office.categories = builtin_categories();
  const YAML::Node& root = src.root();
  if (!r.check_map(root, "office.yaml", kTopKeys)) sink.throw_if_any();

  if (!root["office"]) {
    sink.add(src.at(SourcePos{src.file(), 1, 1},
                    tr("missing required key 'office' (name, timezone, handover, locale)")));
  } else if (r.check_map(root["office"], "office",
                         {"id", "name", "timezone", "handover", "locale", "unit", "signer", "contact"})) {
    const YAML::Node& o = root["office"];
    if (o["id"]) {
      if (auto id = r.string(o["id"], "office.id")) {
        if (valid_office_id(*id)) {
          office.id = *id;
        } else {
          r.error(o["id"], trf("'{0}' is not a valid office id; expected 1 to 32 lower-case letters, digits, '-' or "
                               "'_', starting with a letter, such as zeku",
                               *id));
        }
      }
    }
    if (o["name"]) office.name = r.string(o["name"], "office.name").value_or("");
    if (!o["name"]) r.error(o, tr("office needs a 'name'"));
    if (!o["timezone"]) {
      r.error(o, tr("office needs a 'timezone' such as Asia/Shanghai"));
    } else if (auto tz = r.string(o["timezone"], "office.timezone")) {
      office.timezone = *tz;
      office.zone = find_zone(*tz);
      if (!office.zone) {
        r.error(o["timezone"],
                trf("unknown time zone '{0}'; expected an IANA name such as Asia/Shanghai", *tz));
      }
    }
    if (o["handover"]) {
      if (auto h = r.string(o["handover"], "office.handover")) {
        if (auto m = parse_clock(*h)) {
          office.handover = *m;
        } else {
          r.error(o["handover"],
                  trf("'{0}' is not a valid handover time; expected HH:MM such as \"08:30\"", *h));
        }
      }
    }
    if (o["locale"]) {
      if (auto l = r.string(o["locale"], "office.locale")) {
        if (*l != "zh-CN" && *l != "en") {
          r.error(o["locale"], trf("unknown locale '{0}'; expected zh-CN or en", *l));
        } else {
          office.locale = *l;
        }
      }
    }
    if (o["unit"]) office.unit = r.string(o["unit"], "office.unit").value_or("");
    if (o["signer"]) office.signer = r.string(o["signer"], "office.signer").value_or("");
    if (o["contact"]) office.contact = r.string(o["contact"], "office.contact").value_or("");
  }
  if (office.unit.empty()) office.unit = office.name;
  if (root["roster"]) office.roster = r.string(root["roster"], "roster").value_or(office.roster);
  if (root["database"]) office.database = r.string(root["database"], "database").value_or(office.database);
  if (root["signing_key"]) office.signing_key = r.string(root["signing_key"], "signing_key").value_or("");
  if (root["public_key"]) office.public_key = r.string(root["public_key"], "public_key").value_or("");

  if (root["chain"]) {
    const YAML::Node& chain = root["chain"];
    if (!chain.IsSequence()) {
      r.error(chain, tr("expected 'chain' as a list of organisations, nearest level first"));
    } else {
      for (const auto& c : chain) {
        if (!r.check_map(c, tr("an organisation"), {"id", "name", "phone"})) continue;
        if (!c["id"]) {
          r.error(c, tr("an organisation needs an 'id'"));
          continue;
        }
        auto id = r.id(c["id"], tr("organisation id"));
        if (!id) continue;
        if (office.find_org(*id)) {
          r.error(c["id"], trf("duplicate organisation id '{0}'", *id));
          continue;
        }
        Organisation org{*id, *id, ""};
        if (c["name"]) org.name = r.string(c["name"], "name").value_or(*id);
        if (c["phone"]) org.phone = r.string(c["phone"], "phone").value_or("");
        office.chain.push_back(org);
      }
    }
  }
  if (root["categories"]) parse_categories(r, root["categories"], office);
  if (root["escalation"]) {
    const YAML::Node& rules = root["escalation"];
    if (!rules.IsSequence()) {
      r.error(rules, tr("expected 'escalation' as a list of rules"));
    } else {
      for (const auto& rule : rules) parse_rule(r, rule, office);
    }
  }
  if (root["bulletin"]) {
    const YAML::Node& b = root["bulletin"];
    if (r.check_map(b, "bulletin", {"main", "copy"})) {
      if (b["main"]) office.recipients_main = r.strings(b["main"], "bulletin.main");
      if (b["copy"]) office.recipients_copy = r.strings(b["copy"], "bulletin.copy");
    }
  }
  if (root["users"]) parse_users(r, root["users"], office);
  {
    auto warnings = std::make_shared<WarningSettings>(default_warning_settings());
    parse_warning_settings(r, root["contacts"], root["warnings"], *warnings);
    office.warnings = std::move(warnings);
  }
  sink.throw_if_any();
  return office;
}

Office load_office(const std::string& dir) {
  std::string file = (std::filesystem::path(dir) / "office.yaml").string();
  return parse_office(YamlSource::from_file(file), dir);
}

}  // namespace duty::reports
