// Trains the entity recognizer's SequenceModel from annotated documents (any corpus
// whose types map to the six classes), choosing the number of epochs on a dev set.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "document.h"
#include "entity_recognizer.h"
#include "lexicon.h"
#include "sequence_model.h"
#include "sequence_trainer.h"

namespace biotator {

struct NerTrainingOptions {
  int epochs = 12;
  uint64_t seed = 20261126;
  // More than 1: train this many models on different shuffles (seeds seed, seed+1, ...)
  // for `epochs` epochs each and average them (SequenceModel::average).
  int seeds = 1;
  int min_feature_count = 1;
  // When > 0, weights whose magnitude is below this are dropped from the final model
  // (SequenceModel::pruned): at 0.5 the default model keeps 35% of its weights, loses
  // no accuracy on BioRED Dev (87.96 -> 88.00) and recognizes faster.
  float prune_below = 0.0f;
  RecognizerOptions recognizer;
};

// Turns gold annotations into BIOES token labels, one TrainingSequence per sentence.
// Annotations of types outside the six classes are ignored; overlapping ones keep the
// earlier, longer mention. Returns the number of mentions that could not be aligned
// to token boundaries (those are left unlabelled).
// `annotated_types`: bit (1 << EntityType) for each type the corpus annotates; tokens
// outside its mentions may then belong to any other type (partial labels). All bits
// set = fully annotated.
size_t make_training_sequences(const Document& doc, const Lexicon* lexicon, std::vector<TrainingSequence>& out,
                               uint32_t annotated_types = 0x3F, const WordClusters* clusters = nullptr);

// A training corpus and the entity types it annotates (bits 1 << EntityType), found from
// the types that occur in it.
struct NerCorpus {
  std::string name;
  std::vector<Document> documents;
  uint32_t annotated_types = 0;
  bool primary = false;  // the target style (BioRED); the others are extra signal
};

// Other corpora follow other conventions (tmvar3 annotates "children" as a species,
// BioRED never does). A mention of an extra corpus whose text occurs at least
// `min_occurrences` times in the primary corpora without ever being annotated with
// that type is turned into an "unknown" span: its tokens may take any label.
// Returns the number of mentions changed.
size_t apply_primary_conventions(std::vector<NerCorpus>& corpora, int min_occurrences = 3);
uint32_t annotated_types_of(const std::vector<Document>& docs);

// Recognizes entities in copies of `docs` (their annotations and relations removed).
std::vector<Document> recognize_copies(const std::vector<Document>& docs, const EntityRecognizer& recognizer);

// Trains on `train`; when `dev` is non-empty, evaluates each epoch (NER strict micro F1)
// and keeps the best. Progress goes to `log`.
SequenceModel train_ner(const std::vector<NerCorpus>& train, const std::vector<Document>& dev, const Lexicon* lexicon,
                        const NerTrainingOptions& options, std::ostream& log, const WordClusters* clusters = nullptr);

}  // namespace biotator
