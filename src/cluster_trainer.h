// Learns the NER's word clusters (src/word_clusters.h) from raw corpus text:
//
//   1. every passage is tokenized (src/tokenizer.h), split into sentences
//      (src/sentence_splitter.h) and normalized token by token with
//      WordClusters::normalize; each sentence becomes one line of a temporary file,
//      tokens separated by spaces, symbol tokens kept. Sentences seen before (the
//      corpora share many abstracts) are written once; sentences of excluded documents
//      (TextExclusion) are left out.
//   2. fastText (libfasttext) trains skipgram vectors on that file.
//   3. The vectors of the words seen at least min_count times are L2-normalized and
//      clustered by deterministic k-means (k-means++ seeding): first into the coarsest
//      number of clusters, then each cluster is split again for the next granularity,
//      the finer clusters shared among the coarser ones in proportion to their sizes.
//      Splitting keeps the cost low (the 1024-way level costs a 4-way k-means per
//      cluster, not a 1024-way one over the whole vocabulary) and makes the
//      granularities nested.
//
// Determinism: with threads == 1 the result depends only on the text, the options and
// the seed (on one platform: fastText draws its random numbers with the standard
// library's distributions). fastText with several threads updates shared vectors
// without locks (Hogwild) and is not reproducible; the k-means here draws its own
// random numbers from std::mt19937_64 and is reproducible everywhere.
#pragma once

#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "document.h"
#include "word_clusters.h"

namespace biotator {

// Text that must stay out of the training corpus: the documents the NER is tuned or
// evaluated on. A document is excluded by identifier; any sentence (of a document or a
// raw text line, whatever its source corpus or identifier) is excluded by content, when
// it equals an excluded sentence or shares at least half of its token 8-grams with the
// excluded text (so the same abstract split or formatted differently is still caught).
class TextExclusion {
 public:
  TextExclusion() = default;
  explicit TextExclusion(const std::vector<Document>& excluded);

  bool empty() const { return ids_.empty() && sentences_.empty(); }
  bool excludes_id(const std::string& document_id) const { return ids_.count(document_id) != 0; }
  // `tokens` are the normalized tokens of one sentence.
  bool excludes_sentence(const std::vector<std::string>& tokens) const;

 private:
  std::unordered_set<std::string> ids_;
  std::unordered_set<uint64_t> sentences_;  // hashes of whole normalized sentences
  std::unordered_set<uint64_t> ngrams_;     // hashes of normalized token 8-grams
};

struct ClusterTrainingOptions {
  int dim = 100;        // vector dimensions
  int epochs = 5;       // passes of fastText over the text
  int min_count = 3;    // words seen fewer times get no vector and no cluster
  int window = 5;       // skipgram context window
  // fastText's character n-grams of min_subword..max_subword bytes; 0 and 0: none, the
  // default. With n-grams (3..6) on the BioTator corpora the clusters follow spelling
  // more than use ("mice" fell in with "taumice", "0mice", "wtmice"; without them it is
  // with "male", "transgenic", "balb", "wistar"), the spelling is the NER's other
  // features' job, and training takes twice as long.
  int min_subword = 0;
  int max_subword = 0;
  int buckets = 200000;  // hash buckets for the n-grams (fastText's 2M would cost 800 MB)
  // Frequent words are skipped with probability 1 - sqrt(t / frequency) (fastText's -t).
  // On a tiny corpus every word is "frequent": raise it there.
  double subsample_threshold = 1e-4;
  double learning_rate = 0.05;
  // Clusters per granularity, coarse to fine; each at least the one before.
  std::vector<uint32_t> cluster_counts = {64, 256, 1024};
  int kmeans_iterations = 20;  // at most, per k-means run (stops earlier when stable)
  uint64_t seed = 20240521;
  // fastText training threads. Keep 1 for reproducible clusters (see above).
  int threads = 1;
  std::string temp_dir;  // where the training text is written; empty: the system's
  TextExclusion exclusion;
};

// Trains word clusters on the passages of `docs` plus `extra_texts` (raw texts, e.g.
// from read_raw_text_lines). Progress and statistics go to `log`. Throws
// std::invalid_argument for bad options and std::runtime_error when the text is too
// small to train on or the temporary file cannot be written.
WordClusters train_word_clusters(const std::vector<Document>& docs, const std::vector<std::string>& extra_texts,
                                 const ClusterTrainingOptions& options, std::ostream& log);
WordClusters train_word_clusters(const std::vector<Document>& docs, const ClusterTrainingOptions& options,
                                 std::ostream& log);

// Reads raw texts from a corpus file that is not in a document format, one line at a
// time (plain or .gz), in either of two shapes:
//   "ID text"                  (BioCreative II GM train.in: "P00001606T0076 Comparison ...")
//   "PMID<TAB>title<TAB>abstract"  (DrugProt *_abstracs.tsv)
// A line with a tab is taken as the second shape and gives its title and abstract as two
// texts; otherwise everything after the first space is the text. Empty lines are
// skipped. Throws InputError (not recoverable) for a line with no text.
std::vector<std::string> read_raw_text_lines(const std::string& path);

namespace cluster_detail {

// Deterministic k-means on the rows `members` of `vectors` (row-major, `dim` floats per
// row): k-means++ seeding from `rng`, then at most `iterations` Lloyd rounds. An empty
// cluster takes over the member farthest from its centroid. Returns the cluster (0..k-1)
// of each member, in the order of `members`. Requires 1 <= k <= members.size().
// Exposed for the tests.
std::vector<uint32_t> kmeans(const std::vector<float>& vectors, size_t dim, const std::vector<uint32_t>& members,
                             uint32_t k, int iterations, std::mt19937_64& rng);

}  // namespace cluster_detail

}  // namespace biotator
