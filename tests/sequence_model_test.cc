// The sequence model's fast paths against plain reference implementations written
// here: emission scores (dense rows, padded short rows, long-label models without
// either) must equal the per-label sum of the weights in feature order, and the
// grouped BIOES Viterbi must return exactly the path of a textbook Viterbi over the
// allowed transitions, ties included.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "sequence_model.h"
#include "test_paths.h"

namespace biotator {
namespace {

std::vector<std::string> type_names(int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    std::string name = "T";
    name += std::to_string(i);
    names.push_back(name);
  }
  return names;
}

struct RandomModel {
  explicit RandomModel(SequenceModel m) : model(std::move(m)) {}
  SequenceModel model;
  std::vector<uint64_t> features;
  std::vector<uint32_t> offsets{0};
  std::vector<uint8_t> labels;
  std::vector<float> weights;
  std::vector<float> transitions;
};

// Rows of every length from 1 to all labels, so that short, padded and dense rows all
// occur. `coarse` draws weights from a few values, which makes ties common.
RandomModel make_model(int types, uint32_t seed, bool coarse) {
  RandomModel m(SequenceModel(type_names(types)));
  const int L = m.model.label_count();
  std::mt19937 rng(seed);
  auto weight = [&] {
    if (coarse) return static_cast<float>(static_cast<int>(rng() % 5) - 2);
    return std::uniform_real_distribution<float>(-3.0f, 3.0f)(rng);
  };
  for (uint64_t f = 1; f <= 200; ++f) {
    m.features.push_back(f * 7919);
    const int count = 1 + static_cast<int>(f % static_cast<uint64_t>(L));
    std::vector<uint8_t> row(L);
    for (int y = 0; y < L; ++y) row[y] = static_cast<uint8_t>(y);
    std::shuffle(row.begin(), row.end(), rng);
    row.resize(count);
    std::sort(row.begin(), row.end());
    for (uint8_t y : row) {
      m.labels.push_back(y);
      m.weights.push_back(weight());
    }
    m.offsets.push_back(static_cast<uint32_t>(m.labels.size()));
  }
  m.transitions.resize(static_cast<size_t>(L + 1) * L);
  for (float& t : m.transitions) t = weight();
  m.model.set_weights(m.features, m.offsets, m.labels, m.weights, m.transitions);
  return m;
}

FeatureSequence random_sequence(size_t length, uint32_t seed) {
  std::mt19937 rng(seed);
  FeatureSequence seq;
  for (size_t t = 0; t < length; ++t) {
    const int count = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < count; ++k) {
      // Mostly known features, some unknown ones (not multiples of 7919).
      const uint64_t f = rng() % 10 == 0 ? 1000003 + rng() % 1000 : (1 + rng() % 200) * 7919;
      seq.values.push_back(f);
    }
    seq.offsets.push_back(static_cast<uint32_t>(seq.values.size()));
  }
  return seq;
}

std::vector<float> reference_emissions(const RandomModel& m, const FeatureSequence& seq) {
  const int L = m.model.label_count();
  std::vector<float> scores(seq.size() * L, 0.0f);
  for (size_t t = 0; t < seq.size(); ++t)
    for (uint32_t k = seq.offsets[t]; k < seq.offsets[t + 1]; ++k)
      for (size_t f = 0; f < m.features.size(); ++f)
        if (m.features[f] == seq.values[k])
          for (uint32_t j = m.offsets[f]; j < m.offsets[f + 1]; ++j) scores[t * L + m.labels[j]] += m.weights[j];
  return scores;
}

// Textbook Viterbi: for every label, the allowed predecessors in label order, the first
// strictly better one wins.
std::vector<uint8_t> reference_viterbi(const RandomModel& m, const std::vector<float>& emissions, size_t n) {
  const int L = m.model.label_count();
  constexpr float kForbidden = -1e30f;
  auto transition = [&](int from, int to) {
    if (!BioesLabels::allowed(from, to)) return kForbidden;
    return m.transitions[static_cast<size_t>(from < 0 ? L : from) * L + to];
  };
  std::vector<float> score(n * L);
  std::vector<int> back(n * L, 0);
  for (int y = 0; y < L; ++y) score[y] = transition(-1, y) + emissions[y];
  for (size_t t = 1; t < n; ++t)
    for (int y = 0; y < L; ++y) {
      float best = -std::numeric_limits<float>::infinity();
      int arg = 0;
      for (int x = 0; x < L; ++x) {
        if (!BioesLabels::allowed(x, y)) continue;
        const float s = score[(t - 1) * L + x] + transition(x, y);
        if (s > best) {
          best = s;
          arg = x;
        }
      }
      score[t * L + y] = best + emissions[t * L + y];
      back[t * L + y] = arg;
    }
  float best = -std::numeric_limits<float>::infinity();
  int arg = 0;
  for (int y = 0; y < L; ++y) {
    const float s = BioesLabels::can_end(y) ? score[(n - 1) * L + y] : score[(n - 1) * L + y] + kForbidden;
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  std::vector<uint8_t> out(n);
  for (size_t t = n; t-- > 0;) {
    out[t] = static_cast<uint8_t>(arg);
    arg = back[t * L + arg];
  }
  return out;
}

// 1 and 6 types use the dense rows and the grouped decoder; 7 types is the largest
// grouped model; 9 types (37 labels) has neither and takes the general paths.
class SequenceModelPaths : public ::testing::TestWithParam<int> {};

TEST_P(SequenceModelPaths, EmissionScoresEqualThePlainSum) {
  const int types = GetParam();
  const RandomModel m = make_model(types, 17u + types, false);
  for (uint32_t seed = 0; seed < 5; ++seed) {
    const FeatureSequence seq = random_sequence(30, seed);
    std::vector<float> scores;
    m.model.emission_scores(seq, scores);
    const std::vector<float> expected = reference_emissions(m, seq);
    ASSERT_EQ(scores.size(), expected.size());
    for (size_t i = 0; i < scores.size(); ++i) ASSERT_EQ(scores[i], expected[i]) << "score " << i;
  }
}

TEST_P(SequenceModelPaths, ViterbiFindsTheReferencePathTiesIncluded) {
  const int types = GetParam();
  for (const bool coarse : {false, true}) {
    const RandomModel m = make_model(types, 101u + types, coarse);
    for (uint32_t seed = 0; seed < 20; ++seed) {
      const size_t length = 1 + seed * 3;
      const FeatureSequence seq = random_sequence(length, 1000 + seed);
      std::vector<float> emissions;
      m.model.emission_scores(seq, emissions);
      std::vector<uint8_t> path;
      m.model.viterbi(emissions, length, path);
      EXPECT_EQ(path, reference_viterbi(m, emissions, length)) << "types " << types << " seed " << seed;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(LabelSets, SequenceModelPaths, ::testing::Values(1, 6, 7, 9));

// A model that survives save/load decodes the same (the dense and short rows are
// rebuilt from the stored sparse rows).
TEST(SequenceModel, SavedAndLoadedModelScoresTheSame) {
  const RandomModel m = make_model(6, 5, false);
  const std::string path = testing::temp_path("sequence_model_test.bt");
  m.model.save(path);
  const SequenceModel loaded = SequenceModel::load(path);
  std::remove(path.c_str());
  const FeatureSequence seq = random_sequence(25, 3);
  std::vector<float> a, b;
  m.model.emission_scores(seq, a);
  loaded.emission_scores(seq, b);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace biotator
