// The runtime relation model: a multinomial logistic regression over hashed sparse
// features (classes: no relation + the eight BioRED types, restricted at prediction to
// the types the class pair allows), a binary logistic regression for novelty (Novel vs
// No), optionally gradient-boosted trees stacked on them (tree_ensemble.h; grown with
// XGBoost by the trainer, evaluated here without it), and the decision thresholds the
// trainer tuned by cross-validation on Train.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "relation_features.h"
#include "tree_ensemble.h"

namespace biotator {

// The most probable relation type (0..7) of class probabilities over {none, 8 types}
// (disallowed types have probability 0; the first among equals).
inline int most_probable_type(const std::array<double, kRelationClassCount>& probs) {
  int best = 1;
  for (int k = 2; k < kRelationClassCount; ++k)
    if (probs[k] > probs[best]) best = k;
  return best - 1;
}

struct RelationPrediction {
  int type = -1;              // relation type index (0..7), -1 for no relation
  // For a relation, how likely the line is right (its pair related with this type):
  // P(related) x P(type | related), calibrated by RelationModel::score_calibration when
  // the model has one. For no relation, P(no relation).
  double score = 0.0;
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
  // most probable allowed type and its score calibrated_score(that type's probability);
  // it is novel when P(Novel) reaches novelty_threshold_for(its class pair). The linear
  // model only: with trees, predict_document() applies them.
  RelationPrediction predict(const RelationCandidate& c) const;

  // Optional gradient-boosted trees stacked on the linear model (format version 3 on):
  // they read tree_inputs() (the linear model's class and novelty probabilities, the
  // class pair, the pair's dense statistics) of the candidates whose linear relation
  // probability reaches tree_gate, the others keeping the linear model's. Relation
  // trees with kRelationClassCount groups replace the class probabilities (softmax over
  // the allowed classes); with one group they replace the relation probability, the
  // type staying the linear model's. Novelty trees (one group) replace P(Novel).
  // The document around a candidate, from the linear relation probabilities of all its
  // candidates: the highest of each concept's other candidates, by how much the
  // candidate's own exceeds it, the document's candidates at 0.5 or more, its highest,
  // its candidate count.
  static constexpr int kContextCount = 7;
  using TreeContext = std::array<float, kContextCount>;
  static void tree_contexts(std::span<const double> related, std::span<const uint32_t> first,
                            std::span<const uint32_t> second, std::vector<TreeContext>& out);
  static constexpr int kTreeInputCount = 35 + kContextCount;
  static void tree_inputs(const std::array<double, kRelationClassCount>& probs, double novelty, ClassPair pair,
                          const PairStatistics& stats, const TreeContext& context,
                          std::array<float, kTreeInputCount>& out);
  // Predictions for all candidates of one document (the trees' context needs them all).
  void predict_document(std::span<const RelationCandidate> candidates, std::vector<RelationPrediction>& out) const;
  // The trees on one candidate of `pair` past the gate, from the linear model's class
  // probabilities `probs` and P(Novel) `novelty`: `probs` replaced by the relation
  // trees' when they apply; returns P(Novel) (the novelty trees' when they apply, else
  // `novelty`). predict_document() and the trainer's out-of-fold records both come
  // here, so the trees are trained on what they are applied to.
  double apply_trees(std::array<double, kRelationClassCount>& probs, double novelty, ClassPair pair,
                     const PairStatistics& stats, const TreeContext& context) const;
  TreeEnsemble relation_trees;
  TreeEnsemble novelty_trees;
  double tree_gate = 0.0;
  // The trees' share in the relation probabilities (the linear model's: 1 - tree_weight).
  double tree_weight = 1.0;
  bool has_trees() const { return !relation_trees.empty() || !novelty_trees.empty(); }

  // Writes the model in BioTator's model file container (magic "BTREL001", format
  // version 4: version 2's fields, the trees' section (empty when it has none), the
  // score calibration). load() also reads versions 1 (no per class pair thresholds), 2
  // (no trees) and 3 (trees, no calibration).
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
  // The score's calibration (format version 4): knots (raw, calibrated), raw ascending,
  // that map a predicted relation's P(related) x P(type | related) to the share of such
  // lines that are right, interpolated linearly between knots and flat beyond the ends.
  // The trainer fits it by isotonic regression on its out-of-fold predictions
  // (fit_score_calibration). Empty: the score is the raw probability.
  std::vector<std::pair<float, float>> score_calibration;
  double calibrated_score(double raw) const;
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
  // The prediction from class probabilities and P(Novel) (negative: computed here).
  RelationPrediction decide(const RelationCandidate& c, const std::array<double, kRelationClassCount>& probs,
                            double novelty) const;
  // The packed row of the features without weights: all zeros, added like any other.
  // The sums keep their bits: they start at +0.0, never become -0.0 (only -0.0 + -0.0
  // is), and x + 0.0 is x for any other x.
  static constexpr uint32_t kZeroRow = 0;
  // Rows in ascending feature order with any weight, whichever form the model is in.
  std::vector<uint32_t> nonzero_rows() const;

  uint32_t hash_bits_ = 0;
  std::vector<float> weights_;
  std::vector<float> novelty_weights_;
  // Compact form: the packed row of every feature (kZeroRow: none), 4 bytes a feature
  // instead of the 40 of a dense row.
  bool compacted_ = false;
  std::vector<uint32_t> packed_row_;
  std::vector<float> packed_weights_;  // kRelationClassCount per packed row
  std::vector<float> packed_novelty_;
};

}  // namespace biotator
