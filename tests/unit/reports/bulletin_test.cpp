// SPDX-License-Identifier: Apache-2.0
#include "reports/bulletins/bulletin.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "common/error.hpp"
#include "reports/builtin_templates.hpp"
#include "reports/carry.hpp"
#include "reports/incident_log.hpp"
#include "reports/journal/memory/memory_store.hpp"
#include "reports/journal/sqlite/sqlite_store.hpp"
#include "reports/template.hpp"

namespace {

using namespace std::chrono_literals;
using duty::Seconds;
using namespace duty::reports;

Seconds cst(int y, unsigned mo, unsigned d, int h, int mi) {
  Seconds midnight = date::sys_days{date::year{y} / date::month{mo} / date::day{d}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

Office office(const char* locale = "zh-CN") {
  Office o;
  o.name = "泽库县应急管理局值班室";
  o.unit = "泽库县应急管理局";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  o.locale = locale;
  REQUIRE(o.zone != nullptr);
  o.chain = {{"prefecture", "黄南州应急管理局", ""}, {"province", "青海省应急管理厅", ""}};
  o.categories = builtin_categories();
  EscalationRule written;
  written.to = {"prefecture"};
  written.via = Channel::kWritten;
  written.within = 2h;
  o.escalation = {written};
  o.recipients_main = {"黄南州应急管理局"};
  return o;
}

const Actor kActor{"ann", cst(2026, 11, 28, 12, 0)};

std::string add(Store& store, const Office& o, const char* title, Seconds received,
                int deaths = 0) {
  NewIncident n;
  n.fields.title = title;
  n.fields.category = "flood";
  n.fields.deaths = deaths;
  n.received = received;
  return add_incident(store, o, n, kActor).id;
}

std::string text_at(const ContextNode& n, std::initializer_list<const char*> path) {
  const ContextNode* cur = &n;
  for (const char* key : path) {
    cur = cur->get(key);
    REQUIRE(cur != nullptr);
  }
  REQUIRE(cur->text() != nullptr);
  return *cur->text();
}

std::string json(const ContextNode& n) {
  std::ostringstream out;
  duty::JsonWriter w(out);
  n.write_json(w);
  return out.str();
}

}  // namespace

TEST_SUITE("reports::bulletin") {
  TEST_CASE("follow-ups are numbered in Chinese") {
    CHECK(chinese_number(1) == "一");
    CHECK(chinese_number(10) == "十");
    CHECK(chinese_number(12) == "十二");
    CHECK(chinese_number(20) == "二十");
    CHECK(chinese_number(99) == "九十九");
    CHECK(chinese_number(100) == "100");
  }

  TEST_CASE("the duty day runs from one handover to the next") {
    Office o = office();
    auto [from, to] = duty_day(o, date::sys_days{date::year{2026} / 11 / 20});
    CHECK(from == cst(2026, 11, 20, 8, 30));
    CHECK(to == cst(2026, 11, 21, 8, 30));
    CHECK(duty_date(o, cst(2026, 11, 21, 8, 29)) == date::sys_days{date::year{2026} / 11 / 20});
    CHECK(duty_date(o, cst(2026, 11, 21, 8, 30)) == date::sys_days{date::year{2026} / 11 / 21});
    CHECK(handover_before(o, cst(2026, 11, 21, 7, 0)) == cst(2026, 11, 20, 8, 30));
  }

  TEST_CASE("the initial report states what was known then; a follow-up only what changed") {
    MemoryStore store;
    Office o = office();
    std::string id = add(store, o, "泽曲镇滑坡", cst(2026, 11, 20, 14, 5), 1);
    IncidentFields change;
    change.deaths = 3;
    change.note = "搜救中";
    update_incident(store, o, id, change, cst(2026, 11, 20, 15, 0), kActor);

    Bulletin first = build_bulletin(store, o, {id, BulletinKind::kInitial, {}, {}}, kActor.now);
    CHECK(text_at(first.context, {"report", "label"}) == "首报");
    CHECK(*first.context.get("incident")->get("deaths")->number() == 1);
    CHECK(text_at(first.context, {"to", "name"}) == "黄南州应急管理局");

    Bulletin next = build_bulletin(store, o, {id, {}, {}, std::string("province")}, kActor.now);
    CHECK(next.kind == BulletinKind::kFollowup);
    CHECK(text_at(next.context, {"report", "label"}) == "续报一");
    CHECK(text_at(next.context, {"to", "name"}) == "青海省应急管理厅");
    const auto* changes = next.context.get("followup")->get("changes")->items();
    REQUIRE(changes->size() == 2);
    CHECK(json((*changes)[0]) ==
          R"({"field":"severity","label":"级别","before":"一般","after":"较大"})");
    CHECK(json((*changes)[1]) == R"({"field":"deaths","label":"死亡","before":"1","after":"3"})");
    CHECK(text_at(next.context, {"followup", "progress"}) == "搜救中");

    CHECK_THROWS_AS(build_bulletin(store, o, {id, BulletinKind::kFinal, {}, {}}, kActor.now),
                    duty::FieldError);
    CHECK_THROWS_AS(build_bulletin(store, o, {id, BulletinKind::kFollowup, 2, {}}, kActor.now),
                    duty::FieldError);
    CHECK_THROWS_AS(build_bulletin(store, o, {"2026-0099", {}, {}, {}}, kActor.now),
                    duty::FieldError);
  }

  TEST_CASE("the daily bulletin counts the day's incidents and files a nil report on a quiet day") {
    MemoryStore store;
    Office o = office();
    add(store, o, "a", cst(2026, 11, 20, 8, 29));  // the previous duty day
    add(store, o, "b", cst(2026, 11, 20, 8, 30));
    add(store, o, "c", cst(2026, 11, 21, 8, 29), 2);
    ContextNode d =
        build_daily(store, o, date::sys_days{date::year{2026} / 11 / 20}, std::nullopt, kActor.now);
    CHECK(*d.get("bulletin")->get("issue")->number() == 324);
    CHECK(*d.get("counts")->get("total")->number() == 2);
    CHECK(*d.get("counts")->get("deaths")->number() == 2);
    CHECK(*d.get("nil_report")->flag() == false);
    CHECK(*d.get("on_duty")->get("published")->flag() == false);
    ContextNode quiet =
        build_daily(store, o, date::sys_days{date::year{2026} / 11 / 22}, std::nullopt, kActor.now);
    CHECK(*quiet.get("nil_report")->flag());
    CHECK(text_at(quiet, {"nil_report_text"}) == "零报告：无重大突发事件。");
    CHECK(*quiet.get("bulletin")->get("issue")->number() == 326);
    CHECK_THROWS_AS(
        build_daily(store, o, date::sys_days{date::year{2026} / 12 / 1}, std::nullopt, kActor.now),
        duty::FieldError);
  }

  TEST_CASE("reports sent up: official times, figures not entered, the leader on duty signs") {
    MemoryStore store;
    Office o = office();
    o.signer = "多杰才让";
    NewIncident n;
    n.fields.title = "泽曲镇西科村滑坡";
    n.fields.category = "flood";
    n.fields.location = "泽曲镇西科村";
    n.received = cst(2026, 11, 20, 14, 5);
    std::string id = add_incident(store, o, n, kActor).id;
    DutyShift shift{cst(2026, 11, 20, 8, 30), cst(2026, 11, 21, 8, 30), {}};
    shift.slots.push_back({"带班领导", {{"李建国", "1"}}, {}});
    shift.slots.push_back({"值班员", {{"扎西", "2"}}, {}});
    DutyShift covered = shift;
    covered.slots[0].covers.push_back(
        {{"李建国", "1"}, {"张敏", "3"}, cst(2026, 11, 20, 14, 0), cst(2026, 11, 20, 16, 0)});
    std::optional<Seconds> asked;
    auto on_duty_at = [&](Seconds t) -> std::optional<DutyShift> {
      asked = t;
      return covered;
    };

    Bulletin plain = build_bulletin(store, o, {id, {}, {}, {}}, kActor.now);
    CHECK(text_at(plain.context, {"report", "signer"}) == "多杰才让");
    CHECK(text_at(plain.context, {"report", "signer_source"}) == "office");
    CHECK(text_at(plain.context, {"incident", "received_at_official"}) == "11月20日14时05分");
    CHECK(text_at(plain.context, {"incident", "casualties_official"}) == "人员伤亡情况正在核实");
    CHECK(*plain.context.get("incident")->get("loss_known")->flag() == false);
    CHECK(*plain.context.get("incident")->get("location_in_title")->flag());

    Bulletin signed_off = build_bulletin(store, o, {id, {}, {}, {}}, kActor.now, on_duty_at);
    REQUIRE(asked.has_value());
    CHECK(*asked == cst(2026, 11, 20, 14, 5));  // when the report was made, not when printed
    CHECK(text_at(signed_off.context, {"report", "signer"}) == "张敏");
    CHECK(text_at(signed_off.context, {"report", "signer_source"}) == "roster");

    // The daily bulletin: the day's leader, without the hours someone else covered.
    ContextNode d =
        build_daily(store, o, date::sys_days{date::year{2026} / 11 / 20}, covered, kActor.now);
    CHECK(text_at(d, {"bulletin", "signer"}) == "李建国");
    CHECK(text_at(d, {"bulletin", "from_official"}) == "11月20日8时30分");
    CHECK(text_at(d, {"counts", "casualties_official"}) == "人员伤亡情况正在核实");
    CHECK(text_at(d, {"counts", "by_category_official"}) == "洪涝灾害1起。");
    // A shift of one slot names no leader: office.yaml's signer signs.
    DutyShift single = shift;
    single.slots.pop_back();
    ContextNode d1 =
        build_daily(store, o, date::sys_days{date::year{2026} / 11 / 20}, single, kActor.now);
    CHECK(text_at(d1, {"bulletin", "signer"}) == "多杰才让");
  }

  TEST_CASE("the daily totals of a day of maximal figures are exact (sums in 64 bits)") {
    // 2,200 incidents at the largest figures: 2.2e9 deaths, 4.4e9 injured, beyond 32 bits. Under
    // UBSan (the CI sanitizer build) a 32-bit sum would be reported as an overflow.
    MemoryStore store;
    Office o = office();
    constexpr long long kCount = 2200;
    for (long long i = 0; i < kCount; ++i) {
      NewIncident n;
      n.fields.title = "max";
      n.fields.category = "flood";
      n.fields.deaths = kMaxPeople;
      n.fields.injured = kMaxPeople;
      n.fields.seriously_injured = kMaxPeople;
      n.fields.missing = kMaxPeople;
      n.fields.trapped = kMaxPeople;
      n.fields.loss = kMaxLoss;
      n.received = cst(2026, 11, 20, 9, 0) + std::chrono::seconds{i};
      add_incident(store, o, n, kActor);
    }
    ContextNode d =
        build_daily(store, o, date::sys_days{date::year{2026} / 11 / 20}, std::nullopt, kActor.now);
    const ContextNode* counts = d.get("counts");
    CHECK(*counts->get("total")->number() == kCount);
    CHECK(*counts->get("deaths")->number() == kCount * kMaxPeople);
    CHECK(*counts->get("injured")->number() == 2 * kCount * kMaxPeople);
    CHECK(*counts->get("missing")->number() == kCount * kMaxPeople);
  }

  TEST_CASE("figures beyond the bounds are refused before anything is written") {
    MemoryStore store;
    Office o = office();
    NewIncident n;
    n.fields.title = "too many";
    n.fields.category = "flood";
    n.fields.deaths = kMaxPeople + 1;
    CHECK_THROWS_AS(add_incident(store, o, n, kActor), duty::FieldError);
    n.fields.deaths = kMaxPeople;
    n.fields.loss = kMaxLoss * 2;
    CHECK_THROWS_AS(add_incident(store, o, n, kActor), duty::FieldError);
    CHECK(store.incidents().list({}).empty());
  }

  TEST_CASE("the handover carries pending items and instructions until they are done") {
    MemoryStore store;
    Office o = office("en");
    std::string id = add(store, o, "a", cst(2026, 11, 20, 9, 0));
    NewTodo todo{"check the dam", "Ann", std::nullopt, "", cst(2026, 11, 20, 10, 0)};
    CHECK(add_todo(store, o, todo, kActor).id == "T-1");
    CHECK(add_instruction(store, o, id, "head", "evacuate", std::nullopt, cst(2026, 11, 20, 11, 0),
                          kActor)
              .id == "P-1");
    add_note(store, o, "radio broken", cst(2026, 11, 20, 12, 0), kActor);
    complete_pending(store, o, "P-1", "done", cst(2026, 11, 21, 9, 0), kActor);

    ContextNode h =
        build_handover(store, o, cst(2026, 11, 21, 8, 30), std::nullopt, std::nullopt, kActor.now);
    CHECK(h.get("pending")->items()->size() == 1);
    CHECK(h.get("instructions")->items()->size() == 1);
    CHECK(h.get("notes")->items()->size() == 1);
    CHECK(text_at((*h.get("instructions")->items())[0], {"status_label"}) == "in progress");
    ContextNode later =
        build_handover(store, o, cst(2026, 11, 22, 8, 30), std::nullopt, std::nullopt, kActor.now);
    CHECK(later.get("pending")->items()->size() == 1);
    CHECK(later.get("instructions")->items()->empty());
    CHECK(later.get("notes")->items()->empty());
  }

  TEST_CASE("the SQLite store migrates a version 1 store forward and keeps its incidents") {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("duty-unit-mig-" + std::to_string(::getpid()) + ".db"))
                           .string();
    Office o = office();
    {
      SqliteStore s(path, StoreAccess::kReadWrite);
      add(s, o, "old", cst(2026, 11, 20, 9, 0));
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(
                db,
                "DROP TABLE pending; DROP INDEX events_type_at; DROP INDEX incidents_open; "
                "DROP INDEX incidents_closed_at; DROP INDEX requirements_unmade_due; "
                "DROP INDEX requirements_made; CREATE INDEX requirements_due ON requirements(due); "
                "DROP TABLE roster_shifts; DROP TABLE roster_people; "
                "ALTER TABLE incidents DROP COLUMN description; "
                "ALTER TABLE incidents DROP COLUMN actions; "
                "ALTER TABLE incidents DROP COLUMN leaders_on_scene; "
                "ALTER TABLE incidents DROP COLUMN voided; ALTER TABLE incidents DROP COLUMN "
                "void_reason; "
                "ALTER TABLE incidents DROP COLUMN corrections; ALTER TABLE incidents DROP COLUMN "
                "supplements; "
                "PRAGMA user_version = 1",
                nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
      SqliteStore ro(path, StoreAccess::kReadOnly);
      CHECK(ro.pending().items().empty());
      CHECK(ro.incidents().list({}).size() == 1);
      CHECK(ro.incidents().due_reports(cst(2026, 11, 20, 12, 0), false).size() == 1);
    }
    {
      SqliteStore s(path, StoreAccess::kReadWrite);
      CHECK(add_todo(s, o, {"x", "", std::nullopt, "", std::nullopt}, kActor).id == "T-1");
      CHECK(s.pending().items().size() == 1);
      CHECK(s.incidents().list({}).size() == 1);
      CHECK(s.incidents().due_reports(cst(2026, 11, 20, 12, 0), false).size() == 1);
      CHECK(verify_chain(s).ok());
    }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  }
}

TEST_SUITE("reports::template") {
  TEST_CASE("values are HTML-escaped in HTML and printed as they are otherwise") {
    TemplateLibrary lib("");
    ContextNode c = ContextNode::object();
    c.set("title", "<b>&\"'");
    TemplateSource src{"t.html", "t.html", "<p>{{title}}</p>"};
    CHECK(render_template(lib, src, c, Escape::kHtml) == "<p>&lt;b&gt;&amp;&quot;&apos;</p>");
    CHECK(render_template(lib, src, c, Escape::kNone) == "<p><b>&\"'</p>");
  }

  TEST_CASE("empty text is false in sections; lists repeat") {
    TemplateLibrary lib("");
    ContextNode c = ContextNode::object();
    c.set("empty", "");
    c.set("items", ContextNode::list()).push("a");
    TemplateSource src{"t", "t",
                       "{{#empty}}X{{/empty}}{{^empty}}none{{/empty}}|{{#items}}{{.}};{{/items}}"};
    CHECK(render_template(lib, src, c, Escape::kNone) == "none|a;");
  }

  TEST_CASE("syntax errors carry file, line and column") {
    TemplateSource src{"t", "office/t.txt", "line one\n  é {{#open}}\n"};
    try {
      check_template(src);
      FAIL("expected an error");
    } catch (const duty::InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].pos.str() == "office/t.txt:2:5");
      CHECK(e.diagnostics()[0].message ==
            "section 'open' is opened here but never closed (add {{/open}})");
    }
  }

