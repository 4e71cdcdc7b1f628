// SPDX-License-Identifier: Apache-2.0
#include "roster/people.hpp"

#include <set>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/text.hpp"

namespace duty::roster {

namespace {

// At most this many people are suggested for an unknown name: more reads as a list, not advice.
constexpr std::size_t kSuggested = 4;

// "a", "a or b", "a, b or c".
std::string or_list(const std::vector<std::string>& items) {
  if (items.size() <= 1) return items.empty() ? "" : items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return trf("{0} or {1}", join(head, ", "), items.back());
}

std::string and_list(const std::vector<std::string>& items) {
  if (items.size() <= 1) return items.empty() ? "" : items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return trf("{0} and {1}", join(head, ", "), items.back());
}

// The people to suggest for `word` (already trimmed and in NFC): those whose id or name is a likely
// typo of it, closest first, then those whose name or id holds it ("扎西" in 扎西才让).
std::vector<std::size_t> suggestions(const std::string& word, const std::vector<PersonName>& people,
                                     const std::vector<std::string>& names) {
  std::vector<std::string> candidates;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < people.size(); ++i) {
    candidates.push_back(people[i].id);
    owner.push_back(i);
    if (!names[i].empty() && names[i] != people[i].id) {
      candidates.push_back(names[i]);
      owner.push_back(i);
    }
  }
  std::vector<std::size_t> out;
  std::set<std::size_t> seen;
  auto add = [&](std::size_t i) {
    if (out.size() < kSuggested && seen.insert(i).second) out.push_back(i);
  };
  for (const auto& match : closest_matches(word, candidates, candidates.size())) {
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (candidates[k] == match) add(owner[k]);
    }
  }
  // A single letter is held by too many ids to be a hint; one Chinese character is a surname.
  if (display_width(word) >= 2) {
    for (std::size_t i = 0; i < people.size(); ++i) {
      if (names[i].find(word) != std::string::npos || people[i].id.find(word) != std::string::npos)
        add(i);
    }
  }
  return out;
}

}  // namespace

std::vector<PersonName> known_people(const Spec& spec, const std::vector<PersonName>& recorded) {
  std::vector<PersonName> out;
  std::set<std::string> seen;
  for (const auto& p : spec.people) {
    if (seen.insert(p.id).second) out.push_back({p.id, p.name});
  }
  for (const auto& p : recorded) {
    if (seen.insert(p.id).second) out.push_back(p);
  }
  return out;
}

std::string person_label(const PersonName& person) {
  if (person.name.empty() || person.name == person.id) return person.id;
  return person.name + " (" + person.id + ")";
}

std::string resolve_person(std::string_view typed, const std::vector<PersonName>& people,
                           std::string_view source) {
  const std::string where = std::string(source) + ": ";
  const std::string word = nfc(trim(typed));
  if (word.empty()) throw UsageError(where + tr("no person given; give a person's id or name"));
  for (const auto& p : people) {
    if (p.id == word) return p.id;
  }
  std::vector<std::string> names;
  names.reserve(people.size());
  for (const auto& p : people) names.push_back(nfc(trim(p.name)));
  std::vector<std::size_t> named;
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (!names[i].empty() && names[i] == word) named.push_back(i);
  }
  if (named.size() == 1) return people[named.front()].id;
  if (named.size() > 1) {
    std::vector<std::string> labels;
    for (std::size_t i : named) labels.push_back(person_label(people[i]));
    throw UsageError(where + trf("{0} people are called '{1}': {2}; use the id", named.size(),
                                 printable(word), and_list(labels)));
  }
  std::vector<std::string> hints;
  for (std::size_t i : suggestions(word, people, names)) hints.push_back(person_label(people[i]));
  const std::string hint = hints.empty() ? "" : trf(" (did you mean {0}?)", or_list(hints));
  throw UsageError(
      where + (people.empty() ? trf("unknown person '{0}'{1}; the roster names nobody yet",
                                    printable(word), hint)
                              : trf("unknown person '{0}'{1}; give the id or the name of a person "
                                    "in the roster",
                                    printable(word), hint)));
}

}  // namespace duty::roster
