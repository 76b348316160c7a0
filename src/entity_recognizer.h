// The entity recognition stage: tokens → features → BIOES labels → mentions of Gene,
// Disease, Chemical, Species, CellLine and Variant, then the document-level rules of
// mention_rules.h (an abbreviation takes its long form's type, and the reverse; names
// copied to their repeats; formulas, element symbols, receptor and disease names).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "document.h"
#include "entity_types.h"
#include "lexicon.h"
#include "mention_rules.h"
#include "ner_features.h"
#include "sequence_model.h"
#include "text_analysis.h"

namespace biotator {

// How annotation types are named in the output.
enum class TypeNames { kPubTator3, kBioRED };
// "pubtator3" or "biored" (annotate's --type-names, the service's type_names); nullopt
// for anything else.
std::optional<TypeNames> parse_type_names(std::string_view name);

// The PubTator3 name of a mention's type; variants get tmVar's subtype from their text
// (rs IDs are SNP, c./g./nucleotide changes DNAMutation, the rest ProteinMutation).
std::string output_type_name(EntityType type, std::string_view mention, TypeNames names);

struct RecognizerOptions {
  bool abbreviation_consistency = true;
  // Every other stand-alone occurrence of a recognized mention's exact text in the
  // document gets the same type (BioRED annotates every mention).
  bool surface_consistency = false;  // measured neutral on BioRED Dev (+recall, -precision)
  // The same, for Chemical mentions only (see propagate_surfaces).
  bool chemical_surface_consistency = true;
  // The same, for Gene mentions ("MZM1" tagged at one repeat of three).
  bool gene_surface_consistency = true;
  // Formulas with parenthesized subscripts ("CaCl(2)"), "<chemical> receptor", element
  // symbols, and abbreviations of chemicals tagged elsewhere (see join_formula_subscripts,
  // extend_chemicals_to_protein_heads, tag_element_symbols, apply_abbreviation_consistency).
  bool chemical_rules = true;
  // Disease post-processing: virus names, chemicals inside vocabulary disease names,
  // disease symbols in gene lists, disease names before "gene", knockout marks on gene
  // names, and disease names copied to their repeats (see name_viruses_after_diseases,
  // extend_chemicals_to_disease_names, retype_symbols_in_gene_lists,
  // name_genes_after_diseases, trim_knockout_marks, surface_propagation_types).
  bool disease_rules = true;

  bool operator==(const RecognizerOptions&) const = default;
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
  const Lexicon* lexicon_;
  const SequenceModel* model_;
  RecognizerOptions options_;
  NerFeatureExtractor features_;
};

// The types whose names propagate_surfaces copies to their untagged repeats, under
// `options` (bits 1 << EntityType; all types with surface_consistency).
uint32_t surface_propagation_types(const RecognizerOptions& options);

// Turns mentions into annotations of `doc` (code point offsets, exact mention text).
void append_mentions(const AnalyzedText& analysis, const std::vector<EntityMention>& mentions, TypeNames names,
                     Document& doc);

}  // namespace biotator
