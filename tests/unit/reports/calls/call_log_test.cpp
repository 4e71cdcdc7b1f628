// SPDX-License-Identifier: Apache-2.0
#include "reports/calls/call_log.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "reports/journal/memory/memory_store.hpp"

namespace {

using duty::FieldError;
using duty::Seconds;
using duty::StoreError;
using duty::reports::Actor;
using duty::reports::Call;
using duty::reports::CallKind;
using duty::reports::CallQuery;
using duty::reports::ContextNode;
using duty::reports::Event;
using duty::reports::MemoryStore;
using duty::reports::NewCall;
using duty::reports::NewIncident;
using duty::reports::Office;

// Shanghai keeps UTC+8 all year: local times convert by a fixed offset.
Seconds at(int h, int mi) {
  Seconds midnight = date::sys_days{date::year{2027} / date::month{3} / date::day{10}};
  return midnight + std::chrono::hours{h - 8} + std::chrono::minutes{mi};
}

Office office(const char* locale = "en") {
  Office o;
  o.name = "Zeku duty office";
  o.timezone = "Asia/Shanghai";
  o.zone = duty::find_zone("Asia/Shanghai");
  REQUIRE(o.zone != nullptr);
  o.locale = locale;
  o.categories = duty::reports::builtin_categories();
  return o;
}

const Actor kActor{"ann", at(23, 0)};

NewCall call(const std::string& from, std::optional<CallKind> kind, Seconds when) {
  NewCall c;
  c.from = from;
  c.summary = "asked about the road to Zequ";
  c.kind = kind;
  c.at = when;
  return c;
}

std::string incident(MemoryStore& store, const Office& o) {
  NewIncident n;
  n.fields.title = "Fire at the market";
  n.fields.category = "fire";
  n.received = at(10, 0);
  return duty::reports::add_incident(store, o, n, kActor).id;
}

// The message of the FieldError `fn` throws, with its field, or "" when it throws none.
template <class F>
std::string field_error(F fn) {
  try {
    fn();
  } catch (const FieldError& e) {
    return e.field() + ": " + e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("reports::calls") {
  TEST_CASE("kinds are read in English and Chinese and stored in English") {
    CHECK(duty::reports::parse_call_kind("inquiry") == CallKind::kInquiry);
    CHECK(duty::reports::parse_call_kind("通知") == CallKind::kNotice);
    CHECK(duty::reports::parse_call_kind("报告") == CallKind::kReport);
    CHECK(duty::reports::parse_call_kind("其他") == CallKind::kOther);
    CHECK_FALSE(duty::reports::parse_call_kind("Inquiry"));
    CHECK_FALSE(duty::reports::parse_call_kind(""));
    CHECK(duty::reports::to_string(CallKind::kReport) == "report");
    CHECK(duty::reports::call_kind_label(CallKind::kInquiry, true) == "咨询");
    CHECK(duty::reports::call_kind_label(CallKind::kInquiry, false) == "inquiry");
  }

  TEST_CASE("phone numbers as a duty room writes them") {
    using duty::reports::normalise_phone;
    CHECK(normalise_phone("110") == "110");
    CHECK(normalise_phone(" 0371-12345678转8001 ") == "0371-12345678转8001");
    CHECK(normalise_phone("+86 138 0013 8000") == "+86 138 0013 8000");
    CHECK(normalise_phone("（０９７３）８７１２１１０") == "(0973)8712110");
    CHECK(normalise_phone("0973-8712110#12") == "0973-8712110#12");
    CHECK_THROWS_AS(normalise_phone("12"), FieldError);
    CHECK_THROWS_AS(normalise_phone("123456789012345678901"), FieldError);
    CHECK_THROWS_AS(normalise_phone("call me"), FieldError);
    CHECK_THROWS_AS(normalise_phone("=1+2 123"), FieldError);
    CHECK_THROWS_AS(normalise_phone("138\n0013"), FieldError);
    CHECK(field_error([] {
            normalise_phone("abc");
          }).rfind("phone: 'abc' is not a phone number", 0) == 0);
  }

  TEST_CASE("ids run C-1, C-2 ... in the order calls are logged, whatever their times") {
    MemoryStore store;
    Office o = office();
    Call a =
        duty::reports::add_call(store, o, call("Li Ming", CallKind::kInquiry, at(14, 0)), kActor);
    Call b = duty::reports::add_call(store, o, call("Wang Gang", std::nullopt, at(9, 0)), kActor);
    Call c =
        duty::reports::add_call(store, o, call("Zhao Lei", CallKind::kNotice, at(11, 0)), kActor);
    CHECK(a.id == "C-1");
    CHECK(b.id == "C-2");
    CHECK(c.id == "C-3");
    CHECK(b.kind == CallKind::kOther);  // nothing claimed that was not said
    CHECK(a.by == "ann");
    CHECK(a.recorded_at == kActor.now);
    auto all = duty::reports::list_calls(store, {});
    REQUIRE(all.size() == 3);
    // Listed by time.
    CHECK(all[0].id == "C-2");
    CHECK(all[1].id == "C-3");
    CHECK(all[2].id == "C-1");
  }

  TEST_CASE("the next id is one past the highest, across powers of two") {
    MemoryStore store;
    Office o = office();
    for (int i = 1; i <= 70; ++i) {
      Call c = duty::reports::add_call(store, o, call("x", std::nullopt, at(9, 0)), kActor);
      REQUIRE(c.id == "C-" + std::to_string(i));
      REQUIRE(c.number == i);
    }
    // A link adds events to a call's subject, not a new id.
    NewIncident n;
    n.fields.title = "Fire";
    n.fields.category = "fire";
    n.received = at(9, 0);
    std::string inc = duty::reports::add_incident(store, o, n, kActor).id;
    duty::reports::link_call(store, o, "C-64", inc, std::nullopt, kActor);
    CHECK(duty::reports::add_call(store, o, call("x", std::nullopt, at(9, 0)), kActor).id ==
          "C-71");
  }

  TEST_CASE("a rejected call writes nothing and uses no id") {
    MemoryStore store;
    Office o = office();
    NewCall future = call("Li Ming", CallKind::kInquiry, kActor.now + std::chrono::minutes{1});
    CHECK(field_error([&] {
            duty::reports::add_call(store, o, future, kActor);
          }).rfind("at: ", 0) == 0);
    NewCall empty = call("  ", CallKind::kInquiry, at(9, 0));
    CHECK(field_error([&] { duty::reports::add_call(store, o, empty, kActor); }) ==
          "from: cannot be empty");
    NewCall no_summary = call("Li Ming", CallKind::kInquiry, at(9, 0));
    no_summary.summary = "\n";
    CHECK(field_error([&] { duty::reports::add_call(store, o, no_summary, kActor); }) ==
          "summary: cannot be empty");
    NewCall escape = call("Li\x1b[2JMing", CallKind::kInquiry, at(9, 0));
    CHECK(field_error([&] {
            duty::reports::add_call(store, o, escape, kActor);
          }).rfind("from: ", 0) == 0);
    NewCall bad_utf8 = call("Li Ming", CallKind::kInquiry, at(9, 0));
    bad_utf8.summary = "\xff\xfe";
    CHECK(field_error([&] { duty::reports::add_call(store, o, bad_utf8, kActor); }) ==
          "summary: is not valid UTF-8 text");
    NewCall long_name = call(std::string(201, 'x'), CallKind::kInquiry, at(9, 0));
    CHECK(field_error([&] {
            duty::reports::add_call(store, o, long_name, kActor);
          }).rfind("from: is too long", 0) == 0);
    NewCall bad_phone = call("Li Ming", CallKind::kInquiry, at(9, 0));
    bad_phone.phone = "none";
    CHECK(field_error([&] {
            duty::reports::add_call(store, o, bad_phone, kActor);
          }).rfind("phone: ", 0) == 0);
    CHECK(store.raw_events().empty());
    CHECK(duty::reports::add_call(store, o, call("Li Ming", std::nullopt, at(9, 0)), kActor).id ==
          "C-1");
  }

  TEST_CASE("linking: both must exist, once, to one incident") {
    MemoryStore store;
    Office o = office();
    std::string first = incident(store, o);
    std::string second = incident(store, o);
    Call c =
        duty::reports::add_call(store, o, call("Li Ming", CallKind::kReport, at(9, 58)), kActor);
    CHECK(field_error([&] {
            duty::reports::link_call(store, o, "C-9", first, std::nullopt, kActor);
          }) == "id: no call 'C-9'; 'duty call list' shows them");
    CHECK(field_error([&] {
            duty::reports::link_call(store, o, c.id, "2027-0099", std::nullopt, kActor);
          }) == "id: no incident '2027-0099'; 'duty incident list' shows them");
    // An incident's id is no call, and a call's id no incident.
    CHECK(field_error([&] {
            duty::reports::link_call(store, o, first, first, std::nullopt, kActor);
          }).rfind("id: no call", 0) == 0);
    CHECK(field_error([&] {
            duty::reports::link_call(store, o, c.id, c.id, std::nullopt, kActor);
          }).rfind("id: no incident", 0) == 0);
    CHECK(field_error([&] { duty::reports::link_call(store, o, c.id, first, at(9, 0), kActor); }) ==
          "at: 2027-03-10 09:00 is before the call came in (2027-03-10 09:58)");
    CHECK(field_error([&] {
            duty::reports::link_call(store, o, c.id, first, kActor.now + std::chrono::minutes{1},
                                     kActor);
          }).rfind("at: 2027-03-10 23:01 is in the future", 0) == 0);
    std::size_t before = store.raw_events().size();
    Call linked = duty::reports::link_call(store, o, c.id, first, std::nullopt, kActor);
    CHECK(linked.incident == first);
    CHECK(linked.linked_at == kActor.now);
    CHECK(store.raw_events().size() == before + 1);
    CHECK(field_error([&] {
            duty::reports::link_call(store, o, c.id, first, std::nullopt, kActor);
          }) == "id: C-1 is already linked to " + first + " (since 2027-03-10 23:00)");
    std::string other = field_error(
        [&] { duty::reports::link_call(store, o, c.id, second, std::nullopt, kActor); });
    CHECK(other.find("already linked to incident " + first) != std::string::npos);
    CHECK(store.raw_events().size() == before + 1);
    CHECK(duty::reports::load_call(store, c.id).incident == first);
    CHECK(duty::reports::list_calls(store, {}).at(0).incident == first);
  }

  TEST_CASE("listing by time (both ends inclusive) and kind") {
    MemoryStore store;
    Office o = office();
    duty::reports::add_call(store, o, call("A", CallKind::kInquiry, at(8, 0)), kActor);
    duty::reports::add_call(store, o, call("B", CallKind::kNotice, at(9, 0)), kActor);
    duty::reports::add_call(store, o, call("C", CallKind::kInquiry, at(10, 0)), kActor);
    CallQuery q;
    q.from = at(9, 0);
    q.to = at(10, 0);
    auto rows = duty::reports::list_calls(store, q);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].from == "B");
    CHECK(rows[1].from == "C");
    q.kind = CallKind::kInquiry;
    rows = duty::reports::list_calls(store, q);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].from == "C");
    q = {};
    q.to = at(7, 59);
    CHECK(duty::reports::list_calls(store, q).empty());
  }

  TEST_CASE("a fold refuses events that are no call") {
    Event e;
    e.type = "created";
    e.subject = "C-1";
    CHECK_THROWS_AS(duty::reports::fold_call({e}), StoreError);
    Event c;
    c.type = "call";
    c.subject = "C-1";
    c.data["kind"] = std::string("notice");
    Event link;
    link.type = "call-link";
    link.subject = "C-1";
    link.seq = 2;
    CHECK_THROWS_AS(duty::reports::fold_call({c, link}), StoreError);
    link.data["incident"] = std::string("2027-0001");
    CHECK(duty::reports::fold_call({c, link}).incident == "2027-0001");
    CHECK(duty::reports::fold_call({c}).kind == CallKind::kNotice);
  }

  TEST_CASE(
      "the context of a record: counts by kind, in the office's language, links as known then") {
    MemoryStore store;
    Office zh = office("zh-CN");
    std::string inc = incident(store, zh);
    NewCall a = call("李明", CallKind::kInquiry, at(9, 0));
    a.unit = "泽曲镇政府";
    a.phone = "13900000001";
    duty::reports::add_call(store, zh, a, kActor);
    duty::reports::add_call(store, zh, call("王刚", CallKind::kReport, at(9, 30)), kActor);
    duty::reports::add_call(store, zh, call("赵磊", CallKind::kInquiry, at(11, 0)), kActor);
    duty::reports::add_call(store, zh, call("outside", CallKind::kNotice, at(8, 0)), kActor);
    duty::reports::link_call(store, zh, "C-2", inc, std::nullopt, kActor);
    ContextNode c = duty::reports::calls_context(store, zh, at(8, 30), kActor.now);
    CHECK(*c.get("count")->number() == 3);
    CHECK(*c.get("has_calls")->flag());
    CHECK(*c.get("by_kind_text")->text() == "咨询2次、报告1次");
    CHECK(*c.get("linked")->number() == 1);
    const auto& list = *c.get("list")->items();
    REQUIRE(list.size() == 3);
    CHECK(*list[0].get("caller_text")->text() == "泽曲镇政府李明（13900000001）");
    CHECK(*list[0].get("kind_label")->text() == "咨询");
    CHECK(*list[1].get("incident")->text() == inc);
    // A record for a moment before the link was made does not know of it.
    ContextNode early = duty::reports::calls_context(store, zh, at(8, 30), at(10, 0));
    CHECK(*early.get("count")->number() == 2);
    CHECK(*early.get("linked")->number() == 0);
    CHECK(*early.get("list")->items()->at(1).get("incident")->text() == "");
    ContextNode en = duty::reports::calls_context(store, office("en"), at(8, 30), kActor.now);
    CHECK(*en.get("by_kind_text")->text() == "inquiry 2, report 1");
    CHECK(*en.get("list")->items()->at(0).get("caller_text")->text() ==
          "李明 (泽曲镇政府, 13900000001)");
    ContextNode none = duty::reports::calls_context(store, zh, at(13, 0), at(14, 0));
    CHECK(*none.get("count")->number() == 0);
    CHECK_FALSE(*none.get("has_calls")->flag());
    CHECK(*none.get("by_kind_text")->text() == "");
  }
}
