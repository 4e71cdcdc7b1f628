# SPDX-License-Identifier: Apache-2.0
# duty_set_sanitizers(target): AddressSanitizer and UndefinedBehaviorSanitizer per target when
# DUTY_SANITIZE or DUTY_FUZZ is on (called by duty_set_warnings, so every target of the project
# gets them); DUTY_FUZZ adds libFuzzer's coverage instrumentation. Any report aborts the process
# (-fno-sanitize-recover=all), so a test or fuzz input that reaches one fails.
function(duty_set_sanitizers target)
  if(DUTY_FUZZ)
    set(flags -fsanitize=fuzzer-no-link,address,undefined)
  elseif(DUTY_SANITIZE)
    set(flags -fsanitize=address,undefined)
  else()
    return()
  endif()
  list(APPEND flags -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(${target} PRIVATE ${flags})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's instrumentation makes -Wmaybe-uninitialized fire inside libstdc++ (<regex>, <functional>);
    # the normal build keeps the warning.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  target_link_options(${target} PUBLIC ${flags})
endfunction()
