# The network layer of libprocess, phase 1: the socket-free HTTP and message
# codec (process/http.hpp, the decoders and encoders, message recognition).
#
# Included by 3rdparty/libprocess/CMakeLists.txt before it defines the
# `process` library. It appends to PROCESS_SOURCES / PROCESS_TEST_SOURCES so
# that `process` and its test binary pick the codec up, and it also builds
# the codec on its own (`process-wire`, `libprocess-wire-tests`) so that it
# can be built and tested without the actor core.

set(PROCESS_WIRE_DIR ${CMAKE_CURRENT_LIST_DIR})

set(PROCESS_WIRE_SOURCES
  ${PROCESS_WIRE_DIR}/src/decoder.cpp
  ${PROCESS_WIRE_DIR}/src/decoder_message.cpp
  ${PROCESS_WIRE_DIR}/src/encoder.cpp
  ${PROCESS_WIRE_DIR}/src/http_headers.cpp
  ${PROCESS_WIRE_DIR}/src/http_response.cpp
  ${PROCESS_WIRE_DIR}/src/http_url.cpp)

set(PROCESS_WIRE_TEST_SOURCES
  ${PROCESS_WIRE_DIR}/tests/decoder_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/decoder_message_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/encoder_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/http_tests.cpp)

list(APPEND PROCESS_SOURCES ${PROCESS_WIRE_SOURCES})
list(APPEND PROCESS_TEST_SOURCES ${PROCESS_WIRE_TEST_SOURCES})

add_library(process-wire STATIC ${PROCESS_WIRE_SOURCES})
target_include_directories(process-wire
  PUBLIC ${PROCESS_WIRE_DIR}/include
  PRIVATE ${PROCESS_WIRE_DIR}/src)
target_link_libraries(process-wire
  PUBLIC stout glog::glog
  PRIVATE http_parser::http_parser)

if(MESOS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR
      "MESOS_FUZZ=ON needs clang: configure with CC=clang CXX=clang++")
  endif()
  # Coverage instrumentation for the code under test; the fuzz binaries add
  # the libFuzzer driver. The sanitizers turn silent corruption into crashes.
  set(PROCESS_WIRE_FUZZ_FLAGS -fsanitize=address,undefined
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(process-wire PRIVATE
    -fsanitize=fuzzer-no-link ${PROCESS_WIRE_FUZZ_FLAGS})

  foreach(target request response)
    add_executable(libprocess-wire-fuzz-${target}
      ${PROCESS_WIRE_DIR}/tests/fuzz_${target}_decoder.cpp)
    target_include_directories(libprocess-wire-fuzz-${target}
      PRIVATE ${PROCESS_WIRE_DIR}/src)
    target_compile_options(libprocess-wire-fuzz-${target} PRIVATE
      -fsanitize=fuzzer ${PROCESS_WIRE_FUZZ_FLAGS})
    target_link_options(libprocess-wire-fuzz-${target} PRIVATE
      -fsanitize=fuzzer ${PROCESS_WIRE_FUZZ_FLAGS})
    target_link_libraries(libprocess-wire-fuzz-${target} PRIVATE process-wire)
  endforeach()
endif()

add_executable(libprocess-wire-tests ${PROCESS_WIRE_TEST_SOURCES})
target_include_directories(libprocess-wire-tests
  PRIVATE ${PROCESS_WIRE_DIR}/src)
target_link_libraries(libprocess-wire-tests
  PRIVATE process-wire GTest::gtest_main)
if(MESOS_FUZZ)
  target_compile_options(libprocess-wire-tests PRIVATE
    ${PROCESS_WIRE_FUZZ_FLAGS})
  target_link_options(libprocess-wire-tests PRIVATE ${PROCESS_WIRE_FUZZ_FLAGS})
endif()
mesos_add_test(libprocess-wire-tests)

if(MESOS_BENCHMARKS)
  add_executable(libprocess-wire-benchmarks
    ${PROCESS_WIRE_DIR}/benchmarks/encoder_decoder_benchmarks.cpp)
  target_include_directories(libprocess-wire-benchmarks
    PRIVATE ${PROCESS_WIRE_DIR}/src)
  target_link_libraries(libprocess-wire-benchmarks
    PRIVATE process-wire benchmark::benchmark)
endif()
