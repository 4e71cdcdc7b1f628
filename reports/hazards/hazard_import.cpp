// SPDX-License-Identifier: Apache-2.0
#include "reports/hazards/hazard_import.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/yaml_source.hpp"

namespace duty::reports {

namespace {

const std::vector<std::string> kColumns = {
    "title", "township", "location",    "category", "grade", "source",     "found", "found_by",
    "unit",  "owner",    "owner_phone", "measures", "due",   "supervisor", "basis"};

// A township spreadsheet's headers.
const std::map<std::string, std::string> kChineseHeaders = {
    {"隐患描述", "title"},    {"隐患名称", "title"},       {"属地", "township"},
    {"乡镇", "township"},     {"部位", "location"},        {"场所", "location"},
    {"地点", "location"},     {"类别", "category"},        {"行业", "category"},
    {"等级", "grade"},        {"隐患等级", "grade"},       {"来源", "source"},
    {"排查时间", "found"},    {"发现时间", "found"},       {"排查人", "found_by"},
    {"责任单位", "unit"},     {"整改责任单位", "unit"},    {"责任人", "owner"},
    {"整改责任人", "owner"},  {"联系电话", "owner_phone"}, {"电话", "owner_phone"},
    {"整改措施", "measures"}, {"整改时限", "due"},         {"监管部门", "supervisor"},
    {"判定依据", "basis"}};

// Columns `hazard export` writes that an import does not read: what the ledger derives.
const std::vector<std::string> kExportOnly = {
    "id",      "status",  "original_due",      "submitted_at",  "closed_at",
    "on_time", "overdue", "supervision_level", "supervision_by"};

struct Cell {
  std::string value;
  SourcePos pos;
};

struct Record {
  SourcePos pos;
  std::map<std::string, Cell> cells;
};

std::string column_key(const std::string& header) {
  std::string h(trim(header));
  if (auto it = kChineseHeaders.find(h); it != kChineseHeaders.end()) return it->second;
  return h;
}

bool known_column(const std::string& key) {
  return std::find(kColumns.begin(), kColumns.end(), key) != kColumns.end();
}

bool ignored_column(const std::string& key) {
  return std::find(kExportOnly.begin(), kExportOnly.end(), key) != kExportOnly.end();
}

// Every hazard needs these (source defaults to other; phone, supervisor and basis are optional).
const std::vector<std::string> kRequired = {"title", "township", "location", "category",
                                            "grade", "found",    "found_by", "unit",
                                            "owner", "measures", "due"};

// The Chinese headers that name `key`: "隐患描述, 隐患名称" for title.
std::string chinese_headers(const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [header, k] : kChineseHeaders) {
    if (k == key) out.push_back(header);
  }
  return join(out, ", ");
}

// A spreadsheet's cell as the ledger keeps text: a line break inside a quoted cell written by a
// Windows tool (CRLF, or an old Mac's lone CR) is one line break.
std::string cell_text(std::string v) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\r') {
      out += '\n';
      if (i + 1 < v.size() && v[i + 1] == '\n') ++i;
    } else {
      out += v[i];
    }
  }
  return out;
}

std::vector<Record> read_csv(const std::string& file, const std::string& text,
                             DiagnosticSink& sink) {
  std::vector<Record> out;
  CsvReader csv(file, text);
  CsvRecord row;
  if (!csv.next(row)) return out;
  std::vector<std::string> keys;
  for (std::size_t c = 0; c < row.fields.size(); ++c) {
    std::string key = column_key(row.fields[c]);
    if (!known_column(key) && !ignored_column(key)) {
      sink.add(
          Diagnostic{SourcePos{file, row.line, row.column(c)},
                     trf("unknown column '{0}'{1}", row.fields[c], did_you_mean(key, kColumns)),
                     {}});
    }
    // Two columns for one field (title twice, or 隐患描述 beside 隐患名称): one would be lost.
    if (auto first = std::find(keys.begin(), keys.end(), key);
        known_column(key) && first != keys.end()) {
      auto c0 = static_cast<std::size_t>(first - keys.begin());
      sink.add(Diagnostic{SourcePos{file, row.line, row.column(c)},
                          trf("column '{0}' gives '{1}' a second time (first in column {2}, '{3}')",
                              row.fields[c], key, c0 + 1, row.fields[c0]),
                          {}});
    }
    keys.push_back(key);
  }
  const int header_line = row.line;
  // A header alone is a file without hazards, said as such below.
  if (!csv.next(row)) return out;
  // A missing column is said once, not once for every row.
  bool missing = false;
  for (const auto& key : kRequired) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    missing = true;
    sink.add(
        Diagnostic{SourcePos{file, header_line, 1},
                   trf("no column '{0}' ({1}); every hazard needs one", key, chinese_headers(key)),
                   {}});
  }
  if (missing) return out;
  do {
    Record r{SourcePos{file, row.line, 1}, {}};
    for (std::size_t c = 0; c < row.fields.size() && c < keys.size(); ++c) {
      if (!known_column(keys[c])) continue;
      r.cells[keys[c]] = Cell{cell_text(unprotect_formula(row.fields[c])),
                              SourcePos{file, row.line, row.column(c)}};
    }
    if (row.fields.size() > keys.size()) {
      sink.add(
          Diagnostic{SourcePos{file, row.line, row.column(keys.size())},
                     trf("{0} fields where the header has {1}", row.fields.size(), keys.size()),
                     {}});
    }
    out.push_back(std::move(r));
  } while (csv.next(row));
  return out;
}

