#include "sequence_trainer.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

namespace biotator {

namespace {

// Averaged perceptron state: w are the current weights; u accumulates step * update so
// that the average is w - u / steps (Daumé's trick), with no per-step copy.
struct Weights {
  int labels;
  std::vector<float> w;
  std::vector<double> u;
  std::vector<float> tw;
  std::vector<double> tu;  // transitions, (labels+1) x labels
};

SequenceModel averaged_model(const Weights& s, const std::vector<uint64_t>& feature_of_row,
                             const std::vector<std::string>& types, double steps) {
  const int L = s.labels;
  const size_t rows = feature_of_row.size();
  // Sort rows by hash for a compact, deterministic model file.
  std::vector<uint32_t> order(rows);
  for (uint32_t i = 0; i < rows; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return feature_of_row[a] < feature_of_row[b]; });
  std::vector<uint64_t> features;
  std::vector<uint32_t> offsets{0};
  std::vector<uint8_t> labels;
  std::vector<float> weights;
  for (uint32_t r : order) {
    size_t before = weights.size();
    for (int y = 0; y < L; ++y) {
      const size_t k = static_cast<size_t>(r) * L + y;
      const float avg = static_cast<float>(s.w[k] - s.u[k] / steps);
      if (avg != 0.0f && std::abs(avg) > 1e-6f) {
        labels.push_back(static_cast<uint8_t>(y));
        weights.push_back(avg);
      }
    }
    if (weights.size() != before) {
      features.push_back(feature_of_row[r]);
      offsets.push_back(static_cast<uint32_t>(weights.size()));
    }
  }
  std::vector<float> transitions(s.tw.size());
  for (size_t k = 0; k < transitions.size(); ++k) transitions[k] = static_cast<float>(s.tw[k] - s.tu[k] / steps);
  SequenceModel model(types);
  model.set_weights(std::move(features), std::move(offsets), std::move(labels), std::move(weights),
                    std::move(transitions));
  return model;
}

}  // namespace

SequenceModel train_perceptron(const std::vector<TrainingSequence>& data, std::vector<std::string> types,
                               const PerceptronOptions& options) {
  const int L = BioesLabels::count(static_cast<int>(types.size()));
  // Index the features of the training data (in order of first appearance: deterministic).
  std::unordered_map<uint64_t, uint32_t> count;
  for (const auto& seq : data)
    for (uint64_t f : seq.features.values) ++count[f];
  std::unordered_map<uint64_t, uint32_t> row_of;
  std::vector<uint64_t> feature_of_row;
  for (const auto& seq : data)
    for (uint64_t f : seq.features.values)
      if (static_cast<int>(count[f]) >= options.min_feature_count && row_of.emplace(f, feature_of_row.size()).second)
        feature_of_row.push_back(f);
  // Features mapped to rows once, so that training never hashes again.
  std::vector<std::vector<int32_t>> rows(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    rows[i].reserve(data[i].features.values.size());
    for (uint64_t f : data[i].features.values) {
      auto it = row_of.find(f);
      rows[i].push_back(it == row_of.end() ? -1 : static_cast<int32_t>(it->second));
    }
  }

  Weights s;
  s.labels = L;
  s.w.assign(feature_of_row.size() * L, 0.0f);
  s.u.assign(feature_of_row.size() * L, 0.0);
  s.tw.assign(static_cast<size_t>(L + 1) * L, 0.0f);
  s.tu.assign(static_cast<size_t>(L + 1) * L, 0.0);

  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);

  // A model view of the current (not averaged) weights for decoding during training.
  SequenceModel current(types);
  std::vector<float> emissions;
  std::vector<uint8_t> predicted, latent_gold;
  std::vector<float> constrained;
  double step = 1;
  SequenceModel best;
  double best_score = -1;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with our own modulo: std::uniform_int_distribution differs between
    // standard libraries, and the model must not.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t idx : order) {
      const TrainingSequence& seq = data[idx];
      const size_t n = seq.labels.size();
      if (n == 0) continue;
      // Emission scores from the current weights.
      emissions.assign(n * L, 0.0f);
      for (size_t t = 0; t < n; ++t)
        for (uint32_t k = seq.features.offsets[t]; k < seq.features.offsets[t + 1]; ++k) {
          const int32_t r = rows[idx][k];
          if (r < 0) continue;
          const float* wr = s.w.data() + static_cast<size_t>(r) * L;
          float* e = emissions.data() + t * L;
          for (int y = 0; y < L; ++y) e[y] += wr[y];
        }
      // Viterbi with the current transitions.
      current.set_transitions(s.tw);
      current.viterbi(emissions, n, predicted);
      const std::vector<uint8_t>* target = &seq.labels;
      if (!seq.allowed.empty()) {
        constrained = emissions;
        for (size_t t = 0; t < n; ++t)
          for (int y = 0; y < L; ++y)
            if (!(seq.allowed[t] & (1u << y))) constrained[t * L + y] = -1e20f;
        current.viterbi(constrained, n, latent_gold);
        target = &latent_gold;
      }
      if (predicted != *target) {
        const auto upd = [&](std::vector<float>& w, std::vector<double>& u, size_t k, float d) {
          w[k] += d;
          u[k] += step * d;
        };
        for (size_t t = 0; t < n; ++t) {
          const int g = (*target)[t], p = predicted[t];
          const int gp = t == 0 ? L : (*target)[t - 1];
          const int pp = t == 0 ? L : predicted[t - 1];
          if (g != p) {
            for (uint32_t k = seq.features.offsets[t]; k < seq.features.offsets[t + 1]; ++k) {
              const int32_t r = rows[idx][k];
              if (r < 0) continue;
              upd(s.w, s.u, static_cast<size_t>(r) * L + g, 1.0f);
              upd(s.w, s.u, static_cast<size_t>(r) * L + p, -1.0f);
            }
          }
          if (g != p || gp != pp) {
            upd(s.tw, s.tu, static_cast<size_t>(gp) * L + g, 1.0f);
            upd(s.tw, s.tu, static_cast<size_t>(pp) * L + p, -1.0f);
          }
        }
      }
      step += 1;
    }
    if (options.evaluate) {
      SequenceModel model = averaged_model(s, feature_of_row, types, step);
      const double score = options.evaluate(model, epoch);
      if (score > best_score) {
        best_score = score;
        best = std::move(model);
      }
    }
  }
  if (options.evaluate) return best;
  return averaged_model(s, feature_of_row, types, step);
}

}  // namespace biotator
