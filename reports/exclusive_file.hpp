// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace duty::reports {

/// A new file with a random name beside `target` (`target.tmp-XXXXXXXXXXXX`), created with
/// O_CREAT|O_EXCL|O_NOFOLLOW and `mode`, so nothing planted at that name (a symlink, a file) is
/// ever written through. Removed on destruction unless committed. Throws EnvironmentError when it
/// cannot be created.
class ExclusiveFile {
 public:
  ExclusiveFile(const std::string& target, unsigned mode);
  ~ExclusiveFile();
  ExclusiveFile(const ExclusiveFile&) = delete;
  ExclusiveFile& operator=(const ExclusiveFile&) = delete;

  const std::string& path() const { return path_; }
  int fd() const { return fd_; }
  /// Writes all of `bytes`; EnvironmentError on failure.
  void write(std::string_view bytes);
  /// fsyncs the file, moves it to the target (replacing an existing file only when `replace`) and
  /// fsyncs the folder. False, with nothing moved, when the target exists and `replace` is false;
  /// EnvironmentError on other failures.
  bool commit(bool replace);

 private:
  std::string target_;
  std::string path_;
  int fd_ = -1;
  bool committed_ = false;
};

/// fsyncs the folder holding `path`, so a rename or create there survives a power cut.
void sync_folder_of(const std::string& path);

}  // namespace duty::reports
