// Candidate concept pairs of a document and their features, for document-level relation
// extraction with BioRED's relation types.
//
// A concept is one distinct identifier (compared after normalize_id(), so "MESH:D003409"
// and "D003409" are one concept) carried by entity annotations of the six classes. Every
// pair of concepts whose classes may be related (the table of FORMATS.md) is a candidate.
// Its features are aggregated over all mention pairs of the two concepts and hashed into
// 2^hash_bits buckets, so the runtime needs no feature dictionary.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "entity_types.h"
#include "text_analysis.h"

namespace biotator {

// The eight relation types in a fixed order; model class k (1..8) is type k-1, class 0 is
// "no relation".
inline constexpr int kRelationTypeCount = 8;
inline constexpr int kRelationClassCount = kRelationTypeCount + 1;
std::string_view relation_type_name(int type);
std::optional<int> relation_type_index(std::string_view name);

// The unordered entity class pairs that BioRED relates.
enum class ClassPair : uint8_t {
  kChemicalChemical,
  kChemicalDisease,
  kChemicalGene,
  kChemicalVariant,
  kDiseaseGene,
  kDiseaseVariant,
  kGeneGene,
  kVariantVariant,
};
inline constexpr int kClassPairCount = 8;
std::string_view class_pair_name(ClassPair pair);
// The pair of two classes in either order, or nullopt when they are never related.
std::optional<ClassPair> class_pair_of(EntityType a, EntityType b);
// The relation types allowed between the classes of each class pair, bit k for type k
// (FORMATS.md's table; defined in relation_features.cc).
extern const std::array<uint8_t, kClassPairCount> kAllowedRelationTypes;
// Whether relation type `type` (0..7) is allowed between the classes of `pair`. (Inline:
// the model's softmax asks it 16 times a candidate, and the calls were 1.5 % of the stage.)
inline bool relation_type_allowed(ClassPair pair, int type) {
  return type >= 0 && type < kRelationTypeCount && (kAllowedRelationTypes[static_cast<size_t>(pair)] >> type) & 1;
}
// Argument order of relation output: Chemical, Disease, Gene, Variant. Pairs are unordered
// (the evaluator ignores order); a fixed order makes output and features deterministic.
int argument_rank(EntityType t);

struct ConceptMention {
  uint32_t token_begin = 0;  // token range of the mention in AnalyzedText::tokens
  uint32_t token_end = 0;
  uint32_t sentence = 0;     // index in AnalyzedText::sentences
  bool in_title = false;
};

struct Concept {
  std::string id;    // the identifier as the first annotation carrying it wrote it
  std::string key;   // normalize_id(id): what makes two identifiers one concept
  EntityType type = EntityType::kGene;
  std::vector<ConceptMention> mentions;  // in text order
};

// The facts about a candidate pair that tests and error analysis read directly.
struct PairStatistics {
  int same_sentence_count = 0;     // sentences holding a mention of both
  int min_sentence_distance = -1;  // over all mention pairs
  int min_token_distance = -1;     // tokens strictly between the closest same-sentence mentions; -1 if none
  bool both_in_title = false;
  // Dense facts for the relation model's trees (RelationModel::tree_inputs).
  int first_mentions = 0;   // mentions of each concept
  int second_mentions = 0;
  bool first_in_title = false;
  bool second_in_title = false;
  int first_rank = 0;       // rank by mention count within its class (1: the most mentioned)
  int second_rank = 0;
  int first_sentence_first = 0;   // sentence of each concept's first mention
  int first_sentence_second = 0;
  int concept_count = 0;    // concepts of the document
  int sentence_count = 0;
  int total_mentions = 0;   // entity mentions with an identifier
};

struct RelationCandidate {
  uint32_t first = 0;   // concept indices, in argument order (argument_rank, then first mention)
  uint32_t second = 0;
  ClassPair class_pair = ClassPair::kChemicalChemical;
  PairStatistics stats;
  // Hashed feature indices, each once, in the order the extractor derives them (the
  // same on every run; the model sums them in this order).
  std::vector<uint32_t> features;
  // The type model reads the first type_feature_count features; the novelty model reads
  // them all (the rest describe what novelty depends on: where and how the pair is stated).
  uint32_t type_feature_count = UINT32_MAX;  // UINT32_MAX (or more than there are): all
  std::span<const uint32_t> type_features() const {
    return {features.data(), std::min<size_t>(type_feature_count, features.size())};
  }
};

struct DocumentCandidates {
  std::vector<Concept> concepts;
  std::vector<RelationCandidate> candidates;
};

class RelationFeatureExtractor {
 public:
  // No BioRED Train/Dev relation has its closest mentions more than ~1,500 characters
  // (~300 tokens) apart.
  static constexpr uint32_t kCandidateWindowTokens = 1000;

  // hash_bits: 1..26 (throws std::invalid_argument otherwise).
  explicit RelationFeatureExtractor(uint32_t hash_bits = 18);
  uint32_t hash_bits() const { return hash_bits_; }

  // Concepts and candidates of `doc`; `analysis` must be analyze_document's result for it.
  // Annotations whose type is outside the six classes or whose IDs are all null are skipped.
  // Two concepts are a candidate only when some pair of their mentions lies within
  // kCandidateWindowTokens of each other: an abstract (at most ~700 tokens) keeps every
  // pair, while the work on long texts grows with their length, not with its square.
  void extract(const Document& doc, const AnalyzedText& analysis, DocumentCandidates& out) const;

 private:
  uint32_t hash_bits_;
  uint32_t mask_;
  // The hashes of features with small values, by class pair ("any" last), template and
  // value (relation_features.cc: kTabulatedValues).
  std::vector<uint32_t> tabulated_hashes_;
};

}  // namespace biotator
