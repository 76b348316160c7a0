#include "lexicon_builder.h"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "byte_source.h"
#include "input_error.h"
#include "utf8.h"

namespace biotator {
namespace {

// One-word names that are everyday English or generic biology words. Gene synonyms
// ("SET", "CAN", "WAS"), species common names and MeSH entry terms contain these,
// and they would otherwise match in every abstract.
const std::unordered_set<std::string_view>& stopwords() {
  static const std::unordered_set<std::string_view> words = {
      "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
      "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
      "did", "do", "does", "doing", "down", "during", "each", "either", "few", "for", "from", "further", "had",
      "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
      "it", "its", "just", "may", "me", "might", "more", "most", "must", "my", "no", "nor", "not", "now", "of",
      "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "per", "same", "she",
      "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
      "this", "those", "through", "to", "too", "two", "under", "until", "up", "us", "very", "via", "was", "we",
      "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
      "your", "yes", "new", "old", "large", "small", "high", "low", "long", "short", "major", "minor", "total",
      "free", "end", "set", "get", "put", "key", "top", "act", "age", "aim", "air", "arm", "art", "bad", "bed",
      "big", "bit", "box", "car", "cut", "day", "far", "fat", "fit", "fix", "gap", "hit", "hot", "job", "lay",
      "led", "let", "lie", "lot", "map", "max", "min", "mix", "net", "non", "pre", "post", "pro", "raw",
      "run", "sad", "saw", "say", "see", "sex", "sit", "six", "ten", "tip", "use", "used", "using", "war", "way",
      "win", "yet", "cell", "cells", "cellular", "gene", "genes", "genetic", "protein", "proteins", "type",
      "types", "factor", "factors", "receptor", "receptors", "enzyme", "enzymes", "complex", "family", "group",
      "groups", "level", "levels", "activity", "function", "region", "domain", "member", "subunit", "chain",
      "form", "forms", "product", "unknown", "putative", "probable", "hypothetical", "like", "related",
      "associated", "binding", "containing", "dependent", "specific", "control", "normal", "root", "study",
      "case", "cases", "effect", "effects", "result", "results", "data", "analysis", "model", "system", "time",
      "rate", "ratio", "dose", "test", "tests", "role", "site", "sites", "point", "line", "lines", "state",
      "response", "signal", "mass", "light", "water", "salt", "acid", "acids", "base", "drug", "drugs", "agent",
      "agents", "compound", "compounds", "disease", "diseases", "disorder", "disorders", "syndrome", "syndromes",
      "animal", "animals", "organism", "organisms", "species", "strain", "strains", "virus",
  };
  return words;
}

// Adds `name` after the filter, counting the outcome in `stats`.
void offer(Lexicon& lexicon, std::string_view name, uint8_t classes, uint8_t sources, LexiconBuildStats& stats) {
  ++stats.names_read;
  const char* why = nullptr;
  if (!keep_lexicon_name(name, &why)) {
    if (std::string_view(why) == "number") ++stats.numbers;
    else ++stats.stopwords;
    return;
  }
  if (!lexicon.add(name, classes, sources)) {
    ++stats.too_long;
    return;
  }
  ++stats.names_added;
  for (int bit = 0; bit < 8; ++bit) {
    if (classes & (1u << bit)) ++stats.added_per_class[bit];
  }
}

bool empty_field(std::string_view field) { return field.empty() || field == "-"; }

std::string_view chomp(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "Carcinoma, Hepatocellular" -> "Hepatocellular Carcinoma": MeSH lists many entry
// terms head-first. Only names with exactly one ", " qualify; returns "" otherwise.
std::string uninvert(std::string_view term) {
  const size_t comma = term.find(", ");
  if (comma == std::string_view::npos || comma == 0 || term.find(", ", comma + 2) != std::string_view::npos ||
      comma + 2 >= term.size()) {
    return {};
  }
  std::string out(term.substr(comma + 2));
  out.push_back(' ');
  out.append(term.substr(0, comma));
  return out;
}

// Splits a CSV line (RFC 4180 quoting: "a, b" and "" for a quote).
std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

std::string read_all(ByteSource& source) {
  std::string data;
  char buffer[1 << 16];
  while (size_t n = source.read(buffer, sizeof buffer)) data.append(buffer, n);
  return data;
}

}  // namespace

std::vector<std::string_view> split_fields(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(separator, start);
    if (end == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, end - start));
    start = end + 1;
  }
}

