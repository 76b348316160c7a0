// The entity recognition stage: tokens → features → BIOES labels → mentions of Gene,
// Disease, Chemical, Species, CellLine and Variant, then document-level consistency
// (an abbreviation takes its long form's type, and the reverse).
#pragma once

#include <string>
#include <vector>

#include "document.h"
#include "entity_types.h"
#include "lexicon.h"
#include "ner_features.h"
#include "sequence_model.h"
#include "text_analysis.h"

namespace biotator {

// A recognized mention, in byte offsets of AnalyzedText::text.
struct EntityMention {
  uint32_t begin = 0, end = 0;
  EntityType type = EntityType::kGene;
  friend bool operator==(const EntityMention&, const EntityMention&) = default;
};

// How annotation types are named in the output.
enum class TypeNames { kPubTator3, kBioRED };

// The PubTator3 name of a mention's type; variants get tmVar's subtype from their text
// (rs IDs are SNP, c./g./nucleotide changes DNAMutation, the rest ProteinMutation).
std::string output_type_name(EntityType type, std::string_view mention, TypeNames names);

struct RecognizerOptions {
  bool abbreviation_consistency = true;
  // Every other stand-alone occurrence of a recognized mention's exact text in the
  // document gets the same type (BioRED annotates every mention).
  bool surface_consistency = false;  // measured neutral on BioRED Dev (+recall, -precision)
};

class EntityRecognizer {
 public:
  // `lexicon` may be null (then no lexicon features); both must outlive the recognizer.
  // `clusters` may be null; a model must be used with the lexicon and clusters it was trained with.
  EntityRecognizer(const Lexicon* lexicon, const SequenceModel* model, RecognizerOptions options = {},
                   const WordClusters* clusters = nullptr);

  const Lexicon* lexicon() const { return lexicon_; }

  // Mentions in an analyzed document, sorted by position, never overlapping.
  void recognize(const AnalyzedText& analysis, std::vector<EntityMention>& out) const;
  // Analyzes `doc`, recognizes its mentions and appends them as annotations (ID "-").
  void annotate(Document& doc, TypeNames names = TypeNames::kPubTator3) const;

 private:
  void apply_abbreviation_consistency(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) const;
  void apply_surface_consistency(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) const;

  const Lexicon* lexicon_;
  const SequenceModel* model_;
  RecognizerOptions options_;
  NerFeatureExtractor features_;
};

// Turns mentions into annotations of `doc` (code point offsets, exact mention text).
void append_mentions(const AnalyzedText& analysis, const std::vector<EntityMention>& mentions, TypeNames names,
                     Document& doc);

}  // namespace biotator
