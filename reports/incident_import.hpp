// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/yaml_source.hpp"
#include "reports/incident_log.hpp"

namespace duty::reports {

/// Reads an import file in YAML: a list of incidents (or {incidents: [...]}) with the fields of
/// `incident add` plus optional `updates`, `escalations` and `closed` (docs/incident-log.md).
/// Times are TIME expressions in the office's zone. Every problem is collected and thrown as one
/// InputError with file:line:column.
std::vector<ImportRecord> parse_import_yaml(const YamlSource& source, const Office& office, Seconds now);

/// As above, adding every problem to `sink` instead of throwing, so a caller can also check the
/// parsed records and report everything wrong with the file at once.
std::vector<ImportRecord> parse_import_yaml(const YamlSource& source, const Office& office, Seconds now,
                                            DiagnosticSink& sink);

/// Reads an import file in CSV: a header row naming columns (title and category required), one
/// incident per row. Problems are collected with file:line:column.
std::vector<ImportRecord> parse_import_csv(const std::string& file, const std::string& text, const Office& office,
                                           Seconds now);

/// As above, adding every problem to `sink` instead of throwing.
std::vector<ImportRecord> parse_import_csv(const std::string& file, const std::string& text, const Office& office,
                                           Seconds now, DiagnosticSink& sink);

/// The CSV columns an import accepts, in export order.
const std::vector<std::string>& import_csv_columns();

}  // namespace duty::reports
