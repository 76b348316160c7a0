// A linear-chain sequence labeler: per-token label scores from sparse hashed features
// plus label-to-label transition scores, decoded with Viterbi under the BIOES
// constraints (I/E must continue a B/I of the same type). The runtime half of the NER;
// sequence_trainer.h learns its weights.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ner_features.h"

namespace biotator {

// BIOES labels over the entity types: label 0 is O, then for type t and position p
// (B=0, I=1, E=2, S=3) label 1 + 4t + p.
struct BioesLabels {
  static int label(int type, int position) { return 1 + 4 * type + position; }
  static int type_of(int label) { return (label - 1) / 4; }
  static int position_of(int label) { return (label - 1) % 4; }
  static int count(int types) { return 1 + 4 * types; }
  // Whether `to` may follow `from` (from = -1: sequence start).
  static bool allowed(int from, int to);
  // Whether a sequence may end with `label`.
  static bool can_end(int label);
};

class SequenceModel {
 public:
  SequenceModel() = default;
  // `types`: names of the entity types, in label order.
  explicit SequenceModel(std::vector<std::string> types);

  const std::vector<std::string>& types() const { return types_; }
  int label_count() const { return label_count_; }

  // Builds the lookup table from (feature, label, weight) triples; `transitions` has
  // (label_count+1) x label_count entries, row label_count being the start state.
  void set_weights(std::vector<uint64_t> features, std::vector<uint32_t> row_offsets,
                   std::vector<uint8_t> labels, std::vector<float> weights, std::vector<float> transitions);

  // Replaces the transition scores ((label_count+1) x label_count; forbidden ones are
  // re-applied). The perceptron decodes with its current weights through this.
  void set_transitions(const std::vector<float>& transitions);

  // Adds each label's emission score for every token: scores[t * label_count + y].
  void emission_scores(const FeatureSequence& seq, std::vector<float>& scores) const;
  // Best label sequence (Viterbi) given emission scores.
  void viterbi(const std::vector<float>& emissions, size_t length, std::vector<uint8_t>& out) const;
  void decode(const FeatureSequence& seq, std::vector<uint8_t>& out) const;

  size_t feature_count() const { return features_.size(); }
  size_t weight_count() const { return weights_.size(); }

  void save(const std::string& path) const;
  static SequenceModel load(const std::string& path);

  // The mean of several models over the same labels (weights absent from a model count
  // as zero): averaging perceptrons trained on different shuffles of the data removes
  // much of the shuffle's noise.
  static SequenceModel average(const std::vector<SequenceModel>& models);

  // A copy without the weights whose magnitude is below `min_abs_weight` (and without
  // the features left with none): a smaller table, fewer cache misses per token.
  SequenceModel pruned(float min_abs_weight) const;

 private:
  void build_table();
  uint64_t slot_of(uint64_t feature) const { return (feature * 0x9E3779B97F4A7C15ULL) >> table_shift_; }

  // One open-addressing slot: the key and where its weights are, together so that a
  // lookup costs one cache miss for the slot and one for the weights.
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0;  // into packed_, or the dense row's index (kDenseRow)
    uint32_t count = 0;  // 0: empty slot; kDenseRow: a dense row of kDenseWidth floats
  };
  static constexpr uint32_t kDenseRow = 0xFFFFFFFFu;
  struct Weight {
    uint32_t label;
    float value;
  };
  // The table slot holding a feature hash, or nullptr.
  const Slot* find(uint64_t feature) const;
  std::vector<std::string> types_;
  int label_count_ = 0;
  std::vector<uint64_t> features_;     // sorted feature hashes
  std::vector<uint32_t> row_offsets_;  // features_.size()+1: weights of feature i at [off[i], off[i+1])
  std::vector<uint8_t> labels_;
  std::vector<float> weights_;
  std::vector<float> transitions_;     // (label_count+1) x label_count, -inf where not allowed
  // The allowed transitions into label y, in label order, for Viterbi:
  // pred_from_/pred_score_[pred_offsets_[y] .. pred_offsets_[y+1]).
  std::vector<uint32_t> pred_offsets_;
  std::vector<uint32_t> pred_from_;
  std::vector<float> pred_score_;
  // BIOES decoding as vectors (models of up to kMaxGroupedTypes types): the labels that
  // open a mention or stand outside one (O, B-t, S-t: grouped_targets_) all have the
  // same predecessors, the labels that close a mention or stand outside one (O, E-t,
  // S-t: grouped_sources_, in label order), while I-t and E-t follow only B-t or I-t.
  // grouped_scores_ holds, for source i, its transition scores into every target as
  // one row of kGroupWidth floats.
  static constexpr int kGroupWidth = 16;
  static constexpr int kMaxGroupedTypes = (kGroupWidth - 1) / 2;
  bool grouped_ = false;
  std::vector<uint32_t> grouped_sources_, grouped_targets_;
  std::vector<float> grouped_scores_;
  void viterbi_grouped(const std::vector<float>& emissions, size_t n, float* score, uint8_t* back) const;
  std::vector<Slot> table_;  // open addressing over features_
  // Emission weights in two forms, for models of fewer than kDenseWidth labels (larger
  // ones keep every row sparse, of any length). The features a token hits most (bias,
  // shapes, frequent words) carry weights for nearly every label: rows of more than
  // kSparseWidth weights are dense vectors of kDenseWidth floats (dense_, zeros where
  // the row has no weight), added as whole vectors. The other rows (most of the
  // features) are (label, weight) lists padded to kSparseWidth entries with zero
  // weights on the unused label kDenseWidth-1, so that adding one is a fixed loop.
  static constexpr uint32_t kDenseWidth = 32;
  static constexpr uint32_t kSparseWidth = 4;
  bool short_rows_ = false;
  std::vector<Weight> packed_;
  std::vector<float> dense_;
  uint64_t table_mask_ = 0;
  int table_shift_ = 64;
};

}  // namespace biotator
