// Paths the tests need, set by tests/CMakeLists.txt, and helpers shared by the tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

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

namespace biotator::testing {

// A temporary file path of this test process: tests run in parallel (ctest -j, and a
// sanitizer build beside the normal one), so no two processes may share a name.
inline std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("biotator_" + std::to_string(::getpid()) + "_" + name)).string();
}

// The temporary fixture trees of this process, removed when it exits (each test runs
// in a process of its own: left behind, they piled up by the thousand in /tmp).
struct FixtureTrees {
  std::vector<std::filesystem::path> paths;
  ~FixtureTrees() {
    for (const auto& p : paths) {
      std::error_code ignored;
      std::filesystem::remove_all(p, ignored);
    }
  }
};

// Fixture trees that mimic the layout of ../shared keep a ".fixture" suffix on every
// file, so that no committed file carries the name of a shared data file (they are
// small hand-written excerpts, not copies). This copies such a tree to a temporary
// directory with the suffix removed and returns its path; the copy lives until exit.
inline std::string fixture_tree(const std::string& name) {
  namespace fs = std::filesystem;
  static FixtureTrees trees;
  const fs::path source = fs::path(test_data(name));
  const fs::path target = fs::temp_directory_path() / ("biotator_fixture_" + std::to_string(::getpid()) + "_" + name);
  if (!fs::exists(target)) {
    trees.paths.push_back(target);
    for (const auto& entry : fs::recursive_directory_iterator(source)) {
      if (!entry.is_regular_file()) continue;
      fs::path rel = fs::relative(entry.path(), source);
      std::string file = rel.filename().string();
      if (file.size() > 8 && file.ends_with(".fixture")) file.resize(file.size() - 8);
      const fs::path out = target / rel.parent_path() / file;
      fs::create_directories(out.parent_path());
      fs::copy_file(entry.path(), out, fs::copy_options::overwrite_existing);
    }
  }
  return target.string();
}

}  // namespace biotator::testing
