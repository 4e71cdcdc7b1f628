// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "roster/spec.hpp"

namespace duty::roster {

/// A person as a user may name them on the command line: by id or by name.
struct PersonName {
  std::string id;
  std::string name;  ///< as the spec or the published record spells it; may be empty
};

/// The people a command accepts: the spec's, with their current names, then the people only
/// `recorded` still names (who left the spec but are in the published roster), each id once.
std::vector<PersonName> known_people(const Spec& spec,
                                     const std::vector<PersonName>& recorded = {});

/// The id of the person `typed` names. An exact id wins; otherwise an exact name, both compared
/// without surrounding spaces and names in Unicode NFC (so a name typed with combining marks finds
/// the same name stored precomposed). `source` names where the text came from ("PERSON", "--by",
/// "--person") and starts every message.
///
/// Throws UsageError (exit 2) when nothing was typed; when two or more people share the name (each
/// listed with their id, and the advice to use the id); or when nobody has that id or name, naming
/// the text typed and the closest people by id and by name (edit distance over code points, or a
/// name or id holding the text):
///   PERSON: unknown person '扎西才' (did you mean 扎西才让 (tashi)?); give the id or the name ...
std::string resolve_person(std::string_view typed, const std::vector<PersonName>& people,
                           std::string_view source);

/// "扎西才让 (tashi)", or the id alone when the person has no name of their own.
std::string person_label(const PersonName& person);

}  // namespace duty::roster
