// Paths the tests need, set by tests/CMakeLists.txt, and helpers shared by the tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace biotator::testing {

inline std::string test_data(const std::string& name) { return std::string(BIOTATOR_TEST_DATA) + "/" + name; }
inline std::string shared_dir() { return BIOTATOR_SHARED_DIR; }
inline bool shared_available() { return std::filesystem::exists(std::string(BIOTATOR_SHARED_DIR) + "/corpora"); }
inline std::string cli_path() { return BIOTATOR_CLI; }
inline std::string source_dir() { return BIOTATOR_SOURCE_DIR; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace biotator::testing
