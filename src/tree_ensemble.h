// A gradient-boosted tree ensemble evaluated without XGBoost: the trees that the trainer
// grows with XGBoost (tree_trainer.h), read from XGBoost's JSON model once and kept as
// compact node arrays. Margins are summed in float, tree by tree, from the base margin,
// as XGBoost's CPU predictor sums them, so predictions equal XGBoost's.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace biotator {

class BodyReader;
class BodyWriter;

class TreeEnsemble {
 public:
  bool empty() const { return roots_.empty(); }
  // Outputs: 1 for a binary (logistic) model, the class count for a multiclass one.
  int group_count() const { return groups_; }
  int input_count() const { return inputs_; }
  size_t tree_count() const { return roots_.size(); }
  size_t node_count() const { return nodes_.size(); }

  // Margin of output `group` for the inputs `x` (input_count() values; NaN is missing).
  float margin(std::span<const float> x, int group) const;
  // margin() by walking the nodes, as for inputs with a NaN: the reference that tests
  // compare the faster evaluation form with (the same floats).
  float node_margin(std::span<const float> x, int group) const;
  // All groups' margins into `out` (group_count() values).
  void margins(std::span<const float> x, std::span<float> out) const;
  // 1 / (1 + exp(-margin)) of a binary model.
  double probability(std::span<const float> x) const;

  // From a model XGBoost saved as JSON (XGBoosterSaveModelToBuffer, "format": "json"):
  // gbtree booster, objective binary:logistic or multi:softprob / multi:softmax. Throws
  // std::runtime_error on anything else.
  static TreeEnsemble from_xgboost_json(std::string_view json);

  void save(BodyWriter& w) const;
  // Throws std::runtime_error naming `what` when the data is inconsistent.
  static TreeEnsemble load(BodyReader& r, std::string_view what);

 private:
  // Leaf: feature == kLeaf and value the leaf's value. Split: go to `left` when
  // x[feature] < value, or when x[feature] is NaN and default_left; else to left + 1.
  static constexpr uint16_t kLeaf = 0xFFFF;
  struct Node {
    float value = 0.0f;
    uint32_t left = 0;  // index in nodes_ (absolute)
    uint16_t feature = kLeaf;
    uint8_t default_left = 0;
    uint8_t pad = 0;
  };
  float tree_value(uint32_t root, std::span<const float> x) const;
  // The evaluation form (built by finalize()): every tree padded to a complete tree of
  // depth_ levels (a leaf above the last level becomes splits whose every leaf holds its
  // value), laid out implicitly (children of split k: 2k+1, 2k+2), so a walk is depth_
  // steps without child indices or leaf tests. Only for depth_ <= kMaxImplicitDepth,
  // thresholds that are numbers and inputs without NaN (it has no default directions);
  // otherwise margin() walks the nodes.
  static constexpr int kMaxImplicitDepth = 8;
  void finalize();
  int depth_ = -1;
  struct Split {
    float value;
    uint32_t feature;
  };
  // Trees in group_trees_ order (each group's trees contiguous).
  std::vector<Split> splits_;        // per tree 2^depth_ - 1
  std::vector<float> leaf_value_;    // per tree 2^depth_
  template <int kDepth>
  float implicit_sum(const float* x, int group) const;

  int groups_ = 0;
  int inputs_ = 0;
  float base_margin_ = 0.0f;
  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;
  // Trees of each group in order: group_trees_[group_begin_[g] .. group_begin_[g+1]).
  std::vector<uint32_t> group_trees_;
  std::vector<uint32_t> group_begin_;
};

}  // namespace biotator
