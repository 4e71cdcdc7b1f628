// SPDX-License-Identifier: Apache-2.0
#include "roster/holiday_calendar.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "roster/spec.hpp"

namespace {

using duty::Days;
using duty::roster::CalendarDayKind;
using duty::roster::DayType;

Days ymd(int y, unsigned m, unsigned d) {
  return Days{date::year{y} / date::month{m} / date::day{d}};
}

// The text of one State Council notice on a year's holidays: its number, date of issue and the
// numbered items of its arrangement, quoted as the notice gives them.
struct Notice {
  int year;
  const char* number;
  Days issued;
  std::vector<std::string> items;
};

// The notices are quoted one item a line, as they are printed.
// clang-format off
const std::vector<Notice> kNotices = {
    {2020, "国办发明电〔2019〕16号", ymd(2019, 11, 21),
     {"一、元旦：2020年1月1日放假，共1天。",
      "二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。",
      "三、清明节：4月4日至6日放假调休，共3天。",
      "四、劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。",
      "五、端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。",
      "六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。"}},
    {2021, "国办发明电〔2020〕27号", ymd(2020, 11, 25),
     {"一、元旦：2021年1月1日至3日放假，共3天。",
      "二、春节：2月11日至17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。",
      "三、清明节：4月3日至5日放假调休，共3天。",
      "四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。",
      "五、端午节：6月12日至14日放假，共3天。",
      "六、中秋节：9月19日至21日放假调休，共3天。9月18日（星期六）上班。",
      "七、国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。"}},
    {2022, "国办发明电〔2021〕11号", ymd(2021, 10, 25),
     {"一、元旦：2022年1月1日至3日放假，共3天。",
      "二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。",
      "三、清明节：4月3日至5日放假调休，共3天。4月2日（星期六）上班。",
      "四、劳动节：4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。",
      "五、端午节：6月3日至5日放假，共3天。",
      "六、中秋节：9月10日至12日放假，共3天。",
      "七、国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。"}},
    {2023, "国办发明电〔2022〕16号", ymd(2022, 12, 8),
     {"一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。",
      "二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。",
      "三、清明节：4月5日放假，共1天。",
      "四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。",
      "五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。",
      "六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。"}},
    {2024, "国办发明电〔2023〕7号", ymd(2023, 10, 25),
     {"一、元旦：1月1日放假，与周末连休。",
      "二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。",
      "三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。",
      "四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。",
      "五、端午节：6月10日放假，与周末连休。",
      "六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。",
      "七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"}},
    {2025, "国办发明电〔2024〕12号", ymd(2024, 11, 12),
     {"一、元旦：1月1日（周三）放假1天，不调休。",
      "二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。",
      "三、清明节：4月4日（周五）至6日（周日）放假，共3天。",
      "四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。",
      "五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。",
      "六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"}},
    {2026, "国办发明电〔2025〕7号", ymd(2025, 11, 4),
     {"一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
      "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。",
      "三、清明节：4月4日（周六）至6日（周一）放假，共3天。",
      "四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。",
      "五、端午节：6月19日（周五）至21日（周日）放假，共3天。",
      "六、中秋节：9月25日（周五）至27日（周日）放假，共3天。",
      "七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"}},
};

// 国务院办公厅关于延长2020年春节假期的通知 (国办发明电〔2020〕1号, 2020-01-26), item 一, and what it
// makes of the days, derived by hand: the Spring Festival break, which ended on 1月30日, now runs
// to 2月2日, so 2月1日 is a holiday instead of the working Saturday the 2020 notice made it.
const char* const kExtension2020 = "一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。";
const std::vector<Days> kExtension2020Days = {ymd(2020, 1, 31), ymd(2020, 2, 1), ymd(2020, 2, 2)};
// clang-format on

using Expected = std::map<Days, std::pair<std::string, CalendarDayKind>>;

// A small reader of the notices' sentences, independent of the data files:
// "名称：A至B放假…，共N天。 C（星期六）、D（星期日）上班。" where a date is [YYYY年][M月]D日 and a
// missing year or month is the notice's year or the month before it. It checks every weekday the
// notice writes in brackets and every "共N天", and ignores sentences that neither give days off nor
// name working days (2024's encouragement to rest on 除夕 is no holiday).
class NoticeReader {
 public:
  explicit NoticeReader(int year) : year_(year) {}

