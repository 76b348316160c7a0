// Grows gradient-boosted trees with XGBoost (the C API of libxgboost, used only here, at
// training time) and returns them as a TreeEnsemble, which the runtime evaluates without
// XGBoost. Deterministic: one thread, a fixed seed, the exact tree method and no
// subsampling, so the same data gives the same trees on every run.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tree_ensemble.h"

namespace biotator {

struct TreeTrainingOptions {
  int rounds = 100;
  int max_depth = 4;
  double eta = 0.1;
  double min_child_weight = 1.0;
  double lambda = 1.0;    // L2 on leaf values
  double gamma = 0.0;     // minimum loss reduction to split
  uint64_t seed = 20240917;
  int classes = 2;        // 2: binary:logistic (labels 0/1); more: multi:softprob
};

// Trees on `rows` (row-major, `columns` values per row, NaN missing) with `labels`
// (0..classes-1) and `weights` (empty: all 1). Throws std::runtime_error with XGBoost's
// message on failure.
TreeEnsemble train_trees(std::span<const float> rows, size_t columns, std::span<const float> labels,
                         std::span<const float> weights, const TreeTrainingOptions& options);

// The same model as XGBoost's JSON (for tests comparing TreeEnsemble to XGBoost), and
// XGBoost's own predictions for `rows` (probabilities: one per row for binary, `classes`
// per row for multiclass).
std::string train_trees_json(std::span<const float> rows, size_t columns, std::span<const float> labels,
                             std::span<const float> weights, const TreeTrainingOptions& options,
                             std::span<const float> predict_rows, std::vector<float>* predictions);

}  // namespace biotator