void for_each_tsv_row(const std::string& path, size_t min_fields, std::string_view header,
                      const std::function<void(const std::vector<std::string_view>&, ByteSource&)>& fn) {
  auto source = ByteSource::open(path);
  std::string_view line;
  while (source->read_line(line)) {
    line = chomp(line);
    if (line.empty() || line.front() == '#') continue;
    if (!header.empty() && source->line_number() == 1 && line.starts_with(header)) continue;
    const auto fields = split_fields(line, '\t');
    if (fields.size() < min_fields) {
      throw InputError(source->name(), source->line_number(),
                       "expected at least " + std::to_string(min_fields) + " tab-separated fields, found " +
                           std::to_string(fields.size()),
                       false);
    }
    fn(fields, *source);
  }
}

LexiconBuildStats& LexiconBuildStats::operator+=(const LexiconBuildStats& other) {
  names_read += other.names_read;
  names_added += other.names_added;
  stopwords += other.stopwords;
  numbers += other.numbers;
  too_long += other.too_long;
  unmapped_types += other.unmapped_types;
  discontinuous += other.discontinuous;
  for (size_t i = 0; i < added_per_class.size(); ++i) added_per_class[i] += other.added_per_class[i];
  return *this;
}

std::string LexiconBuildStats::summary() const {
  static constexpr const char* kClassNames[8] = {"Gene",    "Disease",    "Chemical", "Species",
                                                 "CellLine", "ChemicalProteinBranch", "GeneFamily", "bit7"};
  std::ostringstream out;
  out << "names read " << names_read << ", added " << names_added << ", rejected: stopword/1-char " << stopwords
      << ", number " << numbers << ", too long " << too_long << "; mentions skipped: unmapped type " << unmapped_types
      << ", discontinuous " << discontinuous << "\n";
  for (int bit = 0; bit < 7; ++bit) out << "  added as " << kClassNames[bit] << ": " << added_per_class[bit] << "\n";
  return out.str();
}

uint8_t entity_class_of_type(std::string_view type) {
  static const std::unordered_map<std::string_view, uint8_t> classes = {
      {"Gene", kGene},           {"GeneOrGeneProduct", kGene},
      {"Disease", kDisease},     {"DiseaseOrPhenotypicFeature", kDisease},
      {"SpecificDisease", kDisease}, {"DiseaseClass", kDisease},
      {"Modifier", kDisease},    {"CompositeMention", kDisease},
      {"Chemical", kChemical},   {"ChemicalEntity", kChemical},
      {"Species", kSpecies},     {"OrganismTaxon", kSpecies},
      {"CellLine", kCellLine},   {"FamilyName", kGeneFamily},
  };
  const auto it = classes.find(type);
  return it == classes.end() ? 0 : it->second;
}

bool keep_lexicon_name(std::string_view name, const char** why) {
  const std::string normalized = Lexicon::normalize(name);
  const char* reason = nullptr;
  if (normalized.find(' ') == std::string::npos) {  // a single unit
    const size_t first = name.find_first_not_of(" \t");
    const size_t last = name.find_last_not_of(" \t");
    if (normalized.empty()) reason = "empty";
    else if (std::all_of(normalized.begin(), normalized.end(), [](char c) { return c >= '0' && c <= '9'; }))
      reason = "number";
    else if (utf8_length(name.substr(first, last + 1 - first)) == 1) reason = "one character";  // "x", "α"
    else if (stopwords().contains(normalized)) reason = "stopword";
  }
  if (why) *why = reason;
  return reason == nullptr;
}

