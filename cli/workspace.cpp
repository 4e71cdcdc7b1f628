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
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "reports/rules_record.hpp"

namespace duty::cli {

namespace fs = std::filesystem;

Seconds Context::now() const {
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string Context::login_name() {
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "unknown";
}

std::string Context::user(const std::map<std::string, std::string>& users, std::string* source) const {
  auto from = [&](const std::string& where, std::string who) {
    if (source) *source = where;
    return who;
  };
  // The option typed for this one entry beats the session's DUTY_USER, which beats the office's
  // table for the shared computer's login.
  if (!global.by_user.empty()) return from("--by-user", global.by_user);
  if (const char* env = std::getenv("DUTY_USER"); env && *env) return from("DUTY_USER", env);
  std::string login = login_name();
  if (auto it = users.find(login); it != users.end()) return from("office.yaml users", it->second);
  return from(tr("login name"), login);
}

std::string find_workspace(const Context& ctx) {
  auto check = [](const fs::path& dir, const std::string& how) {
    std::error_code ec;
    if (!fs::exists(dir / "office.yaml", ec)) {
      throw UsageError(trf("{0}: {1} holds no office.yaml; run 'duty init {1}' to create a workspace there", how,
                           dir.string()));
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
  throw UsageError(trf("no duty office here: no office.yaml in {0} or any folder above it; run 'duty init DIR' "
                       "to create one, or pass --office DIR",
                       dir.string()));
}

Session open_session(const Context& ctx, Need need) {
  Session s;
  s.office = reports::load_office(find_workspace(ctx));
  set_message_language(s.office.locale);
  std::string source;
  s.actor = {std::string(trim(ctx.user(s.office.users, &source))), ctx.now()};
  // The author goes into every event's hash and onto every listing: plain text only.
  constexpr std::size_t kMaxUser = 200;
  if (!is_valid_utf8(s.actor.by)) throw UsageError(trf("{0}: is not valid UTF-8 text", source));
  if (auto c = forbidden_character(s.actor.by, TextKind::kLine)) {
    throw UsageError(trf("{0}: {1} (the name of the person entering this)", source,
                         forbidden_character_message(*c, TextKind::kLine)));
  }
  if (s.actor.by.empty()) throw UsageError(trf("{0}: is empty; give the name of the person entering this", source));
  if (s.actor.by.size() > kMaxUser) {
    throw UsageError(trf("{0}: is too long ({1} bytes; the limit is {2})", source, s.actor.by.size(), kMaxUser));
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
    throw UsageError(trf("DUTY_BUSY_TIMEOUT_MS: '{0}' is not a whole number of milliseconds from 0 to {1}; "
                         "unset it to wait the default 10 s",
                         env, kMaxMs));
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
      ctx.err << "duty: " << tr("warning") << ": "
              << trf("the reporting rules in {0} differ from those the log recorded (event {1}, in force since "
                     "{2}); deadlines here follow the recorded rules until a command that writes records the "
                     "change",
                     s.office.file, last.seq, format_local_minute(*s.office.zone, last.at))
              << '\n';
    }
    return;
  }
  s.store->set_write_prelude([history, rules = s.office.escalation, actor = s.actor](reports::StoreTransaction& tx) {
    reports::record_rules(tx, *history, rules, actor);
  });
}

}  // namespace

reports::StoreLocation store_location(const Context& ctx, const reports::Office& office) {
  reports::StoreLocation loc;
  if (!ctx.global.db.empty()) {
    loc.where = ctx.global.db;
  } else if (const char* env = std::getenv("DUTY_DB"); env && *env) {
    loc.where = env;
  } else {
    loc.where = reports::is_server_location(office.database) ? office.database : office.resolve(office.database);
  }
  loc.office_id = office.id;
  loc.busy_timeout = busy_timeout();
  return loc;
}

void open_store(const Context& ctx, Session& s, Need need) {
  reports::StoreLocation loc = store_location(ctx, s.office);
  // A missing store is a wrong path, never an empty log: `incident overdue` in cron must not
  // report all clear for a typo in --db. `duty init` creates the store of a new workspace.
  struct stat st {};
  if (!reports::is_server_location(loc.where) && (need == Need::kReadStore || need == Need::kWriteExisting) &&
      ::lstat(loc.where.c_str(), &st) != 0 && errno == ENOENT) {
    throw StoreError(trf("no store at {0}; check --db / database: in office.yaml ('duty init' creates a new "
                         "workspace's store)",
                         loc.where));
  }
  s.store = reports::open_store(
      loc, need == Need::kReadStore ? reports::StoreAccess::kReadOnly : reports::StoreAccess::kReadWrite);
  track_rules(ctx, s, need);
}

}  // namespace duty::cli
