// Trains the relation model on documents with gold entities and relations (BioRED
// Train): multinomial logistic regression (AdaGrad SGD, L2) for none / relation type,
// a binary one for novelty, and the decision thresholds chosen by k-fold
// cross-validation on the training documents (never on Dev). Deterministic: a fixed
// seed, a portable shuffle, one thread.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "document.h"
#include "relation_model.h"

namespace biotator {

struct RelationTrainingOptions {
  uint32_t hash_bits = 20;
  int epochs = 8;
  double learning_rate = 0.05;  // AdaGrad base rate
  double l2 = 1e-6;             // per-update L2 on the weights an example touches
  int novelty_epochs = 6;
  int folds = 4;                // cross-validation folds for the thresholds; < 2 keeps 0.5
  uint64_t seed = 20240917;
  // Models trained on this many shuffles (seed, seed+1000, ...) are averaged.
  int seeds = 1;
};

// One candidate with its gold labels.
struct RelationExample {
  std::vector<uint32_t> features;
  ClassPair class_pair = ClassPair::kChemicalChemical;
  int label = 0;     // 0: no relation, k: relation type k-1
  int novelty = -1;  // 1 Novel, 0 No, -1 not given or no relation
  uint32_t document = 0;
};

// Candidates of `docs` labelled by their relations. Gold relations whose pair is not a
// candidate (an argument without a mention, a class pair outside the table, a type the
// pair does not allow) are counted in `*unreachable`.
std::vector<RelationExample> build_relation_examples(const std::vector<Document>& docs, uint32_t hash_bits,
                                                     size_t* unreachable = nullptr);

// Trains on `train`; when `dev` is not empty, logs its scores with gold entities (Dev
// is only reported, never used for a decision). Progress goes to `log`.
RelationModel train_relation_model(const std::vector<Document>& train, const std::vector<Document>& dev,
                                   const RelationTrainingOptions& options, std::ostream& log);

}  // namespace biotator
