// SPDX-License-Identifier: Apache-2.0
// `incident import FILE.csv` on arbitrary bytes: parse, check against the office, import.
#include "tests/fuzz/incident_import_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The reader walks the text, so the text outlives it.
  const std::string text = duty::fuzz::text_of(data, size);
  duty::fuzz::import_like_the_cli([&](const duty::reports::Office& office, duty::Seconds now,
                                      duty::DiagnosticSink& sink) {
    return duty::reports::csv_import_reader("import.csv", text, office, now, sink);
  });
  return 0;
}
