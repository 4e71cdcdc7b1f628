// SPDX-License-Identifier: Apache-2.0
// The office.yaml parser on arbitrary text (what every incident command reads first).
#include "reports/office.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  duty::fuzz::refusing_is_fine([&] {
    duty::YamlSource source("office.yaml", duty::fuzz::text_of(data, size));
    duty::reports::Office office = duty::reports::parse_office(source, "/nonexistent/ws");
    if (office.zone == nullptr) __builtin_trap();
    (void)office.resolve(office.database);
  });
  return 0;
}
