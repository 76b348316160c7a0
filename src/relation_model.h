// The runtime relation model: a multinomial logistic regression over hashed sparse
// features (classes: no relation + the eight BioRED types, restricted at prediction to
// the types the class pair allows), a binary logistic regression for novelty (Novel vs
// No), and the decision thresholds the trainer tuned by cross-validation on Train.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "relation_features.h"

namespace biotator {

struct RelationPrediction {
  int type = -1;              // relation type index (0..7), -1 for no relation
  double score = 0.0;         // probability of `type` (or of "no relation" when type is -1)
  double relation_probability = 0.0;  // 1 - P(no relation)
  bool novel = false;
  double novelty_probability = 0.0;   // P(Novel)
};

class RelationModel {
 public:
  RelationModel() = default;
  explicit RelationModel(uint32_t hash_bits);

  bool empty() const { return hash_bits_ == 0; }
  uint32_t hash_bits() const { return hash_bits_; }
  size_t feature_count() const { return size_t{1} << hash_bits_; }

  // Class probabilities over {none, 8 types}; types the class pair does not allow get 0.
  void class_probabilities(std::span<const uint32_t> features, ClassPair pair,
                           std::array<double, kRelationClassCount>& probs) const;
  void class_probabilities(const RelationCandidate& c, std::array<double, kRelationClassCount>& probs) const {
    class_probabilities(c.type_features(), c.class_pair, probs);
  }
  // P(Novel) from all of a candidate's features (the type model reads only the first
  // type_feature_count of them).
  double novelty_probability(std::span<const uint32_t> features) const;
  double novelty_probability(const RelationCandidate& c) const { return novelty_probability(c.features); }
  // A relation is predicted when 1 - P(none) reaches relation_threshold; its type is the
  // most probable allowed type and its score that type's probability renormalized over
  // the relation types; it is novel when P(Novel) reaches novelty_threshold_for(its class
  // pair).
  RelationPrediction predict(const RelationCandidate& c) const;

  // Writes the model in BioTator's model file container (magic "BTREL001", format
  // version 2; load() also reads version 1, which had no per class pair thresholds).
  void save(const std::string& path) const;
  static RelationModel load(const std::string& path);

  // The prediction-only form: keeps the weights of the rows that have any (a few
  // percent of the 2^hash_bits rows) packed together, with a table from feature to
  // packed row, and frees the dense tables: a tenth of the memory (4 MB instead of 41 MB
  // at 20 hash bits). Predictions stay bit-identical: the rows left out would only add
  // zeros. load() returns compacted models; the trainer works on the dense form.
  void compact();
  bool compacted() const { return compacted_; }

  // Parameters of the dense form, laid out feature-major:
  // weights()[f * kRelationClassCount + k] (empty once compacted).
  std::vector<float>& weights() { return weights_; }
  const std::vector<float>& weights() const { return weights_; }
  std::vector<float>& novelty_weights() { return novelty_weights_; }
  const std::vector<float>& novelty_weights() const { return novelty_weights_; }
  double relation_threshold = 0.5;
  double novelty_threshold = 0.5;
  // The novelty threshold of each class pair; a negative one means novelty_threshold.
  std::array<double, kClassPairCount> pair_novelty_threshold = filled(-1.0);
  double novelty_threshold_for(ClassPair pair) const {
    const double t = pair_novelty_threshold[static_cast<size_t>(pair)];
    return t >= 0 ? t : novelty_threshold;
  }

 private:
  static constexpr std::array<double, kClassPairCount> filled(double v) {
    std::array<double, kClassPairCount> a{};
    a.fill(v);
    return a;
  }
  // Row of feature f in the packed arrays, or kNoRow when the row is all zeros.
  static constexpr uint32_t kNoRow = 0xFFFFFFFFu;
  // Rows in ascending feature order with any weight, whichever form the model is in.
  std::vector<uint32_t> nonzero_rows() const;

  uint32_t hash_bits_ = 0;
  std::vector<float> weights_;
  std::vector<float> novelty_weights_;
  // Compact form: the packed row of every feature (kNoRow: none), 4 bytes a feature
  // instead of the 40 of a dense row.
  bool compacted_ = false;
  std::vector<uint32_t> packed_row_;
  std::vector<float> packed_weights_;  // kRelationClassCount per packed row
  std::vector<float> packed_novelty_;
};

}  // namespace biotator
