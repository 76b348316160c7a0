#include "relation_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "model_file.h"
#include "vector_clones.h"

namespace biotator {

namespace {

constexpr std::string_view kMagic = "BTREL001";
constexpr uint32_t kFormatVersion = 2;

}  // namespace

RelationModel::RelationModel(uint32_t hash_bits)
    : hash_bits_(hash_bits),
      weights_((size_t{1} << hash_bits) * kRelationClassCount, 0.0f),
      novelty_weights_(size_t{1} << hash_bits, 0.0f) {
  if (hash_bits < 8 || hash_bits > 26) throw std::invalid_argument("relation model: hash_bits must be in 8..26");
}

namespace {

// Nine class scores as two vectors of four doubles and one double: each lane adds its
// class's weights in feature order, as the scalar loop did, so the sums are the same
// bits; the vectors make GCC convert and add four weights at once (two SSE2 or one AVX2
// instruction each).
typedef double Double4 __attribute__((vector_size(32)));
typedef float Float4 __attribute__((vector_size(16)));
static_assert(kRelationClassCount == 9, "add_row handles 4 + 4 + 1 classes");

[[gnu::always_inline]] inline void add_row(const float* w, Double4& low, Double4& high, double& last) {
  Float4 a, b;
  std::memcpy(&a, w, sizeof a);
  std::memcpy(&b, w + 4, sizeof b);
  low += __builtin_convertvector(a, Double4);
  high += __builtin_convertvector(b, Double4);
  last += w[8];
}

[[gnu::always_inline]] inline void store_scores(const Double4& low, const Double4& high, double last,
                                                std::array<double, kRelationClassCount>& scores) {
  for (int k = 0; k < 4; ++k) {
    scores[k] = low[k];
    scores[4 + k] = high[k];
  }
  scores[8] = last;
}

}  // namespace

// With an AVX2 clone (vector_clones.h): the per-feature adds of nine float weights into
// double scores take half the instructions.
BIOTATOR_VECTOR_CLONES void RelationModel::class_probabilities(std::span<const uint32_t> features, ClassPair pair,
                                                               std::array<double, kRelationClassCount>& probs) const {
  std::array<double, kRelationClassCount> scores{};
  const size_t n = features.size();
  if (compacted_) {
    Double4 low{}, high{};
    double last = 0.0;
    constexpr size_t kAhead = 8;
    for (size_t i = 0; i < std::min(kAhead, n); ++i) __builtin_prefetch(&packed_row_[features[i]]);
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) __builtin_prefetch(&packed_row_[features[i + kAhead]]);
      const uint32_t row = packed_row_[features[i]];
      if (row == kNoRow) continue;
      add_row(&packed_weights_[static_cast<size_t>(row) * kRelationClassCount], low, high, last);
    }
    store_scores(low, high, last, scores);
  } else {
    // The weight table is far larger than the caches: fetch rows a few features ahead.
    constexpr size_t kAhead = 8;
    for (size_t i = 0; i < std::min(kAhead, n); ++i) __builtin_prefetch(&weights_[size_t{features[i]} * kRelationClassCount]);
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) __builtin_prefetch(&weights_[size_t{features[i + kAhead]} * kRelationClassCount]);
      const float* w = &weights_[size_t{features[i]} * kRelationClassCount];
      for (int k = 0; k < kRelationClassCount; ++k) scores[k] += w[k];
    }
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
  if (compacted_) {
    for (uint32_t f : features)
      if (const uint32_t row = packed_row_[f]; row != kNoRow) z += packed_novelty_[row];
  } else {
    for (uint32_t f : features) z += novelty_weights_[f];
  }
  return 1.0 / (1.0 + std::exp(-z));
}

std::vector<uint32_t> RelationModel::nonzero_rows() const {
  std::vector<uint32_t> rows;
  if (compacted_) {
    for (uint32_t f = 0; f < packed_row_.size(); ++f)
      if (packed_row_[f] != kNoRow) rows.push_back(f);
    return rows;
  }
  for (uint32_t f = 0; f < feature_count(); ++f) {
    bool nonzero = novelty_weights_[f] != 0.0f;
    for (int k = 0; k < kRelationClassCount && !nonzero; ++k) nonzero = weights_[size_t{f} * kRelationClassCount + k] != 0.0f;
    if (nonzero) rows.push_back(f);
  }
  return rows;
}

void RelationModel::compact() {
  if (compacted_ || empty()) return;
  const std::vector<uint32_t> rows = nonzero_rows();
  packed_row_.assign(feature_count(), kNoRow);
  packed_weights_.resize(rows.size() * kRelationClassCount);
  packed_novelty_.resize(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const uint32_t f = rows[r];
    packed_row_[f] = static_cast<uint32_t>(r);
    std::copy_n(&weights_[size_t{f} * kRelationClassCount], kRelationClassCount, &packed_weights_[r * kRelationClassCount]);
    packed_novelty_[r] = novelty_weights_[f];
  }
  std::vector<float>().swap(weights_);
  std::vector<float>().swap(novelty_weights_);
  compacted_ = true;
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
  p.novel = p.novelty_probability >= novelty_threshold_for(c.class_pair);
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
  w.put_array(pair_novelty_threshold.data(), pair_novelty_threshold.size());
  const std::vector<uint32_t> rows = nonzero_rows();
  w.put_row_indices(rows);
  for (size_t r = 0; r < rows.size(); ++r)
    w.put_array(compacted_ ? &packed_weights_[r * kRelationClassCount] : &weights_[size_t{rows[r]} * kRelationClassCount],
                kRelationClassCount);
  for (size_t r = 0; r < rows.size(); ++r) w.put<float>(compacted_ ? packed_novelty_[r] : novelty_weights_[rows[r]]);
  save_model_file(path, kMagic, w.str());
}

RelationModel RelationModel::load(const std::string& path) {
  const std::string body = load_model_file(path, kMagic);
  BodyReader r(body, path);
  const auto version = r.get<uint32_t>();
  if (version != 1 && version != kFormatVersion) throw std::runtime_error(path + ": unsupported relation model version");
  const auto bits = r.get<uint32_t>();
  if (bits < 8 || bits > 26) throw std::runtime_error(path + ": relation model is corrupt (hash bits)");
  if (r.get<uint32_t>() != kRelationClassCount) throw std::runtime_error(path + ": relation model has another class set");
  // Read straight into the compact form: the dense tables are never allocated.
  RelationModel m;
  m.hash_bits_ = bits;
  m.relation_threshold = r.get<double>();
  m.novelty_threshold = r.get<double>();
  if (version >= 2) r.get_array(m.pair_novelty_threshold.data(), m.pair_novelty_threshold.size());
  const std::vector<uint32_t> rows = r.get_row_indices(m.feature_count(), "relation model");
  m.packed_row_.assign(m.feature_count(), kNoRow);
  for (size_t k = 0; k < rows.size(); ++k) m.packed_row_[rows[k]] = static_cast<uint32_t>(k);
  m.packed_weights_.resize(rows.size() * kRelationClassCount);
  r.get_array(m.packed_weights_.data(), m.packed_weights_.size());
  m.packed_novelty_.resize(rows.size());
  r.get_array(m.packed_novelty_.data(), m.packed_novelty_.size());
  if (!r.done()) throw std::runtime_error(path + ": relation model has trailing bytes");
  m.compacted_ = true;
  return m;
}

}  // namespace biotator
