// SPDX-License-Identifier: Apache-2.0
#include "reports/incident_import.hpp"

#include <algorithm>
#include <limits>

#include "common/csv.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"
#include "common/yaml_reader.hpp"

namespace duty::reports {

namespace {

const std::vector<std::string> kFieldKeys = {"title",       "category", "severity", "occurred",
                                             "received",    "location", "source",   "received_by",
                                             "deaths",      "injured",  "seriously_injured", "missing",
                                             "trapped",     "loss",     "note",     "actions", "leaders_on_scene"};

// Free text keeps tabs and line breaks; every other field is one line.
TextKind kind_of(const std::string& key) {
  return key == "note" || key == "actions" || key == "leaders_on_scene" || key == "next_steps"
             ? TextKind::kMultiLine
             : TextKind::kLine;
}

// The columns of a CSV export that describe an incident's history rather than its state.
bool is_history_column(const std::string& name) {
  return name == "status" || name == "followups" || name == "escalations";
}

// A CSV row records an incident as it stands: a final report, follow-ups or escalations in its
// history cannot come with it, and importing it as if they had not happened would turn a closed
// incident open again and its reports overdue. "" when the row has none of them.
std::string history_problem(const std::string& column, const std::string& value) {
  const char* lost = nullptr;
  if (column == "status" && !value.empty() && value != "open") {
    if (value != "closed") return trf("'{0}' is not a status; expected open or closed", value);
    lost = N_("its final report");
  } else if (column != "status" && !value.empty() && value != "0") {
    std::string problem;
    if (!parse_whole_number(value, 0, std::numeric_limits<int>::max(), problem)) return problem;
    lost = column == "followups" ? N_("its follow-ups") : N_("its escalations");
  }
  if (!lost) return "";
  return trf(
      "'{0}': a CSV row holds an incident's current state only, so {1} would be lost; move a log "
      "with "
      "the YAML export (duty incident export --format yaml)",
      value, tr(lost));
}

// Sets one field from its text form; returns an error message, or "" when it was accepted.
std::string set_field(IncidentFields& f, std::optional<Seconds>* received, const std::string& key,
                      const std::string& value, const Office& office, Seconds now) {
  auto count = [&](std::optional<int>& out) -> std::string {
    std::string problem;
    out = parse_people(value, problem);
    return problem;
  };
  auto time = [&](std::optional<Seconds>& out) -> std::string {
    std::string range;
    auto t = parse_time_expr(value, *office.zone, now, &range);
    if (!t) return range.empty() ? not_a_time_message(value) : range;
    out = t;
    return "";
  };
  if (value.empty()) return "";
  if (key == "title") f.title = value;
  else if (key == "category") f.category = find_category_id(office.categories, value).value_or(value);
  else if (key == "severity") {
    auto s = parse_severity(value);
    if (!s) return unknown_severity_message(value);
    f.severity = s;
  } else if (key == "occurred") return time(f.occurred);
  else if (key == "received") {
    if (!received) return tr("only an incident has a received time");
    return time(*received);
  } else if (key == "location") f.location = value;
  else if (key == "source") f.source = value;
  else if (key == "received_by") f.received_by = value;
  else if (key == "deaths") return count(f.deaths);
  else if (key == "injured") return count(f.injured);
  else if (key == "seriously_injured") return count(f.seriously_injured);
  else if (key == "missing") return count(f.missing);
  else if (key == "trapped") return count(f.trapped);
  else if (key == "loss") {
    std::string problem;
    f.loss = parse_loss(value, problem);
    return problem;
  } else if (key == "note") f.note = value;
  else if (key == "actions") f.actions = value;
  else if (key == "leaders_on_scene") f.leaders_on_scene = value;
  else if (key == "next_steps")
    f.next_steps = value;
  return "";
}

void read_fields(YamlReader& r, const YAML::Node& node, IncidentFields& f, std::optional<Seconds>* received,
                 const Office& office, Seconds now, const std::vector<std::string>& skip) {
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    // Text as `incident add` takes it (line breaks and tabs in a note, one line in a title); the
    // office's checks of each field follow when the record is imported.
    auto value = kind_of(key) == TextKind::kMultiLine ? r.text(kv.second, key) : r.string(kv.second, key);
    if (!value) continue;
    std::string problem = set_field(f, received, key, *value, office, now);
    if (!problem.empty()) r.error(kv.second, key + ": " + problem);
  }
}

std::optional<Seconds> yaml_time(YamlReader& r, const YAML::Node& node, const std::string& what, const Office& office,
                                 Seconds now) {
  auto s = r.string(node, what);
  if (!s) return std::nullopt;
  std::string range;
  auto t = parse_time_expr(*s, *office.zone, now, &range);
  if (!t) r.error(node, what + ": " + (range.empty() ? not_a_time_message(*s) : range));
  return t;
}

}  // namespace

const std::vector<std::string>& import_csv_columns() { return kFieldKeys; }

std::vector<ImportRecord> parse_import_yaml(const YamlSource& src, const Office& office, Seconds now) {
  DiagnosticSink sink;
  auto records = parse_import_yaml(src, office, now, sink);
  sink.throw_if_any();
  return records;
}

