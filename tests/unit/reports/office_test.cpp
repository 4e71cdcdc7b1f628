// SPDX-License-Identifier: Apache-2.0
#include "reports/office.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono_literals;
using duty::reports::Channel;
using duty::reports::Office;
using duty::reports::Severity;

Office parse(const std::string& text) {
  return duty::reports::parse_office(duty::YamlSource("office.yaml", text), "/srv/zeku");
}

// Everything parse_office (or the YAML reader before it) reports; empty when the file is valid.
std::vector<duty::Diagnostic> problems(const std::string& text) {
  try {
    parse(text);
  } catch (const duty::InputError& e) {
    CHECK(e.code() == duty::ExitCode::kBadInput);
    return e.diagnostics();
  }
  return {};
}

// The 1-based line and byte column where `token` starts, so expected positions follow the text.
struct Where {
  int line = 0;
  int column = 0;
};
Where where(const std::string& text, std::string_view token, int occurrence = 1) {
  std::size_t at = std::string::npos;
  for (int i = 0; i < occurrence; ++i) {
    at = text.find(token, i == 0 ? 0 : at + 1);
    if (at == std::string::npos) break;
  }
  REQUIRE_MESSAGE(at != std::string::npos, "token not in the test text: ", std::string(token));
  Where w;
  w.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++w.line;
      line_start = i + 1;
    }
  }
  w.column = static_cast<int>(at - line_start) + 1;
  return w;
}

void check_at(const duty::Diagnostic& d, const std::string& text, std::string_view token, int occurrence = 1) {
  Where w = where(text, token, occurrence);
  CHECK(d.pos.file == "office.yaml");
  CHECK(d.pos.line == w.line);
  CHECK(d.pos.column == w.column);
  // The rendered form leads with file:line:column, which is what people and editors jump to.
  CHECK(d.str().rfind("office.yaml:" + std::to_string(w.line) + ":" + std::to_string(w.column) + ": ", 0) == 0);
}

// One problem, at `token`, with exactly this message.
void check_single(const std::string& text, std::string_view token, const std::string& message, int occurrence = 1) {
  auto ds = problems(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].message == message);
  check_at(ds[0], text, token, occurrence);
}

// A valid file that each bad-input case changes in one place.
const std::string kHead = R"(office:
  name: Zeku duty office
  timezone: Asia/Shanghai
chain:
  - {id: prefecture, name: Huangnan prefecture}
  - {id: province, name: Qinghai province}
)";

const std::string kFull = R"(office:
  name: 泽库县应急管理局值班室
  timezone: Asia/Shanghai
  handover: "09:00"
  locale: en
  unit: 泽库县应急管理局
  signer: 张三
  contact: 李四 0973-8880000
roster: roster/spec.yaml
database: /var/lib/duty/zeku.db
chain:
  - {id: prefecture, name: 黄南州应急管理局, phone: "0973-8720000"}
  - {id: province, name: 青海省应急管理厅}
escalation:
  - match: {severity: [I, II], category: [mining, hazmat]}
    to: [prefecture, province]
    via: phone
    within: 30m
    basis: 《生产安全事故报告和调查处理条例》第九条
  - match:
      deaths_at_least: 1
      injured_at_least: 2
      seriously_injured_at_least: 3
      missing_at_least: 4
      trapped_at_least: 5
      loss_at_least: 100.5
    to: prefecture
    via: written
    within: 2h
  - to: [province]
    via: fax
    within: 1h30m
  - match: {category: yak-disease, severity: 较大}
    to: prefecture
    via: system
    within: 1d
categories:
  - {id: yak-disease, class: public-health, zh: 牦牛疫病, en: Yak disease}
  - {id: flood, class: natural-disaster, zh: 山洪, en: Flash flood}
bulletin:
  main: [黄南州应急管理局]
  copy: [县委办公室, 县政府办公室]
)";

}  // namespace

