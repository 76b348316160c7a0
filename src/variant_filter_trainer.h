// Trains the variant filter (variant_filter.h) on corpora with gold variant mentions
// (BioRED Train, tmVar3 Train): every candidate find_variants proposes is an example,
// positive when a gold variant mention (any type that unifies to Variant:
// SequenceVariant, DNAMutation, ProteinMutation, SNP, ...) has exactly its span.
// Logistic regression by AdaGrad SGD with L2; the threshold maximizes the F1 of the
// kept candidates against the gold mentions under k-fold cross-validation on the
// training documents (folds by document ID, so a document two corpora share sits in
// one fold). Deterministic: fixed seed, a portable shuffle, one thread.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "document.h"
#include "variant_filter.h"

namespace biotator {

struct VariantFilterTrainingOptions {
  uint32_t hash_bits = VariantFilter::kDefaultHashBits;
  int epochs = 10;
  double learning_rate = 0.1;  // AdaGrad base rate
  double l2 = 1e-5;            // per-update L2 on the weights an example touches
  int folds = 5;               // cross-validation folds for the threshold; < 2 keeps 0.5
  uint64_t seed = 20250311;
};

struct VariantFilterCorpus {
  std::string name;
  std::vector<Document> documents;
};

struct VariantFilterExample {
  std::vector<uint32_t> features;
  bool positive = false;
  uint32_t document = 0;  // index over all documents of all corpora, in order
};

// Examples of one corpus's documents; `gold_mentions` gets the number of gold variant
// mentions (distinct spans), which recall is measured against.
std::vector<VariantFilterExample> build_variant_filter_examples(const std::vector<Document>& docs,
                                                                uint32_t hash_bits, size_t* gold_mentions = nullptr,
                                                                uint32_t first_document = 0);

// Fits the weights on `examples` (no threshold).
VariantFilter fit_variant_filter(const std::vector<VariantFilterExample>& examples,
                                 const VariantFilterTrainingOptions& options);

// Trains on `train`, choosing the threshold by cross-validation and logging, per corpus,
// the grammar alone and the cross-validated filter (P/R/F1 of candidates vs gold). When
// `held_out` is not empty its scores with the final model are logged too (reported
// only, never used for a decision).
VariantFilter train_variant_filter(const std::vector<VariantFilterCorpus>& train,
                                   const std::vector<Document>& held_out, const VariantFilterTrainingOptions& options,
                                   std::ostream& log);

}  // namespace biotator
