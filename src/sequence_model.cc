#include "sequence_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

#include "model_file.h"
#include "vector_clones.h"

// The emission sums and the grouped Viterbi step have AVX2 clones (vector_clones.h):
// decoding 2.4x faster here, the dense-row adds in half the instructions.

namespace biotator {

namespace {
constexpr float kForbidden = -1e30f;
// Lanes of the grouped Viterbi step: 8 floats, one AVX register, or two SSE2 ones in
// the baseline build (GCC/Clang split wider vectors themselves).
constexpr int kLanes = 8;
using FloatLanes = float __attribute__((vector_size(kLanes * sizeof(float))));
using IntLanes = int32_t __attribute__((vector_size(kLanes * sizeof(int32_t))));
// Widest label set the per-token accumulator holds (labels are bytes).
constexpr int kMaxLabels = 256;
constexpr char kMagic[] = "BTSEQ001";
}  // namespace

bool BioesLabels::allowed(int from, int to) {
  const bool to_continues = to != 0 && (position_of(to) == 1 || position_of(to) == 2);  // I or E
  if (from < 0 || from == 0) return !to_continues;
  const int from_pos = position_of(from);
  const bool from_open = from_pos == 0 || from_pos == 1;  // B or I
  if (from_open) return to_continues && type_of(to) == type_of(from);
  return !to_continues;
}

bool BioesLabels::can_end(int label) {
  if (label == 0) return true;
  const int p = position_of(label);
  return p == 2 || p == 3;
}

SequenceModel::SequenceModel(std::vector<std::string> types)
    : types_(std::move(types)), label_count_(BioesLabels::count(static_cast<int>(types_.size()))) {
  row_offsets_.assign(1, 0);
  set_transitions(std::vector<float>(static_cast<size_t>(label_count_ + 1) * label_count_, 0.0f));
}

void SequenceModel::set_transitions(const std::vector<float>& transitions) {
  transitions_ = transitions;
  // Forbidden transitions are part of the model, not of its weights.
  for (int from = -1; from < label_count_; ++from)
    for (int to = 0; to < label_count_; ++to)
      if (!BioesLabels::allowed(from, to))
        transitions_[static_cast<size_t>(from < 0 ? label_count_ : from) * label_count_ + to] = kForbidden;
  pred_offsets_.assign(1, 0);
  pred_from_.clear();
  pred_score_.clear();
  for (int to = 0; to < label_count_; ++to) {
    for (int from = 0; from < label_count_; ++from) {
      if (!BioesLabels::allowed(from, to)) continue;
      pred_from_.push_back(static_cast<uint32_t>(from));
      pred_score_.push_back(transitions_[static_cast<size_t>(from) * label_count_ + to]);
    }
    pred_offsets_.push_back(static_cast<uint32_t>(pred_from_.size()));
  }
  const int types = static_cast<int>(types_.size());
  grouped_ = types <= kMaxGroupedTypes;
  grouped_sources_.assign(1, 0);
  grouped_targets_.assign(1, 0);
  for (int type = 0; type < types; ++type) {
    grouped_sources_.push_back(BioesLabels::label(type, 2));  // E
    grouped_sources_.push_back(BioesLabels::label(type, 3));  // S
    grouped_targets_.push_back(BioesLabels::label(type, 0));  // B
    grouped_targets_.push_back(BioesLabels::label(type, 3));  // S
  }
  grouped_scores_.assign(grouped_sources_.size() * kGroupWidth, 0.0f);
  if (grouped_)
    for (size_t i = 0; i < grouped_sources_.size(); ++i)
      for (size_t j = 0; j < grouped_targets_.size(); ++j)
        grouped_scores_[i * kGroupWidth + j] =
            transitions_[static_cast<size_t>(grouped_sources_[i]) * label_count_ + grouped_targets_[j]];
}

void SequenceModel::set_weights(std::vector<uint64_t> features, std::vector<uint32_t> row_offsets,
                                std::vector<uint8_t> labels, std::vector<float> weights,
                                std::vector<float> transitions) {
  features_ = std::move(features);
  row_offsets_ = std::move(row_offsets);
  labels_ = std::move(labels);
  weights_ = std::move(weights);
  set_transitions(transitions);
  build_table();
}

void SequenceModel::build_table() {
  size_t size = 16;
  while (size < features_.size() * 2) size <<= 1;
  table_.assign(size, Slot{});
  table_mask_ = size - 1;
  table_shift_ = 64 - __builtin_ctzll(size);
  // Dense rows and fixed-width short rows need an unused accumulator lane to pad with.
  const bool dense_ok = label_count_ < static_cast<int>(kDenseWidth);
  short_rows_ = dense_ok;
  packed_.clear();
  dense_.clear();
  uint32_t dense_rows = 0;
  for (uint32_t row = 0; row < features_.size(); ++row) {
    const uint32_t begin = row_offsets_[row], count = row_offsets_[row + 1] - begin;
    if (count == 0) continue;
    uint64_t slot = slot_of(features_[row]);
    while (table_[slot].count != 0) slot = (slot + 1) & table_mask_;
    if (dense_ok && count > kSparseWidth) {
      dense_.resize(dense_.size() + kDenseWidth, 0.0f);
      float* d = dense_.data() + static_cast<size_t>(dense_rows) * kDenseWidth;
      for (uint32_t j = begin; j < begin + count; ++j) d[labels_[j]] += weights_[j];
      table_[slot] = {features_[row], dense_rows++, kDenseRow};
    } else {
      table_[slot] = {features_[row], static_cast<uint32_t>(packed_.size()), dense_ok ? kSparseWidth : count};
      for (uint32_t j = begin; j < begin + count; ++j) packed_.push_back({labels_[j], weights_[j]});
      if (dense_ok)
        for (uint32_t j = count; j < kSparseWidth; ++j) packed_.push_back({kDenseWidth - 1, 0.0f});
    }
  }
}

const SequenceModel::Slot* SequenceModel::find(uint64_t feature) const {
  if (table_mask_ == 0) return nullptr;
  for (uint64_t slot = slot_of(feature);; slot = (slot + 1) & table_mask_) {
    const Slot& s = table_[slot];
    if (s.count == 0) return nullptr;
    if (s.key == feature) return &s;
  }
}

BIOTATOR_VECTOR_CLONES void SequenceModel::emission_scores(const FeatureSequence& seq, std::vector<float>& scores) const {
  const size_t n = seq.size();
  scores.assign(n * static_cast<size_t>(label_count_), 0.0f);
  if (table_mask_ == 0 || n == 0) return;
  // The table and the weights are larger than the caches, and each feature costs two
  // dependent misses (its slot, then its weights). A three-stage software pipeline keeps
  // many of them in flight: the slot of feature k+2D is prefetched, the slot of feature
  // k+D (by now in cache) is resolved and its weights prefetched, feature k is added.
  constexpr uint32_t kDistance = 8;
  constexpr uint32_t kRing = 2 * kDistance;  // power of two, > kDistance
  const Slot* resolved[kRing];
  const uint32_t total = seq.offsets[n];
  const uint64_t* values = seq.values.data();
  for (uint32_t k = 0; k < std::min(2 * kDistance, total); ++k) __builtin_prefetch(&table_[slot_of(values[k])]);
  auto resolve = [&](uint32_t k) {
    const Slot* s = find(values[k]);
    if (s != nullptr) {
      if (s->count == kDenseRow) {
        const float* d = dense_.data() + static_cast<size_t>(s->begin) * kDenseWidth;
        __builtin_prefetch(d);
        __builtin_prefetch(d + kDenseWidth - 1);
      } else {
        __builtin_prefetch(packed_.data() + s->begin);
      }
    }
    resolved[k & (kRing - 1)] = s;
  };
  for (uint32_t k = 0; k < std::min(kDistance, total); ++k) resolve(k);
  // A token's scores are summed in `acc` (kDenseWidth wide, so dense rows add as whole
  // vectors) in feature order, as a plain per-label sum would be: the result is the same.
  alignas(64) float acc[kMaxLabels];
  const size_t width = std::max<size_t>(kDenseWidth, label_count_);
  uint32_t k = 0;
  for (size_t t = 0; t < n; ++t) {
    std::fill(acc, acc + width, 0.0f);
    for (const uint32_t end = seq.offsets[t + 1]; k < end; ++k) {
      if (k + 2 * kDistance < total) __builtin_prefetch(&table_[slot_of(values[k + 2 * kDistance])]);
      if (k + kDistance < total) resolve(k + kDistance);
      const Slot* s = resolved[k & (kRing - 1)];
      if (s == nullptr) continue;
      if (s->count == kDenseRow) {
        const float* d = dense_.data() + static_cast<size_t>(s->begin) * kDenseWidth;
        for (uint32_t j = 0; j < kDenseWidth; ++j) acc[j] += d[j];
      } else {
        const Weight* w = packed_.data() + s->begin;
        if (short_rows_) {
          for (uint32_t j = 0; j < kSparseWidth; ++j) acc[w[j].label] += w[j].value;
        } else {
          for (uint32_t j = 0; j < s->count; ++j) acc[w[j].label] += w[j].value;
        }
      }
    }
    std::copy(acc, acc + label_count_, scores.data() + t * label_count_);
  }
}

void SequenceModel::viterbi(const std::vector<float>& emissions, size_t n, std::vector<uint8_t>& out) const {
  out.assign(n, 0);
  if (n == 0) return;
  const int L = label_count_;
  thread_local std::vector<float> score;
  thread_local std::vector<uint8_t> back;
  score.resize(n * L);
  back.resize(n * L);
  const float* start = transitions_.data() + static_cast<size_t>(L) * L;
  for (int y = 0; y < L; ++y) score[y] = start[y] + emissions[y];
  if (grouped_) viterbi_grouped(emissions, n, score.data(), back.data());
  for (size_t t = 1; t < n && !grouped_; ++t) {
    const float* prev = score.data() + (t - 1) * L;
    float* cur = score.data() + t * L;
    const float* emission = emissions.data() + t * L;
    uint8_t* from_label = back.data() + t * L;
    // Branch-free: which predecessor wins is data, and mispredicted branches were most
    // of the decoder's time. Ties keep the lowest label, as a strict '>' scan does.
    for (int y = 0; y < L; ++y) {
      const uint32_t b = pred_offsets_[y], e = pred_offsets_[y + 1];
      float best = prev[pred_from_[b]] + pred_score_[b];
      uint32_t arg = pred_from_[b];
      for (uint32_t k = b + 1; k < e; ++k) {
        const float s = prev[pred_from_[k]] + pred_score_[k];
        const bool better = s > best;
        arg = better ? pred_from_[k] : arg;
        best = better ? s : best;
      }
      cur[y] = best + emission[y];
      from_label[y] = static_cast<uint8_t>(arg);
    }
  }
  float best = -std::numeric_limits<float>::infinity();
  int arg = 0;
  const float* last = score.data() + (n - 1) * L;
  for (int y = 0; y < L; ++y) {
    const float s = BioesLabels::can_end(y) ? last[y] : last[y] + kForbidden;
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  for (size_t t = n; t-- > 0;) {
    out[t] = static_cast<uint8_t>(arg);
    arg = back[t * L + arg];
  }
}

// The same recursion as the general loop in viterbi(), label for label: the same sums in
// the same order and the same tie-breaking (the lowest predecessor label wins), so the
// two give identical paths; this one computes the 1+2T (O, B, S) targets together.
BIOTATOR_VECTOR_CLONES void SequenceModel::viterbi_grouped(const std::vector<float>& emissions, size_t n, float* score,
                                    uint8_t* back) const {
  const size_t L = static_cast<size_t>(label_count_);
  const size_t sources = grouped_sources_.size(), targets = grouped_targets_.size();
  const float* group_scores = grouped_scores_.data();
  const size_t types = types_.size();
  static_assert(kGroupWidth % kLanes == 0);
  constexpr int kLaneGroups = kGroupWidth / kLanes;
  for (size_t t = 1; t < n; ++t) {
    const float* prev = score + (t - 1) * L;
    float* cur = score + t * L;
    const float* emission = emissions.data() + t * L;
    uint8_t* from_label = back + t * L;
    FloatLanes best[kLaneGroups];
    IntLanes arg[kLaneGroups];
    const float first = prev[grouped_sources_[0]];
    for (int g = 0; g < kLaneGroups; ++g) {
      FloatLanes row;
      std::memcpy(&row, group_scores + g * kLanes, sizeof row);
      best[g] = first + row;
      arg[g] = IntLanes{} + static_cast<int32_t>(grouped_sources_[0]);
    }
    for (size_t i = 1; i < sources; ++i) {
      const float from = prev[grouped_sources_[i]];
      const float* row = group_scores + i * kGroupWidth;
      const IntLanes label = IntLanes{} + static_cast<int32_t>(grouped_sources_[i]);
      for (int g = 0; g < kLaneGroups; ++g) {
        FloatLanes scores;
        std::memcpy(&scores, row + g * kLanes, sizeof scores);
        const FloatLanes candidate = from + scores;
        const IntLanes better = candidate > best[g];
        best[g] = better ? candidate : best[g];
        arg[g] = better ? label : arg[g];
      }
    }
    float best_out[kGroupWidth];
    int32_t arg_out[kGroupWidth];
    std::memcpy(best_out, best, sizeof best_out);
    std::memcpy(arg_out, arg, sizeof arg_out);
    for (size_t j = 0; j < targets; ++j) {
      const uint32_t y = grouped_targets_[j];
      cur[y] = best_out[j] + emission[y];
      from_label[y] = static_cast<uint8_t>(arg_out[j]);
    }
    // I-t and E-t continue an open B-t or I-t.
    for (size_t type = 0; type < types; ++type) {
      const size_t b = 1 + 4 * type, i = b + 1;
      for (size_t y = b + 1; y <= b + 2; ++y) {
        const float from_b = prev[b] + transitions_[b * L + y];
        const float from_i = prev[i] + transitions_[i * L + y];
        const bool i_better = from_i > from_b;
        cur[y] = (i_better ? from_i : from_b) + emission[y];
        from_label[y] = static_cast<uint8_t>(i_better ? i : b);
      }
    }
  }
}

void SequenceModel::decode(const FeatureSequence& seq, std::vector<uint8_t>& out) const {
  thread_local std::vector<float> emissions;
  emission_scores(seq, emissions);
  viterbi(emissions, seq.size(), out);
}

void SequenceModel::save(const std::string& path) const {
  BodyWriter w;
  w.put<uint32_t>(static_cast<uint32_t>(types_.size()));
  for (const auto& t : types_) w.put_string(t);
  w.put<uint64_t>(features_.size());
  w.put<uint64_t>(weights_.size());
  // Delta-coded sorted hashes compress far better than raw ones.
  std::vector<uint64_t> deltas(features_.size());
  for (size_t i = 0; i < features_.size(); ++i) deltas[i] = features_[i] - (i ? features_[i - 1] : 0);
  w.put_array(deltas.data(), deltas.size());
  std::vector<uint8_t> counts(features_.size());
  for (size_t i = 0; i < features_.size(); ++i) counts[i] = static_cast<uint8_t>(row_offsets_[i + 1] - row_offsets_[i]);
  w.put_array(counts.data(), counts.size());
  w.put_array(labels_.data(), labels_.size());
  w.put_array(weights_.data(), weights_.size());
  std::vector<float> transitions = transitions_;
  for (float& t : transitions)
    if (t <= kForbidden) t = 0;  // re-derived on load
  w.put_array(transitions.data(), transitions.size());
  save_model_file(path, kMagic, w.str());
}

SequenceModel SequenceModel::pruned(float min_abs_weight) const {
  std::vector<uint64_t> features;
  std::vector<uint32_t> offsets{0};
  std::vector<uint8_t> labels;
  std::vector<float> weights;
  for (size_t f = 0; f < features_.size(); ++f) {
    for (uint32_t j = row_offsets_[f]; j < row_offsets_[f + 1]; ++j)
      if (std::fabs(weights_[j]) >= min_abs_weight) {
        labels.push_back(labels_[j]);
        weights.push_back(weights_[j]);
      }
    if (weights.size() == offsets.back()) continue;
    features.push_back(features_[f]);
    offsets.push_back(static_cast<uint32_t>(weights.size()));
  }
  SequenceModel out(types_);
  out.set_weights(std::move(features), std::move(offsets), std::move(labels), std::move(weights), transitions_);
  return out;
}

SequenceModel SequenceModel::average(const std::vector<SequenceModel>& models) {
  if (models.empty()) throw std::invalid_argument("no models to average");
  const int L = models[0].label_count_;
  std::map<uint64_t, std::vector<float>> rows;
  const float share = 1.0f / static_cast<float>(models.size());
  std::vector<float> transitions(models[0].transitions_.size(), 0.0f);
  for (const SequenceModel& m : models) {
    if (m.label_count_ != L) throw std::invalid_argument("models with different labels");
    for (size_t f = 0; f < m.features_.size(); ++f) {
      auto& row = rows[m.features_[f]];
      if (row.empty()) row.assign(L, 0.0f);
      for (uint32_t j = m.row_offsets_[f]; j < m.row_offsets_[f + 1]; ++j) row[m.labels_[j]] += share * m.weights_[j];
    }
    for (size_t k = 0; k < transitions.size(); ++k)
      if (m.transitions_[k] > kForbidden) transitions[k] += share * m.transitions_[k];
  }
  std::vector<uint64_t> features;
  std::vector<uint32_t> offsets{0};
  std::vector<uint8_t> labels;
  std::vector<float> weights;
  for (const auto& [feature, row] : rows) {
    for (int y = 0; y < L; ++y)
      if (row[y] != 0.0f) {
        labels.push_back(static_cast<uint8_t>(y));
        weights.push_back(row[y]);
      }
    features.push_back(feature);
    offsets.push_back(static_cast<uint32_t>(weights.size()));
  }
  SequenceModel out(models[0].types_);
  out.set_weights(std::move(features), std::move(offsets), std::move(labels), std::move(weights),
                  std::move(transitions));
  return out;
}

SequenceModel SequenceModel::load(const std::string& path) {
  const std::string body = load_model_file(path, kMagic);
  BodyReader r(body, path);
  std::vector<std::string> types(r.get<uint32_t>());
  for (auto& t : types) t = r.get_string();
  SequenceModel m(std::move(types));
  const auto nf = r.get<uint64_t>();
  const auto nw = r.get<uint64_t>();
  std::vector<uint64_t> features(nf);
  r.get_array(features.data(), nf);
  for (size_t i = 1; i < nf; ++i) features[i] += features[i - 1];
  std::vector<uint8_t> counts(nf);
  r.get_array(counts.data(), nf);
  std::vector<uint32_t> offsets(nf + 1, 0);
  for (size_t i = 0; i < nf; ++i) offsets[i + 1] = offsets[i] + counts[i];
  if (offsets[nf] != nw) throw std::runtime_error(path + ": model file is corrupt (weight count)");
  std::vector<uint8_t> labels(nw);
  r.get_array(labels.data(), nw);
  std::vector<float> weights(nw);
  r.get_array(weights.data(), nw);
  std::vector<float> transitions(static_cast<size_t>(m.label_count_ + 1) * m.label_count_);
  r.get_array(transitions.data(), transitions.size());
  for (uint8_t l : labels)
    if (l >= m.label_count_) throw std::runtime_error(path + ": model file is corrupt (label)");
  m.set_weights(std::move(features), std::move(offsets), std::move(labels), std::move(weights), std::move(transitions));
  return m;
}

}  // namespace biotator