const std::vector<SpeciesWord>& species_words() {
  // Words annotated as organisms in BioRED/PubTator corpora although no species
  // vocabulary lists them: the humans and lab animals studied (counts from BioRED Train:
  // patients 515, mice 185, rats 164, patient 124, human 124, ...). Taxa as BioRED and
  // the other training corpora give them.
  static const std::vector<SpeciesWord> words = {
      {"patients", 9606}, {"patient", 9606}, {"human", 9606}, {"humans", 9606}, {"mice", 10090},
      {"mouse", 10090}, {"murine", 10090}, {"rats", 10116}, {"rat", 10116}, {"women", 9606},
      {"woman", 9606}, {"men", 9606}, {"man", 9606}, {"outpatients", 9606}, {"outpatient", 9606},
      {"inpatients", 9606}, {"inpatient", 9606}, {"zebrafish", 7955}, {"bovine", 9913}, {"rabbit", 9986},
      {"rabbits", 9986}, {"dog", 9615}, {"dogs", 9615}, {"cat", 9685}, {"cats", 9685}, {"pig", 9823},
      {"pigs", 9823}, {"sheep", 9940}, {"yeast", 4932}, {"yeasts", 4932}, {"hamster", 10036},
      {"hamsters", 10036}, {"monkey", 9544}, {"monkeys", 9544}, {"guinea pig", 10141}, {"guinea pigs", 10141},
      {"horse", 9796}, {"horses", 9796}, {"chicken", 9031}, {"chickens", 9031}, {"cattle", 9913},
      {"cow", 9913}, {"cows", 9913}, {"fruit fly", 7227}, {"primates", 9443}};
  return words;
}

void read_mesh_names(const std::string& trees_tsv, const std::string& terms_tsv, const VocabularyNameFn& fn) {
  constexpr uint8_t kMaybeChemical = 128;  // a D23 tree: settled once all trees are known
  // Descriptor -> class bits, from its tree numbers.
  std::unordered_map<std::string, uint8_t> descriptor_classes;
  for_each_tsv_row(trees_tsv, 3, "DescriptorUI", [&](const std::vector<std::string_view>& f, ByteSource&) {
    const std::string_view tree = f[2];
    uint8_t bits = 0;
    if (tree.starts_with("C") || tree.starts_with("F03")) bits = kDisease;
    else if (tree.starts_with("D08.211") || tree.starts_with("D12.125")) bits = kChemical;  // coenzymes, amino acids
    else if (tree.starts_with("D08") || tree.starts_with("D12")) bits = kChemicalProteinBranch;
    else if (tree.starts_with("D23")) bits = kMaybeChemical;
    else if (tree.starts_with("D")) bits = kChemical;
    if (bits) descriptor_classes[std::string(f[0])] |= bits;
  });
  // DescriptorUI DescriptorName ConceptUI TermUI TermName ConceptPreferredTermYN
  // IsPermutedTermYN LexicalTag RecordPreferredTermYN
  for_each_tsv_row(terms_tsv, 5, "DescriptorUI", [&](const std::vector<std::string_view>& f, ByteSource&) {
    const auto it = descriptor_classes.find(std::string(f[0]));
    if (it == descriptor_classes.end()) return;
    uint8_t bits = it->second;
    // Biological factors (D23: cytokines, antigens, toxins) are chemicals unless they
    // are proteins of D08/D12 too (IL-2 is in D12 and D23).
    if (bits & kMaybeChemical) bits = (bits & ~kMaybeChemical) | ((bits & kChemicalProteinBranch) ? 0 : kChemical);
    if (bits == 0) return;
    VocabularyName record;
    record.id = f[0];
    record.name = f[4];
    record.classes = bits;
    record.role = f.size() > 8 && f[8] == "Y"   ? NameRole::kPreferred
                  : f.size() > 5 && f[5] == "Y" ? NameRole::kFull
                                                : NameRole::kSynonym;
    fn(record);
    const std::string uninverted = uninvert(f[4]);
    if (!uninverted.empty()) {
      record.name = uninverted;
      record.uninverted = true;
      fn(record);
    }
  });
}

void read_mesh_disease_supplementary(const std::string& path, const VocabularyNameFn& fn) {
  std::string previous;  // the file repeats a name once per mapped descriptor
  for_each_tsv_row(path, 2, "MESH_SCR_ID", [&](const std::vector<std::string_view>& f, ByteSource&) {
    if (f[1] == previous) return;
    previous = f[1];
    VocabularyName record;
    record.id = f[0];
    record.name = f[1];
    record.classes = kDisease;
    record.role = NameRole::kPreferred;
    fn(record);
  });
}

