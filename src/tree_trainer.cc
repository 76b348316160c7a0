#include "tree_trainer.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <xgboost/c_api.h>

namespace biotator {

namespace {

void check(int rc) {
  if (rc != 0) throw std::runtime_error(std::string("XGBoost: ") + XGBGetLastError());
}

struct Matrix {
  DMatrixHandle h = nullptr;
  Matrix(std::span<const float> rows, size_t columns) {
    check(XGDMatrixCreateFromMat(rows.data(), rows.size() / columns, columns, std::numeric_limits<float>::quiet_NaN(), &h));
  }
  ~Matrix() {
    if (h) XGDMatrixFree(h);
  }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
};

struct Booster {
  BoosterHandle h = nullptr;
  explicit Booster(DMatrixHandle train) { check(XGBoosterCreate(&train, 1, &h)); }
  ~Booster() {
    if (h) XGBoosterFree(h);
  }
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;
  void set(const char* name, const std::string& value) { check(XGBoosterSetParam(h, name, value.c_str())); }
};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string train(std::span<const float> rows, size_t columns, std::span<const float> labels,
                  std::span<const float> weights, const TreeTrainingOptions& options,
                  std::span<const float> predict_rows, std::vector<float>* predictions) {
  if (columns == 0 || rows.size() != labels.size() * columns || (!weights.empty() && weights.size() != labels.size()))
    throw std::invalid_argument("train_trees: rows, labels and weights do not match");
  Matrix data(rows, columns);
  check(XGDMatrixSetFloatInfo(data.h, "label", labels.data(), labels.size()));
  if (!weights.empty()) check(XGDMatrixSetFloatInfo(data.h, "weight", weights.data(), weights.size()));
  Booster b(data.h);
  b.set("nthread", "1");
  b.set("verbosity", "0");
  b.set("seed", std::to_string(options.seed % 2147483647));
  b.set("tree_method", "exact");
  b.set("max_depth", std::to_string(options.max_depth));
  b.set("eta", number(options.eta));
  b.set("min_child_weight", number(options.min_child_weight));
  b.set("lambda", number(options.lambda));
  b.set("gamma", number(options.gamma));
  b.set("subsample", "1");
  b.set("colsample_bytree", "1");
  b.set("base_score", "0.5");
  if (options.classes > 2) {
    b.set("objective", "multi:softprob");
    b.set("num_class", std::to_string(options.classes));
  } else {
    b.set("objective", "binary:logistic");
  }
  for (int round = 0; round < options.rounds; ++round) check(XGBoosterUpdateOneIter(b.h, round, data.h));
  if (predictions) {
    Matrix p(predict_rows, columns);
    bst_ulong n = 0;
    const float* out = nullptr;
    check(XGBoosterPredict(b.h, p.h, 0, 0, 0, &n, &out));
    predictions->assign(out, out + n);
  }
  bst_ulong length = 0;
  const char* json = nullptr;
  check(XGBoosterSaveModelToBuffer(b.h, R"({"format": "json"})", &length, &json));
  return std::string(json, length);
}

}  // namespace

TreeEnsemble train_trees(std::span<const float> rows, size_t columns, std::span<const float> labels,
                         std::span<const float> weights, const TreeTrainingOptions& options) {
  return TreeEnsemble::from_xgboost_json(train(rows, columns, labels, weights, options, {}, nullptr));
}

std::string train_trees_json(std::span<const float> rows, size_t columns, std::span<const float> labels,
                             std::span<const float> weights, const TreeTrainingOptions& options,
                             std::span<const float> predict_rows, std::vector<float>* predictions) {
  return train(rows, columns, labels, weights, options, predict_rows, predictions);
}

}  // namespace biotator
