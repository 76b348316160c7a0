#include "cluster_trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "input_error.h"
#include "test_paths.h"

namespace biotator {
namespace {

namespace fs = std::filesystem;

// A fresh empty directory, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::path(testing::temp_path("cluster_trainer_test_" + name))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name, const std::string& content) const {
    const std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

Document make_doc(const std::string& id, const std::string& title, const std::string& abstract) {
  Document doc;
  doc.id = id;
  doc.passages.push_back({"title", 0, title, {}});
  doc.passages.push_back({"abstract", static_cast<int64_t>(title.size() + 1), abstract, {}});
  return doc;
}

// --- k-means --------------------------------------------------------------------------

// Three tight groups of 4-d points around the corners e0, e1, e2 (then normalized).
std::vector<float> three_groups(std::vector<uint32_t>& truth) {
  std::vector<float> v;
  for (uint32_t i = 0; i < 30; ++i) {
    const uint32_t group = (i * 7) % 3;  // interleaved, so the order carries no hint
    truth.push_back(group);
    float p[4] = {0.05f * static_cast<float>(i % 5), 0.03f * static_cast<float>(i % 3), 0.02f, 0.0f};
    p[group] += 1.0f;
    float norm = 0;
    for (float x : p) norm += x * x;
    for (float x : p) v.push_back(x / std::sqrt(norm));
  }
  return v;
}

TEST(KMeansTest, RecoversSeparatedGroupsDeterministically) {
  std::vector<uint32_t> truth;
  const std::vector<float> vectors = three_groups(truth);
  std::vector<uint32_t> members(truth.size());
  for (uint32_t i = 0; i < members.size(); ++i) members[i] = i;

  std::mt19937_64 rng(42);
  const std::vector<uint32_t> got = cluster_detail::kmeans(vectors, 4, members, 3, 20, rng);
  ASSERT_EQ(got.size(), truth.size());
  // Same group <=> same cluster.
  for (size_t a = 0; a < truth.size(); ++a)
    for (size_t b = 0; b < truth.size(); ++b) EXPECT_EQ(truth[a] == truth[b], got[a] == got[b]) << a << " " << b;

  std::mt19937_64 same_seed(42);
  EXPECT_EQ(cluster_detail::kmeans(vectors, 4, members, 3, 20, same_seed), got);
}

TEST(KMeansTest, EveryClusterGetsAMember) {
  std::vector<uint32_t> truth;
  const std::vector<float> vectors = three_groups(truth);
  // A subset of 6 rows, k = 6: each point must end up alone.
  const std::vector<uint32_t> members = {0, 3, 6, 9, 12, 15};
  std::mt19937_64 rng(7);
  const std::vector<uint32_t> got = cluster_detail::kmeans(vectors, 4, members, 6, 10, rng);
  EXPECT_EQ(std::set<uint32_t>(got.begin(), got.end()).size(), 6u);
  EXPECT_THROW(cluster_detail::kmeans(vectors, 4, members, 7, 10, rng), std::invalid_argument);
  EXPECT_THROW(cluster_detail::kmeans(vectors, 4, members, 0, 10, rng), std::invalid_argument);
}

// --- raw text -------------------------------------------------------------------------

TEST(RawTextTest, ReadsIdTextLinesAndTsvAbstracts) {
  TempDir dir("raw");
  const std::string gm = dir.file("train.in",
                                  "P00001606T0076 Comparison with alkaline phosphatases and 5-nucleotidase\n"
                                  "\n"
                                  "P00008171T0000 Pharmacologic aspects of neonatal hyperbilirubinemia.\r\n");
  EXPECT_EQ(read_raw_text_lines(gm),
            (std::vector<std::string>{"Comparison with alkaline phosphatases and 5-nucleotidase",
                                      "Pharmacologic aspects of neonatal hyperbilirubinemia."}));
  const std::string tsv = dir.file("abstracts.tsv",
                                   "17651117\tInhibition of platelet receptors.\tWe investigated neutrophils.\n"
                                   "17651118\tTitle only.\t\n");
  EXPECT_EQ(read_raw_text_lines(tsv), (std::vector<std::string>{"Inhibition of platelet receptors.",
                                                                "We investigated neutrophils.", "Title only."}));
}

TEST(RawTextTest, ALineWithoutTextIsAnError) {
  TempDir dir("raw_bad");
  const std::string bad = dir.file("bad.in", "P1 Fine text.\nP2\n");
  try {
    read_raw_text_lines(bad);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), bad);
    EXPECT_EQ(e.line(), 2u);
    EXPECT_FALSE(e.recoverable());
  }
  EXPECT_THROW(read_raw_text_lines(dir.path() + "/missing.in"), std::runtime_error);
}

