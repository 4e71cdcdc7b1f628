// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
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

/// Reads an import file one incident at a time, so that a large import is checked and written
/// without holding all its records.
class ImportReader {
 public:
  virtual ~ImportReader() = default;
  /// The next incident, or nullopt at the end. Problems with the file and with each record's fields
  /// go to the reader's sink; a record with such problems is still returned, so that the checks
  /// that need the whole record (check_import_record) report theirs too.
  virtual std::optional<ImportRecord> next() = 0;
};

/// A reader of CSV rows (as parse_import_csv), parsing each row when it is asked for; `text` must
/// outlive it.
std::unique_ptr<ImportReader> csv_import_reader(const std::string& file, const std::string& text,
                                                const Office& office, Seconds now, DiagnosticSink& sink);

/// A reader of a YAML import file (as parse_import_yaml).
std::unique_ptr<ImportReader> yaml_import_reader(const YamlSource& source, const Office& office, Seconds now,
                                                 DiagnosticSink& sink);

/// The CSV columns an import accepts, in export order.
const std::vector<std::string>& import_csv_columns();

}  // namespace duty::reports
