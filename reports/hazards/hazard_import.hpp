// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "reports/hazards/hazard_ledger.hpp"

namespace duty::reports {

/// The columns (CSV) or keys (YAML) of an import, in `hazard export` order: title, township,
/// location, category, grade, source, found, found_by, unit, owner, owner_phone, measures, due,
/// supervisor, basis. A spreadsheet's Chinese headers name them too (隐患描述, 属地, 部位,
/// 类别, 等级, 来源, 排查时间, 排查人, 责任单位, 责任人, 联系电话, 整改措施, 整改时限,
/// 监管部门, 判定依据); the export's own other columns (id, status, ...) are ignored.
const std::vector<std::string>& hazard_import_columns();

/// Reads hazards to register from a CSV (header row, one hazard a row) or YAML (a list of maps,
/// or {hazards: [...]}) file's text, chosen by `file`'s extension (.yaml/.yml in any case, else
/// CSV). Every field is checked as `hazard add` checks it (new_hazard_problems); found is a TIME in
/// the office's zone, due a DATE (YYYY-MM-DD, or as spreadsheets write it: 2026/11/2, 2026.11.2,
/// 2026年11月2日, with a time such as 9:00 after it for found). Every problem in
/// the file is collected and thrown as one InputError at file:line:column; nothing is read partly.
std::vector<NewHazard> parse_hazard_import(const std::string& file, const std::string& text,
                                           const Office& office, const HazardSettings& settings,
                                           const Actor& actor);

/// Registers every hazard in one transaction (all or nothing), with ids H-n in file order.
/// FieldError as validate_new_hazard for any of them, nothing written.
std::vector<Hazard> add_hazards(Store& store, const Office& office, const HazardSettings& settings,
                                const std::vector<NewHazard>& hazards, const Actor& actor);

}  // namespace duty::reports