std::vector<Record> read_yaml(const YamlSource& src, DiagnosticSink& sink) {
  std::vector<Record> out;
  YAML::Node list = src.root();
  if (list.IsMap() && list["hazards"]) list = list["hazards"];
  if (!list.IsSequence()) {
    sink.add(src.at(list, tr("expected a list of hazards (or 'hazards:' with a list)")));
    return out;
  }
  for (const auto& item : list) {
    if (!item.IsMap()) {
      sink.add(src.at(item, tr("expected a hazard: a map of fields such as title, township, due")));
      continue;
    }
    Record r{src.pos(item), {}};
    for (const auto& kv : item) {
      std::string key = column_key(kv.first.as<std::string>(""));
      // yaml-cpp keeps both of two equal keys in a map, and 隐患描述 beside title is the same
      // field: one value would be lost unseen.
      if (auto first = r.cells.find(key); first != r.cells.end()) {
        sink.add(src.at(kv.first, trf("'{0}' gives '{1}' a second time (first on line {2})",
                                      kv.first.as<std::string>(""), key, first->second.pos.line)));
        continue;
      }
      if (!known_column(key)) {
        if (!ignored_column(key)) {
          sink.add(src.at(kv.first, trf("unknown field '{0}'{1}", kv.first.as<std::string>(""),
                                        did_you_mean(key, kColumns))));
        }
        continue;
      }
      // An empty field (owner_phone:, basis: ~, null) is a field left blank, as in a spreadsheet.
      if (kv.second.IsNull()) {
        r.cells[key] = Cell{"", src.pos(kv.first)};
        continue;
      }
      if (!kv.second.IsScalar()) {
        sink.add(src.at(kv.second, trf("'{0}' must be a single value", key)));
        continue;
      }
      r.cells[key] = Cell{kv.second.Scalar(), src.pos(kv.second)};
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Reads up to `max` digits at `i` into `n`; false when there is none.
bool digits(std::string_view v, std::size_t& i, std::size_t max, int& n) {
  std::size_t start = i;
  n = 0;
  while (i < v.size() && i - start < max && v[i] >= '0' && v[i] <= '9') n = n * 10 + (v[i++] - '0');
  return i > start;
}

bool skip(std::string_view v, std::size_t& i, std::string_view what) {
  if (v.substr(i, what.size()) != what) return false;
  i += what.size();
  return true;
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

// A date as township spreadsheets (Excel, WPS) write it: 2026/11/2, 2026.11.2, 2026-11-2 or
// 2026年11月2日, then perhaps a time 9:00 or 9:00:00; as YYYY-MM-DD[ HH:MM[:SS]] for the ledger's
// parsers. Anything else comes back as it was, for them to refuse in its own words.
std::string spreadsheet_date(std::string_view text) {
  std::string_view v = trim(text);
  std::size_t i = 0;
  int y = 0, m = 0, d = 0;
  if (!digits(v, i, 4, y) || i != 4) return std::string(text);
  bool chinese = skip(v, i, "年");
  char sep = chinese || i >= v.size() ? '\0' : v[i];
  if (!chinese && sep != '-' && sep != '/' && sep != '.') return std::string(text);
  if (!chinese) ++i;
  if (!digits(v, i, 2, m)) return std::string(text);
  if (chinese ? !skip(v, i, "月") : !(i < v.size() && v[i++] == sep)) return std::string(text);
  if (!digits(v, i, 2, d)) return std::string(text);
  if (chinese) skip(v, i, "日");
  std::string out = std::to_string(y) + "-" + two(m) + "-" + two(d);
  std::string_view rest = trim(v.substr(i));
  if (rest.empty()) return out;
  std::size_t j = 0;
  int h = 0, mi = 0, sec = 0;
  if (!digits(rest, j, 2, h) || !skip(rest, j, ":") || !digits(rest, j, 2, mi) || j < 4) {
    return std::string(text);
  }
  out += " " + two(h) + ":" + two(mi);
  if (skip(rest, j, ":")) {
    if (!digits(rest, j, 2, sec)) return std::string(text);
    out += ":" + two(sec);
  }
  return j == rest.size() ? out : std::string(text);
}

}  // namespace

const std::vector<std::string>& hazard_import_columns() {
  return kColumns;
}

std::vector<NewHazard> parse_hazard_import(const std::string& file, const std::string& text,
                                           const Office& office, const HazardSettings& settings,
                                           const Actor& actor) {
  DiagnosticSink sink;
  std::vector<Record> records;
  // The extension as a file manager shows it: T.YAML from a Windows share is YAML too.
  std::string lower = file.substr(file.size() > 5 ? file.size() - 5 : 0);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool yaml = lower.ends_with(".yaml") || lower.ends_with(".yml");
  if (yaml) {
    YamlSource src(file, text);
    records = read_yaml(src, sink);
  } else {
    records = read_csv(file, text, sink);
  }
  std::vector<NewHazard> out;
  for (const auto& r : records) {
    auto get = [&](const char* key) {
      auto it = r.cells.find(key);
      return it == r.cells.end() ? std::string() : it->second.value;
    };
    auto where = [&](const std::string& field) {
      auto it = r.cells.find(field);
      return it == r.cells.end() ? r.pos : it->second.pos;
    };
    NewHazard n;
    n.title = get("title");
    n.township = get("township");
    n.location = get("location");
    n.category = get("category");
    n.found_by = get("found_by");
    n.unit = get("unit");
    n.owner = get("owner");
    n.owner_phone = get("owner_phone");
    n.measures = get("measures");
    n.supervisor = get("supervisor");
    n.basis = get("basis");
    // Every problem of the row, not just its first: a field that could not be read is not also
    // "required".
    std::vector<FieldError> problems;
    std::string grade = get("grade");
    n.grade = parse_hazard_grade(grade);
    if (!grade.empty() && !n.grade) {
      problems.emplace_back(
          "grade", trf("unknown grade '{0}'; expected general or major (一般, 重大)", grade));
    }
    std::string source = get("source");
    n.source = source.empty() ? std::optional(HazardSource::kOther) : parse_hazard_source(source);
    if (!n.source) {
      problems.emplace_back(
          "source", trf("unknown source '{0}'; expected self-check, inspection, tip-off, meeting, "
                        "assigned, drill or other (自查, 检查, 举报, 会议, 交办, 演练, 其他)",
                        source));
    }
    std::string found = get("found");
    if (!found.empty()) {
      try {
        n.found =
            parse_time_expr(spreadsheet_date(found), *office.zone, actor.now, ClockReading::kPast);
        if (!n.found) problems.emplace_back("found", not_a_time_message(found));
      } catch (const FieldError& e) {
        problems.emplace_back("found", e.what());
      }
    }
    std::string due = get("due");
    if (!due.empty()) {
      n.due = parse_date(spreadsheet_date(due));
      if (!n.due) {
        problems.emplace_back("due", trf("'{0}' is not a date; expected YYYY-MM-DD", due));
      }
    }
    for (auto& p : new_hazard_problems(office, settings, n, actor)) {
      bool seen = std::any_of(problems.begin(), problems.end(),
                              [&](const FieldError& q) { return q.field() == p.field(); });
      if (!seen) problems.push_back(std::move(p));
    }
    for (const auto& p : problems) {
      sink.add(Diagnostic{where(p.field()), p.field() + ": " + p.what(), {}});
    }
    out.push_back(std::move(n));
  }
  if (records.empty() && sink.empty()) {
    sink.add(Diagnostic{SourcePos{file, 0, 0}, tr("no hazards in the file"), {}});
  }
  sink.throw_if_any();
  return out;
}

}  // namespace duty::reports
