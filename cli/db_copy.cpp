// SPDX-License-Identifier: Apache-2.0
#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/workspace.hpp"
#include "common/json_writer.hpp"
#include "common/text.hpp"
#include "reports/journal/copy.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"

namespace duty::cli {

namespace fs = std::filesystem;

namespace {

struct CopyOptions {
  std::string from;
  std::string to;
  std::string format;
};

// The copy does not verify once written. Exit 1 (a problem found), as `log verify`.
class CopyCheckError : public Error {
 public:
  explicit CopyCheckError(const std::string& message) : Error(message, ExitCode::kProblems) {}
};

bool exists_at(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// Refuses a --to that is the store being copied or one of its files (its log, its shared memory),
// by any name: a hard link or another spelling of the path.
void refuse_same_file(const std::string& from, const std::string& to) {
  if (reports::is_server_location(from) || reports::is_server_location(to)) return;
  auto same = [&] {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(fs::absolute(to), ec);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ec2;
      if (target == fs::weakly_canonical(fs::absolute(from + suffix), ec2)) return true;
      if (fs::equivalent(from + suffix, to, ec2)) return true;
    }
    return false;
  };
  if (same()) {
    throw UsageError(
        trf("--to: {0} is the store being copied (or one of its files); choose another store", to));
  }
}

// A folder of a random name beside `target`, for this process alone (mkdtemp, mode 0700), removed
// with everything in it when the copy is done or has failed.
class PrivateFolder {
 public:
  explicit PrivateFolder(const std::string& target) {
    fs::path t(target);
    fs::path folder = t.has_parent_path() ? t.parent_path() : fs::path(".");
    std::string pattern = (folder / ("." + t.filename().string() + ".copying-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (!::mkdtemp(name.data())) {
      throw StoreError(
          trf("cannot create {0}: {1}; check that its folder exists and is writable. "
              "Nothing was written",
              target, std::strerror(errno)));
    }
    path_ = name.data();
  }
  ~PrivateFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

StoreError nothing_written(const std::string& to, const StoreError& e) {
  return StoreError(trf("cannot copy into {0}: {1}; nothing was written", to, e.what()));
}

reports::StoreLocation at(reports::StoreLocation loc, const std::string& where) {
  loc.where = where;
  return loc;
}

struct Copied {
  reports::CopyResult result;
  std::string from;
  std::string to;
};

// A new SQLite file: the copy is made in a store of its own in a private folder beside it, checked,
// then moved into place by SQLite's online backup (one file, checked again, synced and renamed
// without replacing anything), so the file is whole or absent, whatever happens on the way.
reports::CopyResult copy_to_new_file(reports::Store& from, const reports::StoreLocation& dst,
                                     const reports::Office& office) {
  PrivateFolder folder(dst.where);
  const std::string temp = folder.path() + "/" + fs::path(dst.where).filename().string();
  reports::CopyResult result;
  try {
    auto to = reports::open_store(at(dst, temp), reports::StoreAccess::kReadWrite);
    result = reports::copy_journal(from, *to, office);
  } catch (const StoreError& e) {
    throw nothing_written(dst.where, e);
  }
  reports::SqliteStore written(temp, reports::StoreAccess::kReadOnly, dst.busy_timeout);
  if (auto problem = reports::copy_problem(written, office, result)) {
    throw CopyCheckError(
        trf("the copy does not verify ({0}); nothing was written to {1}", *problem, dst.where));
  }
  try {
    written.backup(dst.where, false);
  } catch (const reports::ChainBrokenError& e) {
    throw CopyCheckError(
        trf("the copy does not verify ({0}); nothing was written to {1}", e.what(), dst.where));
  } catch (const UsageError&) {
    throw UsageError(
        trf("{0} was created by someone else meanwhile; nothing was written", dst.where));
  }
  return result;
}

// Copies into `out`; out.from names the source as soon as it is open (for a message on failure).
void copy_store(const reports::StoreLocation& src, const reports::StoreLocation& dst,
                const reports::Office& office, Copied& out) {
  refuse_same_file(src.where, dst.where);
  auto from = reports::open_store(src, reports::StoreAccess::kReadOnly);
  out.from = from->location();
  if (!reports::is_server_location(dst.where) && !exists_at(dst.where)) {
    out.to = dst.where;
    out.result = copy_to_new_file(*from, dst, office);
    return;
  }
  // An existing store: looked at read-only first, so that a store that is not empty or is the
  // source is refused before anything (even a schema migration) is written to it.
  {
    auto peek = reports::open_store(dst, reports::StoreAccess::kReadOnly);
    out.to = peek->location();
    if (out.to == out.from) {
      throw UsageError(trf("--to: {0} is the store being copied; choose another store", out.to));
    }
    reports::require_empty(*peek);
  }
  try {
    auto to = reports::open_store(dst, reports::StoreAccess::kReadWrite);
    out.result = reports::copy_journal(*from, *to, office);
  } catch (const StoreError& e) {
    // The copy is one transaction of the destination: rolled back, it left nothing there.
    throw nothing_written(out.to, e);
  }
  auto written = reports::open_store(dst, reports::StoreAccess::kReadOnly);
  if (auto problem = reports::copy_problem(*written, office, out.result)) {
    throw CopyCheckError(
        trf("the copy in {0} does not verify ({1}); keep it as evidence and do not "
            "use it",
            out.to, *problem));
  }
}

}  // namespace

void register_db_copy(CLI::App& db, Context& ctx) {
  auto opt = std::make_shared<CopyOptions>();
  CLI::App* cmd = db.add_subcommand(
      "copy",
      tr("Copy the office's whole log into another store (a new SQLite file, an empty store "
         "or a PostgreSQL database): events byte for byte, all or nothing, both chains "
         "verified"));
  cmd->add_option("--from", opt->from,
                  tr("The store to copy (default: the office's: --db, $DUTY_DB or database: in "
                     "office.yaml)"))
      ->type_name("SRC");
  cmd->add_option("--to", opt->to,
                  tr("The store to copy into: a path (a new SQLite file, or an empty store) or a "
                     "PostgreSQL connection string"))
      ->type_name("DST")
      ->required();
  cmd->add_option("--format", opt->format, tr("text (default) or json"));
  cmd->callback([opt, &ctx] {
    check_text_or_json(opt->format);
    if (opt->to.empty()) throw UsageError(tr("--to: is empty; give the store to copy into"));
    Session s = open_session(ctx, Need::kOffice);
    reports::StoreLocation src = store_location(ctx, s.office);
    if (!opt->from.empty()) src.where = opt->from;
    Copied c;
    try {
      copy_store(src, at(src, opt->to), s.office, c);
    } catch (const reports::ChainBrokenError& e) {
      ctx.err
          << error_prefix() << printable(e.what()) << '\n'
          << "duty: "
          << trf("nothing was copied: {0} does not verify ('duty log verify' names the problem); "
                 "keep it as evidence and copy from a backup",
                 printable(c.from))
          << '\n';
      ctx.exit_code = ExitCode::kProblems;
      return;
    }
    const auto& r = c.result;
    if (opt->format == "json") {
      JsonWriter w(ctx.out, 2);
      w.begin_object();
      w.key("events").value(static_cast<std::int64_t>(r.events));
      w.key("head");
      if (r.head) {
        w.begin_object();
        w.key("seq").value(static_cast<std::int64_t>(r.head->seq));
        w.key("hash").value(r.head->hash);
        w.end_object();
      } else {
        w.null();
      }
      w.key("from").value(c.from);
      w.key("to").value(c.to);
      w.end_object();
      ctx.out << '\n';
      return;
    }
    if (!r.head) {
      ctx.out << trf("copied no events from {0} to {1} (the log is empty); both chains verify",
                     printable(c.from), printable(c.to))
              << '\n';
      return;
    }
    ctx.out << trn("copied {0} event (head {1} {2}) from {3} to {4}; both chains verify",
                   "copied {0} events (head {1} {2}) from {3} to {4}; both chains verify",
                   static_cast<unsigned long>(r.events), r.events, r.head->seq,
                   r.head->hash.substr(0, 12), printable(c.from), printable(c.to))
            << '\n';
  });
}

}  // namespace duty::cli
