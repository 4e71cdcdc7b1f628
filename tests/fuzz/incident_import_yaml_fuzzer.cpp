// SPDX-License-Identifier: Apache-2.0
// `incident import FILE.yaml` on arbitrary text: parse, check against the office, import.
#include "tests/fuzz/incident_import_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  duty::fuzz::import_like_the_cli([&](const duty::reports::Office& office, duty::Seconds now,
                                      duty::DiagnosticSink& sink) {
    duty::YamlSource source("import.yaml", duty::fuzz::text_of(data, size));
    return duty::reports::yaml_import_reader(source, office, now, sink);
  });
  return 0;
}
