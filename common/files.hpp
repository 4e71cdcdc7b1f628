// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace duty {

/// The largest office.yaml, roster spec or plan duty reads: 16 MiB.
inline constexpr std::uint64_t kMaxConfigBytes = std::uint64_t{16} << 20;
/// The largest import file (YAML or CSV) duty reads: 1 GiB.
inline constexpr std::uint64_t kMaxImportBytes = std::uint64_t{1} << 30;

/// Reads the whole of a regular file of at most `max_bytes`. Symbolic links to regular files are
/// followed; anything else (a folder, a FIFO, a device, a socket) is refused at once without
/// reading from it or waiting for a writer. `what` names the file's role in the message about its
/// size ("a roster spec"). Throws UsageError (exit 2) naming the path when the file is missing,
/// unreadable, not a regular file or too large, and EnvironmentError (exit 4) when reading it fails
/// part-way.
std::string read_regular_file(const std::string& path, std::uint64_t max_bytes,
                              const std::string& what);

/// What a file of `mode` is, for messages: "a folder", "a FIFO (named pipe)", "a symbolic link" ...
/// ("not a regular file" for anything else).
const char* describe_file_kind(mode_t mode);

/// "16 MiB", "1 GiB", "512 KiB", "300 bytes": a limit or size for messages.
std::string describe_bytes(std::uint64_t bytes);

}  // namespace duty
