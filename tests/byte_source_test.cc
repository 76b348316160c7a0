#include "byte_source.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>

#include "test_paths.h"

namespace biotator {
namespace {

TEST(ByteSource, ReadsLinesWithNumbersAcrossChunkBoundaries) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += "line " + std::to_string(i) + "\n";
  data += "last line without newline";
  auto src = ByteSource::from_string(data, "big");
  std::string_view line;
  uint64_t n = 0;
  while (src->read_line(line)) {
    ++n;
    if (n == 54321) {
      EXPECT_EQ(line, "line 54320");
    }
  }
  EXPECT_EQ(n, 100001u);
  EXPECT_EQ(src->line_number(), 100001u);
  EXPECT_FALSE(src->last_line_had_newline());
}

TEST(ByteSource, PeekDoesNotConsume) {
  auto src = ByteSource::from_string("hello\nworld\n");
  EXPECT_EQ(src->peek(3), "hel");
  std::string_view line;
  ASSERT_TRUE(src->read_line(line));
  EXPECT_EQ(line, "hello");
}

TEST(ByteSource, ReadsGzipTransparently) {
  const auto path = std::filesystem::path(testing::temp_path("byte_source_test.txt.gz"));
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  const std::string content = "first\nsecond \xCE\xB1\n";
  gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
  gzclose(f);
  auto src = ByteSource::open(path.string());
  std::string_view line;
  ASSERT_TRUE(src->read_line(line));
  EXPECT_EQ(line, "first");
  ASSERT_TRUE(src->read_line(line));
  EXPECT_EQ(line, "second \xCE\xB1");
  EXPECT_FALSE(src->read_line(line));
  std::filesystem::remove(path);
}

TEST(ByteSource, MissingFileNamesThePath) {
  try {
    ByteSource::open("/nonexistent/dir/file.pubtator");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/file.pubtator"), std::string::npos);
  }
}

}  // namespace
}  // namespace biotator