void read_ctd_diseases(const std::string& path, const VocabularyNameFn& fn) {
  // DiseaseName DiseaseID AltDiseaseIDs Definition ParentIDs TreeNumbers ParentTreeNumbers Synonyms
  for_each_tsv_row(path, 8, "", [&](const std::vector<std::string_view>& f, ByteSource&) {
    VocabularyName record;
    record.id = f[1];
    record.name = f[0];
    record.classes = kDisease;
    record.role = NameRole::kPreferred;
    fn(record);
    if (empty_field(f[7])) return;
    record.role = NameRole::kSynonym;
    for (std::string_view synonym : split_fields(f[7], '|')) {
      if (synonym.empty()) continue;
      record.name = synonym;
      fn(record);
    }
  });
}

void read_chemical_mesh_mappings(const std::string& path, const VocabularyNameFn& fn) {
  // MESH  C000002  bevonium  CHEBI  CHEBI:135495  bevonium
  // Rows for descriptors (D...) repeat what the MeSH trees give; supplementary
  // concepts (C...) get their class from the database they map to.
  for_each_tsv_row(path, 6, "", [&](const std::vector<std::string_view>& f, ByteSource&) {
    if (!f[1].starts_with("C")) return;
    const std::string_view db = f[3];
    uint8_t bits = 0;
    if (db == "CHEBI" || db == "NCIT" || db == "PUBCHEM") bits = kChemical;
    else if (db == "UP") bits = kGene;
    else if (db == "DOID" || db == "HP" || db == "EFO") bits = kDisease;
    if (bits == 0) return;  // GO processes, UBERON anatomy: none of our classes
    std::string_view name = f[2];
    // "KCNMB2 protein, human": the organism qualifier is never written in text.
    if (bits == kGene) {
      const size_t comma = name.rfind(", ");
      if (comma != std::string_view::npos) name = name.substr(0, comma);
    }
    VocabularyName record;
    record.id = f[1];
    record.classes = bits;
    if (!empty_field(name)) {
      record.name = name;
      record.role = NameRole::kPreferred;
      fn(record);
    }
    if (!empty_field(f[5]) && f[5] != name) {
      record.name = f[5];
      record.role = NameRole::kSynonym;
      fn(record);
    }
  });
}

void read_gene_info(const std::string& path, const VocabularyNameFn& fn) {
  for_each_tsv_row(path, 14, "", [&](const std::vector<std::string_view>& f, ByteSource& source) {
    if (f[9] == "biological-region") return;  // enhancers, hypersensitive sites: not genes
    VocabularyName record;
    record.id = f[1];
    record.classes = kGene;
    record.category = f[9];
    record.taxon = 0;
    for (char c : f[0]) {
      if (c < '0' || c > '9') throw InputError(source.name(), source.line_number(), "tax_id is not a number", false);
      record.taxon = record.taxon * 10 + static_cast<uint32_t>(c - '0');
    }
    auto emit = [&](std::string_view field, bool list, NameRole role) {
      if (empty_field(field)) return;
      record.role = role;
      for (std::string_view name : list ? split_fields(field, '|') : std::vector<std::string_view>{field}) {
        if (empty_field(name)) continue;
        record.name = name;
        fn(record);
      }
    };
    emit(f[2], false, NameRole::kPreferred);                       // Symbol
    emit(f[4], true, NameRole::kSynonym);                          // Synonyms
    emit(f[8], false, NameRole::kFull);                            // description (full name)
    if (f[10] != f[2]) emit(f[10], false, NameRole::kPreferred);   // Symbol_from_nomenclature_authority
    if (f[11] != f[8]) emit(f[11], false, NameRole::kFull);        // Full_name_from_nomenclature_authority
    emit(f[13], true, NameRole::kOther);                           // Other_designations
  });
}

