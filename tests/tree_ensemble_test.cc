#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "model_file.h"
#include "tree_ensemble.h"
#include "tree_trainer.h"

namespace biotator {
namespace {

// Rows of 4 inputs with a label that no single split or sum of inputs gives (an XOR of
// two thresholds, a third input as noise), some inputs missing.
struct Data {
  std::vector<float> rows, labels;
};

Data make_data(int n, int classes, uint32_t seed, bool missing) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Data d;
  for (int i = 0; i < n; ++i) {
    const float a = u(rng), b = u(rng), c = u(rng), e = u(rng);
    d.rows.insert(d.rows.end(), {a, b, c, missing && i % 7 == 0 ? std::numeric_limits<float>::quiet_NaN() : e});
    const int x = (a > 0.5f) != (b > 0.4f) ? 1 : 0;
    d.labels.push_back(static_cast<float>(classes > 2 ? x + (e > 0.7f ? 1 : 0) * (classes - 2) : x));
  }
  return d;
}

TEST(TreeEnsemble, BinaryEqualsXGBoost) {
  const Data train = make_data(400, 2, 1, true), test = make_data(200, 2, 2, true);
  TreeTrainingOptions o;
  o.rounds = 30;
  o.max_depth = 3;
  std::vector<float> expected;
  const std::string json = train_trees_json(train.rows, 4, train.labels, {}, o, test.rows, &expected);
  const TreeEnsemble e = TreeEnsemble::from_xgboost_json(json);
  EXPECT_EQ(e.group_count(), 1);
  EXPECT_EQ(e.tree_count(), 30u);
  ASSERT_EQ(expected.size(), 200u);
  int right = 0;
  for (size_t i = 0; i < 200; ++i) {
    const std::span<const float> x(&test.rows[i * 4], 4);
    EXPECT_NEAR(e.probability(x), expected[i], 1e-6) << i;
    right += (e.probability(x) >= 0.5) == (test.labels[i] == 1.0f);
  }
  // The trees learned the XOR (a linear model could not).
  EXPECT_GT(right, 180);
}

TEST(TreeEnsemble, MulticlassEqualsXGBoost) {
  const Data train = make_data(500, 3, 3, true), test = make_data(200, 3, 4, true);
  TreeTrainingOptions o;
  o.rounds = 20;
  o.max_depth = 4;
  o.classes = 3;
  std::vector<float> expected;
  const std::string json = train_trees_json(train.rows, 4, train.labels, {}, o, test.rows, &expected);
  const TreeEnsemble e = TreeEnsemble::from_xgboost_json(json);
  ASSERT_EQ(e.group_count(), 3);
  EXPECT_EQ(e.tree_count(), 60u);
  ASSERT_EQ(expected.size(), 600u);
  for (size_t i = 0; i < 200; ++i) {
    const std::span<const float> x(&test.rows[i * 4], 4);
    std::vector<float> m(3);
    e.margins(x, m);
    double total = 0;
    for (float v : m) total += std::exp(static_cast<double>(v));
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(std::exp(static_cast<double>(m[k])) / total, expected[i * 3 + k], 1e-6) << i;
  }
}

TEST(TreeEnsemble, TrainingIsDeterministicAndRoundTrips) {
  const Data train = make_data(300, 2, 5, false);
  TreeTrainingOptions o;
  o.rounds = 15;
  const std::string first = train_trees_json(train.rows, 4, train.labels, {}, o, {}, nullptr);
  EXPECT_EQ(train_trees_json(train.rows, 4, train.labels, {}, o, {}, nullptr), first);
  // Weights matter.
  std::vector<float> weights(train.labels.size(), 1.0f);
  for (size_t i = 0; i < weights.size(); i += 3) weights[i] = 4.0f;
  EXPECT_NE(train_trees_json(train.rows, 4, train.labels, weights, o, {}, nullptr), first);

  const TreeEnsemble e = TreeEnsemble::from_xgboost_json(first);
  BodyWriter w;
  e.save(w);
  BodyReader r(w.str(), "test");
  const TreeEnsemble loaded = TreeEnsemble::load(r, "test");
  EXPECT_TRUE(r.done());
  for (size_t i = 0; i + 4 <= train.rows.size(); i += 4) {
    const std::span<const float> x(&train.rows[i], 4);
    EXPECT_EQ(loaded.margin(x, 0), e.margin(x, 0));
  }
  // A node pointing outside the nodes is corrupt, not a crash.
  std::string bytes = w.str();
  const size_t first_left = 4 + 4 + 4 + 4 + 4;  // groups, inputs, base, count, first value
  const uint32_t bad = 0xFFFFFF;
  std::memcpy(&bytes[first_left], &bad, sizeof bad);
  BodyReader corrupt(bytes, "test");
  EXPECT_THROW(TreeEnsemble::load(corrupt, "test"), std::runtime_error);
}

// The evaluation form (trees walked in blocks, then one by one) gives the very floats
// of the node walk, whatever the tree count (blocks full or not) and depth.
TEST(TreeEnsemble, EvaluationFormEqualsNodeWalk) {
  const Data train = make_data(400, 3, 7, false), test = make_data(100, 3, 8, false);
  for (int classes : {2, 3})
    for (int depth : {1, 3, 4})
      for (int rounds : {1, 7, 8, 9, 17, 30}) {
        TreeTrainingOptions o;
        o.rounds = rounds;
        o.max_depth = depth;
        o.classes = classes;
        std::vector<float> labels = train.labels;
        if (classes == 2)
          for (float& l : labels) l = l > 0 ? 1.0f : 0.0f;
        const TreeEnsemble e =
            TreeEnsemble::from_xgboost_json(train_trees_json(train.rows, 4, labels, {}, o, {}, nullptr));
        for (size_t i = 0; i + 4 <= test.rows.size(); i += 4) {
          const std::span<const float> x(&test.rows[i], 4);
          for (int g = 0; g < e.group_count(); ++g)
            ASSERT_EQ(e.margin(x, g), e.node_margin(x, g)) << classes << " " << depth << " " << rounds << " " << i;
        }
      }
}

// The evaluation form sends x >= threshold right, which a NaN threshold would turn
// around: trees with one walk the nodes (x < NaN is false: right), as XGBoost would.
TEST(TreeEnsemble, NaNThresholdWalksTheNodes) {
  const Data train = make_data(300, 2, 9, false), test = make_data(50, 2, 10, false);
  TreeTrainingOptions o;
  o.rounds = 9;
  o.max_depth = 3;
  const TreeEnsemble e = TreeEnsemble::from_xgboost_json(train_trees_json(train.rows, 4, train.labels, {}, o, {}, nullptr));
  BodyWriter w;
  e.save(w);
  std::string bytes = w.str();
  const size_t first_value = 4 + 4 + 4 + 4;  // groups, inputs, base, count: the first tree's root
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(&bytes[first_value], &nan, sizeof nan);
  BodyReader r(bytes, "test");
  const TreeEnsemble loaded = TreeEnsemble::load(r, "test");
  int differ = 0;
  for (size_t i = 0; i + 4 <= test.rows.size(); i += 4) {
    const std::span<const float> x(&test.rows[i], 4);
    ASSERT_EQ(loaded.margin(x, 0), loaded.node_margin(x, 0)) << i;
    differ += loaded.margin(x, 0) != e.margin(x, 0);
  }
  EXPECT_GT(differ, 0);  // the root's NaN sent some inputs the other way
}

TEST(TreeEnsemble, RejectsUnsupportedModels) {
  EXPECT_THROW(TreeEnsemble::from_xgboost_json(R"({"learner": {}})"), std::exception);
  const Data train = make_data(100, 2, 6, false);
  TreeTrainingOptions o;
  o.rounds = 2;
  std::string json = train_trees_json(train.rows, 4, train.labels, {}, o, {}, nullptr);
  const auto at = json.find("binary:logistic");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 15, "reg:squarederror");
  EXPECT_THROW(TreeEnsemble::from_xgboost_json(json), std::runtime_error);
}

}  // namespace
}  // namespace biotator
