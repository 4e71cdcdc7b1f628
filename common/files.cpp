// SPDX-License-Identifier: Apache-2.0
#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/error.hpp"

namespace duty {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

const char* describe_file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

std::string describe_bytes(std::uint64_t bytes) {
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  std::uint64_t unit = 1024;
  std::size_t i = 0;
  while (i + 1 < std::size(kUnits) && bytes >= unit * 1024) {
    unit *= 1024;
    ++i;
  }
  std::uint64_t whole = bytes / unit;
  // One decimal, rounded down, so a file just over a limit never reads as the limit itself.
  std::uint64_t tenth = (bytes % unit) * 10 / unit;
  return std::to_string(whole) + (tenth ? "." + std::to_string(tenth) : "") + " " + kUnits[i];
}

std::string read_regular_file(const std::string& path, std::uint64_t max_bytes,
                              const std::string& what) {
  const std::string named = "'" + path + "'";
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below without a read.
  int raw = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (raw < 0) {
    int e = errno;
    if (e == ENOENT) throw UsageError("cannot read " + named + ": no such file");
    if (e == EACCES)
      throw UsageError("cannot read " + named +
                       ": permission denied; check the file's permissions");
    throw UsageError("cannot read " + named + ": " + std::strerror(e));
  }
  Fd fd(raw);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw EnvironmentError("cannot read " + named + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    throw UsageError("cannot read " + named + ": it is " + describe_file_kind(st.st_mode) +
                     ", not a regular file");
  }
  auto too_large = [&](std::uint64_t size, bool at_least) {
    std::string shown = describe_bytes(size);
    std::string limit = describe_bytes(max_bytes);
    // Just over the limit, rounded sizes would read the same: give the bytes.
    if (shown == limit && !at_least) {
      shown = std::to_string(size) + " bytes";
      limit = std::to_string(max_bytes) + " bytes (" + limit + ")";
    }
    return UsageError(named + " is too large (" + (at_least ? "more than " : "") + shown + "); " +
                      what + " may be at most " + limit);
  };
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes) throw too_large(size, false);
  std::string text(static_cast<std::size_t>(size), '\0');
  std::size_t done = 0;
  auto read_some = [&](char* into, std::size_t room) {
    for (;;) {
      ssize_t n = ::read(fd.get(), into, room);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR)
        throw EnvironmentError("cannot read " + named + ": " + std::strerror(errno) +
                               "; check the disk");
    }
  };
  while (done < text.size()) {
    std::size_t n = read_some(text.data() + done, text.size() - done);
    if (n == 0) break;
    done += n;
  }
  text.resize(done);
  // The file may have grown since fstat: read on to its end, but never past the limit.
  char more[65536];
  while (std::size_t n = read_some(more, sizeof more)) {
    if (text.size() + n > max_bytes) throw too_large(max_bytes, true);
    text.append(more, n);
  }
  return text;
}

}  // namespace duty