std::vector<ImportRecord> parse_import_csv(const std::string& file, const std::string& text, const Office& office,
                                           Seconds now) {
  DiagnosticSink sink;
  auto records = parse_import_csv(file, text, office, now, sink);
  sink.throw_if_any();
  return records;
}

std::vector<ImportRecord> parse_import_yaml(const YamlSource& src, const Office& office, Seconds now,
                                            DiagnosticSink& sink) {
  YamlReader r(src, sink);
  const YAML::Node& root = src.root();
  if (root.IsMap()) {
    std::size_t before = sink.size();
    r.check_map(root, tr("the import file (a list of incidents, or incidents: [...])"),
                {"incidents"});
    if (sink.size() > before) return {};
  }
  // YAML::Node assignment writes through to the referenced node, so pick the list without one.
  const YAML::Node list = root.IsMap() ? root["incidents"] : root;
  if (!list.IsSequence()) {
    sink.add(src.at(list.IsDefined() && !list.IsNull() ? list : root,
                    tr("expected a list of incidents")));
    return {};
  }
  std::vector<std::string> keys = kFieldKeys;
  for (const char* extra : {"id", "updates", "escalations", "closed"}) keys.push_back(extra);
  std::vector<ImportRecord> out;
  for (const auto& item : list) {
    if (!r.check_map(item, tr("an incident"), keys)) continue;
    ImportRecord rec;
    const std::size_t problems_before = sink.size();
    rec.pos = src.pos(item);
    read_fields(r, item, rec.incident.fields, &rec.incident.received, office, now,
                {"id", "updates", "escalations", "closed"});
    if (item["updates"]) {
      if (!item["updates"].IsSequence()) {
        r.error(item["updates"], tr("expected a list of follow-ups"));
      } else {
        for (const auto& u : item["updates"]) {
          std::vector<std::string> ukeys = kFieldKeys;
          ukeys.push_back("at");
          if (!r.check_map(u, tr("a follow-up"), ukeys)) continue;
          if (!u["at"]) {
            r.error(u, tr("a follow-up needs 'at'"));
            continue;
          }
          ImportRecord::Update up;
          auto at = yaml_time(r, u["at"], "at", office, now);
          read_fields(r, u, up.fields, nullptr, office, now, {"at"});
          if (!at) continue;
          up.at = *at;
          rec.updates.push_back(std::move(up));
        }
      }
    }
    if (item["escalations"]) {
      if (!item["escalations"].IsSequence()) {
        r.error(item["escalations"], tr("expected a list of escalations"));
      } else {
        for (const auto& e : item["escalations"]) {
          if (!r.check_map(e, tr("an escalation"), {"to", "via", "at", "note"})) continue;
          if (!e["to"] || !e["via"] || !e["at"]) {
            r.error(e, tr("an escalation needs 'to', 'via' and 'at'"));
            continue;
          }
          ImportRecord::Escalation esc;
          esc.to = r.string(e["to"], "to").value_or("");
          auto via = parse_channel(r.string(e["via"], "via").value_or(""));
          if (!via)
            r.error(e["via"], tr("unknown channel; expected phone, written, fax or system"));
          auto at = yaml_time(r, e["at"], "at", office, now);
          if (e["note"]) esc.note = r.text(e["note"], "note").value_or("");
          if (!via || !at) continue;
          esc.via = *via;
          esc.at = *at;
          rec.escalations.push_back(std::move(esc));
        }
      }
    }
    if (item["closed"]) {
      const YAML::Node& c = item["closed"];
      std::vector<std::string> ckeys = kFieldKeys;
      ckeys.push_back("at");
      ckeys.push_back("next_steps");  // the final report's 下一步工作: on the closing only
      if (r.check_map(c, "closed", ckeys)) {
        if (!c["at"]) {
          r.error(c, tr("closed needs 'at'"));
        } else {
          rec.closed_at = yaml_time(r, c["at"], "at", office, now);
        }
        read_fields(r, c, rec.closed_fields, nullptr, office, now, {"at"});
      }
    }
    rec.reported = sink.size() > problems_before;
    out.push_back(std::move(rec));
  }
  return out;
}

namespace {

// The rows of a CSV import as records, one at a time.
class CsvImportReader : public ImportReader {
 public:
  CsvImportReader(const std::string& file, const std::string& text, const Office& office, Seconds now,
                  DiagnosticSink& sink)
      : file_(file), csv_(file, text), office_(office), now_(now), sink_(sink) {
    if (!read(row_)) {
      if (sink_.empty()) {
        sink_.add(Diagnostic{SourcePos{file, 1, 1},
                             tr("the file is empty; expected a header row naming the columns"),
                             {}});
      }
      done_ = true;
      return;
    }
    read_header();
  }

  std::optional<ImportRecord> next() override {
    while (!done_ && read(row_)) {
      if (row_.fields.size() != columns_.size()) {
        sink_.add(Diagnostic{
            SourcePos{file_, row_.line, 1},
            trf("this row has {0} fields; the header has {1}", row_.fields.size(), columns_.size()),
            {}});
        continue;
      }
      return record();
    }
    done_ = true;
    return std::nullopt;
  }

