# The network layer of libprocess: the HTTP and message codec, the TCP
# transport (message connections, HTTP server and client, pipes), routes on
# processes and ProtobufProcess.
#
# Included by 3rdparty/libprocess/CMakeLists.txt before it defines the
# `process` library. It appends its sources to PROCESS_SOURCES and its tests
# to PROCESS_TEST_SOURCES (so they are part of `process` and
# `libprocess-tests`), and sets PROCESS_HAS_TRANSPORT since
# src/transport_tcp.cpp defines process::internal::createTransport.

set(PROCESS_WIRE_DIR ${CMAKE_CURRENT_LIST_DIR})

# The socket-free codec: also built alone for the fuzz targets.
set(PROCESS_WIRE_CODEC_SOURCES
  ${PROCESS_WIRE_DIR}/src/decoder.cpp
  ${PROCESS_WIRE_DIR}/src/decoder_message.cpp
  ${PROCESS_WIRE_DIR}/src/encoder.cpp
  ${PROCESS_WIRE_DIR}/src/http_headers.cpp
  ${PROCESS_WIRE_DIR}/src/http_response.cpp
  ${PROCESS_WIRE_DIR}/src/http_url.cpp)

list(APPEND PROCESS_SOURCES
  ${PROCESS_WIRE_CODEC_SOURCES}
  ${PROCESS_WIRE_DIR}/src/http_client.cpp
  ${PROCESS_WIRE_DIR}/src/http_server.cpp
  ${PROCESS_WIRE_DIR}/src/outbound.cpp
  ${PROCESS_WIRE_DIR}/src/pipe.cpp
  ${PROCESS_WIRE_DIR}/src/process_http.cpp
  ${PROCESS_WIRE_DIR}/src/protobuf.cpp
  ${PROCESS_WIRE_DIR}/src/socket.cpp
  ${PROCESS_WIRE_DIR}/src/transport_tcp.cpp)
set(PROCESS_HAS_TRANSPORT ON)

# A small schema for the ProtobufProcess tests.
set(PROCESS_WIRE_PROTO_DIR ${CMAKE_CURRENT_BINARY_DIR}/wire_proto)
add_custom_command(
  OUTPUT ${PROCESS_WIRE_PROTO_DIR}/protobuf_tests.pb.cc
         ${PROCESS_WIRE_PROTO_DIR}/protobuf_tests.pb.h
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROCESS_WIRE_PROTO_DIR}
  COMMAND protobuf::protoc --proto_path=${PROCESS_WIRE_DIR}/tests
          --cpp_out=${PROCESS_WIRE_PROTO_DIR} protobuf_tests.proto
  DEPENDS ${PROCESS_WIRE_DIR}/tests/protobuf_tests.proto protobuf::protoc
  COMMENT "Generating C++ for the ProtobufProcess tests"
  VERBATIM)

list(APPEND PROCESS_TEST_SOURCES
  ${PROCESS_WIRE_DIR}/tests/decoder_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/decoder_message_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/encoder_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/http_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/http_client_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/http_server_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/pipe_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/protobuf_tests.cpp
  ${PROCESS_WIRE_DIR}/tests/remote_tests.cpp
  ${PROCESS_WIRE_PROTO_DIR}/protobuf_tests.pb.cc)

# The peer OS process of the remote tests (tests/remote_helper.cpp): the
# tests start it with posix_spawn, never by forking themselves.
add_executable(libprocess-test-helper ${PROCESS_WIRE_DIR}/tests/remote_helper.cpp)
target_link_libraries(libprocess-test-helper PRIVATE process)

# libprocess-tests is defined after this file is read: finish its wiring at
# the end of the directory.
function(process_wire_finish_tests)
  add_dependencies(libprocess-tests libprocess-test-helper)
  target_compile_definitions(libprocess-tests PRIVATE
    PROCESS_TEST_HELPER="$<TARGET_FILE:libprocess-test-helper>")
  target_include_directories(libprocess-tests PRIVATE
    ${PROCESS_WIRE_PROTO_DIR})
  set_source_files_properties(${PROCESS_WIRE_PROTO_DIR}/protobuf_tests.pb.cc
    PROPERTIES COMPILE_OPTIONS -w)
endfunction()
cmake_language(DEFER CALL process_wire_finish_tests)

if(MESOS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR
      "MESOS_FUZZ=ON needs clang: configure with CC=clang CXX=clang++")
  endif()
  # The codec alone, with coverage instrumentation for the fuzzers. The
  # sanitizers turn silent corruption into crashes.
  add_library(process-wire STATIC ${PROCESS_WIRE_CODEC_SOURCES})
  target_include_directories(process-wire
    PUBLIC ${PROCESS_WIRE_DIR}/include
    PRIVATE ${PROCESS_WIRE_DIR}/src)
  target_link_libraries(process-wire
    PUBLIC stout glog::glog
    PRIVATE http_parser::http_parser)
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

if(MESOS_BENCHMARKS)
  # Not registered with ctest; see docs/performance.md.
  add_executable(libprocess-wire-benchmarks
    ${PROCESS_WIRE_DIR}/benchmarks/encoder_decoder_benchmarks.cpp)
  target_include_directories(libprocess-wire-benchmarks
    PRIVATE ${PROCESS_WIRE_DIR}/src)
  target_link_libraries(libprocess-wire-benchmarks
    PRIVATE process benchmark::benchmark)

  # Two OS processes over loopback (it starts its own peer), and a route
  # server for wrk.
  add_executable(libprocess-remote-benchmarks
    ${PROCESS_WIRE_DIR}/benchmarks/remote_benchmarks.cpp)
  target_include_directories(libprocess-remote-benchmarks
    PRIVATE ${PROCESS_WIRE_DIR}/tests)
  target_link_libraries(libprocess-remote-benchmarks PRIVATE process)
endif()