  void read(const std::string& item, Expected& out) {
    const auto colon = item.find("：");
    REQUIRE(colon != std::string::npos);
    const auto comma = item.find("、");
    REQUIRE(comma < colon);
    const std::string name =
        item.substr(comma + std::string("、").size(), colon - comma - std::string("、").size());
    text_ = item.substr(colon + std::string("：").size());
    at_ = 0;
    month_ = 0;
    year_now_ = year_;
    // First sentence: the days off.
    Days first = date();
    Days last = first;
    if (eat("至")) last = date();
    REQUIRE_MESSAGE(eat("放假"), item);
    for (Days d = first; d <= last; d += date::days{1}) out[d] = {name, CalendarDayKind::kHoliday};
    const std::string first_sentence = rest_of_sentence();
    if (auto n = first_sentence.find("共"); n != std::string::npos) {
      CHECK_MESSAGE(std::stoi(first_sentence.substr(n + std::string("共").size())) ==
                        (last - first).count() + 1,
                    item);
    }
    // Later sentences: working days (上班), or other remarks.
    while (at_ < text_.size()) {
      const std::string sentence = text_.substr(at_, text_.find("。", at_) - at_);
      if (sentence.size() < std::string("上班").size() ||
          sentence.substr(sentence.size() - std::string("上班").size()) != "上班") {
        rest_of_sentence();
        continue;
      }
      do {
        out[date()] = {name, CalendarDayKind::kWorkday};
      } while (eat("、"));
      REQUIRE_MESSAGE(eat("上班"), item);
      rest_of_sentence();
    }
  }

 private:
  bool eat(std::string_view word) {
    if (text_.compare(at_, word.size(), word) != 0) return false;
    at_ += word.size();
    return true;
  }
  int number() {
    std::size_t end = at_;
    while (end < text_.size() && text_[end] >= '0' && text_[end] <= '9') ++end;
    REQUIRE_MESSAGE(end > at_, text_.substr(at_));
    const int n = std::stoi(text_.substr(at_, end - at_));
    at_ = end;
    return n;
  }
  Days date() {
    int n = number();
    if (eat("年")) {
      year_now_ = n;
      n = number();
    }
    if (eat("月")) {
      month_ = n;
      n = number();
    }
    REQUIRE_MESSAGE(eat("日"), text_.substr(at_));
    REQUIRE(month_ != 0);
    const Days d = ymd(year_now_, static_cast<unsigned>(month_), static_cast<unsigned>(n));
    if (eat("（")) {
      const auto close = text_.find("）", at_);
      const std::string note = text_.substr(at_, close - at_);
      at_ = close + std::string("）").size();
      static const char* const kDays[] = {"一", "二", "三", "四", "五", "六", "日"};
      for (const char* prefix : {"星期", "周"}) {
        if (auto p = note.find(prefix); p != std::string::npos) {
          CHECK_MESSAGE(note.compare(p + std::string(prefix).size(), std::string(kDays[0]).size(),
                                     kDays[duty::iso_weekday_index(d)]) == 0,
                        duty::format_date(d), " is not ", note);
          break;
        }
      }
    }
    return d;
  }
  std::string rest_of_sentence() {
    const auto end = text_.find("。", at_);
    REQUIRE(end != std::string::npos);
    std::string rest = text_.substr(at_, end - at_);
    at_ = end + std::string("。").size();
    return rest;
  }

