#include "word_clusters.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "model_file.h"
#include "test_paths.h"

namespace biotator {
namespace {

std::string temp_path(const std::string& name) {
  return testing::temp_path("word_clusters_test_" + name);
}

TEST(WordClustersTest, NormalizeLowercasesAsciiAndMapsDigitsToZero) {
  EXPECT_EQ(WordClusters::normalize("BRCA1"), "brca0");
  EXPECT_EQ(WordClusters::normalize("1998"), "0000");
  EXPECT_EQ(WordClusters::normalize("V600E"), "v000e");
  EXPECT_EQ(WordClusters::normalize("6"), WordClusters::normalize("2"));  // IL-6 and IL-2 share their number
  EXPECT_EQ(WordClusters::normalize("-"), "-");
  // Non-ASCII bytes are kept as they are (no Unicode case folding).
  EXPECT_EQ(WordClusters::normalize("\xCE\x92-Catenin"), "\xCE\x92-catenin");
  EXPECT_EQ(WordClusters::normalize(""), "");
}

TEST(WordClustersTest, LookupNormalizesTheRawToken) {
  WordClusters clusters({4, 16});
  const uint16_t brca[] = {1, 5};
  const uint16_t tamoxifen[] = {3, 12};
  clusters.add("brca0", brca);
  clusters.add("tamoxifen", tamoxifen);
  EXPECT_EQ(clusters.granularities(), 2u);
  EXPECT_EQ(clusters.cluster_count(1), 16u);
  EXPECT_EQ(clusters.size(), 2u);

  uint16_t ids[WordClusters::kMaxGranularities] = {};
  ASSERT_TRUE(clusters.lookup("BRCA2", ids));  // -> "brca0"
  EXPECT_EQ(ids[0], 1);
  EXPECT_EQ(ids[1], 5);
  ASSERT_TRUE(clusters.lookup("Tamoxifen", ids));
  EXPECT_EQ(ids[0], 3);
  EXPECT_EQ(ids[1], 12);

  uint16_t untouched[2] = {77, 88};
  EXPECT_FALSE(clusters.lookup("cisplatin", untouched));
  EXPECT_FALSE(clusters.lookup("brca", untouched));
  EXPECT_FALSE(clusters.lookup("", untouched));
  EXPECT_EQ(untouched[0], 77);
  EXPECT_EQ(untouched[1], 88);
}

TEST(WordClustersTest, EmptyClustersKnowNothing) {
  WordClusters none;
  uint16_t ids[1];
  EXPECT_FALSE(none.lookup("mice", ids));
  EXPECT_EQ(none.granularities(), 0u);
}

TEST(WordClustersTest, AddingAgainReplacesTheIds) {
  WordClusters clusters({8});
  const uint16_t first = 2, second = 7;
  clusters.add("mice", &first);
  clusters.add("mice", &second);
  uint16_t id = 0;
  ASSERT_TRUE(clusters.lookup("MICE", &id));
  EXPECT_EQ(id, 7);
  EXPECT_EQ(clusters.size(), 1u);
}

TEST(WordClustersTest, ManyWordsSurviveTableGrowth) {
  WordClusters clusters({64, 1024});
  for (uint16_t i = 0; i < 5000; ++i) {
    const uint16_t ids[] = {static_cast<uint16_t>(i % 64), static_cast<uint16_t>(i % 1024)};
    std::string word;  // i written in base 26 with letters: distinct after normalization
    for (unsigned n = i; word.empty() || n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
    clusters.add(word, ids);
  }
  ASSERT_EQ(clusters.size(), 5000u);
  for (size_t w = 0; w < clusters.size(); ++w) {
    uint16_t ids[2];
    // Stored words are already normalized; looking them up must find exactly their ids.
    ASSERT_TRUE(clusters.lookup(clusters.words()[w], ids)) << clusters.words()[w];
    EXPECT_EQ(ids[0], clusters.ids_of(w)[0]);
    EXPECT_EQ(ids[1], clusters.ids_of(w)[1]);
  }
}

TEST(WordClustersTest, RejectsBadGranularitiesAndIds) {
  EXPECT_THROW(WordClusters(std::vector<uint32_t>{}), std::invalid_argument);
  EXPECT_THROW(WordClusters(std::vector<uint32_t>{0}), std::invalid_argument);
  EXPECT_THROW(WordClusters(std::vector<uint32_t>{65537}), std::invalid_argument);
  EXPECT_THROW(WordClusters(std::vector<uint32_t>(9, 4)), std::invalid_argument);
  WordClusters clusters({4, 16});
  const uint16_t too_big[] = {4, 0};
  EXPECT_THROW(clusters.add("x", too_big), std::invalid_argument);
  EXPECT_EQ(clusters.size(), 0u);
}

TEST(WordClustersTest, ClusterMembersListsTheWordsSharingACluster) {
  WordClusters clusters({2, 4});
  const uint16_t a[] = {0, 0}, b[] = {0, 1}, c[] = {1, 2};
  clusters.add("tamoxifen", a);
  clusters.add("cisplatin", b);
  clusters.add("brca0", c);
  EXPECT_EQ(clusters.cluster_members("Tamoxifen", 0), (std::vector<std::string>{"tamoxifen", "cisplatin"}));
  EXPECT_EQ(clusters.cluster_members("tamoxifen", 1), (std::vector<std::string>{"tamoxifen"}));
  EXPECT_TRUE(clusters.cluster_members("unknown", 0).empty());
  EXPECT_TRUE(clusters.cluster_members("tamoxifen", 2).empty());
}

TEST(WordClustersTest, SaveAndLoadRoundTrip) {
  WordClusters clusters({3, 9, 27});
  const std::vector<std::string> words = {"mice", "carcinoma", "\xCE\xB2", "0000", "(", "tp00"};
  for (size_t i = 0; i < words.size(); ++i) {
    const uint16_t ids[] = {static_cast<uint16_t>(i % 3), static_cast<uint16_t>(i + 2), static_cast<uint16_t>(i * 4)};
    clusters.add(words[i], ids);
  }
  const std::string path = temp_path("roundtrip.bt");
  clusters.save(path);
  const WordClusters loaded = WordClusters::load(path);
  std::filesystem::remove(path);
  ASSERT_EQ(loaded.granularities(), 3u);
  EXPECT_EQ(loaded.cluster_count(0), 3u);
  EXPECT_EQ(loaded.cluster_count(2), 27u);
  EXPECT_EQ(loaded.words(), words);
  for (size_t i = 0; i < words.size(); ++i) {
    uint16_t ids[3];
    ASSERT_TRUE(loaded.lookup(words[i], ids));
    EXPECT_EQ(ids[0], i % 3);
    EXPECT_EQ(ids[1], i + 2);
    EXPECT_EQ(ids[2], i * 4);
  }
  uint16_t ids[3];
  EXPECT_TRUE(loaded.lookup("TP53", ids));
  EXPECT_FALSE(loaded.lookup("rats", ids));
}

TEST(WordClustersTest, LoadRejectsForeignAndCorruptFiles) {
  EXPECT_THROW(WordClusters::load(temp_path("does_not_exist.bt")), std::runtime_error);

  const std::string foreign = temp_path("foreign.bt");
  save_model_file(foreign, "BTOTHER1", "whatever");
  EXPECT_THROW(WordClusters::load(foreign), std::runtime_error);
  std::filesystem::remove(foreign);

  // Right magic, body cut short: a count of words that are not there.
  BodyWriter body;
  body.put<uint32_t>(1);
  body.put<uint32_t>(1);
  const uint32_t counts[] = {4};
  body.put_array(counts, 1);
  body.put<uint32_t>(10);
  body.put_string("mice");
  const std::string truncated = temp_path("truncated.bt");
  save_model_file(truncated, WordClusters::kMagic, body.str());
  try {
    WordClusters::load(truncated);
    ADD_FAILURE() << "a truncated file loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(truncated), std::string::npos) << e.what();
  }
  std::filesystem::remove(truncated);

  // An id beyond its granularity's cluster count.
  BodyWriter bad_id;
  bad_id.put<uint32_t>(1);
  bad_id.put<uint32_t>(1);
  bad_id.put_array(counts, 1);
  bad_id.put<uint32_t>(1);
  bad_id.put_string("mice");
  bad_id.put<uint16_t>(9);
  const std::string out_of_range = temp_path("bad_id.bt");
  save_model_file(out_of_range, WordClusters::kMagic, bad_id.str());
  EXPECT_THROW(WordClusters::load(out_of_range), std::runtime_error);
  std::filesystem::remove(out_of_range);
}

}  // namespace
}  // namespace biotator
