#include "entity_types.h"

#include <unordered_map>
#include <vector>

namespace biotator {

namespace {

// Type names as the corpora and tools write them → BioTator's class name.
const std::unordered_map<std::string_view, std::string_view>& type_classes() {
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
  return kClasses;
}

}  // namespace

std::string unify_type(std::string_view type) {
  auto it = type_classes().find(type);
  return std::string(it == type_classes().end() ? type : it->second);
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
  // Every class name is a key of type_classes() too, so one table answers. A scan that
  // compares lengths first, not a hash map: this runs for every annotation of every
  // stage, and hashing the name cost more than the few comparisons.
  struct Entry {
    std::string_view name;
    EntityType type;
  };
  static const std::vector<Entry> kTypes = [] {
    std::vector<Entry> types;
    for (const auto& [name, unified] : type_classes())
      for (int i = 0; i < kEntityTypeCount; ++i)
        if (unified == entity_type_name(static_cast<EntityType>(i))) types.push_back({name, static_cast<EntityType>(i)});
    return types;
  }();
  for (const Entry& e : kTypes)
    if (e.name.size() == type_name.size() && e.name == type_name) return e.type;
  return std::nullopt;
}

}  // namespace biotator