  int year_;
  int year_now_ = 0;
  int month_ = 0;
  std::string text_;
  std::size_t at_ = 0;
};

Expected expected_days(const Notice& n) {
  Expected out;
  NoticeReader reader(n.year);
  for (const auto& item : n.items) reader.read(item, out);
  if (n.year == 2020) {
    for (Days d : kExtension2020Days) out[d] = {"春节", CalendarDayKind::kHoliday};
  }
  return out;
}

Expected actual_days(const duty::roster::CalendarYear& cal) {
  Expected out;
  for (const auto& d : cal.days) out[d.date] = {d.name, d.kind};
  return out;
}

std::vector<duty::Diagnostic> calendar_problems(const std::string& text) {
  try {
    duty::roster::parse_calendar_year(duty::YamlSource("2025.yaml", text));
  } catch (const duty::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

const std::string kCalendarHead =
    "calendar: cn\nyear: 2025\nsources:\n"
    "  - {title: 国务院办公厅关于2025年部分节假日安排的通知, number: 国办发明电〔2024〕12号, "
    "issued: 2024-11-12, "
    "url: \"https://example.org/notice\"}\n"
    "days:\n";

// A spec over `period` with the holiday lines given.
std::string spec_text(const std::string& period, const std::string& holidays) {
  return "timezone: Asia/Shanghai\nperiod: " + period +
         "\nslots:\n  - {id: officer, group: staff}\npeople:\n  - {id: ann, groups: [staff]}\n"
         "  - {id: bob, groups: [staff]}\n" +
         holidays;
}

duty::roster::Spec parse_spec(const std::string& text,
                              const duty::roster::PeriodOverride& period = {}) {
  return duty::roster::parse_spec(duty::YamlSource("spec.yaml", text), period);
}

std::vector<duty::Diagnostic> spec_problems(const std::string& text,
                                            const duty::roster::PeriodOverride& period = {}) {
  try {
    parse_spec(text, period);
  } catch (const duty::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

// The 1-based line:column where `token` first appears in `text`.
std::string where(const std::string& text, const std::string& token) {
  const auto at = text.find(token);
  REQUIRE(at != std::string::npos);
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return "spec.yaml:" + std::to_string(line) + ":" + std::to_string(at - start + 1);
}

}  // namespace

TEST_SUITE("roster::holiday_calendar") {
  TEST_CASE("every year is exactly its State Council notice, quoted") {
    for (const auto& n : kNotices) {
      CAPTURE(n.year);
      auto cal = duty::roster::calendar_year("cn", n.year);
      REQUIRE(cal.has_value());
      CHECK(cal->calendar == "cn");
      CHECK(cal->year == n.year);
      REQUIRE_FALSE(cal->sources.empty());
      CHECK(cal->sources[0].number == n.number);
      CHECK(cal->sources[0].issued == n.issued);
      CHECK(cal->sources[0].title ==
            "国务院办公厅关于" + std::to_string(n.year) + "年部分节假日安排的通知");
      const Expected expected = expected_days(n);
      const Expected actual = actual_days(*cal);
      for (const auto& [d, e] : expected) {
        const std::string when = duty::format_date(d);  // clang 14 cannot capture a binding
        CAPTURE(when);
        REQUIRE(actual.contains(d));
        CHECK(actual.at(d).first == e.first);
        CHECK(actual.at(d).second == e.second);
      }
      for (const auto& [d, a] : actual) {
        const std::string when = duty::format_date(d);  // clang 14 cannot capture a binding
        CAPTURE(when);
        CHECK(expected.contains(d));
      }
    }
  }

  TEST_CASE("the reader of the notices reads what the notices say") {
    // Spot checks by hand, so the reader above cannot agree with the data by sharing a mistake.
    const Expected y2024 = expected_days(kNotices[4]);
    CHECK(y2024.size() == 36);
    CHECK(y2024.at(ymd(2024, 1, 1)) ==
          std::pair<std::string, CalendarDayKind>{"元旦", CalendarDayKind::kHoliday});
    CHECK_FALSE(y2024.contains(ymd(2023, 12, 31)));  // 与周末连休: the weekend stays a weekend
    CHECK_FALSE(y2024.contains(ymd(2024, 2, 9)));    // 除夕 is only encouraged as a day off
    CHECK(y2024.at(ymd(2024, 2, 18)).second == CalendarDayKind::kWorkday);
    CHECK(y2024.at(ymd(2024, 6, 10)).first == "端午节");
    CHECK_FALSE(y2024.contains(ymd(2024, 6, 8)));
    const Expected y2023 = expected_days(kNotices[3]);
    CHECK(y2023.at(ymd(2022, 12, 31)).first == "元旦");
    CHECK(y2023.at(ymd(2023, 10, 6)).first == "中秋节、国庆节");
    CHECK(y2023.at(ymd(2023, 10, 8)).second == CalendarDayKind::kWorkday);
    const Expected y2025 = expected_days(kNotices[5]);
    CHECK(y2025.size() == 33);
    CHECK(y2025.at(ymd(2025, 6, 1)).second == CalendarDayKind::kHoliday);  // a Sunday inside 至
  }

  TEST_CASE("2020 carries the extension of the Spring Festival break") {
    auto cal = duty::roster::calendar_year("cn", 2020);
    REQUIRE(cal.has_value());
    REQUIRE(cal->sources.size() == 2);
    CHECK(cal->sources[1].number == "国办发明电〔2020〕1号");
    CHECK(cal->sources[1].issued == ymd(2020, 1, 26));
    CHECK(std::string(kExtension2020).find("延长2020年春节假期至2月2日") != std::string::npos);
    const Expected actual = actual_days(*cal);
    for (Days d : kExtension2020Days) {
      CAPTURE(duty::format_date(d));
      CHECK(actual.at(d) ==
            std::pair<std::string, CalendarDayKind>{"春节", CalendarDayKind::kHoliday});
    }
    CHECK_FALSE(actual.contains(ymd(2020, 2, 3)));  // 2月3日起正常上班: an ordinary Monday
  }

  TEST_CASE("the build knows 2020..2026 of calendar cn and nothing else") {
    CHECK(duty::roster::known_calendars() == std::vector<std::string>{"cn"});
    CHECK(duty::roster::known_years("cn") ==
          std::vector<int>{2020, 2021, 2022, 2023, 2024, 2025, 2026});
    CHECK(duty::roster::known_years("jp").empty());
    CHECK_FALSE(duty::roster::calendar_year("cn", 2019).has_value());
    CHECK_FALSE(duty::roster::calendar_year("cn", 2027).has_value());
    CHECK_FALSE(duty::roster::calendar_year("xx", 2025).has_value());
    CHECK(duty::roster::describe_years({2020, 2021, 2022}) == "2020..2022");
    CHECK(duty::roster::describe_years({2020, 2021, 2023}) == "2020..2021, 2023");
    CHECK(duty::roster::describe_years({}) == "none");
  }

  TEST_CASE("a span takes the next year's days in its own years, and names the years it lacks") {
    auto span = duty::roster::calendar_span("cn", ymd(2022, 12, 1), ymd(2022, 12, 31));
    CHECK(span.missing_years.empty());
    CHECK(span.years == std::vector<int>{2022});
    REQUIRE(span.days.contains(ymd(2022, 12, 31)));
    CHECK(span.days.at(ymd(2022, 12, 31)).name == "元旦");
    CHECK_FALSE(span.days.contains(ymd(2023, 1, 1)));
    REQUIRE(span.sources.size() == 2);
    CHECK(span.sources[1].number == "国办发明电〔2022〕16号");

    span = duty::roster::calendar_span("cn", ymd(2026, 12, 1), ymd(2027, 1, 31));
    CHECK(span.missing_years == std::vector<int>{2027});
    CHECK(span.years == std::vector<int>{2026, 2027});
  }

  TEST_CASE("a data file is checked: festivals, kinds, weekends, years, order") {
    CHECK(calendar_problems(kCalendarHead + "  - {date: 2025-01-01, name: 元旦, kind: holiday}\n")
              .empty());
    auto ds =
        calendar_problems(kCalendarHead + "  - {date: 2025-01-01, name: 元旦节, kind: holiday}\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.rfind("unknown festival '元旦节' (did you mean '元旦'?)", 0) == 0);
    ds = calendar_problems(kCalendarHead + "  - {date: 2025-01-02, name: 元旦, kind: workday}\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message ==
          "2025-01-02 is a workday but not a Saturday or Sunday; a notice's 上班 days are weekend "
          "days");
    ds = calendar_problems(kCalendarHead + "  - {date: 2025-01-01, name: 元旦, kind: off}\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "unknown kind 'off'; expected holiday (放假) or workday (上班)");
    ds = calendar_problems(kCalendarHead + "  - {date: 2024-11-30, name: 元旦, kind: holiday}\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.rfind("2024-11-30 is outside 2025", 0) == 0);
    ds = calendar_problems(kCalendarHead + "  - {date: 2025-01-01, name: 元旦, kind: holiday}\n" +
                           "  - {date: 2025-01-01, name: 元旦, kind: holiday}\n");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "2025-01-01 is listed twice; list each date once, in ascending order");
    CHECK(ds[0].pos.line == 7);
    std::string misspelt = kCalendarHead + "  - {date: 2025-01-01, name: 元旦, kind: holiday}\n";
    misspelt.replace(misspelt.find("sources:"), 8, "source:");
    ds = calendar_problems(misspelt);
    REQUIRE(ds.size() == 2);
    // In file order: the missing key is reported at 1:1.
    CHECK(ds[0].message == "missing required key 'sources'");
    CHECK(ds[1].message.rfind(
              "unknown key 'source' in a holiday calendar file (did you mean 'sources'?)", 0) == 0);
  }
}

TEST_SUITE("roster::spec holidays") {
  TEST_CASE("calendar cn gives the notice's holidays and make-up working days") {
    auto spec =
        parse_spec(spec_text("{from: 2025-09-20, to: 2025-10-15}", "holidays: {calendar: cn}\n"));
    CHECK(spec.day_type(ymd(2025, 9, 28)) == DayType::kWorkday);  // Sunday, 上班
    CHECK(spec.day_type(ymd(2025, 10, 1)) == DayType::kHoliday);
    CHECK(spec.day_type(ymd(2025, 10, 4)) == DayType::kHoliday);  // Saturday inside the break
    CHECK(spec.day_type(ymd(2025, 10, 8)) == DayType::kHoliday);
    CHECK(spec.day_type(ymd(2025, 10, 9)) == DayType::kWorkday);
    CHECK(spec.day_type(ymd(2025, 10, 11)) == DayType::kWorkday);  // Saturday, 上班
    CHECK(spec.day_type(ymd(2025, 10, 12)) == DayType::kWeekend);
    CHECK(spec.holidays.at(ymd(2025, 10, 1)) == "国庆节、中秋节");
    CHECK(spec.workdays.contains(ymd(2025, 9, 28)));
  }

  TEST_CASE("add, remove and workdays go on top of the calendar, and the spec's own entries win") {
    auto spec = parse_spec(
        spec_text("{from: 2025-09-20, to: 2025-10-15}",
                  "holidays:\n  calendar: cn\n  add:\n    - {dates: 2025-10-09, name: 县庆}\n"
                  "    - 2025-09-28\n    - 2025-10-02\n  remove: [2025-10-08, 2025-10-11]\n"
                  "workdays: [2025-10-04]\n"));
    CHECK(spec.holidays.at(ymd(2025, 10, 9)) == "县庆");
    CHECK(spec.day_type(ymd(2025, 9, 28)) ==
          DayType::kHoliday);  // a calendar workday the spec makes a holiday
    CHECK_FALSE(spec.workdays.contains(ymd(2025, 9, 28)));
    CHECK(spec.holidays.at(ymd(2025, 10, 2)) ==
          "国庆节、中秋节");  // unnamed: keeps the calendar's name
    CHECK(spec.day_type(ymd(2025, 10, 8)) == DayType::kWorkday);   // a Wednesday removed
    CHECK(spec.day_type(ymd(2025, 10, 11)) == DayType::kWeekend);  // a make-up Saturday removed
    CHECK(spec.day_type(ymd(2025, 10, 4)) ==
          DayType::kWorkday);  // a calendar holiday the spec works
    CHECK_FALSE(spec.holidays.contains(ymd(2025, 10, 4)));
    CHECK(spec.day_type(ymd(2025, 10, 1)) == DayType::kHoliday);
  }

  TEST_CASE("a plain list works as before, without any calendar") {
    auto spec =
        parse_spec(spec_text("{from: 2025-09-20, to: 2025-10-15}", "holidays: [2025-10-01]\n"));
    CHECK(spec.holidays.size() == 1);
    CHECK(spec.workdays.empty());
    CHECK(spec.day_type(ymd(2025, 10, 2)) == DayType::kWorkday);
  }

  TEST_CASE("the calendar's days of the next year's notice count: 2022-12-31") {
    auto spec =
        parse_spec(spec_text("{from: 2022-12-25, to: 2022-12-31}", "holidays: {calendar: cn}\n"));
    CHECK(spec.holidays.at(ymd(2022, 12, 31)) == "元旦");
  }

  TEST_CASE("a period in a year the build does not know is refused at calendar:") {
    const std::string text =
        spec_text("{from: 2026-12-01, to: 2027-01-31}", "holidays: {calendar: cn}\n");
    auto ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == where(text, "cn}"));
    CHECK(ds[0].message.rfind(
              "the period 2026-12-01 .. 2027-01-31 touches 2027, which calendar 'cn' does not "
              "know: this build has the State Council's notices for 2020..2026",
              0) == 0);
    CHECK(ds[0].message.find("by hand") != std::string::npos);
    CHECK(ds[0].message.find("holidays: [") != std::string::npos);
    CHECK(ds[0].message.find("workdays: [") != std::string::npos);
    // Only the years the period touches count.
    CHECK(
        spec_problems(spec_text("{from: 2026-12-01, to: 2026-12-31}", "holidays: {calendar: cn}\n"))
            .empty());
  }

  TEST_CASE("--from/--to into an unknown year are refused at calendar: too") {
    const std::string text =
        spec_text("{from: 2026-01-01, to: 2026-01-31}", "holidays: {calendar: cn}\n");
    CHECK(spec_problems(text).empty());
    auto ds = spec_problems(text, {ymd(2019, 12, 30), ymd(2020, 1, 5)});
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pos.str() == where(text, "cn}"));
    CHECK(ds[0].message.rfind("the period 2019-12-30 .. 2020-01-05 touches 2019, which", 0) == 0);
  }

  TEST_CASE("unknown keys and calendars suggest the known ones") {
    std::string text = spec_text("{from: 2025-01-01, to: 2025-01-31}",
                                 "holidays: {calendar: cn, ad: [2025-01-02]}\n");
    auto ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message ==
          "unknown key 'ad' in holidays (did you mean 'add'?); expected one of: calendar, add, "
          "remove");
    CHECK(ds[0].pos.str() == where(text, "ad:"));

    text = spec_text("{from: 2025-01-01, to: 2025-01-31}", "holidays: {calendar: cm}\n");
    ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message ==
          "unknown holiday calendar 'cm' (did you mean 'cn'?); this build knows: cn");
    CHECK(ds[0].pos.str() == where(text, "cm}"));

    text = spec_text("{from: 2025-01-01, to: 2025-01-31}", "holidays: {add: [2025-01-02]}\n");
    ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.rfind("holidays needs 'calendar' when it is a map", 0) == 0);

    text = spec_text("{from: 2025-01-01, to: 2025-01-31}", "holidays: cn\n");
    ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message ==
          "expected a list of dates or ranges, or a calendar such as {calendar: cn}, for holidays, "
          "got 'cn'");
  }

