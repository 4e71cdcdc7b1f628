# SPDX-License-Identifier: Apache-2.0
# duty_set_warnings(target): the project's warning set, per target, never global; also the
# sanitizers when DUTY_SANITIZE is on (cmake/DutySanitizers.cmake).
include(DutySanitizers)
function(duty_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports false -Wrestrict hits inside std::string at -O2 (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Clang's -Wconversion also turns on -Wsign-conversion, which GCC's does not for C++: one
    # warning set for both compilers, GCC's (int indexes into vectors are the solver's idiom).
    target_compile_options(${target} PRIVATE -Wno-sign-conversion)
  endif()
  if(DUTY_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_features(${target} PUBLIC cxx_std_20)
  duty_set_sanitizers(${target})
endfunction()
