// SPDX-License-Identifier: Apache-2.0
#include "reports/exclusive_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace duty::reports {

namespace {

std::string random_suffix() {
  static const char* kChars = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[12];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw EnvironmentError(trf("cannot read random bytes: {0}", std::strerror(errno)));
    got += static_cast<std::size_t>(n);
  }
  std::string out;
  for (unsigned char b : bytes) out += kChars[b % 36];
  return out;
}

}  // namespace

ExclusiveFile::ExclusiveFile(const std::string& target, unsigned mode) : target_(target) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    path_ = target + ".tmp-" + random_suffix();
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd_ >= 0) return;
    if (errno != EEXIST) break;
  }
  throw EnvironmentError(
      trf("cannot create a file beside {0}: {1}; check that the folder exists and is writable",
          target, std::strerror(errno)));
}

ExclusiveFile::~ExclusiveFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(path_.c_str());
}

void ExclusiveFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw EnvironmentError(
          trf("cannot write {0}: {1}", target_, std::strerror(n < 0 ? errno : ENOSPC)));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

bool ExclusiveFile::commit(bool replace) {
  if (::fsync(fd_) != 0)
    throw EnvironmentError(trf("cannot write {0}: {1}", target_, std::strerror(errno)));
  if (replace) {
    if (std::rename(path_.c_str(), target_.c_str()) != 0) {
      throw EnvironmentError(trf("cannot replace {0}: {1}", target_, std::strerror(errno)));
    }
  } else if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
    int err = errno;
    if (err == EEXIST) return false;
    if (err != EINVAL && err != ENOSYS)
      throw EnvironmentError(trf("cannot create {0}: {1}", target_, std::strerror(err)));
    // A file system without renameat2's flags: a hard link fails as atomically when the target exists.
    if (::link(path_.c_str(), target_.c_str()) != 0) {
      if (errno == EEXIST) return false;
      throw EnvironmentError(trf("cannot create {0}: {1}", target_, std::strerror(errno)));
    }
    ::unlink(path_.c_str());
  }
  committed_ = true;
  sync_folder_of(target_);
  return true;
}

void sync_folder_of(const std::string& path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace duty::reports