 private:
  // A CSV syntax error ends the file; it is reported with the problems found before it.
  bool read(CsvRecord& rec) {
    try {
      return csv_.next(rec);
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) sink_.add(d);
      return false;
    }
  }

  void read_header() {
    const auto& header = row_.fields;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& name = header[c];
      // Two columns of one name: one value would be dropped unseen, whichever it were.
      auto first = std::find(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(c), name);
      if (first != header.begin() + static_cast<std::ptrdiff_t>(c)) {
        auto at = static_cast<std::size_t>(first - header.begin());
        sink_.add(Diagnostic{
            SourcePos{file_, row_.line, row_.column(c)},
            trf("duplicate column '{0}' (column {1}; it is also column {2}, at {3}); give each "
                "column once",
                name, c + 1, at + 1, SourcePos{file_, row_.line, row_.column(at)}.str()),
            {}});
        columns_.push_back("");
        continue;
      }
      // An export's own id column is accepted and ignored: ids are assigned anew. Its status and
      // counts of follow-ups and escalations are checked: a row can carry only the current state.
      if (name == "id") {
        columns_.push_back("");
        continue;
      }
      if (is_history_column(name)) {
        columns_.push_back(name);
        continue;
      }
      if (std::find(kFieldKeys.begin(), kFieldKeys.end(), name) == kFieldKeys.end()) {
        sink_.add(Diagnostic{SourcePos{file_, 1, row_.column(c)},
                             trf("unknown column '{0}'{1}; expected some of: {2}", name,
                                 did_you_mean(name, kFieldKeys), join(kFieldKeys, ", ")),
                             {}});
      }
      columns_.push_back(name);
    }
    for (const char* required : {"title", "category"}) {
      if (std::find(columns_.begin(), columns_.end(), required) == columns_.end()) {
        sink_.add(Diagnostic{SourcePos{file_, 1, 1}, trf("missing column '{0}'", required), {}});
      }
    }
    // With the columns wrong, every row would only repeat the problem.
    if (!sink_.empty()) done_ = true;
  }

  ImportRecord record() {
    ImportRecord ir;
    const std::size_t problems_before = sink_.size();
    ir.pos = SourcePos{file_, row_.line, 1};
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].empty()) continue;
      if (is_history_column(columns_[c])) {
        if (std::string problem = history_problem(columns_[c], row_.fields[c]); !problem.empty()) {
          sink_.add(Diagnostic{SourcePos{file_, row_.line, row_.column(c)}, columns_[c] + ": " + problem, {}});
        }
        continue;
      }
      // An export protects cells from spreadsheets' formulas (CsvWriter); the import takes that off.
      std::string value = unprotect_formula(std::move(row_.fields[c]));
      // Text that is no text is reported at its cell (the record's checks would only name the row).
      const TextKind kind = kind_of(columns_[c]);
      auto bad = is_valid_utf8(value) ? forbidden_character(value, kind) : std::nullopt;
      std::string problem = !is_valid_utf8(value) ? std::string(tr("is not valid UTF-8 text"))
                            : bad                 ? forbidden_character_message(*bad, kind)
                                  : set_field(ir.incident.fields, &ir.incident.received,
                                              columns_[c], value, office_, now_);
      if (!problem.empty()) {
        sink_.add(Diagnostic{SourcePos{file_, row_.line, row_.column(c)}, columns_[c] + ": " + problem, {}});
      }
    }
    ir.reported = sink_.size() > problems_before;
    return ir;
  }

  std::string file_;
  CsvReader csv_;
  const Office& office_;
  Seconds now_;
  DiagnosticSink& sink_;
  CsvRecord row_;
  std::vector<std::string> columns_;
  bool done_ = false;
};

// Records already parsed (a YAML file is read whole by yaml-cpp anyway).
class ListImportReader : public ImportReader {
 public:
  explicit ListImportReader(std::vector<ImportRecord> records) : records_(std::move(records)) {}
  std::optional<ImportRecord> next() override {
    if (next_ == records_.size()) return std::nullopt;
    return std::move(records_[next_++]);
  }

 private:
  std::vector<ImportRecord> records_;
  std::size_t next_ = 0;
};

}  // namespace

std::unique_ptr<ImportReader> csv_import_reader(const std::string& file, const std::string& text,
                                                const Office& office, Seconds now, DiagnosticSink& sink) {
  return std::make_unique<CsvImportReader>(file, text, office, now, sink);
}

std::unique_ptr<ImportReader> yaml_import_reader(const YamlSource& source, const Office& office, Seconds now,
                                                 DiagnosticSink& sink) {
  return std::make_unique<ListImportReader>(parse_import_yaml(source, office, now, sink));
}

std::vector<ImportRecord> parse_import_csv(const std::string& file, const std::string& text, const Office& office,
                                           Seconds now, DiagnosticSink& sink) {
  std::vector<ImportRecord> out;
  CsvImportReader reader(file, text, office, now, sink);
  while (auto r = reader.next()) out.push_back(std::move(*r));
  return out;
}

}  // namespace duty::reports
