// `biotator annotate` as a library call: read → tokenize → recognize (entity tagger,
// then the variant grammar) → normalize (knowledge base) → write. Data flows one way through the stages; each stage
// is a component of its own and this class only wires them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "document.h"
#include "entity_linker.h"
#include "entity_recognizer.h"
#include "model_bundle.h"
#include "relation_extractor.h"
#include "variant_recognizer.h"

namespace biotator {

// How identifiers are written. PubTator3: "MESH:D003586", several joined by ';', a
// CellLine "CVCL:0062", a variant as PubTator3's record
// ("tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0;CorrespondingGene:673;RS#:113488022;
// CorrespondingSpecies:9606"). BioRED: "D003586", several joined by ',', "CVCL_0062", a
// variant as its dbSNP ID when known, else its tmVar form ("rs113488022",
// "p|SUB|V|600|E"). Relation lines name their concepts in the same style.
enum class IdStyle { kPubTator3, kBioRED };
// "pubtator3" or "biored" (annotate's --id-style, the service's id_style); nullopt
// otherwise.
std::optional<IdStyle> parse_id_style(std::string_view name);

struct PipelineOptions {
  TypeNames type_names = TypeNames::kPubTator3;
  IdStyle id_style = IdStyle::kPubTator3;
  RecognizerOptions recognizer;
  // Variants come from the grammar (src/variant_recognizer.h); the tagger's own
  // Variant mentions are kept only where the grammar found nothing overlapping them.
  bool keep_tagger_variants = false;
  // Relations: novelty and score are computed always and written only when asked
  // (PubTator3 writes four columns); relations scoring below min_score are dropped.
  // dbSNP IDs for variants whose text gives none: from the tmVar form and the variant's
  // gene, else another gene of the document (1), also the form's most frequent rs ID
  // when no gene matches (2), or never (0). 1 is best on BioRED Train, gold mentions:
  // Variant normalization 60.6 vs 58.5 (2).
  int variant_rs_lookup = 1;
  bool relation_novelty = false;
  bool relation_scores = false;
  double min_relation_score = 0.0;

  // The local service keeps pipelines for reuse by the options they were built with.
  bool operator==(const PipelineOptions&) const = default;
};

class AnnotationPipeline {
 public:
  // `bundle` must outlive the pipeline and hold at least the NER model.
  AnnotationPipeline(const ModelBundle& bundle, PipelineOptions options = {});

  // Replaces `doc`'s annotations and relations with BioTator's.
  void annotate(Document& doc) const;
  // Gold-mention mode: keeps the spans and types of `doc`'s annotations and gives
  // each its identifiers (measures normalization apart from recognition).
  void link_existing(Document& doc) const;
  // Gold-entity mode: keeps the input's entities (spans, types, IDs) as they are and
  // only extracts relations (measures relation extraction apart from the rest).
  void relate_existing(Document& doc) const;

 private:
  // Gives each variant annotation its gene (nearest gene mention), dbSNP ID and group.
  // `mentions` are the parsed variants in text order, at byte offsets into `text` (the
  // document's full text); `annotation_of[k]` is the annotation of mentions[k].
  void link_variants(Document& doc, std::string_view text, const std::vector<size_t>& annotation_of,
                     std::vector<VariantMention>& mentions) const;

  // A dbSNP ID for `tmvar` recorded with the human reading (the linker's, cached by
  // text in `human_readings`) of a mention of the variant's own gene (`gene`, the
  // group's, or `nearest_gene`) among `genes`, nearest to `variant` first: dbSNP records
  // human genes, and "podocin" in a mouse study is linked to mouse Nphs2.
  std::optional<std::string> rs_from_human_reading(
      const std::vector<const Annotation*>& genes, const Annotation& variant, const std::string& tmvar,
      std::unordered_map<std::string, std::vector<std::string>>& human_readings, std::string_view gene,
      std::string_view nearest_gene) const;

  // Replaces doc.relations with the relation model's (nothing without a model).
  void relate(Document& doc, const AnalyzedText& analysis) const;

  const ModelBundle& bundle_;
  PipelineOptions options_;
  EntityRecognizer recognizer_;
  EntityLinker linker_;
  // RelationExtractor keeps scratch buffers, so a pipeline serves one thread at a time:
  // annotate's workers (BatchAnnotator) and the local service's requests
  // (AnnotationService's pool) each have a pipeline of their own.
  mutable std::unique_ptr<RelationExtractor> relation_extractor_;
};

// Removes the Species annotations that carry no identifier. Organism names are a closed
// vocabulary that the KB holds whole (NCBI Taxonomy, UniProt's common names), so a
// recognized Species mention it cannot link is a tagging slip ("emergency" of "emergency
// room"), not an organism missing from the KB: BioRED Dev 4 such mentions, all false
// (Train none); SPECIES-800 Train 37 and Linnaeus Train 59, all false. annotate() applies
// it after linking; mentions given in the input (link_existing) are kept.
void drop_unlinked_species(std::vector<Annotation>& annotations);

// A name means one thing in an abstract: an entity annotation without an identifier
// whose exact text another annotation of another type carries with one takes that
// annotation's type and identifiers (the first such in document order). The tagger
// can call a title's "COVID-19" a gene and the abstract's a disease; the linker then
// finds no gene of that name. Variants are left alone (their IDs come from their own
// text). BioRED Train and Dev have no such case; annotate() applies it after linking.
void unify_unlinked_repeats(std::vector<Annotation>& annotations);

}  // namespace biotator