TEST_SUITE("reports::office") {
  TEST_CASE("a full office.yaml parses into its values") {
    Office o = parse(kFull);
    CHECK(o.dir == "/srv/zeku");
    CHECK(o.file == "office.yaml");
    CHECK(o.name == "泽库县应急管理局值班室");
    CHECK(o.timezone == "Asia/Shanghai");
    REQUIRE(o.zone != nullptr);
    CHECK(o.zone->name() == "Asia/Shanghai");
    CHECK(o.handover == 9h);
    CHECK(o.locale == "en");
    CHECK_FALSE(o.zh());
    CHECK(o.unit == "泽库县应急管理局");
    CHECK(o.signer == "张三");
    CHECK(o.contact == "李四 0973-8880000");
    CHECK(o.roster == "roster/spec.yaml");
    CHECK(o.database == "/var/lib/duty/zeku.db");
    CHECK(o.resolve(o.roster) == "/srv/zeku/roster/spec.yaml");
    CHECK(o.resolve(o.database) == "/var/lib/duty/zeku.db");
  }

  TEST_CASE("the chain keeps its order, names and phones") {
    Office o = parse(kFull);
    REQUIRE(o.chain.size() == 2);
    CHECK(o.chain[0].id == "prefecture");
    CHECK(o.chain[0].name == "黄南州应急管理局");
    CHECK(o.chain[0].phone == "0973-8720000");
    CHECK(o.chain[1].id == "province");
    CHECK(o.chain[1].name == "青海省应急管理厅");
    CHECK(o.chain[1].phone == "");
    CHECK(o.org_ids() == std::vector<std::string>{"prefecture", "province"});
    REQUIRE(o.find_org("province") != nullptr);
    CHECK(o.find_org("province")->name == "青海省应急管理厅");
    CHECK(o.find_org("county") == nullptr);
  }

  TEST_CASE("escalation rules: every match key, every channel, and durations 30m/2h/1h30m/1d") {
    Office o = parse(kFull);
    REQUIRE(o.escalation.size() == 4);

    const auto& r0 = o.escalation[0];
    CHECK(r0.match.severity == std::vector<Severity>{Severity::kI, Severity::kII});
    CHECK(r0.match.category == std::vector<std::string>{"mining", "hazmat"});
    CHECK(r0.to == std::vector<std::string>{"prefecture", "province"});
    CHECK(r0.via == Channel::kPhone);
    CHECK(r0.within == 30min);
    CHECK(r0.basis == "《生产安全事故报告和调查处理条例》第九条");
    CHECK(r0.pos.file == "office.yaml");
    CHECK(r0.pos.line == where(kFull, "match: {severity").line);
    CHECK(r0.pos.column == where(kFull, "match: {severity").column);

    const auto& r1 = o.escalation[1];
    CHECK(r1.match.severity.empty());
    CHECK(r1.match.category.empty());
    CHECK(r1.match.deaths_at_least == 1);
    CHECK(r1.match.injured_at_least == 2);
    CHECK(r1.match.seriously_injured_at_least == 3);
    CHECK(r1.match.missing_at_least == 4);
    CHECK(r1.match.trapped_at_least == 5);
    CHECK(r1.match.loss_at_least == 100.5);
    CHECK(r1.to == std::vector<std::string>{"prefecture"});  // a single text is a list of one
    CHECK(r1.via == Channel::kWritten);
    CHECK(r1.within == 2h);
    CHECK(r1.basis == "");

    const auto& r2 = o.escalation[2];
    // No match at all: the rule applies to every incident.
    CHECK(r2.match.severity.empty());
    CHECK(r2.match.category.empty());
    CHECK_FALSE(r2.match.deaths_at_least.has_value());
    CHECK_FALSE(r2.match.loss_at_least.has_value());
    CHECK(r2.to == std::vector<std::string>{"province"});
    CHECK(r2.via == Channel::kFax);
    CHECK(r2.within == 90min);

    const auto& r3 = o.escalation[3];
    // A category the same file adds below is known to the rule: categories are read first.
    CHECK(r3.match.category == std::vector<std::string>{"yak-disease"});
    CHECK(r3.match.severity == std::vector<Severity>{Severity::kIII});
    CHECK(r3.via == Channel::kSystem);
    CHECK(r3.within == 24h);
  }

  TEST_CASE("a list of categories extends the built-in taxonomy and relabels a known id") {
    Office o = parse(kFull);
    CHECK(o.categories.size() == duty::reports::builtin_categories().size() + 1);
    const auto* yak = o.find_category("yak-disease");
    REQUIRE(yak != nullptr);
    CHECK(yak->klass == "public-health");
    CHECK(yak->zh == "牦牛疫病");
    CHECK(yak->en == "Yak disease");
    CHECK(o.categories.back().id == "yak-disease");
    const auto* flood = o.find_category("flood");
    REQUIRE(flood != nullptr);
    CHECK(flood->zh == "山洪");
    CHECK(flood->en == "Flash flood");
    CHECK(flood->klass == "natural-disaster");
    // The relabelled category keeps its place: the built-in order is the listing order.
    CHECK(o.categories.front().id == "flood");
    REQUIRE(o.find_category("mining") != nullptr);
    CHECK(o.find_category("mining")->zh == "矿山事故");
  }

  TEST_CASE("categories with replace: true drop the built-in taxonomy") {
    Office o = parse(kHead + R"(categories:
  replace: true
  items:
    - {id: yak-disease, class: public-health, zh: 牦牛疫病, en: Yak disease}
    - {id: blizzard}
)");
    REQUIRE(o.categories.size() == 2);
    CHECK(o.category_ids() == std::vector<std::string>{"yak-disease", "blizzard"});
    CHECK(o.find_category("flood") == nullptr);
    // Only an id given: the labels default to the id and the class to social-security.
    CHECK(o.categories[1].zh == "blizzard");
    CHECK(o.categories[1].en == "blizzard");
    CHECK(o.categories[1].klass == "social-security");
  }

  TEST_CASE("a category map without replace extends the taxonomy") {
    Office o = parse(kHead + "categories:\n  items:\n    - {id: blizzard, class: natural-disaster}\n");
    CHECK(o.categories.size() == duty::reports::builtin_categories().size() + 1);
    REQUIRE(o.find_category("blizzard") != nullptr);
    CHECK(o.find_category("flood") != nullptr);
  }

  TEST_CASE("a rule cannot match a built-in category that replace removed") {
    std::string text = kHead + R"(categories: {replace: true, items: [{id: yak-disease}]}
escalation:
  - {match: {category: flood}, to: prefecture, via: phone, within: 1h}
)";
    check_single(text, "flood}", "unknown category 'flood'");
  }

  TEST_CASE("bulletin recipients, main and copy") {
    Office o = parse(kFull);
    CHECK(o.recipients_main == std::vector<std::string>{"黄南州应急管理局"});
    CHECK(o.recipients_copy == std::vector<std::string>{"县委办公室", "县政府办公室"});
  }

  TEST_CASE("defaults: zh-CN, 08:30 handover, roster.yaml, duty.db, the unit is the office name") {
    Office o = parse(kHead);
    CHECK(o.locale == "zh-CN");
    CHECK(o.zh());
    CHECK(o.handover == 8h + 30min);
    CHECK(o.roster == "roster.yaml");
    CHECK(o.database == "duty.db");
    CHECK(o.resolve(o.database) == "/srv/zeku/duty.db");
    CHECK(o.unit == "Zeku duty office");
    CHECK(o.escalation.empty());
    CHECK(o.recipients_main.empty());
    CHECK(o.categories.size() == duty::reports::builtin_categories().size());
  }

  TEST_CASE("an unknown top-level key is reported at the key with a did-you-mean") {
    std::string text = kHead + "escalaton: []\n";
    check_single(text, "escalaton",
                 "unknown key 'escalaton' in office.yaml (did you mean 'escalation'?); expected one of: office, "
                 "roster, database, chain, escalation, categories, bulletin, signing_key, public_key, users, contacts, warnings, hazards");
  }

  TEST_CASE("an unknown key in a rule's match is reported with a did-you-mean") {
    std::string text = kHead + R"(escalation:
  - match: {death_at_least: 1}
    to: prefecture
    via: phone
    within: 1h
)";
    auto ds = problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.rfind("unknown key 'death_at_least' in match (did you mean 'deaths_at_least'?)", 0) == 0);
    check_at(ds[0], text, "death_at_least");
  }

  TEST_CASE("an unknown key in office is reported with a did-you-mean") {
    std::string text = "office:\n  name: X\n  timezone: Asia/Shanghai\n  handovr: \"08:00\"\n";
    auto ds = problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.rfind("unknown key 'handovr' in office (did you mean 'handover'?)", 0) == 0);
    check_at(ds[0], text, "handovr");
  }

  TEST_CASE("a rule naming an organisation not in the chain") {
    std::string text = kHead + R"(escalation:
  - to: [prefectur]
    via: phone
    within: 1h
)";
    check_single(text, "prefectur]",
                 "unknown organisation 'prefectur' (did you mean 'prefecture'?); organisations come from 'chain': "
                 "prefecture, province");
  }

  TEST_CASE("an unknown channel") {
    std::string text = kHead + R"(escalation:
  - to: prefecture
    via: phon
    within: 1h
)";
    check_single(text, "phon\n",
                 "unknown channel 'phon' (did you mean 'phone'?); expected phone, written, fax or system");
  }

  TEST_CASE("a bad duration") {
    for (const char* bad : {"30 minutes", "0m", "1w", "h", "90"}) {
      CAPTURE(bad);
      std::string text = kHead + "escalation:\n  - {to: prefecture, via: phone, within: \"" + bad + "\"}\n";
      check_single(text, std::string("\"") + bad,
                   std::string("'") + bad + "' is not a valid duration for within; expected e.g. 30m, 2h, 1h30m or 1d");
    }
  }

  TEST_CASE("an unknown severity in a match") {
    std::string text = kHead + R"(escalation:
  - match: {severity: [I, V]}
    to: prefecture
    via: phone
    within: 1h
)";
    check_single(text, "[I, V]", "unknown severity 'V'; expected I, II, III, IV or unknown");
  }

  TEST_CASE("an unknown category in a match") {
    std::string text = kHead + R"(escalation:
  - match: {category: minning}
    to: prefecture
    via: phone
    within: 1h
)";
    check_single(text, "minning", "unknown category 'minning' (did you mean 'mining'?)");
  }

  TEST_CASE("a duplicate organisation id is reported at the second one") {
    std::string text = R"(office: {name: X, timezone: Asia/Shanghai}
chain:
  - {id: prefecture}
  - {id: prefecture, name: again}
)";
    check_single(text, "prefecture", "duplicate organisation id 'prefecture'", 2);
  }

  TEST_CASE("an unknown time zone") {
    std::string text = "office:\n  name: X\n  timezone: Asia/Beijing\n";
    check_single(text, "Asia/Beijing",
                 "unknown time zone 'Asia/Beijing'; expected an IANA name such as Asia/Shanghai");
  }

  TEST_CASE("a missing office name is reported at the office mapping") {
    std::string text = "office:\n  timezone: Asia/Shanghai\n";
    check_single(text, "timezone", "office needs a 'name'");
  }

  TEST_CASE("a missing office section is reported at the start of the file") {
    auto ds = problems("chain: []\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "missing required key 'office' (name, timezone, handover, locale)");
    CHECK(ds[0].pos.line == 1);
    CHECK(ds[0].pos.column == 1);
  }

  TEST_CASE("every problem of a file is collected, in file order") {
    std::string text = R"(office:
  name: X
  timezone: Mars/Olympus
chain:
  - {id: prefecture}
  - {id: prefecture}
escalation:
  - {match: {severity: VI}, to: prefecture, via: phone, within: 1h}
  - {match: {category: minning}, to: prefecture, via: phone, within: 1h}
  - {to: county, via: phone, within: 1h}
  - {to: prefecture, via: pigeon, within: 1h}
  - {to: prefecture, via: phone, within: soon}
bulletn: {}
)";
    auto ds = problems(text);
    REQUIRE(ds.size() == 8);
    check_at(ds[0], text, "Mars/Olympus");
    CHECK(ds[0].message.rfind("unknown time zone 'Mars/Olympus'", 0) == 0);
    check_at(ds[1], text, "prefecture", 2);
    CHECK(ds[1].message == "duplicate organisation id 'prefecture'");
    check_at(ds[2], text, "VI");
    CHECK(ds[2].message.rfind("unknown severity 'VI'", 0) == 0);
    check_at(ds[3], text, "minning");
    CHECK(ds[3].message.rfind("unknown category 'minning'", 0) == 0);
    check_at(ds[4], text, "county");
    CHECK(ds[4].message.rfind("unknown organisation 'county'", 0) == 0);
    check_at(ds[5], text, "pigeon");
    CHECK(ds[5].message.rfind("unknown channel 'pigeon'", 0) == 0);
    check_at(ds[6], text, "soon");
    CHECK(ds[6].message.rfind("'soon' is not a valid duration for within", 0) == 0);
    check_at(ds[7], text, "bulletn");
    CHECK(ds[7].message.rfind("unknown key 'bulletn' in office.yaml (did you mean 'bulletin'?)", 0) == 0);
  }

  TEST_CASE("a rule with a problem is not kept") {
    // A rule that names a missing organisation must not half-apply; the whole file is refused.
    CHECK_THROWS_AS(parse(kHead + "escalation:\n  - {to: [prefecture, county], via: phone, within: 1h}\n"),
                    duty::InputError);
  }

  TEST_CASE("a rule needs to, via and within") {
    std::string text = kHead + "escalation:\n  - {to: prefecture, via: phone}\n";
    check_single(text, "{to: prefecture, via: phone}", "an escalation rule needs 'to', 'via' and 'within'");
  }

  TEST_CASE("an unknown locale and a bad handover") {
    std::string text = "office:\n  name: X\n  timezone: Asia/Shanghai\n  handover: \"8.30\"\n  locale: fr\n";
    auto ds = problems(text);
    REQUIRE(ds.size() == 2);
    check_at(ds[0], text, "\"8.30\"");
    CHECK(ds[0].message == "'8.30' is not a valid handover time; expected HH:MM such as \"08:30\"");
    check_at(ds[1], text, "fr");
    CHECK(ds[1].message == "unknown locale 'fr'; expected zh-CN or en");
  }

  TEST_CASE("channel names round-trip") {
    for (Channel c : {Channel::kPhone, Channel::kWritten, Channel::kFax, Channel::kSystem}) {
      CHECK(duty::reports::parse_channel(duty::reports::to_string(c)) == c);
    }
    CHECK_FALSE(duty::reports::parse_channel("Phone").has_value());
    CHECK_FALSE(duty::reports::parse_channel("").has_value());
  }
}
