// SPDX-License-Identifier: Apache-2.0
#include "reports/incident_import.hpp"
#include "reports/journal/memory/memory_store.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono_literals;
using duty::Seconds;
using duty::reports::Channel;
using duty::reports::ImportRecord;
using duty::reports::Office;

// Shanghai has kept UTC+8 all year since 1991, so local times convert by a fixed offset and the
// expected instants do not depend on the conversion code under test.
Seconds cst(int y, unsigned mo, unsigned d, int h, int mi) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

std::string iso(Seconds t) { return duty::format_iso(*duty::find_zone("Asia/Shanghai"), t); }
std::string iso(const std::optional<Seconds>& t) { return t ? iso(*t) : std::string("(none)"); }

const Seconds kNow = cst(2027, 3, 10, 23, 0);

Office office() {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "Huangnan prefecture", ""}, {"province", "Qinghai province", ""}};
  o.categories = duty::reports::builtin_categories();
  return o;
}

std::vector<ImportRecord> yaml(const std::string& text) {
  return duty::reports::parse_import_yaml(duty::YamlSource("import.yaml", text), office(), kNow);
}

std::vector<ImportRecord> csv(const std::string& text) {
  return duty::reports::parse_import_csv("import.csv", text, office(), kNow);
}

template <typename F>
std::vector<duty::Diagnostic> problems(F parse) {
  try {
    parse();
  } catch (const duty::InputError& e) {
    CHECK(e.code() == duty::ExitCode::kBadInput);
    return e.diagnostics();
  }
  return {};
}

// The 1-based line and byte column where `token` starts, so expected positions follow the text.
std::pair<int, int> where(const std::string& text, std::string_view token) {
  std::size_t at = text.find(token);
  REQUIRE_MESSAGE(at != std::string::npos, "token not in the test text: ", std::string(token));
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(at - line_start) + 1};
}

void check_at(const duty::Diagnostic& d, const std::string& file, const std::string& text, std::string_view token) {
  auto [line, column] = where(text, token);
  CHECK(d.pos.file == file);
  CHECK(d.pos.line == line);
  CHECK(d.pos.column == column);
}

const std::string kYaml = R"(- title: Fire at the Zeku county market
  category: fire
  severity: III
  occurred: "2027-03-10 13:45"
  received: "2027-03-10T14:00:00+08:00"
  location: Market street
  source: Stall keeper Dorje, 139-0000-0000
  received_by: ann
  deaths: 1
  injured: 2
  seriously_injured: 3
  missing: 4
  trapped: 5
  loss: 12.5
  note: Stall fire spreading to the roof
  actions: Two fire engines sent
  id: 2026-0042
  updates:
    - at: "14:40"
      deaths: 2
      note: A second death
    - {at: "2027-03-10 15:30", loss: 30}
  escalations:
    - {to: prefecture, via: phone, at: "14:20", note: duty officer Li}
    - {to: province, via: written, at: "2027-03-10T16:00:00Z"}
  closed: {at: "2027-03-10 18:00", note: Fire out}
- title: Flooded road
  category: flood
)";

}  // namespace

