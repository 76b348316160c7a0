#include "entity_recognizer.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace biotator {

std::optional<TypeNames> parse_type_names(std::string_view name) {
  if (name == "pubtator3") return TypeNames::kPubTator3;
  if (name == "biored") return TypeNames::kBioRED;
  return std::nullopt;
}

std::string output_type_name(EntityType type, std::string_view mention, TypeNames names) {
  if (names == TypeNames::kBioRED) return std::string(biored_type_name(type));
  if (type != EntityType::kVariant) return std::string(entity_type_name(type));
  // tmVar's subtypes, from the shape of the mention alone (the variant stage of issue
  // #5 replaces this with its grammar).
  if (mention.size() > 2 && (mention[0] == 'r' || mention[0] == 'R') && (mention[1] == 's' || mention[1] == 'S') &&
      std::isdigit(static_cast<unsigned char>(mention[2])))
    return "SNP";
  if (mention.starts_with("c.") || mention.starts_with("g.") || mention.starts_with("m.") ||
      mention.starts_with("n.") || mention.starts_with("IVS") || mention.find('>') != std::string_view::npos)
    return "DNAMutation";
  return "ProteinMutation";
}

EntityRecognizer::EntityRecognizer(const Lexicon* lexicon, const SequenceModel* model, RecognizerOptions options,
                                   const WordClusters* clusters)
    : lexicon_(lexicon), model_(model), options_(options), features_(clusters) {}

void EntityRecognizer::recognize(const AnalyzedText& analysis, std::vector<EntityMention>& out) const {
  out.clear();
  thread_local std::vector<NerFeatureExtractor::TokenInfo> info;
  thread_local FeatureSequence seq;
  thread_local std::vector<uint8_t> labels;
  features_.prepare(analysis, info);
  for (const Sentence& s : analysis.sentences) {
    features_.extract(info, s.token_begin, s.token_end, seq);
    model_->decode(seq, labels);
    for (uint32_t i = 0; i < labels.size(); ++i) {
      const int label = labels[i];
      if (label == 0) continue;
      const int pos = BioesLabels::position_of(label);
      if (pos != 0 && pos != 3) continue;  // mentions start at B or S
      uint32_t j = i;
      if (pos == 0)
        while (j + 1 < labels.size() && BioesLabels::position_of(labels[j + 1]) != 2) ++j;
      if (pos == 0 && j + 1 < labels.size()) ++j;  // include the E
      const Token& first = analysis.tokens[s.token_begin + i];
      const Token& last = analysis.tokens[s.token_begin + j];
      out.push_back({first.begin, last.end, static_cast<EntityType>(BioesLabels::type_of(label))});
      i = j;
    }
  }
  if (options_.chemical_rules) {
    join_formula_subscripts(analysis, out);
    extend_chemicals_to_protein_heads(analysis, out);
  }
  if (options_.disease_rules) name_viruses_after_diseases(analysis, out);
  if (options_.disease_rules) extend_chemicals_to_disease_names(analysis, out);
  if (options_.disease_rules) retype_symbols_in_gene_lists(analysis, out);
  if (options_.disease_rules) tag_omim_references(analysis, out);
  if (options_.abbreviation_consistency) apply_abbreviation_consistency(analysis, out, options_.chemical_rules);
  if (options_.disease_rules) name_genes_after_diseases(analysis, out);
  if (options_.disease_rules) trim_knockout_marks(analysis, out);
  if (options_.chemical_rules) tag_element_symbols(analysis, out);
  if (options_.surface_consistency) propagate_surfaces(analysis, out, ~0u);
  else if (const uint32_t types = surface_propagation_types(options_)) propagate_surfaces(analysis, out, types);
  if (options_.chemical_rules) unify_chemical_types(analysis, out);
  drop_non_entity_names(analysis, out);
}

uint32_t surface_propagation_types(const RecognizerOptions& options) {
  uint32_t types = 0;
  // Chemical names mean the same thing throughout an abstract, and the tagger misses
  // some of their repeats ("SSR103800" tagged at 2 of 7, "maltolyl p-coumarate" at 1
  // of 8). BioRED Dev Chemical +17 true mentions, +3 false; Train +1 and +1.
  if (options.chemical_surface_consistency) types |= 1u << static_cast<int>(EntityType::kChemical);
  // Disease names likewise ("tubulointerstitial damage", "metabolism disorder" missed
  // at a repeat). BioRED Dev Disease +4 true mentions, +3 false (F1 88.49 -> 88.59);
  // Train +1 and +1 (F1 99.79 both).
  if (options.disease_rules) types |= 1u << static_cast<int>(EntityType::kDisease);
  // Gene names likewise. BioRED Dev Gene +8 true mentions, +2 false (F1 89.84 -> 90.16);
  // Train unchanged. (Species are left out: Dev +2 false, no true one.)
  if (options.gene_surface_consistency) types |= 1u << static_cast<int>(EntityType::kGene);
  return types;
}

void append_mentions(const AnalyzedText& analysis, const std::vector<EntityMention>& mentions, TypeNames names,
                     Document& doc) {
  for (const EntityMention& m : mentions) {
    Annotation a;
    a.spans.push_back({static_cast<int64_t>(analysis.index.codepoint_of_byte(m.begin)),
                       static_cast<int64_t>(analysis.index.codepoint_of_byte(m.end))});
    a.text = analysis.text.substr(m.begin, m.end - m.begin);
    a.type = output_type_name(m.type, a.text, names);
    doc.annotations.push_back(std::move(a));
  }
}

void EntityRecognizer::annotate(Document& doc, TypeNames names) const {
  thread_local AnalyzedText analysis;
  thread_local std::vector<EntityMention> mentions;
  analyze_document(doc, lexicon_, analysis);
  recognize(analysis, mentions);
  append_mentions(analysis, mentions, names, doc);
}

}  // namespace biotator
