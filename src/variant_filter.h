// The learned filter after the variant grammar (find_variants): a binary logistic
// regression over hashed sparse features of each candidate in its text (its shape and
// tmVar change type, the words around it, whether it is glued to other characters,
// whether the same form recurs in the document, ...). Candidates scoring below the
// threshold — chosen by the trainer by cross-validation on the training corpora — are
// dropped: figure and panel labels ("Figure S1A"), cell and clone names ("T315 cells",
// "HeLa S3"), tags and the other look-alikes the grammar cannot tell apart by itself.
// Trained by variant_filter_trainer.h; applied by AnnotationPipeline when the model
// bundle holds variant_filter.bt.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "variant_recognizer.h"

namespace biotator {

// What the features of one candidate need to know about the whole text; computed once
// per text.
struct VariantFilterContext {
  bool mutation_words = false;  // the text speaks of mutations, variants, polymorphisms, SNPs
  uint32_t candidates = 0;      // grammar candidates in the text
};
VariantFilterContext variant_filter_context(std::string_view text, std::span<const VariantMention> candidates);

// Hashed feature indices (each < 2^hash_bits) of candidate `k` of `candidates` (all the
// grammar's candidates of `text`, in text order), appended to `out`.
void variant_filter_features(std::string_view text, std::span<const VariantMention> candidates, size_t k,
                             const VariantFilterContext& context, uint32_t hash_bits, std::vector<uint32_t>& out);

class VariantFilter {
 public:
  static constexpr uint32_t kDefaultHashBits = 18;

  VariantFilter() = default;
  explicit VariantFilter(uint32_t hash_bits);

  bool empty() const { return weights_.empty(); }
  uint32_t hash_bits() const { return hash_bits_; }
  size_t feature_count() const { return size_t{1} << hash_bits_; }

  // P(the candidate is a variant mention with exactly this span).
  double probability(std::span<const uint32_t> features) const;
  // Probability of each candidate, in order.
  std::vector<double> score(std::string_view text, std::span<const VariantMention> candidates) const;
  // Removes the candidates whose probability is below `threshold`; returns how many.
  size_t filter(std::string_view text, std::vector<VariantMention>& candidates) const;

  // Writes the model in BioTator's model file container (magic "BTVFLT01").
  void save(const std::string& path) const;
  static VariantFilter load(const std::string& path);

  std::vector<float>& weights() { return weights_; }
  const std::vector<float>& weights() const { return weights_; }
  double threshold = 0.5;

 private:
  uint32_t hash_bits_ = 0;
  std::vector<float> weights_;
};

}  // namespace biotator
