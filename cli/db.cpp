// SPDX-License-Identifier: Apache-2.0
#include "cli/db.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

#include "cli/language.hpp"
#include "cli/workspace.hpp"
#include "common/i18n.hpp"

namespace duty::cli {

bool names_server(const std::string& where) {
  if (where.starts_with("postgresql://") || where.starts_with("postgres://")) return true;
  // keyword=value: an '=' after a keyword of letters and '_' (a path may hold '=' only later).
  auto eq = where.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  std::string_view key(where.data(), eq);
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  if (key.empty()) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

// office.yaml's office.id and database:, read on their own (the full office.yaml reader comes with
// the store's move to office.id; until then `duty db` reads these two keys itself).
DbTarget db_target(const Context& ctx, bool need_office) {
  DbTarget t;
  if (!ctx.global.db.empty()) {
    t.where = ctx.global.db;
    t.source = "--db";
  } else if (const char* env = std::getenv("DUTY_DB"); env && *env) {
    t.where = env;
    t.source = "DUTY_DB";
  }
  if (!need_office && !t.where.empty()) return t;
  const std::string dir = find_workspace(ctx);
  const std::string file = (std::filesystem::path(dir) / "office.yaml").string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    throw UsageError(trf("{0}: {1}", file, e.what()));
  }
  // The office's language, as every command that loads office.yaml speaks it.
  if (const YAML::Node o = root["office"]; o && o.IsMap() && o["locale"] && o["locale"].IsScalar()) {
    set_message_language(o["locale"].as<std::string>());
  }
  if (t.where.empty()) {
    t.source = file;
    if (root["database"] && root["database"].IsScalar()) t.where = root["database"].as<std::string>();
    if (t.where.empty()) t.where = "duty.db";
    if (!names_server(t.where) && std::filesystem::path(t.where).is_relative()) {
      t.where = (std::filesystem::path(dir) / t.where).string();
    }
  }
  if (need_office) {
    const YAML::Node office = root["office"];
    if (office && office.IsMap() && office["id"] && office["id"].IsScalar()) {
      t.office_id = office["id"].as<std::string>();
    }
    if (t.office_id.empty()) {
      throw UsageError(trf("{0} has no office.id: add a short stable id under office: (e.g. id: zeku), this "
                           "office's name in a shared database",
                           file));
    }
  }
  return t;
}

}  // namespace duty::cli
