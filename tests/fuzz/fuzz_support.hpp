// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/error.hpp"

/// The libFuzzer entry point every target defines. A target returns normally for every input: a
/// duty::Error is the documented way to refuse bad input (exit 2-4 in the CLI), so it is caught;
/// anything else escaping (another exception, a crash, a sanitizer report) is a bug.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace duty::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Runs `fn`, swallowing the errors duty reports to people. A message must never be empty: an
/// empty one would print a bare "duty: error:".
template <typename Fn>
void refusing_is_fine(Fn&& fn) {
  try {
    fn();
  } catch (const duty::InputError& e) {
    if (e.diagnostics().empty()) __builtin_trap();
    for (const auto& d : e.diagnostics()) {
      if (d.message.empty()) __builtin_trap();
    }
  } catch (const duty::Error& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
}

}  // namespace duty::fuzz
