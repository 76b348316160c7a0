#include "relation_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model_file.h"

namespace biotator {

namespace {

constexpr std::string_view kMagic = "BTREL001";
constexpr uint32_t kFormatVersion = 1;

}  // namespace

RelationModel::RelationModel(uint32_t hash_bits)
    : hash_bits_(hash_bits),
      weights_((size_t{1} << hash_bits) * kRelationClassCount, 0.0f),
      novelty_weights_(size_t{1} << hash_bits, 0.0f) {
  if (hash_bits < 8 || hash_bits > 26) throw std::invalid_argument("relation model: hash_bits must be in 8..26");
}

void RelationModel::class_probabilities(std::span<const uint32_t> features, ClassPair pair,
                                        std::array<double, kRelationClassCount>& probs) const {
  std::array<double, kRelationClassCount> scores{};
  // The weight table is far larger than the caches: fetch rows a few features ahead.
  constexpr size_t kAhead = 8;
  const size_t n = features.size();
  for (size_t i = 0; i < std::min(kAhead, n); ++i) __builtin_prefetch(&weights_[size_t{features[i]} * kRelationClassCount]);
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&weights_[size_t{features[i + kAhead]} * kRelationClassCount]);
    const float* w = &weights_[size_t{features[i]} * kRelationClassCount];
    for (int k = 0; k < kRelationClassCount; ++k) scores[k] += w[k];
  }
  double max_score = scores[0];
  for (int k = 1; k < kRelationClassCount; ++k)
    if (relation_type_allowed(pair, k - 1)) max_score = std::max(max_score, scores[k]);
  double total = 0.0;
  for (int k = 0; k < kRelationClassCount; ++k) {
    const bool allowed = k == 0 || relation_type_allowed(pair, k - 1);
    probs[k] = allowed ? std::exp(scores[k] - max_score) : 0.0;
    total += probs[k];
  }
  for (double& p : probs) p /= total;
}

double RelationModel::novelty_probability(std::span<const uint32_t> features) const {
  double z = 0.0;
  for (uint32_t f : features) z += novelty_weights_[f];
  return 1.0 / (1.0 + std::exp(-z));
}

RelationPrediction RelationModel::predict(const RelationCandidate& c) const {
  RelationPrediction p;
  std::array<double, kRelationClassCount> probs;
  class_probabilities(c, probs);
  p.relation_probability = 1.0 - probs[0];
  if (p.relation_probability < relation_threshold || p.relation_probability <= 0.0) {
    p.score = probs[0];
    return p;
  }
  int best = 1;
  for (int k = 2; k < kRelationClassCount; ++k)
    if (probs[k] > probs[best]) best = k;
  p.type = best - 1;
  p.score = probs[best] / p.relation_probability;
  p.novelty_probability = novelty_probability(c);
  p.novel = p.novelty_probability >= novelty_threshold;
  return p;
}

void RelationModel::save(const std::string& path) const {
  if (empty()) throw std::runtime_error(path + ": cannot save an empty relation model");
  // Sparse: only the features the training data touched have weights; the rest are 0.
  BodyWriter w;
  w.put<uint32_t>(kFormatVersion);
  w.put<uint32_t>(hash_bits_);
  w.put<uint32_t>(kRelationClassCount);
  w.put<double>(relation_threshold);
  w.put<double>(novelty_threshold);
  std::vector<uint32_t> rows;
  for (uint32_t f = 0; f < feature_count(); ++f) {
    bool nonzero = novelty_weights_[f] != 0.0f;
    for (int k = 0; k < kRelationClassCount && !nonzero; ++k) nonzero = weights_[size_t{f} * kRelationClassCount + k] != 0.0f;
    if (nonzero) rows.push_back(f);
  }
  w.put_row_indices(rows);
  for (uint32_t f : rows) w.put_array(&weights_[size_t{f} * kRelationClassCount], kRelationClassCount);
  for (uint32_t f : rows) w.put<float>(novelty_weights_[f]);
  save_model_file(path, kMagic, w.str());
}

RelationModel RelationModel::load(const std::string& path) {
  const std::string body = load_model_file(path, kMagic);
  BodyReader r(body, path);
  if (r.get<uint32_t>() != kFormatVersion) throw std::runtime_error(path + ": unsupported relation model version");
  const auto bits = r.get<uint32_t>();
  if (bits < 8 || bits > 26) throw std::runtime_error(path + ": relation model is corrupt (hash bits)");
  if (r.get<uint32_t>() != kRelationClassCount) throw std::runtime_error(path + ": relation model has another class set");
  RelationModel m(bits);
  m.relation_threshold = r.get<double>();
  m.novelty_threshold = r.get<double>();
  const std::vector<uint32_t> rows = r.get_row_indices(m.feature_count(), "relation model");
  for (uint32_t row : rows) r.get_array(&m.weights_[size_t{row} * kRelationClassCount], kRelationClassCount);
  for (uint32_t row : rows) m.novelty_weights_[row] = r.get<float>();
  if (!r.done()) throw std::runtime_error(path + ": relation model has trailing bytes");
  return m;
}

}  // namespace biotator
