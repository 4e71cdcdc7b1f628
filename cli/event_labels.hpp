// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "reports/journal/event.hpp"
#include "reports/office.hpp"

namespace duty::cli {

/// What an event records, in the words a duty officer reads, in the office's language:
/// 接报（首报）, 续报2, 上报 ORG (channel), 终报, 更正, 补报, 作废 for an incident's events, and
/// the kind of entry of the other registers (待办事项, 领导批示, 办结, 来电登记, 值班表发布, 换班
/// ...); the stored type for a type it does not know.
std::string event_label(const reports::Event& e, const reports::Office& office);

/// The gist of an event for a one-line listing: the title of a new incident, the note of a
/// follow-up, the text of a note or pending item, the reason of a correction or void, the summary
/// of a call, the incident a call became ...; "" when the event has none.
std::string event_gist(const reports::Event& e);

}  // namespace duty::cli
