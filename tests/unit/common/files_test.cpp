// SPDX-License-Identifier: Apache-2.0
#include "common/files.hpp"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh folder under the system's temporary folder, removed with its contents at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "duty-files-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

// The message of the UsageError that reading `path` throws ("" when it throws none).
std::string refusal(const fs::path& path, std::uint64_t limit = duty::kMaxConfigBytes) {
  try {
    duty::read_regular_file(path.string(), limit, "a roster spec");
  } catch (const duty::UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("common::files") {
  TEST_CASE("a regular file is read whole, also through a symbolic link") {
    TempDir dir;
    std::string text = "slots: []\n";
    text += std::string(100000, 'x');
    auto file = dir.write("spec.yaml", text);
    CHECK(duty::read_regular_file(file.string(), duty::kMaxConfigBytes, "a roster spec") == text);
    fs::create_symlink(file, dir.path / "link.yaml");
    CHECK(duty::read_regular_file((dir.path / "link.yaml").string(), duty::kMaxConfigBytes, "x") ==
          text);
    CHECK(duty::read_regular_file(dir.write("empty.yaml", "").string(), 10, "x").empty());
  }

  TEST_CASE("what is not a regular file is refused by kind, without reading") {
    TempDir dir;
    CHECK(refusal(dir.path / "missing.yaml") ==
          "cannot read '" + (dir.path / "missing.yaml").string() + "': no such file");
    CHECK(refusal(dir.path).find("it is a folder, not a regular file") != std::string::npos);
    CHECK(refusal("/dev/zero").find("it is a character device, not a regular file") !=
          std::string::npos);
    // A FIFO with no writer: opening it must not wait for one.
    auto fifo = dir.path / "fifo.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto start = std::chrono::steady_clock::now();
    CHECK(refusal(fifo) ==
          "cannot read '" + fifo.string() + "': it is a FIFO (named pipe), not a regular file");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    // A socket cannot be opened at all; the refusal still names the file.
    auto sock_path = dir.path / "s.yaml";
    int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(sock >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, sock_path.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    CHECK(refusal(sock_path).find("cannot read '" + sock_path.string() + "'") == 0);
    ::close(sock);
  }

  TEST_CASE("a file over the limit is refused with both sizes") {
    TempDir dir;
    auto file = dir.write("big.yaml", std::string(2048, '#'));
    CHECK(refusal(file, 2047) ==
          "'" + file.string() + "' is too large (2 KiB); a roster spec may be at most 1.9 KiB");
    CHECK(refusal(file, 2048).empty());
    // Sparse: refused from its size, nothing read.
    auto huge = dir.path / "huge.csv";
    { std::ofstream(huge.string()) << ""; }
    fs::resize_file(huge, duty::kMaxImportBytes + 1);
    CHECK(refusal(huge, duty::kMaxImportBytes) ==
          "'" + huge.string() +
              "' is too large (1073741825 bytes); a roster spec may be at most 1073741824 bytes (1 "
              "GiB)");
  }

  TEST_CASE("sizes for messages") {
    CHECK(duty::describe_bytes(0) == "0 bytes");
    CHECK(duty::describe_bytes(1) == "1 byte");
    CHECK(duty::describe_bytes(1023) == "1023 bytes");
    CHECK(duty::describe_bytes(1024) == "1 KiB");
    CHECK(duty::describe_bytes(1536) == "1.5 KiB");
    CHECK(duty::describe_bytes(duty::kMaxConfigBytes) == "16 MiB");
    CHECK(duty::describe_bytes(duty::kMaxConfigBytes + 1) == "16 MiB");
    CHECK(duty::describe_bytes((std::uint64_t{17} << 20) + (std::uint64_t{1} << 19)) == "17.5 MiB");
    CHECK(duty::describe_bytes(duty::kMaxImportBytes) == "1 GiB");
  }
}
