# Child processes and asynchronous fd I/O: process/io.hpp, reap.hpp and
# subprocess.hpp.
#
# Included by 3rdparty/libprocess/CMakeLists.txt before it defines the
# `process` library: appends to PROCESS_SOURCES and PROCESS_TEST_SOURCES,
# so the sources go into `process` and the tests into `libprocess-tests`.
# The tests run only programs every Debian system has (/bin/sh, cat, head,
# true), so no helper binary is built.

set(PROCESS_SUBPROCESS_DIR ${CMAKE_CURRENT_LIST_DIR})

list(APPEND PROCESS_SOURCES
  ${PROCESS_SUBPROCESS_DIR}/src/io.cpp
  ${PROCESS_SUBPROCESS_DIR}/src/reap.cpp
  ${PROCESS_SUBPROCESS_DIR}/src/subprocess.cpp)

list(APPEND PROCESS_TEST_SOURCES
  ${PROCESS_SUBPROCESS_DIR}/tests/io_tests.cpp
  ${PROCESS_SUBPROCESS_DIR}/tests/reap_tests.cpp
  ${PROCESS_SUBPROCESS_DIR}/tests/subprocess_tests.cpp)

if(MESOS_BENCHMARKS)
  # Not registered with ctest; see docs/performance.md. (`process` is
  # defined after this file is included; CMake resolves the name later.)
  add_executable(libprocess-subprocess-benchmarks
    ${PROCESS_SUBPROCESS_DIR}/benchmarks/subprocess_benchmarks.cpp)
  target_link_libraries(libprocess-subprocess-benchmarks
    PRIVATE process benchmark::benchmark)
endif()
