// SPDX-License-Identifier: Apache-2.0
#include <cstdio>

#include "common/i18n.hpp"
#include "reports/journal/postgres/connection.hpp"
#include "reports/journal/postgres/registers.hpp"

namespace duty::reports::postgres {

namespace {

// A transaction that saves more rows than this is a copy, an import or a rebuild: its rows are
// batched from then on. One command's few rows go at once (a temporary table costs more).
constexpr std::size_t kBatchAfter = 32;
// Buffered rows are sent once they hold this much text.
constexpr std::size_t kFlushBytes = 64u << 20;

std::string quoted(std::string_view column) { return "\"" + std::string(column) + "\""; }

std::string join_columns(const std::vector<std::string_view>& columns) {
  std::string out;
  for (auto c : columns) out += (out.empty() ? "" : ", ") + quoted(c);
  return out;
}

// INSERT's column list, its conflict target and its update, for the table's rows (with `ord` for
// required reports).
struct UpsertParts {
  std::string columns;
  std::string conflict;
  std::string update;
};

UpsertParts upsert_parts(Projection p) {
  const ProjectionTable& t = projection_table(p);
  UpsertParts out;
  out.columns = row_columns(p);
  if (p == Projection::kRequirements) out.columns += ", \"ord\"";
  out.conflict = "\"office\", " + join_columns(t.key);
  std::vector<std::string_view> cells = t.columns;
  if (p == Projection::kRequirements) cells.push_back("ord");
  for (auto c : cells) out.update += (out.update.empty() ? "" : ", ") + quoted(c) + " = EXCLUDED." + quoted(c);
  return out;
}

// Reads a column into `v` as its type says, reusing the memory of the text it held.
void read_value_into(const Result& r, int row, int col, Value& v) {
  if (r.null(row, col)) {
    v = std::monostate{};
    return;
  }
  switch (r.type(col)) {
    case 20:  // bigint
    case 21:  // smallint
    case 23:  // integer
      v = r.integer(row, col);
      return;
    case 700:  // real
    case 701:  // double precision
      v = r.real(row, col);
      return;
    default:
      if (auto* s = std::get_if<std::string>(&v)) {
        s->assign(r.view(row, col));
      } else {
        v = std::string(r.view(row, col));
      }
  }
}

// A projection table's rows in key order: fetched from a cursor a chunk at a time inside a
// transaction (verification reads the events beside it), else read whole.
class RowsCursor : public ProjectionCursor {
 public:
  RowsCursor(Connection& conn, const std::string& office, Projection p, bool in_transaction)
      : conn_(conn),
        keys_(static_cast<int>(projection_table(p).key.size())),
        cells_(static_cast<int>(projection_table(p).columns.size())) {
    const std::string columns = row_columns(p);
    std::string select = "SELECT " + columns.substr(columns.find(',') + 2) + " FROM duty." +
                         std::string(projection_table(p).name) + " WHERE office = " + conn_.literal(office) +
                         " ORDER BY " + join_columns(projection_table(p).key);
    if (in_transaction) {
      char name[40];
      std::snprintf(name, sizeof name, "duty_rows_%p", static_cast<void*>(this));
      cursor_ = name;
      conn_.exec("DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + select, N_("reading a projection table"));
    } else {
      result_ = conn_.exec(select, N_("reading a projection table"));
      done_ = true;
    }
  }
  ~RowsCursor() override {
    if (cursor_.empty() || !conn_.ok()) return;
    try {
      conn_.exec("CLOSE " + cursor_, N_("reading a projection table"));
    } catch (const Error&) {
      // The transaction has ended, and the cursor with it.
    }
  }
  RowsCursor(const RowsCursor&) = delete;
  RowsCursor& operator=(const RowsCursor&) = delete;

  bool next(ProjectionRow& row) override {
    if (next_ == result_.rows()) {
      if (done_) return false;
      constexpr int kChunk = 5000;
      result_ = conn_.exec("FETCH " + std::to_string(kChunk) + " FROM " + cursor_, N_("reading a projection table"));
      next_ = 0;
      done_ = result_.rows() < kChunk;
      if (result_.rows() == 0) return false;
    }
    row.key.resize(static_cast<std::size_t>(keys_));
    row.cells.resize(static_cast<std::size_t>(cells_));
    for (int i = 0; i < keys_; ++i) read_value_into(result_, next_, i, row.key[static_cast<std::size_t>(i)]);
    for (int i = 0; i < cells_; ++i) {
      read_value_into(result_, next_, keys_ + i, row.cells[static_cast<std::size_t>(i)]);
    }
    ++next_;
    return true;
  }

 private:
  Connection& conn_;
  int keys_;
  int cells_;
  std::string cursor_;
  Result result_;
  int next_ = 0;
  bool done_ = false;
};

}  // namespace

std::string row_columns(Projection p) {
  const ProjectionTable& t = projection_table(p);
  return "\"office\", " + join_columns(t.key) + ", " + join_columns(t.columns);
}

std::unique_ptr<ProjectionCursor> projection_cursor(Connection& conn, const std::string& office, Projection p,
                                                    bool in_transaction) {
  return std::make_unique<RowsCursor>(conn, office, p, in_transaction);
}

ProjectionWriter::ProjectionWriter(Connection& conn, const std::string& office) : conn_(conn), office_(office) {}

void ProjectionWriter::upsert(Projection p, const ProjectionRow& row, const char* extra_column, long long extra) {
  const UpsertParts parts = upsert_parts(p);
  std::string marks;
  const std::size_t n = 1 + row.key.size() + row.cells.size() + (extra_column ? 1 : 0);
  for (std::size_t i = 1; i <= n; ++i) marks += (i > 1 ? ", $" : "$") + std::to_string(i);
  const std::string sql = "INSERT INTO duty." + std::string(projection_table(p).name) + " (" + parts.columns +
                          ") VALUES (" + marks + ") ON CONFLICT (" + parts.conflict + ") DO UPDATE SET " +
                          parts.update;
  Params params;
  params.text(office_);
  for (const auto& v : row.key) params.value(v);
  for (const auto& v : row.cells) params.value(v);
  if (extra_column) params.integer(extra);
  conn_.exec_prepared(sql, params, N_("writing a projection row"));
}

std::string ProjectionWriter::line(const ProjectionRow& row) const {
  std::string out;
  copy_text(out, office_);
  for (const auto* list : {&row.key, &row.cells}) {
    for (const auto& v : *list) {
      out += '\t';
      copy_field(out, v);
    }
  }
  return out;
}

void ProjectionWriter::save(Projection p, const ProjectionRow& row) {
  if (++saves_ > kBatchAfter) batching_ = true;
  if (!batching_) {
    upsert(p, row);
    return;
  }
  std::string key;
  for (const auto& v : row.key) {
    copy_field(key, v);
    key += '\t';
  }
  std::string text = line(row) + '\n';
  buffered_bytes_ += text.size();
  buffered_[static_cast<int>(p)][key] = std::move(text);
  if (buffered_bytes_ > kFlushBytes) flush();
}

void ProjectionWriter::replace_requirements(const std::string& incident, const std::vector<ProjectionRow>& rows,
                                            bool fresh) {
  if (++saves_ > kBatchAfter) batching_ = true;
  if (!batching_) {
    if (!fresh) {
      conn_.exec_prepared("DELETE FROM duty.requirements WHERE office = $1 AND incident = $2",
                          Params().text(office_).text(incident), N_("writing a projection row"));
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      upsert(Projection::kRequirements, rows[i], "ord", static_cast<long long>(i));
    }
    return;
  }
  std::string text;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    text += line(rows[i]);
    text += '\t';
    text += std::to_string(i);
    text += '\n';
  }
  if (!fresh) requirements_gone_.insert(incident);
  buffered_bytes_ += text.size();
  buffered_[static_cast<int>(Projection::kRequirements)][incident] = std::move(text);
  if (buffered_bytes_ > kFlushBytes) flush();
}

void ProjectionWriter::discard() {
  for (auto& rows : buffered_) rows.clear();
  requirements_gone_.clear();
  buffered_bytes_ = 0;
}

void ProjectionWriter::flush() {
  // Its own statements run the connection's hook, which is this flush.
  if (flushing_ || (buffered_bytes_ == 0 && requirements_gone_.empty())) return;
  flushing_ = true;
  try {
    flush_all();
  } catch (...) {
    flushing_ = false;
    throw;
  }
  flushing_ = false;
}

void ProjectionWriter::flush_all() {
  if (!requirements_gone_.empty()) {
    // One statement for all of them: an array of the incidents' ids.
    std::string ids = "{";
    for (const auto& id : requirements_gone_) {
      if (ids.size() > 1) ids += ',';
      ids += '"';
      for (char c : id) {
        if (c == '"' || c == '\\') ids += '\\';
        ids += c;
      }
      ids += '"';
    }
    ids += '}';
    requirements_gone_.clear();
    conn_.exec("DELETE FROM duty.requirements WHERE office = $1 AND incident = ANY ($2::text[])",
               Params().text(office_).text(ids), N_("writing the projection rows"));
  }
  for (Projection p : kProjections) {
    auto& rows = buffered_[static_cast<int>(p)];
    if (!rows.empty()) flush_table(p, rows);
  }
  buffered_bytes_ = 0;
}

void ProjectionWriter::flush_table(Projection p, std::map<std::string, std::string>& rows) {
  const char* doing = N_("writing the projection rows");
  const std::string table = "duty." + std::string(projection_table(p).name);
  const std::string temp = "duty_batch_" + std::string(projection_table(p).name);
  if (!temp_tables_.contains(p)) {
    conn_.exec("CREATE TEMPORARY TABLE " + temp + " (LIKE " + table + ") ON COMMIT DROP", doing);
    temp_tables_.insert(p);
  }
  const UpsertParts parts = upsert_parts(p);
  batched_rows_ += rows.size();
  conn_.copy_begin("COPY " + temp + " (" + parts.columns + ") FROM STDIN", doing);
  for (auto& entry : rows) {
    conn_.copy_buffer() += entry.second;
    conn_.copy_sent();
  }
  rows.clear();
  conn_.copy_end();
  conn_.exec("INSERT INTO " + table + " (" + parts.columns + ") SELECT " + parts.columns + " FROM " + temp +
                 " ON CONFLICT (" + parts.conflict + ") DO UPDATE SET " + parts.update + "; TRUNCATE " + temp,
             doing);
}

}  // namespace duty::reports::postgres
