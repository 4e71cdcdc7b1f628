// SPDX-License-Identifier: Apache-2.0
#include "cli/workspace.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "reports/memory_store.hpp"

namespace duty::cli {

namespace fs = std::filesystem;

Seconds Context::now() const {
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string Context::user() const {
  if (!global.by_user.empty()) return global.by_user;
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "unknown";
}

std::string find_workspace(const Context& ctx) {
  auto check = [](const fs::path& dir, const std::string& how) {
    std::error_code ec;
    if (!fs::exists(dir / "office.yaml", ec)) {
      throw UsageError(how + ": " + dir.string() + " holds no office.yaml; run 'duty init " + dir.string() +
                       "' to create a workspace there");
    }
    return dir.string();
  };
  if (!ctx.global.office.empty()) return check(ctx.global.office, "--office");
  if (const char* env = std::getenv("DUTY_OFFICE"); env && *env) return check(env, "DUTY_OFFICE");
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
    if (fs::exists(d / "office.yaml", ec)) return d.string();
    if (d == d.parent_path()) break;
  }
  throw UsageError("no duty office here: no office.yaml in " + dir.string() +
                   " or any folder above it; run 'duty init DIR' to create one, or pass --office DIR");
}

Session open_session(const Context& ctx, Need need) {
  Session s;
  s.office = reports::load_office(find_workspace(ctx));
  s.actor = {ctx.user(), ctx.now()};
  if (need != Need::kOffice) open_store(ctx, s, need);
  return s;
}

void open_store(const Context& ctx, Session& s, Need need) {
  std::string path = ctx.global.db.empty() ? s.office.resolve(s.office.database) : ctx.global.db;
  std::error_code ec;
  if ((need == Need::kReadStore || need == Need::kWriteExisting) && !fs::exists(path, ec)) {
    s.store = std::make_unique<reports::MemoryStore>();
    return;
  }
  s.store = std::make_unique<reports::SqliteStore>(
      path, need == Need::kReadStore ? reports::StoreAccess::kReadOnly : reports::StoreAccess::kReadWrite);
}

}  // namespace duty::cli