  TEST_CASE("remove lists only calendar days, never what add lists") {
    std::string text = spec_text("{from: 2025-01-01, to: 2025-01-31}",
                                 "holidays: {calendar: cn, remove: [2025-01-02]}\n");
    auto ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message.rfind(
              "2025-01-02 is neither a holiday nor a make-up working day of calendar 'cn'", 0) ==
          0);
    CHECK(ds[0].pos.str() == where(text, "2025-01-02"));
    // A removal in a year the period does not touch is left alone (the period may be overridden).
    CHECK(spec_problems(spec_text("{from: 2025-01-01, to: 2025-01-31}",
                                  "holidays: {calendar: cn, remove: [2024-06-03]}\n"))
              .empty());
    // A range is one entry: fine when it drops any calendar day, one problem when none.
    CHECK(spec_problems(spec_text("{from: 2025-01-01, to: 2025-01-31}",
                                  "holidays: {calendar: cn, remove: [2024-12-30..2025-01-05]}\n"))
              .empty());
    text = spec_text("{from: 2025-01-01, to: 2025-03-31}",
                     "holidays: {calendar: cn, remove: [2025-03-01..2025-03-05]}\n");
    ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message ==
          "no date of 2025-03-01..2025-03-05 is a holiday or a make-up working day of calendar 'cn'; "
          "holidays.remove lists the calendar's days to drop ('duty roster holidays 2025' lists them)");
    text = spec_text("{from: 2025-01-01, to: 2025-01-31}",
                     "holidays: {calendar: cn, add: [2025-01-01], remove: [2025-01-01]}\n");
    ds = spec_problems(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message == "2025-01-01 is listed both in holidays.add and in holidays.remove");
  }

  TEST_CASE("workdays on a weekday calendar holiday points to remove") {
    auto ds = spec_problems(spec_text("{from: 2025-01-01, to: 2025-01-31}",
                                      "holidays: {calendar: cn}\nworkdays: [2025-01-01]\n"));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].message ==
          "2025-01-01 is not a Saturday or Sunday; workdays lists weekend dates that count as "
          "working days (调休); "
          "to drop a holiday of the calendar, list it under holidays.remove");
  }
}
