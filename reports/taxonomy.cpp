// SPDX-License-Identifier: Apache-2.0
#include "reports/taxonomy.hpp"

#include <set>

#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::reports {

namespace {

// At most this many categories are suggested: more reads as the list, which `categories` prints.
constexpr std::size_t kSuggested = 3;

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string category_label_for_hint(const Category& c) {
  if (c.zh.empty() || c.zh == c.id) return c.id;
  return c.zh + " (" + c.id + ")";
}

}  // namespace

std::optional<std::string> find_category_id(const std::vector<Category>& categories, std::string_view typed) {
  const std::string word = nfc(trim(typed));
  if (word.empty()) return std::nullopt;
  for (const auto& c : categories) {
    if (c.id == word) return c.id;
  }
  const std::string lower = ascii_lower(word);
  for (const auto& c : categories) {
    if (nfc(c.zh) == word || (!c.en.empty() && ascii_lower(c.en) == lower)) return c.id;
  }
  return std::nullopt;
}

std::string unknown_category_message(const std::vector<Category>& categories, std::string_view typed) {
  const std::string word = nfc(trim(typed));
  std::vector<std::string> candidates;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    candidates.push_back(categories[i].id);
    owner.push_back(i);
    if (!categories[i].zh.empty()) {
      candidates.push_back(nfc(categories[i].zh));
      owner.push_back(i);
    }
  }
  std::vector<std::size_t> picked;
  std::set<std::size_t> seen;
  auto add = [&](std::size_t i) {
    if (picked.size() < kSuggested && seen.insert(i).second) picked.push_back(i);
  };
  // Part of a name ("交通事故" of 道路交通事故 and 水上交通事故) says more than a name as far off
  // as 火灾事故; one Chinese character is too little to go by.
  if (display_width(word) >= 4) {
    for (std::size_t i = 0; i < categories.size(); ++i) {
      if (nfc(categories[i].zh).find(word) != std::string::npos || categories[i].id.find(word) != std::string::npos)
        add(i);
    }
  }
  if (picked.empty()) {
    // Else the likely typos, only the closest of them.
    auto close = closest_matches(word, candidates, candidates.size());
    std::size_t best = close.empty() ? 0 : edit_distance(word, close.front());
    for (const auto& match : close) {
      if (edit_distance(word, match) > best) break;
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (candidates[k] == match) add(owner[k]);
      }
    }
  }
  std::vector<std::string> hints;
  for (std::size_t i : picked) hints.push_back(category_label_for_hint(categories[i]));
  std::string hint = hints.empty() ? std::string{} : trf(" (did you mean {0}?)", join(hints, tr(" or ")));
  return trf("unknown category '{0}'{1}; 'duty incident categories' lists them", printable(word), hint);
}

const std::vector<Category>& builtin_categories() {
  static const std::vector<Category> kCategories = {
      {"flood", "natural-disaster", "洪涝灾害", "Flood"},
      {"drought", "natural-disaster", "干旱灾害", "Drought"},
      {"severe-weather", "natural-disaster", "气象灾害", "Severe weather (storm, hail, lightning, gale)"},
      {"earthquake", "natural-disaster", "地震灾害", "Earthquake"},
      {"geological", "natural-disaster", "地质灾害", "Geological hazard (landslide, debris flow, collapse, subsidence)"},
      {"forest-fire", "natural-disaster", "森林草原火灾", "Forest and grassland fire"},
      {"snow-disaster", "natural-disaster", "雪灾", "Snow disaster"},
      {"biological", "natural-disaster", "生物灾害", "Biological hazard (pests, rodents)"},
      {"road-traffic", "accident-disaster", "道路交通事故", "Road traffic accident"},
      {"water-traffic", "accident-disaster", "水上交通事故", "Water traffic accident"},
      {"construction", "accident-disaster", "建筑施工事故", "Construction accident"},
      {"hazmat", "accident-disaster", "危险化学品事故", "Hazardous chemicals accident"},
      {"special-equipment", "accident-disaster", "特种设备事故", "Special equipment accident (boilers, lifts, cranes)"},
      {"farm-machinery", "accident-disaster", "农机事故", "Farm machinery accident"},
      {"fire", "accident-disaster", "火灾事故", "Fire"},
      {"mining", "accident-disaster", "矿山事故", "Mining accident"},
      {"industrial", "accident-disaster", "工贸企业事故", "Industrial and trade accident"},
      {"gas", "accident-disaster", "城镇燃气事故", "Town gas accident"},
      {"utility", "accident-disaster", "公共设施和设备事故", "Public utility failure (power, water, communications)"},
      {"environmental", "accident-disaster", "环境污染和生态破坏事件", "Pollution and ecological damage"},
      {"public-health", "public-health", "传染病疫情", "Infectious disease outbreak"},
      {"food-safety", "public-health", "食品安全事件", "Food safety incident"},
      {"animal-epidemic", "public-health", "动物疫情", "Animal epidemic"},
      {"mass-incident", "social-security", "群体性事件", "Mass incident"},
      {"criminal", "social-security", "重大刑事案件", "Major criminal case"},
      {"crowd-crush", "social-security", "踩踏事件", "Crowd crush"},
      {"other", "social-security", "其他突发事件", "Other emergency"},
  };
  return kCategories;
}

const std::vector<std::string>& class_ids() {
  static const std::vector<std::string> kIds = {"natural-disaster", "accident-disaster", "public-health",
                                                "social-security"};
  return kIds;
}

std::string_view class_label(std::string_view klass, bool zh) {
  if (klass == "natural-disaster") return zh ? "自然灾害" : "Natural disaster";
  if (klass == "accident-disaster") return zh ? "事故灾难" : "Accident";
  if (klass == "public-health") return zh ? "公共卫生事件" : "Public health event";
  if (klass == "social-security") return zh ? "社会安全事件" : "Social security event";
  return klass;
}

}  // namespace duty::reports