void read_speclist(const std::string& path, const VocabularyNameFn& fn, std::vector<uint32_t>* taxon_ids) {
  auto source = ByteSource::open(path);
  std::string_view line;
  bool in_organism = false;  // C=/S= lines belong to the last organism line
  VocabularyName record;
  record.classes = kSpecies;
  while (source->read_line(line)) {
    line = chomp(line);
    // Organism line: "CODE  K  TAXON: N=Name" (code 1-5 chars, kingdom letter, taxon).
    const size_t name_pos = line.find(": N=");
    if (!line.empty() && line.front() != ' ' && name_pos != std::string_view::npos) {
      std::istringstream fields{std::string(line.substr(0, name_pos))};
      std::string code, kingdom;
      uint64_t taxon = 0;
      if (!(fields >> code >> kingdom >> taxon) || code.size() > 5 || kingdom.size() != 1 || taxon > 0xFFFFFFFFull) {
        throw InputError(source->name(), source->line_number(),
                         "organism line is not 'CODE KINGDOM TAXON: N=name'", false);
      }
      in_organism = true;
      record.taxon = static_cast<uint32_t>(taxon);
      if (taxon_ids) taxon_ids->push_back(record.taxon);
      record.name = line.substr(name_pos + 4);
      record.role = NameRole::kPreferred;
      fn(record);
      continue;
    }
    const size_t first = line.find_first_not_of(' ');
    if (!in_organism || first == std::string_view::npos || first == 0) {
      in_organism = false;  // headers, rulers, blank lines end an organism's record
      continue;
    }
    const std::string_view rest = line.substr(first);
    if (rest.starts_with("C=") || rest.starts_with("S=")) {
      record.name = rest.substr(2);
      record.role = rest.front() == 'C' ? NameRole::kFull : NameRole::kSynonym;
      fn(record);
    } else {
      throw InputError(source->name(), source->line_number(), "continuation line is neither C= nor S=", false);
    }
  }
  if (taxon_ids) {
    std::sort(taxon_ids->begin(), taxon_ids->end());
    taxon_ids->erase(std::unique(taxon_ids->begin(), taxon_ids->end()), taxon_ids->end());
  }
}

void read_taxonomy_names(const std::string& path, const std::vector<uint32_t>& taxon_ids, const VocabularyNameFn& fn) {
  for_each_tsv_row(path, 2, "tax_id", [&](const std::vector<std::string_view>& f, ByteSource& source) {
    uint64_t taxon = 0;
    for (char c : f[0]) {
      if (c < '0' || c > '9' || taxon > 0xFFFFFFFFull) {
        throw InputError(source.name(), source.line_number(), "taxon id is not a number: " + std::string(f[0]), false);
      }
      taxon = taxon * 10 + static_cast<uint64_t>(c - '0');
    }
    if (f[0].empty()) throw InputError(source.name(), source.line_number(), "empty taxon id", false);
    if (!std::binary_search(taxon_ids.begin(), taxon_ids.end(), static_cast<uint32_t>(taxon))) return;
    VocabularyName record;
    record.name = f[1];
    record.classes = kSpecies;
    record.taxon = static_cast<uint32_t>(taxon);
    record.role = NameRole::kSynonym;
    fn(record);
  });
}

void read_bioc_mentions(const std::string& path, const VocabularyNameFn& fn) {
  auto source = ByteSource::open(path);
  const std::string xml = read_all(*source);
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    const auto offset = static_cast<size_t>(std::max<ptrdiff_t>(parsed.offset, 0));
    const uint64_t line = 1 + std::count(xml.begin(), xml.begin() + std::min(offset, xml.size()), '\n');
    throw InputError(source->name(), line, std::string("XML: ") + parsed.description(), false);
  }
  for (const pugi::xml_node document : doc.child("collection").children("document")) {
    const std::string_view document_id = document.child("id").text().get();
    for (const pugi::xpath_node& node : document.select_nodes(".//annotation")) {
      const pugi::xml_node annotation = node.node();
      VocabularyName record;
      for (pugi::xml_node infon : annotation.children("infon")) {
        const std::string_view key = infon.attribute("key").value();
        if (key == "type") record.classes = entity_class_of_type(infon.text().get());
        else if (key == "identifier") record.id = infon.text().get();
      }
      record.name = annotation.child("text").text().get();
      record.category = document_id;
      record.role = NameRole::kSynonym;
      fn(record);
    }
  }
}

