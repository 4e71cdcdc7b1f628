// SPDX-License-Identifier: Apache-2.0
#include "common/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty {

namespace {
constexpr int kMaxRangeDays = 3 * 366;
}  // namespace

bool is_identifier(std::string_view text) {
  // [A-Za-z0-9][A-Za-z0-9_.-]*, checked by hand: a std::regex would be compiled at every start-up.
  auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (text.empty() || text.size() > 64 || !alnum(text.front())) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return alnum(c) || c == '_' || c == '.' || c == '-'; });
}

void YamlReader::error(const YAML::Node& node, const std::string& message) { sink_.add(src_.at(node, message)); }

bool YamlReader::check_map(const YAML::Node& node, const std::string& what, const std::vector<std::string>& allowed) {
  if (!node.IsMap()) {
    error(node, trf("expected {0} as a mapping, got {1}", what, describe_node(node)));
    return false;
  }
  std::vector<std::pair<std::string, int>> seen;
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : describe_node(kv.first);
    // yaml-cpp keeps the first of two equal keys silently; a second value would be lost unseen.
    auto dup = std::find_if(seen.begin(), seen.end(), [&](const auto& k) { return k.first == key; });
    if (dup != seen.end()) {
      error(kv.first,
            trf("duplicate key '{0}' in {1} (first given on line {2})", key, what, dup->second));
      continue;
    }
    seen.emplace_back(key, src_.pos(kv.first).line);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      error(kv.first, trf("unknown key '{0}' in {1}{2}; expected one of: {3}", key, what,
                          did_you_mean(key, allowed), join(allowed, ", ")));
    }
  }
  return true;
}

std::optional<std::chrono::minutes> YamlReader::duration(const YAML::Node& node, const std::string& what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  auto d = parse_duration(*s);
  if (!d)
    error(node, trf("'{0}' is not a valid duration for {1}; expected e.g. 30m, 2h, 1h30m or 1d", *s,
                    what));
  return d;
}

std::vector<std::string> YamlReader::strings(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    if (auto s = string(node, what)) out.push_back(*s);
    return out;
  }
  if (!node.IsSequence()) {
    error(node, trf("expected a list for {0}, got {1}", what, describe_node(node)));
    return out;
  }
  for (const auto& item : node) {
    if (auto s = string(item, what)) out.push_back(*s);
  }
  return out;
}

std::optional<std::vector<Days>> parse_date_or_range(std::string_view text, std::string& error, int max_days) {
  auto dots = text.find("..");
  std::string range;
  if (dots == std::string_view::npos) {
    auto d = parse_date(text, &range);
    if (!d) {
      error = range.empty()
                  ? std::string(tr("expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD"))
                  : range;
      return std::nullopt;
    }
    return std::vector<Days>{*d};
  }
  auto a = parse_date(text.substr(0, dots), &range);
  auto b = parse_date(text.substr(dots + 2), &range);
  if (!a || !b) {
    error = range.empty() ? std::string(tr("expected a date range YYYY-MM-DD..YYYY-MM-DD")) : range;
    return std::nullopt;
  }
  if (*b < *a) {
    error = tr("the range ends before it starts");
    return std::nullopt;
  }
  if ((*b - *a).count() + 1 > max_days) {
    error = trf("the range is longer than {0} days", max_days);
    return std::nullopt;
  }
  std::vector<Days> days;
  for (Days d = *a; d <= *b; d += date::days{1}) days.push_back(d);
  return days;
}

namespace {

// Text of `kind` at a scalar node; every problem reported at the node.
std::optional<std::string> scalar_text(YamlReader& r, const YAML::Node& node, const std::string& what,
                                       TextKind kind) {
  if (!node.IsScalar()) {
    r.error(node, trf("expected text for {0}, got {1}", what, describe_node(node)));
    return std::nullopt;
  }
  if (!is_valid_utf8(node.Scalar())) {
    r.error(node, trf("{0} is not valid UTF-8", what));
    return std::nullopt;
  }
  if (auto c = forbidden_character(node.Scalar(), kind)) {
    r.error(node, what + " " + forbidden_character_message(*c, kind));
    return std::nullopt;
  }
  return node.Scalar();
}

}  // namespace

std::optional<std::string> YamlReader::string(const YAML::Node& node, const std::string& what) {
  return scalar_text(*this, node, what, TextKind::kLine);
}

std::optional<std::string> YamlReader::text(const YAML::Node& node, const std::string& what) {
  return scalar_text(*this, node, what, TextKind::kMultiLine);
}

std::optional<std::string> YamlReader::id(const YAML::Node& node, const std::string& what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  if (!is_identifier(*s)) {
    error(node, trf("'{0}' is not a valid {1}: use letters, digits, '-', '_' or '.', starting with "
                    "a letter or digit "
                    "(at most 64)",
                    *s, what));
    return std::nullopt;
  }
  return s;
}

std::optional<long long> YamlReader::integer(const YAML::Node& node, const std::string& what, long long min, long long max) {
  if (!node.IsScalar()) {
    error(node, trf("expected a whole number for {0}, got {1}", what, describe_node(node)));
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  long long v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  // All digits but beyond 64 bits is a number out of range, not text that is no number.
  const bool too_big = r.ec == std::errc::result_out_of_range && r.ptr == s.data() + s.size();
  if (!too_big && (r.ec != std::errc{} || r.ptr != s.data() + s.size())) {
    error(node, trf("expected a whole number for {0}, got '{1}'", what, s));
    return std::nullopt;
  }
  if (too_big || v < min || v > max) {
    error(node, trf("{0} must be between {1} and {2}, got {3}", what, min, max, s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::number(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    error(node, trf("expected a number for {0}, got {1}", what, describe_node(node)));
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || !std::isfinite(v)) {
    error(node, trf("expected a number for {0}, got '{1}'", what, s));
    return std::nullopt;
  }
  return v;
}

std::optional<Days> YamlReader::day(const YAML::Node& node, const std::string& what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  std::string range;
  auto d = parse_date(*s, &range);
  if (!d) {
    error(node, range.empty()
                    ? trf("'{0}' is not a valid date for {1}; expected YYYY-MM-DD", *s, what)
                    : what + ": " + range);
  }
  return d;
}

void YamlReader::date_list(const YAML::Node& node, const std::string& what,
                 const std::function<void(Days, const std::string&, const YAML::Node&)>& add, bool named) {
  if (!node.IsSequence()) {
    error(node,
          trf("expected a list of dates or ranges for {0}, got {1}", what, describe_node(node)));
    return;
  }
  for (const auto& item : node) {
    std::string name;
    const bool entry_map = named && item.IsMap();
    if (entry_map) {
      if (!check_map(item, trf("an entry of {0}", what), {"dates", "name"})) continue;
      if (!item["dates"]) {
        error(item, trf("an entry of {0} needs 'dates'", what));
        continue;
      }
      if (item["name"]) name = string(item["name"], tr("the name of a holiday")).value_or("");
    }
    // YAML::Node assignment writes through to the referenced node, so never reassign one.
    const YAML::Node value = entry_map ? item["dates"] : item;
    auto s = string(value, trf("an entry of {0}", what));
    if (!s) continue;
    std::string why;
    auto days = parse_date_or_range(*s, why, kMaxRangeDays);
    if (!days) {
      error(value, trf("'{0}' in {1}: {2}", *s, what, why));
      continue;
    }
    for (Days d : *days) add(d, name, value);
  }
}

}  // namespace duty
