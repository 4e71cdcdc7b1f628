// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <iosfwd>
#include <map>
#include <string>

#include "common/error.hpp"
#include "common/time.hpp"

namespace duty::cli {

/// Options every command accepts (before or after the command name).
struct GlobalOptions {
  std::string office;   ///< --office DIR
  std::string db;       ///< --db PATH
  std::string by_user;  ///< --by-user NAME: who is entering this (see Context::user)
};

/// What every command may use from the process: its streams, terminal, clock, environment and
/// where its exit code goes. main() owns the only instance; libraries never see it.
struct Context {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;  ///< for colour and paging only: never chooses a format
  ExitCode exit_code = ExitCode::kOk;
  GlobalOptions global;

  /// The system clock, to the second.
  Seconds now() const;
  /// Who is entering, the first of: --by-user; $DUTY_USER; the entry for the login name in
  /// office.yaml's `users:` (`users`); the login name (else $USER, else "unknown"). Also where it
  /// came from ("--by-user", "DUTY_USER", "office.yaml users", "login name"), for messages.
  std::string user(const std::map<std::string, std::string>& users, std::string* source = nullptr) const;
  /// The login name of the process, else $USER, else "unknown".
  static std::string login_name();
};

}  // namespace duty::cli
