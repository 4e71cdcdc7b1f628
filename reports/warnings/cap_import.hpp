// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/warnings/warning_log.hpp"

namespace duty::reports {

/// The largest CAP file read: CAP messages are a few kilobytes; anything past this is refused.
inline constexpr std::size_t kMaxCapBytes = 1 << 20;

/// What a CAP 1.2 message says that the warnings register keeps.
struct CapMessage {
  std::string file;
  std::string identifier, sender, msg_type, status;
  Seconds sent;
  std::vector<std::string> references;  ///< the identifiers of the messages referenced
  int references_line = 0;
  // From the info block in Chinese (zh-CN), else the first one.
  std::string event, headline, description, instruction, sender_name, severity;
  std::optional<Seconds> effective, expires;
  /// The area names: each area's areaDesc split at 、，and , (its geocode values when it has no
  /// areaDesc).
  std::vector<std::string> areas;
  std::vector<std::pair<std::string, std::string>> parameters;  ///< valueName, value
  int info_line = 0;
  int sent_line = 0;     ///< of <sent>
  int expires_line = 0;  ///< of <expires>, when the info block has one
  /// Why a valid message is not recorded (status System or Draft, msgType Ack or Error); empty for
  /// a warning. Such a message is skipped by the import, not refused.
  std::string not_a_warning;
};

/// Parses one CAP 1.2 alert (namespace urn:oasis:names:tc:emergency:cap:1.2) with libxml2, without
/// network access, DTDs or entity expansion: a document type declaration is refused outright.
/// InputError at file:line naming the element for malformed XML, a missing or invalid required
/// element (identifier, sender, sent, status, msgType, scope; for Alert and Update an info with
/// category, event, urgency, severity and certainty; references for Update and Cancel), or a
/// status or msgType CAP does not have. A System or Draft message, or an Ack or Error, comes back
/// with not_a_warning set after its header is checked.
CapMessage parse_cap(const std::string& file, const std::string& bytes);

/// The warning type and level a message names: the type from its event (or headline), in Chinese
/// or English; the level from the colour in the event or headline (红色, orange ...), else from
/// CAP severity (Extreme red, Severe orange, Moderate yellow, Minor blue). InputError naming the
/// file and element when either cannot be told.
std::pair<std::string, WarningLevel> cap_type_and_level(const CapMessage& m,
                                                        const WarningSettings& settings);

/// The 森林草原火险等级 a fire-danger message gives: a <parameter> named 火险等级 (or
/// fire-danger-rating) with a value 1–5 (or 一 ... 五, 级 after it allowed), else "N级" in a
/// headline or description that speaks of 火险; nullopt when none does or the type is another.
std::optional<int> cap_fire_rating(const CapMessage& m, const std::string& type);

/// What importing one message did.
struct CapOutcome {
  std::string file, identifier;
  std::string action;   ///< added, updated, renewed, lifted, already-recorded, skipped
  std::string warning;  ///< W-n
  std::string note;     ///< why it was skipped (a Cancel of a warning never recorded)
  /// An Update whose references name no recorded warning (the earlier Alert never reached the
  /// office): it is added as a new warning, and these are the references not found.
  std::vector<std::string> unrecorded_references;
};

/// Applies the messages in the order they were sent, in one transaction: Alert adds a warning,
/// Update updates the warning it references (adds one when that is not recorded, saying so in
/// unrecorded_references), Cancel lifts it; a message whose identifier is already recorded is
/// skipped. An Update received after the warning expired renews it (action "renewed") when its
/// <expires> is later, or when it has none (in force until lifted). `received` is when the duty
/// room received them. InputError naming the file for a message that cannot be applied (a Cancel
/// of a warning not recorded, a level its type does not have ...): nothing is written then.
std::vector<CapOutcome> import_cap(Store& store, const Office& office,
                                   std::vector<CapMessage> messages, Seconds received,
                                   const Actor& actor);

}  // namespace duty::reports
