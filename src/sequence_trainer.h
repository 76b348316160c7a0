// Trains a SequenceModel with the averaged structured perceptron (Collins 2002):
// decode each training sequence with the current weights, and where the prediction
// differs from the gold labels move weights towards gold. Averaging the weights over
// all steps makes it as accurate as a CRF on tasks like this, at a fraction of the
// cost. Deterministic: the order of sequences comes from a seeded shuffle of our own.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sequence_model.h"

namespace biotator {

struct TrainingSequence {
  FeatureSequence features;
  std::vector<uint8_t> labels;
  // Partially annotated data (a corpus that marks only diseases says nothing about
  // genes): when non-empty, a bit mask per token of the labels gold allows. The
  // perceptron then moves towards the best path that agrees with the masks (Viterbi
  // constrained by them) instead of towards `labels`.
  std::vector<uint32_t> allowed;
};

struct PerceptronOptions {
  int epochs = 12;
  uint64_t seed = 20261126;
  // Features seen fewer times than this in the training data get no weight.
  int min_feature_count = 1;
  // Called with the averaged model after each epoch; returns a score (higher is
  // better). The model of the best epoch is returned. Without it the last epoch wins.
  std::function<double(const SequenceModel&, int epoch)> evaluate;
};

SequenceModel train_perceptron(const std::vector<TrainingSequence>& data, std::vector<std::string> types,
                               const PerceptronOptions& options);

}  // namespace biotator
