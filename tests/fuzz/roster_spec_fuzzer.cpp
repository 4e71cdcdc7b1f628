// SPDX-License-Identifier: Apache-2.0
// The roster spec parser and validator on arbitrary text (what `roster build spec.yaml` reads).
#include "roster/spec.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  duty::fuzz::refusing_is_fine([&] {
    duty::YamlSource source("spec.yaml", duty::fuzz::text_of(data, size));
    duty::roster::Spec spec = duty::roster::parse_spec(source);
    // A spec that validates must be internally consistent: the period is not reversed.
    if (spec.days() < 1) __builtin_trap();
  });
  return 0;
}
