// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "roster/plan.hpp"
#include "roster/spec.hpp"

namespace duty::roster {

/// What every roster export takes besides the spec and the plan (see docs/exports.md).
struct ExportOptions {
  /// A person id: only the shifts this person serves in (ICS: one event per duty of theirs).
  /// Empty: the whole office. An id in neither the plan's nor the spec's people is refused.
  std::string person;
  /// CSV: start with a UTF-8 byte order mark, for spreadsheet programs.
  bool bom = false;
  /// ICS: the SEQUENCE of the duties on a date (how often that date's shift was changed after it
  /// was first published; the roster store knows). Empty: 0 for every date.
  std::function<int(Days)> sequence;
  /// When the export is made: ICS DTSTAMP, the "printed on" line of the HTML roster.
  Seconds now{};
  /// Names the office in ICS UIDs, so two offices never share one, and heads the HTML wall roster
  /// when the spec has no title. Empty: the spec's title and
  /// time zone. Keep it unchanged between publications, or every UID changes.
  std::string office;
};

/// Throws FieldError("person") naming the id, with a did-you-mean, when `person` is not empty
/// and is in neither the plan's nor the spec's people.
void check_export_person(const Spec& spec, const Plan& plan, std::string_view person);

/// RFC 5545 calendar: VTIMEZONE for the plan's span from the tz database, one VEVENT per shift
/// (or per duty of options.person), CRLF line ends, lines folded at 75 octets on UTF-8 character
/// boundaries. Throws FieldError("person") for an unknown person (see check_export_person).
void write_plan_ics(std::ostream& out, const Spec& spec, const Plan& plan,
                    const ExportOptions& options);

/// Printable wall roster: one self-contained HTML page, a calendar grid per month, A4 landscape
/// when printed, a page per month. Every value is escaped.
void write_plan_html(std::ostream& out, const Spec& spec, const Plan& plan,
                     const ExportOptions& options);

/// RFC 4180 CSV, CRLF: one row per shift (date, weekday, day type, holiday, then each slot's names
/// and phones); cells that a spreadsheet would run as a formula are neutralised.
void write_plan_csv(std::ostream& out, const Spec& spec, const Plan& plan,
                    const ExportOptions& options);

/// A Markdown table, one row per shift; | \ * _ ` [ ] < > & are backslash-escaped, line breaks
/// become <br>.
void write_plan_md(std::ostream& out, const Spec& spec, const Plan& plan,
                   const ExportOptions& options);

/// RFC 5545 TEXT escaping: backslash, semicolon and comma get a backslash; a line break is \n.
std::string ics_escape(std::string_view text);

/// Folds one content line (without CRLF) into lines of at most 75 octets joined by CRLF + space,
/// never splitting a UTF-8 character; the result ends with CRLF.
std::string ics_fold(std::string_view line);

/// & < > " ' as HTML character references.
std::string html_escape(std::string_view text);

/// The stable UID of a duty: office, date, slot and (for per-person events) person, never the
/// people on it, so a changed duty keeps its UID. `slot` "shift" names the whole shift.
std::string duty_uid(std::string_view office, Days day, std::string_view slot,
                     std::string_view person);

}  // namespace duty::roster
