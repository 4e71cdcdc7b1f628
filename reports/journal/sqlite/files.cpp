// SPDX-License-Identifier: Apache-2.0
// Creating the store file whole, and copying it (log backup): the SQLite store's files.
#include "reports/journal/sqlite/sqlite_store.hpp"

#include "reports/journal/sqlite/sqlite_internal.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <limits>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include "reports/exclusive_file.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"


namespace duty::reports {

using namespace sqlite_detail;

namespace {

void remove_quietly(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

// Moves `from` to `to` unless `to` exists (then false), atomically where the file system can.
bool rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS) return false;
  // A file system without renameat2's flags: a hard link fails as atomically when `to` exists.
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return true;
  }
  return false;
}

}  // namespace

// A store is created whole or not at all. Made in place, a first command killed while SQLite
// wrote the new file's header left a hot rollback journal beside it, which only a writer can undo:
// every read-only command then failed until the next write. So the schema is made in a file of
// its own, folded into one file, and renamed into place only when complete; a creation killed
// half-way leaves a stray .duty.db.creating-XXXXXX folder and no store.
//
// The file is made in a folder of a random name created for it alone (mkdtemp, mode 0700): no
// other user can plant a symbolic link at the file's name or at the names SQLite gives its
// journal, log and shared memory there, so nothing is ever written through one. The file itself is
// created with O_EXCL|O_NOFOLLOW, mode 0600 (it holds personal phone numbers), before SQLite opens
// it; the rename into place does not replace anything already at the store's name.
void SqliteStore::create(const std::string& path, std::chrono::milliseconds busy_timeout) {
  namespace fs = std::filesystem;
  auto cannot = [&](int err) {
    return StoreError("cannot create the store " + path + ": " + std::strerror(err) +
                      "; check that the folder exists and is writable");
  };
  fs::path target(path);
  fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (folder / ("." + target.filename().string() + ".creating-XXXXXX")).string();
  std::vector<char> dir_name(pattern.begin(), pattern.end());
  dir_name.push_back('\0');
  if (!::mkdtemp(dir_name.data())) throw cannot(errno);
  const std::string private_dir = dir_name.data();
  const std::string temp = private_dir + "/" + target.filename().string();
  auto discard = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) remove_quietly(temp + suffix);
    ::rmdir(private_dir.c_str());
  };
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    int err = errno;
    discard();
    throw cannot(err);
  }
  ::close(fd);
  try {
    SqliteStore fresh(temp, StoreAccess::kReadWrite, busy_timeout);
    // Everything into the one file, so that the file alone is the store.
    fresh.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
    discard();
    throw;
  }
  remove_quietly(temp + "-wal");
  remove_quietly(temp + "-shm");
  int err = 0;
  if (!rename_no_replace(temp, path)) err = errno;
  discard();
  // Another first command may have created the store meanwhile: then that one is used.
  if (err != 0 && err != EEXIST) throw cannot(err);
  // The rename is durable once the folder is.
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void SqliteStore::create_empty(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return;
  create(path, std::chrono::milliseconds{10000});
}

VerifyResult SqliteStore::backup(const std::string& dest, bool replace) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dest, ec);
  if (status.type() != fs::file_type::not_found) {
    if (!replace) throw UsageError(trf("{0} already exists; nothing was written (pass --force to replace it)", dest));
    if (status.type() != fs::file_type::regular) {
      throw UsageError(trf("{0} exists and is not a regular file; nothing was written", dest));
    }
  }
  // Never over the live store or its log: even with --force that would destroy it.
  const fs::path target = fs::weakly_canonical(fs::absolute(dest), ec);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec2;
    if (target == fs::weakly_canonical(fs::absolute(path_ + suffix), ec2)) {
      throw UsageError(trf("{0} is the store being backed up (or one of its files); choose another file", dest));
    }
  }
  ExclusiveFile temp(dest, 0600);
  auto remove_companions = [&] {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      fs::remove(temp.path() + suffix, ignored);
    }
  };
  sqlite3* copy = nullptr;
  auto copy_error = [&](int rc, const char* doing) -> StoreError {
    std::string detail = copy ? sqlite3_errmsg(copy) : sqlite3_errstr(rc);
    if ((rc & 0xff) == SQLITE_FULL) detail = "the disk is full";
    return StoreError("cannot back up the store to " + dest + " (" + doing + ": " + detail + "); nothing was written");
  };
  try {
    int rc = sqlite3_open_v2(temp.path().c_str(), &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr);
    if (rc != SQLITE_OK) throw copy_error(rc, "opening the copy");
    sqlite3_backup* b = sqlite3_backup_init(copy, "main", db_, "main");
    if (!b) throw copy_error(sqlite3_errcode(copy), "starting the copy");
    // Every page in one step: one read transaction, so the copy is one consistent snapshot while
    // writers go on (WAL). A source busy for a moment (a log being recovered) is waited for.
    auto start = std::chrono::steady_clock::now();
    do {
      rc = sqlite3_backup_step(b, -1);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        if (std::chrono::steady_clock::now() - start > busy_timeout_) break;
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
      }
    } while ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || rc == SQLITE_OK);
    int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw copy_error(rc, "copying");
    if (finish != SQLITE_OK) throw copy_error(finish, "copying");
    // The pages carry the live store's WAL flag; the copy is one self-contained file instead (duty
    // switches a store it writes to back to WAL).
    char* msg = nullptr;
    rc = sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &msg);
    sqlite3_free(msg);
    if (rc != SQLITE_OK) throw copy_error(rc, "finishing the copy");
    {
      sqlite3_stmt* check = nullptr;
      rc = sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &check, nullptr);
      if (rc != SQLITE_OK) throw copy_error(rc, "checking the copy");
      std::string verdict;
      rc = sqlite3_step(check);
      if (rc == SQLITE_ROW && sqlite3_column_text(check, 0)) {
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
      }
      sqlite3_finalize(check);
      if (verdict != "ok") {
        throw StoreError("the copy at " + dest + " fails SQLite's integrity check (" + verdict +
                         "); nothing was written. Check the disk, and the store with 'duty log verify'");
      }
    }
    rc = sqlite3_close(copy);
    copy = nullptr;
    if (rc != SQLITE_OK) throw copy_error(rc, "closing the copy");
    remove_companions();
    VerifyResult chain;
    {
      SqliteStore check(temp.path(), StoreAccess::kReadOnly, busy_timeout_);
      chain = verify_chain(check);
    }
    remove_companions();
    if (!chain.ok()) {
      throw ChainBrokenError("the copy does not verify, nothing was written: " + chain.problem, chain.checked);
    }
    if (!temp.commit(replace)) throw UsageError(dest + " was created by someone else meanwhile; nothing was written");
    return chain;
  } catch (...) {
    if (copy) sqlite3_close_v2(copy);
    remove_companions();
    throw;
  }
}

}  // namespace duty::reports
