#include "relation_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model_file.h"
#include "vector_clones.h"

namespace biotator {

namespace {

constexpr std::string_view kMagic = "BTREL001";
constexpr uint32_t kThresholdFormatVersion = 2;  // per class pair novelty thresholds
constexpr uint32_t kTreeFormatVersion = 3;       // version 2 followed by the trees
constexpr uint32_t kFormatVersion = 4;           // the trees' section always, then the calibration

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
static_assert(kRelationClassCount == 9, "add_row handles 4 + 4 + 1 classes");

// The weights converted as vector initializers: GCC then converts four at once straight
// from memory (one vcvtps2pd each), where __builtin_convertvector of a Float4 became two
// loads, four two-lane conversions and two inserts (the same doubles either way).
[[gnu::always_inline]] inline void add_row(const float* w, Double4& low, Double4& high, double& last) {
  low += Double4{w[0], w[1], w[2], w[3]};
  high += Double4{w[4], w[5], w[6], w[7]};
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

// probs = the softmax of `scores` over "no relation" and the types `pair` allows; the
// other types get 0.
void softmax_over_allowed(const std::array<double, kRelationClassCount>& scores, ClassPair pair,
                          std::array<double, kRelationClassCount>& probs) {
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

}  // namespace

// With an AVX2 clone (vector_clones.h): the per-feature adds of nine float weights into
// double scores take half the instructions.
BIOTATOR_VECTOR_CLONES void RelationModel::class_probabilities(std::span<const uint32_t> features, ClassPair pair,
                                                               std::array<double, kRelationClassCount>& probs) const {
  std::array<double, kRelationClassCount> scores{};
  const size_t n = features.size();
  if (compacted_) {
    // The tables' addresses in locals: GCC cannot tell that the float stores of the
    // scores leave the vectors' pointers alone, so it reloaded them for every feature.
    const uint32_t* row_of = packed_row_.data();
    const float* weights = packed_weights_.data();
    Double4 low{}, high{};
    double last = 0.0;
    // Every feature adds a row, those without weights the zero row (kZeroRow): no test,
    // and no branch to mispredict. Not fetched ahead, as the dense rows are: the
    // processor runs ahead of these independent loads on its own (prefetching eight
    // features ahead took a seventh of the function's instructions, and relation_bench
    // timed with and without it showed no difference). Unrolled: the loop's own
    // counting and branch were a fifth of its instructions.
#pragma GCC unroll 4
    for (uint32_t f : features) add_row(&weights[static_cast<size_t>(row_of[f]) * kRelationClassCount], low, high, last);
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
  softmax_over_allowed(scores, pair, probs);
}

double RelationModel::novelty_probability(std::span<const uint32_t> features) const {
  double z = 0.0;
  if (compacted_) {
    // The tables' addresses in locals, as in class_probabilities (GCC reloaded the
    // weights' address for every feature).
    const uint32_t* row_of = packed_row_.data();
    const float* weights = packed_novelty_.data();
#pragma GCC unroll 4
    for (uint32_t f : features) z += weights[row_of[f]];
  } else {
    for (uint32_t f : features) z += novelty_weights_[f];
  }
  return 1.0 / (1.0 + std::exp(-z));
}

std::vector<uint32_t> RelationModel::nonzero_rows() const {
  std::vector<uint32_t> rows;
  if (compacted_) {
    for (uint32_t f = 0; f < packed_row_.size(); ++f)
      if (packed_row_[f] != kZeroRow) rows.push_back(f);
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
  packed_row_.assign(feature_count(), kZeroRow);
  packed_weights_.assign((rows.size() + 1) * kRelationClassCount, 0.0f);
  packed_novelty_.assign(rows.size() + 1, 0.0f);
  for (size_t r = 0; r < rows.size(); ++r) {
    const uint32_t f = rows[r];
    packed_row_[f] = static_cast<uint32_t>(r + 1);
    std::copy_n(&weights_[size_t{f} * kRelationClassCount], kRelationClassCount,
                &packed_weights_[(r + 1) * kRelationClassCount]);
    packed_novelty_[r + 1] = novelty_weights_[f];
  }
  std::vector<float>().swap(weights_);
  std::vector<float>().swap(novelty_weights_);
  compacted_ = true;
}

void RelationModel::tree_inputs(const std::array<double, kRelationClassCount>& probs, double novelty, ClassPair pair,
                                const PairStatistics& st, const TreeContext& context,
                                std::array<float, kTreeInputCount>& out) {
  size_t k = 0;
  double best = 0.0;
  for (int c = 0; c < kRelationClassCount; ++c) {
    out[k++] = static_cast<float>(probs[c]);
    if (c > 0) best = std::max(best, probs[c]);
  }
  const double related = 1.0 - probs[0];
  out[k++] = static_cast<float>(related);
  out[k++] = static_cast<float>(related > 0 ? best / related : 0.0);
  out[k++] = static_cast<float>(novelty);
  for (int cp = 0; cp < kClassPairCount; ++cp) out[k++] = static_cast<int>(pair) == cp ? 1.0f : 0.0f;
  for (int v : {st.same_sentence_count, st.min_sentence_distance, st.min_token_distance, int(st.both_in_title),
                st.first_mentions, st.second_mentions, int(st.first_in_title), int(st.second_in_title), st.first_rank,
                st.second_rank, st.concept_count, st.sentence_count, st.total_mentions, st.first_sentence_first,
                st.first_sentence_second})
    out[k++] = static_cast<float>(v);
  for (float v : context) out[k++] = v;
}

void RelationModel::tree_contexts(std::span<const double> related, std::span<const uint32_t> first,
                                  std::span<const uint32_t> second, std::vector<TreeContext>& out) {
  const size_t n = related.size();
  out.resize(n);
  // The two highest relation probabilities of each concept's candidates (and which
  // candidate has the highest), in a per-thread buffer: linear in the candidates.
  struct Top {
    float best = -1.0f, next = -1.0f;
    uint32_t best_candidate = UINT32_MAX;
  };
  thread_local std::vector<Top> top;
  uint32_t concepts = 0;
  for (size_t i = 0; i < n; ++i) concepts = std::max({concepts, first[i] + 1, second[i] + 1});
  top.assign(concepts, Top{});
  float above_half = 0, highest = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto r = static_cast<float>(related[i]);
    for (uint32_t c : {first[i], second[i]}) {
      Top& t = top[c];
      if (r > t.best) {
        t.next = t.best;
        t.best = r;
        t.best_candidate = static_cast<uint32_t>(i);
      } else if (r > t.next) {
        t.next = r;
      }
    }
    above_half += related[i] >= 0.5;
    highest = std::max(highest, r);
  }
  for (size_t i = 0; i < n; ++i) {
    TreeContext& c = out[i];
    const auto r = static_cast<float>(related[i]);
    for (int side = 0; side < 2; ++side) {
      const Top& t = top[side == 0 ? first[i] : second[i]];
      const float other = std::max(0.0f, t.best_candidate == i ? t.next : t.best);
      c[side] = other;
      c[2 + side] = r - other;
    }
    c[4] = above_half;
    c[5] = highest;
    c[6] = static_cast<float>(n);
  }
}

void RelationModel::predict_document(std::span<const RelationCandidate> candidates,
                                     std::vector<RelationPrediction>& out) const {
  out.clear();
  if (!has_trees()) {
    for (const RelationCandidate& c : candidates) out.push_back(predict(c));
    return;
  }
  const size_t n = candidates.size();
  thread_local std::vector<std::array<double, kRelationClassCount>> probs;
  thread_local std::vector<double> related;
  thread_local std::vector<uint32_t> first, second;
  thread_local std::vector<TreeContext> contexts;
  probs.resize(n);
  related.resize(n);
  first.resize(n);
  second.resize(n);
  for (size_t i = 0; i < n; ++i) {
    class_probabilities(candidates[i], probs[i]);
    related[i] = 1.0 - probs[i][0];
    first[i] = candidates[i].first;
    second[i] = candidates[i].second;
  }
  tree_contexts(related, first, second, contexts);
  for (size_t i = 0; i < n; ++i) {
    const RelationCandidate& c = candidates[i];
    double novelty = -1.0;
    if (related[i] >= tree_gate) {
      novelty = apply_trees(probs[i], novelty_probability(c), c.class_pair, c.stats, contexts[i]);
    }
    out.push_back(decide(c, probs[i], novelty));
  }
}

double RelationModel::apply_trees(std::array<double, kRelationClassCount>& probs, double novelty, ClassPair pair,
                                  const PairStatistics& stats, const TreeContext& context) const {
  std::array<float, kTreeInputCount> inputs;
  tree_inputs(probs, novelty, pair, stats, context, inputs);
  if (relation_trees.group_count() == kRelationClassCount) {
    // Softmax over the allowed classes of the trees' margins.
    std::array<double, kRelationClassCount> margin{};
    const std::array<double, kRelationClassCount> linear = probs;
    for (int k = 0; k < kRelationClassCount; ++k)
      if (k == 0 || relation_type_allowed(pair, k - 1)) margin[k] = relation_trees.margin(inputs, k);
    softmax_over_allowed(margin, pair, probs);
    if (tree_weight != 1.0)
      for (int k = 0; k < kRelationClassCount; ++k) probs[k] = tree_weight * probs[k] + (1.0 - tree_weight) * linear[k];
  } else if (relation_trees.group_count() == 1) {
    // The trees' relation probability; the types keep the linear model's proportions.
    const double related =
        tree_weight * relation_trees.probability(inputs) + (1.0 - tree_weight) * (1.0 - probs[0]);
    const double linear_related = 1.0 - probs[0];
    for (int k = 1; k < kRelationClassCount; ++k) probs[k] = linear_related > 0 ? probs[k] * related / linear_related : 0.0;
    probs[0] = 1.0 - related;
  }
  return novelty_trees.empty() ? novelty : novelty_trees.probability(inputs);
}

RelationPrediction RelationModel::predict(const RelationCandidate& c) const {
  std::array<double, kRelationClassCount> probs;
  class_probabilities(c, probs);
  return decide(c, probs, -1.0);
}

RelationPrediction RelationModel::decide(const RelationCandidate& c, const std::array<double, kRelationClassCount>& probs,
                                         double novelty) const {
  RelationPrediction p;
  p.relation_probability = 1.0 - probs[0];
  if (p.relation_probability < relation_threshold || p.relation_probability <= 0.0) {
    p.score = probs[0];
    return p;
  }
  p.type = most_probable_type(probs);
  p.score = calibrated_score(probs[p.type + 1]);
  p.novelty_probability = novelty >= 0.0 ? novelty : novelty_probability(c);
  p.novel = p.novelty_probability >= novelty_threshold_for(c.class_pair);
  return p;
}

double RelationModel::calibrated_score(double raw) const {
  if (score_calibration.empty()) return raw;
  const auto above = std::upper_bound(score_calibration.begin(), score_calibration.end(), raw,
                                      [](double r, const std::pair<float, float>& knot) { return r < knot.first; });
  if (above == score_calibration.begin()) return score_calibration.front().second;
  if (above == score_calibration.end()) return score_calibration.back().second;
  const auto& [x0, y0] = *(above - 1);
  const auto& [x1, y1] = *above;
  return y0 + (y1 - y0) * (raw - x0) / (static_cast<double>(x1) - x0);
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
    w.put_array(compacted_ ? &packed_weights_[size_t{packed_row_[rows[r]]} * kRelationClassCount]
                           : &weights_[size_t{rows[r]} * kRelationClassCount],
                kRelationClassCount);
  for (size_t r = 0; r < rows.size(); ++r)
    w.put<float>(compacted_ ? packed_novelty_[packed_row_[rows[r]]] : novelty_weights_[rows[r]]);
  w.put<double>(tree_gate);
  w.put<double>(tree_weight);
  w.put<uint8_t>(relation_trees.empty() ? 0 : 1);
  if (!relation_trees.empty()) relation_trees.save(w);
  w.put<uint8_t>(novelty_trees.empty() ? 0 : 1);
  if (!novelty_trees.empty()) novelty_trees.save(w);
  w.put<uint32_t>(static_cast<uint32_t>(score_calibration.size()));
  for (const auto& [raw, calibrated] : score_calibration) {
    w.put<float>(raw);
    w.put<float>(calibrated);
  }
  save_model_file(path, kMagic, w.str());
}

RelationModel RelationModel::load(const std::string& path) {
  const std::string body = load_model_file(path, kMagic);
  BodyReader r(body, path);
  const auto version = r.get<uint32_t>();
  if (version < 1 || version > kFormatVersion) throw std::runtime_error(path + ": unsupported relation model version");
  const auto bits = r.get<uint32_t>();
  if (bits < 8 || bits > 26) throw std::runtime_error(path + ": relation model is corrupt (hash bits)");
  if (r.get<uint32_t>() != kRelationClassCount) throw std::runtime_error(path + ": relation model has another class set");
  // Read straight into the compact form: the dense tables are never allocated.
  RelationModel m;
  m.hash_bits_ = bits;
  m.relation_threshold = r.get<double>();
  m.novelty_threshold = r.get<double>();
  if (version >= kThresholdFormatVersion) r.get_array(m.pair_novelty_threshold.data(), m.pair_novelty_threshold.size());
  const std::vector<uint32_t> rows = r.get_row_indices(m.feature_count(), "relation model");
  m.packed_row_.assign(m.feature_count(), kZeroRow);
  for (size_t k = 0; k < rows.size(); ++k) m.packed_row_[rows[k]] = static_cast<uint32_t>(k + 1);
  m.packed_weights_.assign((rows.size() + 1) * kRelationClassCount, 0.0f);
  r.get_array(m.packed_weights_.data() + kRelationClassCount, rows.size() * kRelationClassCount);
  m.packed_novelty_.assign(rows.size() + 1, 0.0f);
  r.get_array(m.packed_novelty_.data() + 1, rows.size());
  if (version >= kTreeFormatVersion) {
    m.tree_gate = r.get<double>();
    m.tree_weight = r.get<double>();
    const auto check = [&](const TreeEnsemble& e, int groups) {
      if (e.input_count() != kTreeInputCount || (e.group_count() != groups && e.group_count() != 1))
        throw std::runtime_error(path + ": relation model has trees of another shape");
    };
    if (r.get<uint8_t>() != 0) {
      m.relation_trees = TreeEnsemble::load(r, path);
      check(m.relation_trees, kRelationClassCount);
    }
    if (r.get<uint8_t>() != 0) {
      m.novelty_trees = TreeEnsemble::load(r, path);
      check(m.novelty_trees, 1);
    }
  }
  if (version >= kFormatVersion) {
    const auto knots = r.get<uint32_t>();
    if (knots > 1'000'000) throw std::runtime_error(path + ": relation model is corrupt (calibration)");
    m.score_calibration.resize(knots);
    for (auto& [raw, calibrated] : m.score_calibration) {
      raw = r.get<float>();
      calibrated = r.get<float>();
    }
    for (size_t k = 0; k < m.score_calibration.size(); ++k) {
      const auto [raw, calibrated] = m.score_calibration[k];
      if (!(calibrated >= 0.0f && calibrated <= 1.0f) || !(raw >= 0.0f && raw <= 1.0f) ||
          (k > 0 && !(raw > m.score_calibration[k - 1].first && calibrated >= m.score_calibration[k - 1].second)))
        throw std::runtime_error(path + ": relation model is corrupt (calibration not increasing within [0, 1])");
    }
  }
  if (!r.done()) throw std::runtime_error(path + ": relation model has trailing bytes");
  m.compacted_ = true;
  return m;
}

}  // namespace biotator
