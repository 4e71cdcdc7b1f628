// SPDX-License-Identifier: Apache-2.0
// The TIME expression parser (--received, --at, --from ...) and the date, clock and duration
// parsers under it, on arbitrary text in a zone without and a zone with daylight saving.
#include "common/time.hpp"
#include "common/yaml_reader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const duty::TimeZone* const kZones[] = {duty::find_zone("Asia/Shanghai"),
                                                  duty::find_zone("America/New_York")};
  // A fixed "now" keeps runs reproducible; the first byte picks the zone.
  const duty::Seconds now{std::chrono::seconds{1795000000}};
  if (size == 0) return 0;
  const duty::TimeZone& zone = *kZones[data[0] & 1];
  std::string text = duty::fuzz::text_of(data + 1, size - 1);
  duty::fuzz::refusing_is_fine([&] {
    if (auto t = duty::parse_time_expr(text, zone, now)) {
      (void)duty::format_iso(zone, *t);
      (void)duty::format_local_minute(zone, *t);
      (void)duty::local_day(zone, *t);
    }
    if (auto d = duty::parse_date(text)) (void)duty::format_date(*d);
    if (auto c = duty::parse_clock(text)) (void)duty::format_clock(*c);
    if (auto d = duty::parse_duration(text)) (void)duty::format_duration(*d);
    if (auto t = duty::parse_iso_instant(text)) (void)duty::format_iso(zone, *t);
    std::string error;
    (void)duty::parse_date_or_range(text, error, 3 * 366);
  });
  return 0;
}
