// Features of each token for the entity recognizer: the words around it, its shape,
// prefixes and suffixes, whether it is glued to its neighbours, lexicon matches that
// cover it and abbreviation definitions. Each feature is a 64-bit hash; the model
// stores weights only for hashes seen in training.
#pragma once

#include <cstdint>
#include <vector>

#include "text_analysis.h"
#include "word_clusters.h"

namespace biotator {

// Features of a token sequence in compressed-row form: the features of token i are
// values[offsets[i] .. offsets[i+1]).
struct FeatureSequence {
  std::vector<uint64_t> values;
  std::vector<uint32_t> offsets{0};
  size_t size() const { return offsets.size() - 1; }
  void clear() {
    values.clear();
    offsets.assign(1, 0);
  }
};

class NerFeatureExtractor {
 public:
  // `clusters` (may be null): distributional word clusters learned from raw text.
  explicit NerFeatureExtractor(const WordClusters* clusters = nullptr) : clusters_(clusters) {}

  // Per-document token attributes, computed once by prepare() and used for every sentence.
  struct TokenInfo {
    uint64_t lower = 0, exact = 0, shape = 0, long_shape = 0;
    uint64_t prefix[4] = {}, suffix[4] = {};
    uint32_t flags = 0;     // kFlag* bits
    uint32_t lexicon = 0;   // bits: (position B/I/E/S) x class, see .cc
    uint32_t abbrev = 0;    // abbreviation bits, see .cc
    // The whitespace-delimited chunk the token belongs to ("CaCl(2)", "IL-1beta"):
    // fine-grained tokens lose what the whole chunk says.
    uint64_t chunk_lower = 0, chunk_shape = 0;
    uint32_t chunk_position = 0;  // 0 alone, 1 first, 2 inside, 3 last
    uint32_t chunk_lexicon = 0;   // classes of a lexicon term spanning exactly the chunk
    uint32_t cluster[3] = {};     // word cluster + 1 at up to three granularities (0 = unknown)
  };

  // Computes TokenInfo for every token of `doc`.
  void prepare(const AnalyzedText& doc, std::vector<TokenInfo>& info) const;
  // Appends the features of tokens [begin, end) (one sentence) to `out` (cleared first).
  void extract(const std::vector<TokenInfo>& info, uint32_t begin, uint32_t end, FeatureSequence& out) const;

 private:
  const WordClusters* clusters_;
};

}  // namespace biotator
