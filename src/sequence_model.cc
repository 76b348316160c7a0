#include "sequence_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

#include "model_file.h"

namespace biotator {

namespace {
constexpr float kForbidden = -1e30f;
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
  predecessors_.assign(label_count_, {});
  for (int to = 0; to < label_count_; ++to)
    for (int from = 0; from < label_count_; ++from)
      if (BioesLabels::allowed(from, to)) predecessors_[to].push_back(static_cast<uint8_t>(from));
  set_transitions(std::vector<float>(static_cast<size_t>(label_count_ + 1) * label_count_, 0.0f));
}

void SequenceModel::set_transitions(const std::vector<float>& transitions) {
  transitions_ = transitions;
  // Forbidden transitions are part of the model, not of its weights.
  for (int from = -1; from < label_count_; ++from)
    for (int to = 0; to < label_count_; ++to)
      if (!BioesLabels::allowed(from, to))
        transitions_[static_cast<size_t>(from < 0 ? label_count_ : from) * label_count_ + to] = kForbidden;
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
  packed_.resize(weights_.size());
  for (size_t k = 0; k < weights_.size(); ++k) packed_[k] = {labels_[k], weights_[k]};
  for (uint32_t row = 0; row < features_.size(); ++row) {
    if (row_offsets_[row + 1] == row_offsets_[row]) continue;
    uint64_t slot = slot_of(features_[row]);
    while (table_[slot].count != 0) slot = (slot + 1) & table_mask_;
    table_[slot] = {features_[row], row_offsets_[row], row_offsets_[row + 1] - row_offsets_[row]};
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

void SequenceModel::emission_scores(const FeatureSequence& seq, std::vector<float>& scores) const {
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
    if (s != nullptr) __builtin_prefetch(packed_.data() + s->begin);
    resolved[k & (kRing - 1)] = s;
  };
  for (uint32_t k = 0; k < std::min(kDistance, total); ++k) resolve(k);
  size_t t = 0;
  float* row = scores.data();
  for (uint32_t k = 0; k < total; ++k) {
    if (k + 2 * kDistance < total) __builtin_prefetch(&table_[slot_of(values[k + 2 * kDistance])]);
    if (k + kDistance < total) resolve(k + kDistance);
    while (k >= seq.offsets[t + 1]) row = scores.data() + ++t * label_count_;
    const Slot* s = resolved[k & (kRing - 1)];
    if (s == nullptr) continue;
    const Weight* w = packed_.data() + s->begin;
    for (uint32_t j = 0; j < s->count; ++j) row[w[j].label] += w[j].value;
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
  for (size_t t = 1; t < n; ++t) {
    const float* prev = score.data() + (t - 1) * L;
    float* cur = score.data() + t * L;
    for (int y = 0; y < L; ++y) {
      float best = -std::numeric_limits<float>::infinity();
      int arg = 0;
      for (const uint8_t x : predecessors_[y]) {
        const float s = prev[x] + transitions_[static_cast<size_t>(x) * L + y];
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      cur[y] = best + emissions[t * L + y];
      back[t * L + y] = static_cast<uint8_t>(arg);
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
