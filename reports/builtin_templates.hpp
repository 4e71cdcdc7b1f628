// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <vector>

namespace duty::reports {

/// A template file of the source tree's templates/ folder, compiled into the binary.
struct BuiltinTemplate {
  const char* name;  ///< the file name, e.g. daily.zh-CN.html
  const unsigned char* data;
  std::size_t size;
};

/// Every built-in template, by name (generated at build time from templates/).
const std::vector<BuiltinTemplate>& builtin_templates();

}  // namespace duty::reports