// --- exclusion ------------------------------------------------------------------------

TEST(TextExclusionTest, MatchesExcludedTextWhateverItsSplitting) {
  const TextExclusion exclusion({make_doc("111", "Tamoxifen in mice.",
                                          "Tamoxifen reduced the growth of mammary carcinoma in treated mice over "
                                          "twelve weeks. Short one.")});
  EXPECT_TRUE(exclusion.excludes_id("111"));
  EXPECT_FALSE(exclusion.excludes_id("112"));
  // The whole title sentence, normalized the same way.
  EXPECT_TRUE(exclusion.excludes_sentence({"tamoxifen", "in", "mice", "."}));
  EXPECT_TRUE(exclusion.excludes_sentence({"short", "one", "."}));
  // The long sentence cut differently (a prefix of it) still shares its 8-grams.
  EXPECT_TRUE(exclusion.excludes_sentence(
      {"tamoxifen", "reduced", "the", "growth", "of", "mammary", "carcinoma", "in", "treated", "mice"}));
  // A short sentence that is only part of an excluded one, and unrelated text, are kept.
  EXPECT_FALSE(exclusion.excludes_sentence({"tamoxifen", "in"}));
  EXPECT_FALSE(exclusion.excludes_sentence(
      {"cisplatin", "reduced", "the", "growth", "of", "lung", "tumours", "in", "treated", "rats", "."}));
  EXPECT_FALSE(TextExclusion().excludes_sentence({"tamoxifen", "in", "mice", "."}));
}

// --- training -------------------------------------------------------------------------

const std::vector<std::string> kDrugs = {"tamoxifen", "cisplatin", "aspirin", "metformin", "warfarin", "imatinib"};
const std::vector<std::string> kGenes = {"BRCA", "TP", "EGFR", "KRAS", "MYC", "PTEN"};

// A synthetic corpus of two worlds that share no word: drug sentences (titles) and gene
// sentences (abstracts), each passage one sentence.
std::vector<Document> synthetic_corpus() {
  const std::vector<std::string> drug_frames = {"Patients received {} daily for {} weeks",
                                                "Treatment with {} lowered the dose needed after {} weeks",
                                                "Oral {} given twice daily for {} weeks after surgery",
                                                "{} administered orally for {} weeks"};
  const std::vector<std::string> gene_frames = {"Mutations in {}1 gene found in {} tumours",
                                                "Expression of {}2 protein increased in {} cells",
                                                "{}3 gene encodes kinase expressed in {} cells",
                                                "Loss of {}4 expression in {} tissue"};
  const std::vector<std::string> weeks = {"two", "three", "four", "six"};
  const std::vector<std::string> organs = {"breast", "lung", "colon", "liver"};
  auto fill = [](std::string frame, const std::string& first, const std::string& second) {
    frame.replace(frame.find("{}"), 2, first);
    return frame.replace(frame.find("{}"), 2, second);
  };
  std::vector<Document> docs;
  for (size_t f = 0; f < 4; ++f)
    for (size_t w = 0; w < kDrugs.size(); ++w)
      for (size_t v = 0; v < 4; ++v)
        docs.push_back(make_doc(std::to_string(1000 + docs.size()), fill(drug_frames[f], kDrugs[w], weeks[v]),
                                fill(gene_frames[f], kGenes[w], organs[v])));
  return docs;
}

ClusterTrainingOptions small_options(const std::string& temp_dir) {
  ClusterTrainingOptions options;
  options.dim = 16;
  options.epochs = 30;
  options.subsample_threshold = 1.0;  // tiny corpus: keep every token
  options.min_count = 2;
  options.window = 3;
  options.min_subword = 0;  // purely distributional: the test is about contexts
  options.max_subword = 0;
  options.cluster_counts = {2, 6, 12};
  options.temp_dir = temp_dir;
  return options;
}

uint16_t cluster_of(const WordClusters& clusters, const std::string& word, size_t level) {
  uint16_t ids[WordClusters::kMaxGranularities];
  EXPECT_TRUE(clusters.lookup(word, ids)) << word;
  return ids[level];
}