LexiconBuildStats add_mesh(Lexicon& lexicon, const std::string& trees_tsv, const std::string& terms_tsv) {
  LexiconBuildStats stats;
  read_mesh_names(trees_tsv, terms_tsv, [&](const VocabularyName& r) {
    offer(lexicon, r.name, r.classes, kSourceVocabulary, stats);
  });
  return stats;
}

LexiconBuildStats add_mesh_disease_supplementary(Lexicon& lexicon, const std::string& path) {
  LexiconBuildStats stats;
  read_mesh_disease_supplementary(path, [&](const VocabularyName& r) {
    offer(lexicon, r.name, r.classes, kSourceVocabulary, stats);
  });
  return stats;
}

LexiconBuildStats add_ctd_diseases(Lexicon& lexicon, const std::string& path) {
  LexiconBuildStats stats;
  read_ctd_diseases(path, [&](const VocabularyName& r) { offer(lexicon, r.name, r.classes, kSourceVocabulary, stats); });
  return stats;
}

LexiconBuildStats add_chemical_mesh_mappings(Lexicon& lexicon, const std::string& path) {
  LexiconBuildStats stats;
  read_chemical_mesh_mappings(path, [&](const VocabularyName& r) {
    offer(lexicon, r.name, r.classes, kSourceVocabulary, stats);
  });
  return stats;
}

LexiconBuildStats add_gene_info(Lexicon& lexicon, const std::string& path) {
  LexiconBuildStats stats;
  read_gene_info(path, [&](const VocabularyName& r) { offer(lexicon, r.name, r.classes, kSourceVocabulary, stats); });
  return stats;
}

LexiconBuildStats add_famplex(Lexicon& lexicon, const std::string& famplex_dir) {
  LexiconBuildStats stats;
  auto for_each_csv = [&](const std::string& name, size_t min_fields,
                          const std::function<void(const std::vector<std::string>&)>& fn) {
    auto source = ByteSource::open(famplex_dir + "/" + name);
    std::string_view line;
    while (source->read_line(line)) {
      line = chomp(line);
      if (line.empty()) continue;
      const auto fields = split_csv(line);
      if (fields.size() < min_fields) {
        throw InputError(source->name(), source->line_number(),
                         "expected at least " + std::to_string(min_fields) + " comma-separated fields", false);
      }
      fn(fields);
    }
  };
  auto underscores_to_spaces = [](std::string s) {
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
  };
  // entities.csv: FamPlex identifiers, which are names with '_' for spaces.
  for_each_csv("entities.csv", 1, [&](const std::vector<std::string>& f) {
    offer(lexicon, underscores_to_spaces(f[0]), kGeneFamily, kSourceVocabulary, stats);
  });
  // equivalences.csv: namespace,name,FamPlex id. Only BEL names are readable text.
  for_each_csv("equivalences.csv", 3, [&](const std::vector<std::string>& f) {
    if (f[0] == "BEL") offer(lexicon, f[1], kGeneFamily, kSourceVocabulary, stats);
  });
  // grounding_map.csv: text,namespace,id,... — texts as seen in papers.
  for_each_csv("grounding_map.csv", 2, [&](const std::vector<std::string>& f) {
    uint8_t bits = 0;
    if (f[1] == "FPLX") bits = kGeneFamily;
    else if (f[1] == "HGNC" || f[1] == "UP") bits = kGene;
    else if (f[1] == "CHEBI" || f[1] == "PUBCHEM") bits = kChemical;
    if (bits) offer(lexicon, f[0], bits, kSourceVocabulary, stats);
  });
  return stats;
}

LexiconBuildStats add_speclist(Lexicon& lexicon, const std::string& path, std::vector<uint32_t>* taxon_ids) {
  LexiconBuildStats stats;
  read_speclist(
      path, [&](const VocabularyName& r) { offer(lexicon, r.name, r.classes, kSourceVocabulary, stats); }, taxon_ids);
  return stats;
}

