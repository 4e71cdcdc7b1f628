// SPDX-License-Identifier: Apache-2.0
#include "cli/workspace.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "cli/language.hpp"
#include "common/text.hpp"
#include "reports/rules_record.hpp"

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
  set_message_language(s.office.locale);
  s.actor = {ctx.user(), ctx.now()};
  // The author goes into every event's hash and onto every listing: plain text only.
  constexpr std::size_t kMaxUser = 200;
  if (!is_valid_utf8(s.actor.by)) throw UsageError("--by-user: is not valid UTF-8 text");
  if (auto c = forbidden_character(s.actor.by, TextKind::kLine)) {
    throw UsageError("--by-user: " + forbidden_character_message(*c, TextKind::kLine) +
                     " (the name of the person entering this)");
  }
  if (s.actor.by.size() > kMaxUser) {
    throw UsageError("--by-user: is too long (" + std::to_string(s.actor.by.size()) + " bytes; the limit is " +
                     std::to_string(kMaxUser) + ")");
  }
  if (need != Need::kOffice) open_store(ctx, s, need);
  return s;
}

namespace {

// How long a command waits for another writer: 10 s, or DUTY_BUSY_TIMEOUT_MS (for tests and for
// scripts that would rather fail fast than wait).
std::chrono::milliseconds busy_timeout() {
  constexpr long kMaxMs = 24L * 3600 * 1000;
  const char* env = std::getenv("DUTY_BUSY_TIMEOUT_MS");
  if (!env || !*env) return std::chrono::milliseconds{10000};
  char* end = nullptr;
  errno = 0;
  long ms = std::strtol(env, &end, 10);
  if (errno != 0 || *end != '\0' || ms < 0 || ms > kMaxMs) {
    throw UsageError(std::string("DUTY_BUSY_TIMEOUT_MS: '") + env + "' is not a whole number of milliseconds "
                     "from 0 to " + std::to_string(kMaxMs) + "; unset it to wait the default 10 s");
  }
  return std::chrono::milliseconds{ms};
}

// Deadlines follow the reporting rules the log has recorded, never office.yaml's unrecorded edits:
// a writing command records a change of the rules in its own transaction (before its own events,
// which are then judged by the new rules); a read-only command says the change is not recorded yet
// and answers by the recorded rules, as every other view does.
void track_rules(const Context& ctx, Session& s, Need need) {
  auto history = std::make_shared<reports::RulesHistory>(reports::load_rules_history(*s.store));
  s.office.recorded_rules = history;
  if (need == Need::kReadStore) {
    if (!history->versions.empty() && history->versions.back().hash != reports::rules_hash(s.office.escalation)) {
      const auto& last = history->versions.back();
      ctx.err << "duty: warning: the reporting rules in " << s.office.file
              << " differ from those the log recorded (event " << last.seq << ", in force since "
              << format_local_minute(*s.office.zone, last.at)
              << "); deadlines here follow the recorded rules until a command that writes records the change\n";
    }
    return;
  }
  s.store->set_write_prelude([history, rules = s.office.escalation, actor = s.actor](reports::StoreTransaction& tx) {
    reports::record_rules(tx, *history, rules, actor);
  });
}

}  // namespace

void open_store(const Context& ctx, Session& s, Need need) {
  std::string path = ctx.global.db.empty() ? s.office.resolve(s.office.database) : ctx.global.db;
  // A missing store is a wrong path, never an empty log: `incident overdue` in cron must not
  // report all clear for a typo in --db. `duty init` creates the store of a new workspace.
  struct stat st {};
  if ((need == Need::kReadStore || need == Need::kWriteExisting) &&
      ::lstat(path.c_str(), &st) != 0 && errno == ENOENT) {
    throw StoreError("no store at " + path +
                     "; check --db / database: in office.yaml ('duty init' creates a new "
                     "workspace's store)");
  }
  s.store = std::make_unique<reports::SqliteStore>(
      path, need == Need::kReadStore ? reports::StoreAccess::kReadOnly : reports::StoreAccess::kReadWrite,
      busy_timeout());
  track_rules(ctx, s, need);
}

}  // namespace duty::cli
