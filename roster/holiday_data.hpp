// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <vector>

namespace duty::roster {

/// A holiday data file of the source tree's data/holidays/ folder, compiled into the binary.
struct EmbeddedHolidayFile {
  const char* calendar;  ///< the folder name, e.g. cn
  int year;              ///< the file name's year, e.g. 2025 for cn/2025.yaml
  const char* path;      ///< data/holidays/cn/2025.yaml, for messages
  const unsigned char* data;
  std::size_t size;
};

/// Every embedded data file, by calendar and year (generated at build time by
/// cmake/EmbedHolidays.cmake). Use roster/holiday_calendar.hpp rather than this.
const std::vector<EmbeddedHolidayFile>& embedded_holiday_files();

}  // namespace duty::roster