LexiconBuildStats add_taxonomy_names(Lexicon& lexicon, const std::string& path, const std::vector<uint32_t>& taxon_ids) {
  LexiconBuildStats stats;
  read_taxonomy_names(path, taxon_ids, [&](const VocabularyName& r) {
    offer(lexicon, r.name, r.classes, kSourceVocabulary, stats);
  });
  return stats;
}

LexiconBuildStats add_species_words(Lexicon& lexicon) {
  LexiconBuildStats stats;
  for (const SpeciesWord& w : species_words()) offer(lexicon, w.word, kSpecies, kSourceVocabulary, stats);
  return stats;
}

LexiconBuildStats add_bioc_mentions(Lexicon& lexicon, const std::string& path) {
  LexiconBuildStats stats;
  read_bioc_mentions(path, [&](const VocabularyName& r) {
    if (r.classes == 0) ++stats.unmapped_types;
    else offer(lexicon, r.name, r.classes, kSourceMentionKb, stats);
  });
  return stats;
}

LexiconBuildStats add_shared_vocabularies(Lexicon& lexicon, const std::string& shared_dir) {
  const std::string kb = shared_dir + "/kb";
  // "x.tsv.gz" may also be present uncompressed as "x.tsv" (ByteSource reads both).
  auto gz = [](const std::string& path) {
    const std::string plain = path.substr(0, path.size() - 3);
    return !std::filesystem::exists(path) && std::filesystem::exists(plain) ? plain : path;
  };
  LexiconBuildStats stats;
  stats += add_mesh(lexicon, gz(kb + "/mesh/mesh_trees.tsv.gz"), gz(kb + "/mesh/mesh_thesaurus_terms.tsv.gz"));
  stats += add_mesh_disease_supplementary(lexicon, kb + "/mesh/mesh_disease_supplementary.tsv");
  stats += add_ctd_diseases(lexicon, gz(kb + "/ctd/CTD_diseases.tsv.gz"));
  stats += add_bioc_mentions(lexicon, kb + "/disease/disease_mention_pairs.bioc.xml");
  stats += add_chemical_mesh_mappings(lexicon, kb + "/chemical/mesh_mappings.tsv");
  stats += add_gene_info(lexicon, gz(kb + "/gene/Homo_sapiens.gene_info.gz"));
  stats += add_gene_info(lexicon, gz(kb + "/gene/Mus_musculus.gene_info.gz"));
  stats += add_famplex(lexicon, kb + "/gene/famplex");
  std::vector<uint32_t> taxa;
  stats += add_speclist(lexicon, kb + "/taxonomy/speclist.txt", &taxa);
  stats += add_taxonomy_names(lexicon, gz(kb + "/taxonomy/specData_names.tsv.gz"), taxa);
  stats += add_species_words(lexicon);
  stats += add_bioc_mentions(lexicon, kb + "/cellline/cellline_mention_pairs.bioc.xml");
  return stats;
}

LexiconBuildStats add_corpus_mentions(Lexicon& lexicon, const std::vector<Document>& documents) {
  LexiconBuildStats stats;
  for (const Document& doc : documents) {
    for (const Annotation& a : doc.annotations) {
      const uint8_t bits = entity_class_of_type(a.type);
      if (bits == 0) {
        ++stats.unmapped_types;
      } else if (a.spans.size() > 1) {
        ++stats.discontinuous;
      } else {
        offer(lexicon, a.text, bits, kSourceCorpus, stats);
      }
    }
  }
  return stats;
}

LexiconBuildStats add_drugprot_entities(Lexicon& lexicon, const std::string& path) {
  LexiconBuildStats stats;
  // PMID <TAB> T1 <TAB> CHEMICAL|GENE-Y|GENE-N|GENE <TAB> start <TAB> end <TAB> text
  for_each_tsv_row(path, 6, {}, [&](const std::vector<std::string_view>& f, ByteSource&) {
    const std::string_view type = f[2];
    uint8_t bits = 0;
    if (type == "CHEMICAL") bits = kChemical;
    else if (type.starts_with("GENE")) bits = kGene;
    if (bits == 0) {
      ++stats.unmapped_types;
      return;
    }
    offer(lexicon, f[5], bits, kSourceCorpus, stats);
  });
  return stats;
}

}  // namespace biotator