  TEST_CASE("template names never leave the template folders") {
    TemplateLibrary lib("");
    CHECK_FALSE(lib.find("../CMakeLists.txt"));
    CHECK_FALSE(lib.find("/etc/passwd"));
    CHECK_FALSE(lib.find("a/b"));
    CHECK(lib.find("daily.zh-CN.txt"));
    CHECK_THROWS_AS(lib.require("nope.txt"), duty::UsageError);
  }

  TEST_CASE("every built-in template parses, and none unescapes data") {
    for (const auto& b : builtin_templates()) {
      std::string text(reinterpret_cast<const char*>(b.data), b.size);
      CAPTURE(b.name);
      CHECK_NOTHROW(check_template({b.name, b.name, text}));
      CHECK(text.find("{{{") == std::string::npos);
      CHECK(text.find("{{&") == std::string::npos);
    }
    CHECK(builtin_templates().size() >= 25);
  }
}

TEST_SUITE("reports::event") {
  TEST_CASE("stored payloads read back exactly, escapes and numbers included") {
    Fields f;
    f["text"] = std::string("引号\"、反斜杠\\、换行\n、制表\t、\x01控制");
    f["count"] = 42LL;
    f["negative"] = -7LL;
    f["loss"] = 12.5;
    f["big"] = 1e20;
    f["none"] = std::monostate{};
    f["digits"] = std::string("0042");
    std::string json = fields_json(f);
    Fields back = parse_fields_json(json);
    CHECK(back == f);
    CHECK(fields_json(back) == json);
    CHECK(parse_fields_json("{}").empty());
    // Not the canonical form (spaces, true): read by the general parser all the same.
    Fields loose = parse_fields_json(R"({ "a" : 1, "b": true })");
    CHECK(std::get<long long>(loose["a"]) == 1);
    CHECK_THROWS_AS(parse_fields_json("[1, 2]"), duty::StoreError);
  }
}
