// The model bundle `biotator annotate` loads: files in one directory (models/ of the
// repository by default), each rebuilt by its own documented command and kept apart
// because they change at different rates:
//   lexicon.bt   compiled dictionary of entity names   (biotator lexicon build)
//   clusters.bt  word clusters learned from raw text   (biotator train clusters)
//   ner.bt       entity recognizer weights             (biotator train ner)
//   kb.bt        names → identifiers for normalization (biotator kb build)
//   variants.bt  tmVar form + gene → dbSNP rs ID        (biotator kb build)
//   relations.bt relation extraction weights           (biotator train relations)
//   variant_filter.bt  filter after the variant grammar (biotator train variants)
#pragma once

#include <memory>
#include <string>

#include "kb.h"
#include "lexicon.h"
#include "relation_model.h"
#include "sequence_model.h"
#include "variant_filter.h"
#include "variant_normalizer.h"
#include "word_clusters.h"

namespace biotator {

struct ModelBundle {
  std::string directory;
  std::unique_ptr<Lexicon> lexicon;     // null when lexicon.bt is absent
  std::unique_ptr<SequenceModel> ner;   // null when ner.bt is absent
  std::unique_ptr<WordClusters> clusters;  // null when clusters.bt is absent
  std::unique_ptr<KnowledgeBase> kb;    // null when kb.bt is absent (mentions keep ID "-")
  std::unique_ptr<VariantRsIndex> variant_rs;  // null when variants.bt is absent
  std::unique_ptr<RelationModel> relations;    // null when relations.bt is absent (no relations)
  std::unique_ptr<VariantFilter> variant_filter;  // null when variant_filter.bt is absent (grammar unfiltered)

  static constexpr const char* kLexiconFile = "lexicon.bt";
  static constexpr const char* kNerFile = "ner.bt";
  static constexpr const char* kKbFile = "kb.bt";
  static constexpr const char* kClustersFile = "clusters.bt";
  static constexpr const char* kVariantRsFile = "variants.bt";
  static constexpr const char* kRelationsFile = "relations.bt";
  static constexpr const char* kVariantFilterFile = "variant_filter.bt";

  // Loads what `directory` holds. Throws std::runtime_error for unreadable files.
  static ModelBundle load(const std::string& directory);
};

// Where the bundle is looked for when --models is not given: $BIOTATOR_MODELS, then
// models/ beside the executable's parent directory (build/biotator → models/), then
// ./models.
std::string default_model_directory(const std::string& argv0);

}  // namespace biotator
