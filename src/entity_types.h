// Entity classes: the six PubTator3 classes BioTator recognizes, and the mapping from
// every type name found in the corpora (BioRED, PubTator3, tmVar, NCBI-disease) to them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace biotator {

// Unifies entity type names across corpora to the PubTator3 class names
// (Gene, Disease, Chemical, Species, Variant, CellLine); other names are returned as is
// (FamilyName and DomainMotif are not genes in BioRED).
std::string unify_type(std::string_view type);

enum class EntityType : uint8_t { kGene, kDisease, kChemical, kSpecies, kCellLine, kVariant };
constexpr int kEntityTypeCount = 6;

// The unified class name ("Gene", ..., "Variant").
std::string_view entity_type_name(EntityType t);
// The class of any corpus type name, or nullopt for types outside the six.
std::optional<EntityType> entity_type_of(std::string_view type_name);
// BioRED's name of the class ("GeneOrGeneProduct", ...).
std::string_view biored_type_name(EntityType t);

}  // namespace biotator
