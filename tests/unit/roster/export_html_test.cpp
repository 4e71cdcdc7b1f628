// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "roster/export.hpp"

namespace {

duty::roster::Spec parse(const std::string& text) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text));
}

// January and February 2027: New Year's Day, a make-up Saturday, and hostile names.
const std::string kSpec = R"(timezone: Asia/Shanghai
locale: zh-CN
title: "县<应急>局 & \"值班\""
period: {from: 2027-01-01, to: 2027-02-02}
slots:
  - {id: leader, name: 带班领导, group: leaders}
  - {id: officer, name: 值班员, group: staff}
people:
  - {id: ann, name: "<script>&\"'", groups: [leaders], phone: "<b>1</b>"}
  - {id: cat, name: 卓玛, groups: [staff], phone: "13900000000"}
holidays:
  - {dates: 2027-01-01, name: 元旦}
workdays: [2027-01-09]
)";

std::string html(const duty::roster::ExportOptions& options = {}) {
  auto spec = parse(kSpec);
  auto plan = duty::roster::make_empty_plan(spec);
  for (auto& s : plan.shifts) {
    s.assignments[0].people = {"ann"};
    s.assignments[1].people = {"cat"};
  }
  std::ostringstream out;
  duty::roster::write_plan_html(out, spec, plan, options);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("roster::export_html") {
  TEST_CASE("escaping") {
    CHECK(duty::roster::html_escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;");
    std::string page = html();
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
    CHECK(count(page, "&lt;script&gt;&amp;&quot;&#39;") == 33);
    CHECK(count(page, "&lt;b&gt;1&lt;/b&gt;") == 33);
    CHECK(page.find("<h1>县&lt;应急&gt;局 &amp; &quot;值班&quot;</h1>") != std::string::npos);
  }

  TEST_CASE("one page per month, a Monday-first grid, holidays, make-up days and weekends marked") {
    std::string page = html();
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(count(page, "<section class=\"month\">") == 2);
    CHECK(page.find("<h2>2027年1月</h2>") != std::string::npos);
    CHECK(page.find("<h2>2027年2月</h2>") != std::string::npos);
    CHECK(
        page.find("<th>一</th><th>二</th><th>三</th><th>四</th><th>五</th><th class=\"we\">六</th>"
                  "<th class=\"we\">日</th>") != std::string::npos);
    // 2027-01-01 is a Friday: four blank cells before it.
    CHECK(
        page.find("<tr><td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td>"
                  "<td class=\"blank\"></td><td class=\"holiday\"><div class=\"head\"><span "
                  "class=\"num\">1</span>"
                  "<span class=\"tag\">元旦</span>") != std::string::npos);
    CHECK(page.find("<td class=\"makeup\"><div class=\"head\"><span class=\"num\">9</span><span "
                    "class=\"tag makeup\">"
                    "调休上班</span>") != std::string::npos);
    CHECK(page.find("<td class=\"weekend\"><div class=\"head\"><span class=\"num\">10</span>") !=
          std::string::npos);
    // February after the period: days shown, no duties.
    CHECK(page.find("<td class=\"out\"><div class=\"head\"><span class=\"num\">3</span>") !=
          std::string::npos);
    CHECK(page.find("size: A4 landscape") != std::string::npos);
    CHECK(page.find("break-after: page") != std::string::npos);
    // Self-contained: nothing fetched from elsewhere.
    CHECK(page.find("http") == std::string::npos);
    CHECK(page.find("src=") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
  }

  TEST_CASE("one person's roster shows their duties only and marks them") {
    duty::roster::ExportOptions o;
    o.person = "cat";
    std::string page = html(o);
    CHECK(count(page, "<span class=\"person me\"><span class=\"name\">卓玛</span>") == 33);
    o.person = "nobody";
    CHECK_THROWS(html(o));
  }
}
