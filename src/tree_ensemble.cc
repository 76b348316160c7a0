#include "tree_ensemble.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "model_file.h"

namespace biotator {

float TreeEnsemble::tree_value(uint32_t root, std::span<const float> x) const {
  const Node* nodes = nodes_.data();
  const float* in = x.data();
  uint32_t i = root;
  for (;;) {
    const Node& n = nodes[i];
    if (n.feature == kLeaf) return n.value;
    const float v = in[n.feature];
    // NaN compares false: it goes right unless the node sends missing values left.
    const bool left = v < n.value || (n.default_left != 0 && std::isnan(v));
    i = n.left + (left ? 0u : 1u);
  }
}

template <int kDepth>
float TreeEnsemble::implicit_sum(const float* x, int group) const {
  constexpr size_t kSplits = (size_t{1} << kDepth) - 1, kLeaves = kSplits + 1;
  float sum = base_margin_;
  // The group's trees lie one after another (finalize()), so the trees of a block are
  // at constant offsets from one pointer.
  const size_t first = group_begin_[group], end = group_begin_[group + 1];
  const Split* split = &splits_[first * kSplits];
  const float* leaf = &leaf_value_[first * kLeaves];
  size_t t = first;
  // Eight trees walked in step: a walk is a chain of dependent loads (split, input,
  // next split), so independent walks overlap in the processor; with the trees at
  // constant offsets the eight positions stay in registers (relation_bench: 0.71
  // of the instructions of four trees in step through group_trees_). Leaves are still
  // added in tree order: the same float sum.
  constexpr size_t kBlock = 8;
  for (; t + kBlock <= end; t += kBlock, split += kBlock * kSplits, leaf += kBlock * kLeaves) {
    // size_t positions and unrolled levels: each step's loads address the split
    // directly (no zero extension, no address computation).
    size_t i[kBlock] = {};
#pragma GCC unroll 8
    for (int d = 0; d < kDepth; ++d)
#pragma GCC unroll 8
      for (size_t j = 0; j < kBlock; ++j) {
        // Right (2i + 2) when x >= value: without NaN (margin() and finalize() see to
        // it) the same as not x < value, and a flag added to 2i + 1 where choosing
        // between 1 and 2 took constants in registers, and spills (relation_bench: a
        // fifth fewer instructions in the trees).
        const Split& s = split[j * kSplits + i[j]];
        i[j] = 2 * i[j] + 1 + (x[s.feature] >= s.value);
      }
    for (size_t j = 0; j < kBlock; ++j) sum += leaf[j * kLeaves + (i[j] - kSplits)];
  }
  for (; t < end; ++t, split += kSplits, leaf += kLeaves) {
    uint32_t i = 0;
    for (int d = 0; d < kDepth; ++d) i = 2 * i + 1 + (x[split[i].feature] >= split[i].value);
    sum += leaf[i - kSplits];
  }
  return sum;
}

float TreeEnsemble::margin(std::span<const float> x, int group) const {
  // The implicit form ignores default directions: inputs with a NaN walk the nodes.
  // An unsigned accumulator: GCC vectorizes this loop (four inputs a comparison), not
  // the same loop over a bool (one input a comparison and a branch).
  unsigned missing = 0;
  for (int k = 0; k < inputs_; ++k) missing |= std::isnan(x[k]) ? 1u : 0u;
  if (depth_ >= 0 && missing == 0) {
    switch (depth_) {
      case 0: return implicit_sum<0>(x.data(), group);
      case 1: return implicit_sum<1>(x.data(), group);
      case 2: return implicit_sum<2>(x.data(), group);
      case 3: return implicit_sum<3>(x.data(), group);
      case 4: return implicit_sum<4>(x.data(), group);
      case 5: return implicit_sum<5>(x.data(), group);
      case 6: return implicit_sum<6>(x.data(), group);
      case 7: return implicit_sum<7>(x.data(), group);
      case 8: return implicit_sum<8>(x.data(), group);
      default: break;
    }
  }
  return node_margin(x, group);
}

float TreeEnsemble::node_margin(std::span<const float> x, int group) const {
  float sum = base_margin_;
  for (uint32_t k = group_begin_[group]; k < group_begin_[group + 1]; ++k) sum += tree_value(roots_[group_trees_[k]], x);
  return sum;
}

void TreeEnsemble::finalize() {
  depth_ = -1;
  splits_.clear();
  leaf_value_.clear();
  // Depth of each tree (its nodes' children lie after them).
  int depth = 0;
  for (uint32_t root : roots_) {
    std::vector<std::pair<uint32_t, int>> stack{{root, 0}};
    while (!stack.empty()) {
      const auto [i, d] = stack.back();
      stack.pop_back();
      if (nodes_[i].feature == kLeaf) {
        depth = std::max(depth, d);
        continue;
      }
      // Too deep, or a NaN threshold (never from XGBoost), which the implicit walk's
      // x >= value would send the other way: walk the nodes.
      if (d >= kMaxImplicitDepth || std::isnan(nodes_[i].value)) return;
      stack.push_back({nodes_[i].left, d + 1});
      stack.push_back({nodes_[i].left + 1, d + 1});
    }
  }
  const uint32_t splits = (1u << depth) - 1;
  splits_.assign(roots_.size() * splits, Split{0.0f, 0});
  leaf_value_.assign(roots_.size() * (splits + 1), 0.0f);
  // Trees in group order (group_trees_), so that each group's trees are contiguous.
  for (size_t t = 0; t < group_trees_.size(); ++t) {
    // (node, implicit position) pairs; a leaf above the last level fills every leaf
    // slot below its position, and the splits there (feature 0, value 0) may go either way.
    std::vector<std::pair<uint32_t, uint32_t>> stack{{roots_[group_trees_[t]], 0}};
    while (!stack.empty()) {
      const auto [i, pos] = stack.back();
      stack.pop_back();
      const Node& n = nodes_[i];
      if (pos < splits && n.feature != kLeaf) {
        splits_[t * splits + pos] = Split{n.value, n.feature};
        stack.push_back({n.left, 2 * pos + 1});
        stack.push_back({n.left + 1, 2 * pos + 2});
        continue;
      }
      // A leaf at `pos`: its slots on the last level are [first, first + width).
      uint32_t first = pos, width = 1;
      while (first < splits) {
        first = 2 * first + 1;
        width *= 2;
      }
      for (uint32_t k = 0; k < width; ++k) leaf_value_[t * (splits + 1) + (first - splits) + k] = n.value;
    }
  }
  depth_ = depth;
}

void TreeEnsemble::margins(std::span<const float> x, std::span<float> out) const {
  for (int g = 0; g < groups_; ++g) out[g] = margin(x, g);
}

double TreeEnsemble::probability(std::span<const float> x) const {
  return 1.0 / (1.0 + std::exp(-static_cast<double>(margin(x, 0))));
}

namespace {

int int_of(const nlohmann::json& v) {
  if (v.is_string()) return std::stoi(v.get<std::string>());
  return v.get<int>();
}

float float_of(const nlohmann::json& v) {
  if (v.is_string()) return std::stof(v.get<std::string>());
  return v.get<float>();
}

}  // namespace

TreeEnsemble TreeEnsemble::from_xgboost_json(std::string_view text) {
  const auto fail = [](const std::string& what) { throw std::runtime_error("XGBoost model: " + what); };
  const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end());
  const nlohmann::json& learner = doc.at("learner");
  const std::string objective = learner.at("objective").at("name").get<std::string>();
  const nlohmann::json& param = learner.at("learner_model_param");
  const float base_score = float_of(param.at("base_score"));
  TreeEnsemble e;
  e.inputs_ = int_of(param.at("num_feature"));
  const int classes = int_of(param.at("num_class"));
  if (objective == "binary:logistic") {
    if (classes > 1) fail("binary objective with several classes");
    e.groups_ = 1;
    e.base_margin_ = -std::log(1.0f / base_score - 1.0f);  // XGBoost's ProbToMargin, in float
  } else if (objective == "multi:softprob" || objective == "multi:softmax") {
    e.groups_ = classes;
    e.base_margin_ = base_score;
  } else {
    fail("unsupported objective " + objective);
  }
  if (e.inputs_ <= 0 || e.inputs_ >= kLeaf || e.groups_ <= 0) fail("bad shape");
  const nlohmann::json& booster = learner.at("gradient_booster");
  if (booster.at("name").get<std::string>() != "gbtree") fail("only gbtree boosters");
  const nlohmann::json& model = booster.at("model");
  const nlohmann::json& trees = model.at("trees");
  const nlohmann::json& tree_info = model.at("tree_info");
  if (tree_info.size() != trees.size()) fail("tree_info does not match the trees");
  std::vector<int> group_of(trees.size());
  for (size_t t = 0; t < trees.size(); ++t) {
    const nlohmann::json& tree = trees[t];
    const auto& left = tree.at("left_children");
    const auto& right = tree.at("right_children");
    const auto& feature = tree.at("split_indices");
    const auto& condition = tree.at("split_conditions");
    const auto& default_left = tree.at("default_left");
    const size_t n = left.size();
    if (n == 0 || right.size() != n || feature.size() != n || condition.size() != n || default_left.size() != n)
      fail("inconsistent tree arrays");
    // Renumber so that each split's children are adjacent (right = left + 1): node
    // order is breadth first from the root.
    const auto base = static_cast<uint32_t>(e.nodes_.size());
    std::vector<int> order{0};
    std::vector<uint32_t> slot(n, UINT32_MAX);
    slot[0] = 0;
    for (size_t k = 0; k < order.size(); ++k) {
      const int id = order[k];
      const int l = left[id].get<int>(), r = right[id].get<int>();
      if (l < 0) continue;
      if (l >= static_cast<int>(n) || r < 0 || r >= static_cast<int>(n) || slot[l] != UINT32_MAX || slot[r] != UINT32_MAX)
        fail("malformed tree");
      slot[l] = static_cast<uint32_t>(order.size());
      order.push_back(l);
      slot[r] = static_cast<uint32_t>(order.size());
      order.push_back(r);
    }
    e.nodes_.resize(base + order.size());
    for (size_t k = 0; k < order.size(); ++k) {
      const int id = order[k];
      Node& node = e.nodes_[base + k];
      node.value = condition[id].get<float>();
      const int l = left[id].get<int>();
      if (l < 0) continue;
      const int f = feature[id].get<int>();
      if (f < 0 || f >= e.inputs_) fail("split on an unknown feature");
      node.feature = static_cast<uint16_t>(f);
      node.default_left = default_left[id].get<int>() != 0 ? 1 : 0;
      node.left = base + slot[l];
    }
    e.roots_.push_back(base);
    group_of[t] = tree_info[t].get<int>();
    if (group_of[t] < 0 || group_of[t] >= e.groups_) fail("tree of an unknown class");
  }
  e.group_begin_.assign(static_cast<size_t>(e.groups_) + 1, 0);
  for (int g = 0; g < e.groups_; ++g) {
    e.group_begin_[g] = static_cast<uint32_t>(e.group_trees_.size());
    for (size_t t = 0; t < trees.size(); ++t)
      if (group_of[t] == g) e.group_trees_.push_back(static_cast<uint32_t>(t));
  }
  e.group_begin_[e.groups_] = static_cast<uint32_t>(e.group_trees_.size());
  e.finalize();
  return e;
}

