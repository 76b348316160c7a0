#include "entity_types.h"

#include <unordered_map>

namespace biotator {

std::string unify_type(std::string_view type) {
  static const std::unordered_map<std::string_view, std::string_view> kClasses = {
      // BioRED
      {"GeneOrGeneProduct", "Gene"},
      {"DiseaseOrPhenotypicFeature", "Disease"},
      {"ChemicalEntity", "Chemical"},
      {"OrganismTaxon", "Species"},
      {"SequenceVariant", "Variant"},
      // PubTator3 / tmVar variant subtypes
      {"DNAMutation", "Variant"},
      {"ProteinMutation", "Variant"},
      {"SNP", "Variant"},
      {"DNAAllele", "Variant"},
      {"ProteinAllele", "Variant"},
      {"AcidChange", "Variant"},
      {"OtherMutation", "Variant"},
      {"Variant", "Variant"},
      // NCBI-disease subtypes
      {"SpecificDisease", "Disease"},
      {"DiseaseClass", "Disease"},
      {"Modifier", "Disease"},
      {"CompositeMention", "Disease"},
      // Already unified (FamilyName and DomainMotif are deliberately absent: BioRED
      // does not count them as genes).
      {"Gene", "Gene"},
      {"Disease", "Disease"},
      {"Chemical", "Chemical"},
      {"Species", "Species"},
      {"CellLine", "CellLine"},
  };
  auto it = kClasses.find(type);
  return std::string(it == kClasses.end() ? type : it->second);
}

std::string_view entity_type_name(EntityType t) {
  switch (t) {
    case EntityType::kGene: return "Gene";
    case EntityType::kDisease: return "Disease";
    case EntityType::kChemical: return "Chemical";
    case EntityType::kSpecies: return "Species";
    case EntityType::kCellLine: return "CellLine";
    case EntityType::kVariant: return "Variant";
  }
  return "?";
}

std::string_view biored_type_name(EntityType t) {
  switch (t) {
    case EntityType::kGene: return "GeneOrGeneProduct";
    case EntityType::kDisease: return "DiseaseOrPhenotypicFeature";
    case EntityType::kChemical: return "ChemicalEntity";
    case EntityType::kSpecies: return "OrganismTaxon";
    case EntityType::kCellLine: return "CellLine";
    case EntityType::kVariant: return "SequenceVariant";
  }
  return "?";
}

std::optional<EntityType> entity_type_of(std::string_view type_name) {
  const std::string unified = unify_type(type_name);
  for (int i = 0; i < kEntityTypeCount; ++i) {
    const auto t = static_cast<EntityType>(i);
    if (unified == entity_type_name(t)) return t;
  }
  return std::nullopt;
}

}  // namespace biotator