TEST_SUITE("reports::import yaml") {
  TEST_CASE("every field, update, escalation and the close are read") {
    auto recs = yaml(kYaml);
    REQUIRE(recs.size() == 2);
    const ImportRecord& r = recs[0];
    const auto& f = r.incident.fields;
    CHECK(f.title == "Fire at the Zeku county market");
    CHECK(f.category == "fire");
    CHECK(f.severity == duty::reports::Severity::kIII);
    REQUIRE(f.occurred.has_value());
    CHECK(iso(f.occurred) == "2027-03-10T13:45:00+08:00");
    CHECK(iso(r.incident.received) == "2027-03-10T14:00:00+08:00");
    CHECK(f.location == "Market street");
    CHECK(f.source == "Stall keeper Dorje, 139-0000-0000");
    CHECK(f.received_by == "ann");
    CHECK(f.deaths == 1);
    CHECK(f.injured == 2);
    CHECK(f.seriously_injured == 3);
    CHECK(f.missing == 4);
    CHECK(f.trapped == 5);
    CHECK(f.loss == 12.5);
    CHECK(f.note == "Stall fire spreading to the roof");
    CHECK(f.actions == "Two fire engines sent");
    CHECK(r.pos.file == "import.yaml");
    CHECK(r.pos.line == 1);
    CHECK(r.pos.column == 3);

    REQUIRE(r.updates.size() == 2);
    // "14:40" is today in the office's zone: today is the 10th in Shanghai.
    CHECK(iso(r.updates[0].at) == "2027-03-10T14:40:00+08:00");
    CHECK(r.updates[0].fields.deaths == 2);
    CHECK(r.updates[0].fields.note == "A second death");
    CHECK_FALSE(r.updates[0].fields.title.has_value());
    CHECK(iso(r.updates[1].at) == "2027-03-10T15:30:00+08:00");
    CHECK(r.updates[1].fields.loss == 30.0);

    REQUIRE(r.escalations.size() == 2);
    CHECK(r.escalations[0].to == "prefecture");
    CHECK(r.escalations[0].via == Channel::kPhone);
    CHECK(iso(r.escalations[0].at) == "2027-03-10T14:20:00+08:00");
    CHECK(r.escalations[0].note == "duty officer Li");
    CHECK(r.escalations[1].to == "province");
    CHECK(r.escalations[1].via == Channel::kWritten);
    CHECK(iso(r.escalations[1].at) == "2027-03-11T00:00:00+08:00");
    CHECK(r.escalations[1].note == "");

    CHECK(iso(r.closed_at) == "2027-03-10T18:00:00+08:00");
    CHECK(r.closed_fields.note == std::optional<std::string>("Fire out"));

    const ImportRecord& r2 = recs[1];
    CHECK(r2.incident.fields.title == "Flooded road");
    CHECK(r2.incident.fields.category == "flood");
    // No received time: the importer's now is used when recording.
    CHECK_FALSE(r2.incident.received.has_value());
    CHECK_FALSE(r2.incident.fields.deaths.has_value());
    CHECK(r2.updates.empty());
    CHECK(r2.escalations.empty());
    CHECK_FALSE(r2.closed_at.has_value());
    CHECK(r2.pos.line == 27);
  }

  TEST_CASE("an {incidents: [...]} mapping is read like a bare list") {
    auto recs = yaml("incidents:\n  - {title: A, category: fire}\n  - {title: B, category: flood}\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].incident.fields.title == "B");
    CHECK(recs[1].pos.line == 3);
  }

  TEST_CASE("problems are collected with file:line:column") {
    const std::string text = R"(- title: A
  categroy: fire
  deaths: two
  injured: -1
  loss: lots
  severity: V
  occurred: yesterday
  updates:
    - {deaths: 1}
    - {at: "25:00", note: x}
  escalations:
    - {to: prefecture, via: pigeon, at: "14:00"}
    - {to: prefecture, at: "14:00"}
)";
    auto ds = problems([&] { yaml(text); });
    REQUIRE(ds.size() == 10);
    check_at(ds[0], "import.yaml", text, "categroy");
    CHECK(ds[0].message.rfind("unknown key 'categroy' in an incident (did you mean 'category'?)", 0) == 0);
    check_at(ds[1], "import.yaml", text, "two");
    CHECK(ds[1].message == "deaths: 'two' is not a whole number");
    check_at(ds[2], "import.yaml", text, "-1");
    CHECK(ds[2].message == "injured: cannot be negative (got -1)");
    check_at(ds[3], "import.yaml", text, "lots");
    CHECK(ds[3].message == "loss: 'lots' is not a number of 万元 (10,000 yuan)");
    check_at(ds[4], "import.yaml", text, "V\n");
    CHECK(ds[4].message == "severity: unknown severity 'V'; expected 特别重大 (I), 重大 (II), 较大 (III), 一般 (IV) or unknown");
    check_at(ds[5], "import.yaml", text, "yesterday");
    CHECK(ds[5].message.rfind("occurred: 'yesterday' is not a time; accepted: ", 0) == 0);
    check_at(ds[6], "import.yaml", text, "{deaths: 1}");
    CHECK(ds[6].message == "a follow-up needs 'at'");
    check_at(ds[7], "import.yaml", text, "\"25:00\"");
    CHECK(ds[7].message.rfind("at: '25:00' is not a time", 0) == 0);
    check_at(ds[8], "import.yaml", text, "pigeon");
    CHECK(ds[8].message == "unknown channel; expected phone, written, fax or system");
    check_at(ds[9], "import.yaml", text, "{to: prefecture, at:");
    CHECK(ds[9].message == "an escalation needs 'to', 'via' and 'at'");
  }

  TEST_CASE("closed needs at") {
    const std::string text = "- title: A\n  category: fire\n  closed: {note: done}\n";
    auto ds = problems([&] { yaml(text); });
    REQUIRE(ds.size() == 1);
    check_at(ds[0], "import.yaml", text, "{note: done}");
    CHECK(ds[0].message == "closed needs 'at'");
  }

  TEST_CASE("a mapping without 'incidents' is an input error, not a crash") {
    // One incident written without the leading dash is an easy slip; it must come back as
    // diagnostics (exit 2), not as a YAML library exception.
    std::vector<duty::Diagnostic> ds;
    CHECK_NOTHROW(ds = problems([&] { yaml("title: A\ncategory: fire\n"); }));
    REQUIRE(ds.size() >= 1);
    CHECK(ds[0].pos.str() == "import.yaml:1:1");
    CHECK(ds[0].message.rfind("unknown key 'title' in the import file", 0) == 0);
    CHECK(ds.back().pos.str() == "import.yaml:2:1");
    CHECK(ds.back().message.rfind("unknown key 'category' in the import file", 0) == 0);
  }

  TEST_CASE("a scalar document is not a list of incidents") {
    auto ds = problems([&] { yaml("just text\n"); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == "import.yaml:1:1");
    CHECK(ds[0].message == "expected a list of incidents");
  }

  TEST_CASE("an empty incidents list imports nothing") {
    CHECK(yaml("incidents: []\n").empty());
    CHECK(yaml("[]\n").empty());
  }
}

TEST_SUITE("reports::import csv") {
  TEST_CASE("columns by header name, in any order, with quoted commas, quotes and line breaks") {
    const std::string text =
        "category,title,deaths,loss,received,note,location\r\n"
        "fire,\"Fire, market\",1,12.5,2027-03-10 14:00,\"He said \"\"run\"\"\nthen left\",Market street\r\n"
        "flood,Flooded road,,,,,\r\n";
    auto recs = csv(text);
    REQUIRE(recs.size() == 2);
    const auto& f = recs[0].incident.fields;
    CHECK(f.category == "fire");
    CHECK(f.title == "Fire, market");
    CHECK(f.deaths == 1);
    CHECK(f.loss == 12.5);
    CHECK(iso(recs[0].incident.received) == "2027-03-10T14:00:00+08:00");
    CHECK(f.note == "He said \"run\"\nthen left");
    CHECK(f.location == "Market street");
    CHECK(recs[0].pos.file == "import.csv");
    CHECK(recs[0].pos.line == 2);
    // A quoted line break makes the record two lines long; the next one starts on line 4.
    CHECK(recs[1].pos.line == 4);
    // Empty cells leave the field unset.
    CHECK(recs[1].incident.fields.title == "Flooded road");
    CHECK_FALSE(recs[1].incident.fields.deaths.has_value());
    CHECK_FALSE(recs[1].incident.fields.loss.has_value());
    CHECK_FALSE(recs[1].incident.received.has_value());
    CHECK_FALSE(recs[1].incident.fields.note.has_value());
  }

  TEST_CASE("a UTF-8 byte order mark before the header is skipped") {
    auto recs = csv("\xEF\xBB\xBFtitle,category\n山体滑坡,geological\n");
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].incident.fields.title == "山体滑坡");
    CHECK(recs[0].incident.fields.category == "geological");
  }

  TEST_CASE("an export's id is ignored, and its status and counts when they say nothing is lost") {
    auto recs = csv("id,status,followups,escalations,title,category,severity\n2026-0042,open,0,0,Fire,fire,II\n"
                    "2026-0043,,,,Flood,flood,\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].incident.fields.title == "Fire");
    CHECK(recs[0].incident.fields.severity == duty::reports::Severity::kII);
  }

  TEST_CASE("a row whose history a flat table cannot carry is refused at its cells") {
    auto ds = problems([] {
      csv("id,title,category,status,followups,escalations\n2026-0042,Fire,fire,closed,2,1\n"
          "2026-0043,Flood,flood,shut,x,0\n");
    });
    REQUIRE(ds.size() == 5);
    CHECK(ds[0].pos.str() == "import.csv:2:21");
    CHECK(ds[0].message == "status: 'closed': a CSV row holds an incident's current state only, so its final report "
                           "would be lost; move a log with the YAML export (duty incident export --format yaml)");
    CHECK(ds[1].message.rfind("followups: '2': a CSV row holds an incident's current state only, so its follow-ups", 0) == 0);
    CHECK(ds[2].message.rfind("escalations: '1': a CSV row", 0) == 0);
    CHECK(ds[3].message == "status: 'shut' is not a status; expected open or closed");
    CHECK(ds[4].message == "followups: 'x' is not a whole number");
  }

  TEST_CASE("a column given twice is refused naming both places") {
    auto ds = problems([] { csv("title,category,deaths,deaths\nFire,fire,1,2\n"); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == "import.csv:1:23");
    CHECK(ds[0].message ==
          "duplicate column 'deaths' (column 4; it is also column 3, at import.csv:1:16); give each column once");
  }

  TEST_CASE("figures are bounded: at most 1,000,000 people and 100,000,000 万元") {
    CHECK(csv("title,category,deaths,loss\nFire,fire,1000000,100000000\n")[0].incident.fields.deaths == 1000000);
    auto ds = problems([] { csv("title,category,deaths,loss\nFire,fire,1000001,1e400\n"); });
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].message == "deaths: '1000001' is too large; the most accepted is 1000000");
    CHECK(ds[1].message == "loss: '1e400' is too large; the most accepted is 100000000");
  }

  TEST_CASE("every export column is an import column") {
    const auto& cols = duty::reports::import_csv_columns();
    std::string header;
    for (const auto& c : cols) header += (header.empty() ? "" : ",") + c;
    CHECK(cols.size() == 17);
    CHECK(csv(header + "\n").empty());
  }

  TEST_CASE("an unknown column is reported at its place in the header, with a did-you-mean") {
    auto ds = problems([] { csv("title,categroy,deaths\nFire,fire,1\n"); });
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].pos.str() == "import.csv:1:1");
    CHECK(ds[0].message == "missing column 'category'");
    // The column is where the name starts on the line, as parse_csv's own errors count it,
    // so an editor jumping to file:line:column lands on the bad name.
    CHECK(ds[1].pos.str() == "import.csv:1:7");
    CHECK(ds[1].message.rfind("unknown column 'categroy' (did you mean 'category'?); expected some of: title, ", 0) ==
          0);
  }

  TEST_CASE("a row with the wrong number of fields is reported at its line") {
    auto ds = problems([] { csv("title,category,deaths\nFire,fire,1\nFlood,flood\nCrash,road-traffic,1,2\n"); });
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].pos.str() == "import.csv:3:1");
    CHECK(ds[0].message == "this row has 2 fields; the header has 3");
    CHECK(ds[1].pos.str() == "import.csv:4:1");
    CHECK(ds[1].message == "this row has 4 fields; the header has 3");
  }

  TEST_CASE("a bad number is reported at its row's line, after a multi-line row") {
    const std::string text = "title,category,note,deaths,loss\n"
                             "Fire,fire,\"line one\nline two\",1,2\n"
                             "Flood,flood,,2.5,x\n";
    auto ds = problems([&] { csv(text); });
    REQUIRE(ds.size() == 2);
    // Columns are where each field starts on its line, so an editor lands on the bad value.
    CHECK(ds[0].pos.str() == "import.csv:4:14");
    CHECK(ds[0].message == "deaths: '2.5' is not a whole number");
    CHECK(ds[1].pos.str() == "import.csv:4:18");
    CHECK(ds[1].message == "loss: 'x' is not a number of 万元 (10,000 yuan)");
  }

  TEST_CASE("a negative figure and a bad time are reported") {
    auto ds = problems([] { csv("title,category,trapped,occurred\nFire,fire,-2,tomorrow-ish\n"); });
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].message == "trapped: cannot be negative (got -2)");
    CHECK(ds[1].message.rfind("occurred: 'tomorrow-ish' is not a time", 0) == 0);
    CHECK(ds[1].pos.line == 2);
  }

  TEST_CASE("an empty file asks for a header") {
    auto ds = problems([] { csv(""); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == "import.csv:1:1");
    CHECK(ds[0].message == "the file is empty; expected a header row naming the columns");
  }

  TEST_CASE("an unterminated quote is an error at its position") {
    auto ds = problems([] { csv("title,category\n\"Fire,fire\n"); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == "import.csv:2:1");
    CHECK(ds[0].message == "unterminated quoted field");
  }
}

TEST_SUITE("streamed import") {
  using duty::reports::ImportResult;
  using duty::reports::MemoryStore;

  const duty::reports::Actor kActor{"tester", kNow};

  // Imports the CSV text through the streaming reader; counts how often the store was opened.
  ImportResult import_csv(MemoryStore& store, const std::string& text, int& opened) {
    Office o = office();
    duty::DiagnosticSink sink;
    auto reader = duty::reports::csv_import_reader("import.csv", text, o, kNow, sink);
    return duty::reports::import_incidents(*reader, o, kActor, sink, [&]() -> duty::reports::Store& {
      ++opened;
      return store;
    });
  }

  std::size_t incident_count(MemoryStore& store) { return store.incidents().list({}).size(); }

  TEST_CASE("every row is written in one transaction, with the first and last id") {
    MemoryStore store;
    int opened = 0;
    auto r = import_csv(store,
                        "title,category,received\n"
                        "a,fire,2027-03-10 08:00\n\n"
                        "b,flood,2027-03-10 09:00\n"
                        "c,fire,2027-03-10 10:00\n",
                        opened);
    CHECK(r.count == 3);
    CHECK(r.first == "2027-0001");
    CHECK(r.last == "2027-0003");
    CHECK(opened == 1);
    CHECK(incident_count(store) == 3);
  }

  TEST_CASE("a bad row after good ones rolls everything back and every problem is reported") {
    MemoryStore store;
    int opened = 0;
    auto ds = problems([&] {
      import_csv(store,
                 "title,category,deaths\n"
                 "a,fire,0\n"
                 "b,minning,0\n"
                 "c,fire,0\n"
                 "d,fire,many\n",
                 opened);
    });
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].pos.str() == "import.csv:3:1");
    CHECK(ds[0].message.find("minning") != std::string::npos);
    CHECK(ds[1].pos.str() == "import.csv:5:8");
    CHECK(opened == 1);
    CHECK(incident_count(store) == 0);
  }

  TEST_CASE("a file wrong from its first row never opens the store") {
    MemoryStore store;
    int opened = 0;
    auto ds = problems([&] { import_csv(store, "title,category\na,minning\nb,fire\n", opened); });
    CHECK(ds.size() == 1);
    CHECK(opened == 0);
    ds = problems([&] { import_csv(store, "title,categroy\na,fire\n", opened); });
    REQUIRE(ds.size() == 2);  // the unknown column and the missing one; the rows are not read
    CHECK(opened == 0);
  }

  TEST_CASE("a CSV syntax error is reported with the problems before it, and nothing is written") {
    MemoryStore store;
    int opened = 0;
    auto ds = problems([&] { import_csv(store, "title,category\na,fire\nb,minning\n\"c,fire\n", opened); });
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].pos.str() == "import.csv:3:1");
    CHECK(ds[1].pos.str() == "import.csv:4:1");
    CHECK(ds[1].message == "unterminated quoted field");
    CHECK(incident_count(store) == 0);
  }

  TEST_CASE("an empty file and a header alone") {
    MemoryStore store;
    int opened = 0;
    auto ds = problems([&] { import_csv(store, "", opened); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.find("the file is empty") == 0);
    auto r = import_csv(store, "title,category\n", opened);
    CHECK(r.count == 0);
    CHECK(opened == 0);
  }
}
