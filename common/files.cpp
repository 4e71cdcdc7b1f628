// SPDX-License-Identifier: Apache-2.0
#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/error.hpp"
#include "common/i18n.hpp"

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
  if (S_ISDIR(mode)) return tr("a folder");
  if (S_ISFIFO(mode)) return tr("a FIFO (named pipe)");
  if (S_ISCHR(mode)) return tr("a character device");
  if (S_ISBLK(mode)) return tr("a block device");
  if (S_ISSOCK(mode)) return tr("a socket");
  if (S_ISLNK(mode)) return tr("a symbolic link");
  return tr("not a regular file");
}

std::string describe_bytes(std::uint64_t bytes) {
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return trn("{0} byte", "{0} bytes", static_cast<unsigned long>(bytes), bytes);
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
    if (e == ENOENT) throw UsageError(trf("cannot read {0}: no such file", named));
    if (e == EACCES)
      throw UsageError(
          trf("cannot read {0}: permission denied; check the file's permissions", named));
    throw UsageError(trf("cannot read {0}: {1}", named, std::strerror(e)));
  }
  Fd fd(raw);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw EnvironmentError(trf("cannot read {0}: {1}", named, std::strerror(errno)));
  if (!S_ISREG(st.st_mode)) {
    throw UsageError(trf("cannot read {0}: it is {1}, not a regular file", named,
                         describe_file_kind(st.st_mode)));
  }
  auto too_large = [&](std::uint64_t size, bool at_least) {
    std::string shown = describe_bytes(size);
    std::string limit = describe_bytes(max_bytes);
    // Just over the limit, rounded sizes would read the same: give the bytes.
    if (shown == limit && !at_least) {
      shown = trn("{0} byte", "{0} bytes", static_cast<unsigned long>(size), size);
      limit = trn("{0} byte", "{0} bytes", static_cast<unsigned long>(max_bytes), max_bytes) +
              " (" + limit + ")";
    }
    return UsageError(at_least ? trf("{0} is too large (more than {1}); {2} may be at most {3}",
                                     named, shown, what, limit)
                               : trf("{0} is too large ({1}); {2} may be at most {3}", named, shown,
                                     what, limit));
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
        throw EnvironmentError(
            trf("cannot read {0}: {1}; check the disk", named, std::strerror(errno)));
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
