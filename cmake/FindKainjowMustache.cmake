# SPDX-License-Identifier: Apache-2.0
# Finds kainjow mustache, a header-only Mustache library (Debian: libkainjow-mustache-dev, which
# ships no CMake package), and defines KainjowMustache::KainjowMustache.
find_path(KainjowMustache_INCLUDE_DIR NAMES kainjow/mustache.hpp)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(KainjowMustache
  REQUIRED_VARS KainjowMustache_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "kainjow/mustache.hpp was not found. Install it with 'apt-get install libkainjow-mustache-dev'")
if(KainjowMustache_FOUND AND NOT TARGET KainjowMustache::KainjowMustache)
  add_library(KainjowMustache::KainjowMustache INTERFACE IMPORTED)
  set_target_properties(KainjowMustache::KainjowMustache PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${KainjowMustache_INCLUDE_DIR}")
endif()
mark_as_advanced(KainjowMustache_INCLUDE_DIR)