TEST(ClusterTrainerTest, SeparatesWordsOfDifferentContexts) {
  TempDir dir("train");
  std::ostringstream log;
  const std::vector<Document> docs = synthetic_corpus();
  const WordClusters clusters = train_word_clusters(docs, small_options(dir.path()), log);

  ASSERT_EQ(clusters.granularities(), 3u);
  EXPECT_EQ(clusters.cluster_count(0), 2u);
  EXPECT_EQ(clusters.cluster_count(2), 12u);
  EXPECT_GT(clusters.size(), 30u);
  EXPECT_NE(log.str().find("sentences"), std::string::npos) << log.str();
  EXPECT_TRUE(fs::is_empty(dir.path())) << "the temporary training file was left behind";

  // At 6 clusters all drugs share one cluster, and no gene is in it. (The 2-way split
  // separates slot fillers from frame words, which is not what this test is about.)
  const uint16_t drug_cluster = cluster_of(clusters, "tamoxifen", 1);
  for (const std::string& drug : kDrugs) EXPECT_EQ(cluster_of(clusters, drug, 1), drug_cluster) << drug;
  for (const std::string& gene : kGenes) EXPECT_NE(cluster_of(clusters, gene + "1", 1), drug_cluster) << gene;
  // Normalization: "BRCA1" and "BRCA2" are one word, "brca0".
  EXPECT_EQ(cluster_of(clusters, "BRCA1", 2), cluster_of(clusters, "brca2", 2));

  // The granularities are nested: one fine cluster lies inside one coarser cluster.
  std::vector<std::vector<int>> parent(2, std::vector<int>(12, -1));
  for (size_t w = 0; w < clusters.size(); ++w) {
    const uint16_t* ids = clusters.ids_of(w);
    for (size_t level = 0; level < 2; ++level) {
      int& p = parent[level][ids[2]];
      if (p < 0) p = ids[level];
      EXPECT_EQ(p, ids[level]) << clusters.words()[w];
    }
  }
}

TEST(ClusterTrainerTest, IsDeterministicAndHonoursExclusion) {
  TempDir dir("train_twice");
  std::vector<Document> docs = synthetic_corpus();
  // A document mentioning "zanubrutinib" four times; excluded by id, and its text reused
  // under another id in the extra raw texts is excluded by content.
  const Document tuned = make_doc("999", "Zanubrutinib in lymphoma.",
                                  "Zanubrutinib was given daily. Zanubrutinib was given daily to patients with "
                                  "lymphoma in the trial. Zanubrutinib was given twice.");
  docs.push_back(tuned);
  ClusterTrainingOptions options = small_options(dir.path());
  options.exclusion = TextExclusion({tuned});
  options.min_subword = 3;  // character n-grams too: they must not break determinism
  options.max_subword = 5;
  options.buckets = 10000;
  const std::vector<std::string> extra = {tuned.passages[1].text, "Warfarin was given daily to the patients."};

  std::ostringstream log1, log2;
  const WordClusters first = train_word_clusters(docs, extra, options, log1);
  const WordClusters second = train_word_clusters(docs, extra, options, log2);
  uint16_t ids[WordClusters::kMaxGranularities];
  EXPECT_FALSE(first.lookup("zanubrutinib", ids));
  EXPECT_NE(log1.str().find("1 excluded documents"), std::string::npos) << log1.str();

  ASSERT_EQ(first.words(), second.words());
  for (size_t w = 0; w < first.size(); ++w)
    for (size_t level = 0; level < first.granularities(); ++level)
      ASSERT_EQ(first.ids_of(w)[level], second.ids_of(w)[level]) << first.words()[w];

  // Without the exclusion the word is learned.
  options.exclusion = TextExclusion();
  std::ostringstream log3;
  EXPECT_TRUE(train_word_clusters(docs, extra, options, log3).lookup("Zanubrutinib", ids));
}

TEST(ClusterTrainerTest, RejectsBadOptionsAndEmptyText) {
  TempDir dir("train_bad");
  std::ostringstream log;
  ClusterTrainingOptions options = small_options(dir.path());
  options.cluster_counts = {8, 4};
  EXPECT_THROW(train_word_clusters(synthetic_corpus(), options, log), std::invalid_argument);
  options.cluster_counts = {};
  EXPECT_THROW(train_word_clusters(synthetic_corpus(), options, log), std::invalid_argument);
  options = small_options(dir.path());
  options.dim = 0;
  EXPECT_THROW(train_word_clusters(synthetic_corpus(), options, log), std::invalid_argument);
  options = small_options(dir.path());
  options.min_subword = 0;
  options.max_subword = 4;
  EXPECT_THROW(train_word_clusters(synthetic_corpus(), options, log), std::invalid_argument);
  EXPECT_THROW(train_word_clusters({}, small_options(dir.path()), log), std::runtime_error);
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
}  // namespace biotator