void TreeEnsemble::save(BodyWriter& w) const {
  w.put<uint32_t>(static_cast<uint32_t>(groups_));
  w.put<uint32_t>(static_cast<uint32_t>(inputs_));
  w.put<float>(base_margin_);
  w.put<uint32_t>(static_cast<uint32_t>(nodes_.size()));
  for (const Node& n : nodes_) {
    w.put<float>(n.value);
    w.put<uint32_t>(n.left);
    w.put<uint16_t>(n.feature);
    w.put<uint8_t>(n.default_left);
  }
  w.put<uint32_t>(static_cast<uint32_t>(roots_.size()));
  w.put_array(roots_.data(), roots_.size());
  w.put_array(group_trees_.data(), group_trees_.size());
  w.put_array(group_begin_.data(), group_begin_.size());
}

TreeEnsemble TreeEnsemble::load(BodyReader& r, std::string_view what) {
  const auto fail = [&]() { throw std::runtime_error(std::string(what) + " is corrupt (trees)"); };
  TreeEnsemble e;
  e.groups_ = static_cast<int>(r.get<uint32_t>());
  e.inputs_ = static_cast<int>(r.get<uint32_t>());
  e.base_margin_ = r.get<float>();
  if (e.groups_ <= 0 || e.groups_ > 64 || e.inputs_ <= 0 || e.inputs_ >= kLeaf) fail();
  const auto nodes = r.get<uint32_t>();
  if (nodes > (1u << 26)) fail();
  e.nodes_.resize(nodes);
  for (Node& n : e.nodes_) {
    n.value = r.get<float>();
    n.left = r.get<uint32_t>();
    n.feature = r.get<uint16_t>();
    n.default_left = r.get<uint8_t>();
  }
  const auto trees = r.get<uint32_t>();
  if (trees > nodes) fail();
  e.roots_.resize(trees);
  r.get_array(e.roots_.data(), trees);
  e.group_trees_.resize(trees);
  r.get_array(e.group_trees_.data(), trees);
  e.group_begin_.resize(static_cast<size_t>(e.groups_) + 1);
  r.get_array(e.group_begin_.data(), e.group_begin_.size());
  // Every walk must stay inside the arrays and end: children lie after their parent.
  for (uint32_t i = 0; i < nodes; ++i) {
    const Node& n = e.nodes_[i];
    if (n.feature == kLeaf) continue;
    if (n.feature >= e.inputs_ || n.left <= i || n.left + 1 >= nodes) fail();
  }
  for (uint32_t root : e.roots_)
    if (root >= nodes) fail();
  for (uint32_t t : e.group_trees_)
    if (t >= trees) fail();
  if (e.group_begin_.front() != 0 || e.group_begin_.back() != trees) fail();
  for (int g = 0; g < e.groups_; ++g)
    if (e.group_begin_[g] > e.group_begin_[g + 1]) fail();
  e.finalize();
  return e;
}

}  // namespace biotator
