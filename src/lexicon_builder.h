// Fills a Lexicon from the vocabularies under a shared knowledge-base directory
// (each file read in its native format, gzip or not) and from annotated corpora.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "lexicon.h"

namespace biotator {

class ByteSource;

// What a builder step did. Nothing is dropped without being counted here.
struct LexiconBuildStats {
  size_t names_read = 0;      // names offered to the lexicon
  size_t names_added = 0;     // accepted by the filter and by Lexicon::add (repeats included;
                              // Lexicon::size()/class_counts() count distinct terms)
  size_t stopwords = 0;       // rejected: a one-word common English word or 1 character
  size_t numbers = 0;         // rejected: a bare number ("12"), never an entity alone
  size_t too_long = 0;        // rejected by Lexicon::add (no units or > kMaxTermUnits)
  size_t unmapped_types = 0;  // corpus/BioC mentions of a type without an EntityClass
  size_t discontinuous = 0;   // corpus mentions with several spans (text not contiguous)
  std::array<size_t, 8> added_per_class{};  // names_added per EntityClass bit

  LexiconBuildStats& operator+=(const LexiconBuildStats& other);
  std::string summary() const;  // one line per counter, for logs and reports
};

// EntityClass bit of an entity type name in any corpus dialect (BioRED, PubTator3,
// NCBI-disease, GNormPlus...), or 0 for types the lexicon does not cover (variants).
uint8_t entity_class_of_type(std::string_view type);

// Name filter shared by every step: false for 1-character names, bare numbers and
// single common English words ("the", "cell", "protein", ...). `why` gets the reason.
bool keep_lexicon_name(std::string_view name, const char** why = nullptr);

// ---------------------------------------------------------------------------------
// Native-format readers, shared with the knowledge base (src/kb_builder.h), which
// needs each name's identifier where the lexicon only keeps class bits. Each calls
// `fn` once per name, in file order, and throws like the add_* functions below.

// The fields of `line` between `separator`s, empty ones included ("a||b" -> a, "", b;
// "" -> one empty field).
std::vector<std::string_view> split_fields(std::string_view line, char separator);

// Calls fn(fields, source) for every data line of a TSV file (lines starting with
// '#' and, when `header` is given, a first line starting with it are skipped), after
// checking the line has at least `min_fields` fields (else InputError, not recoverable).
void for_each_tsv_row(const std::string& path, size_t min_fields, std::string_view header,
                      const std::function<void(const std::vector<std::string_view>&, ByteSource&)>& fn);

// How a name stands in its record; the knowledge base ranks candidates with it.
enum class NameRole : uint8_t {
  kPreferred = 0,  // MeSH record name, CTD disease name, official gene symbol, speclist N=
  kFull = 1,       // MeSH concept name, gene full name, speclist C= common name
  kSynonym = 2,    // other entry terms, synonyms, speclist S=, taxonomy names
  kOther = 3,      // gene Other_designations
};

struct VocabularyName {
  std::string_view id;         // the identifier as the file writes it ("D001943", "MESH:D001943",
                               // "OMIM:217000", "3558", "CVCL:7927"; taxon readers leave it empty)
  std::string_view name;       // the name, not yet filtered by keep_lexicon_name()
  uint8_t classes = 0;         // EntityClass bits; 0 for a BioC type outside our classes
  NameRole role = NameRole::kSynonym;
  uint32_t taxon = 0;          // gene_info, speclist and taxonomy names: the organism
  std::string_view category;   // gene_info: type_of_gene; BioC mention files: the document id
  bool uninverted = false;     // MeSH: a head-first entry term put back in text order
};
using VocabularyNameFn = std::function<void(const VocabularyName&)>;

void read_mesh_names(const std::string& trees_tsv, const std::string& terms_tsv, const VocabularyNameFn& fn);
void read_mesh_disease_supplementary(const std::string& path, const VocabularyNameFn& fn);
void read_ctd_diseases(const std::string& path, const VocabularyNameFn& fn);
void read_chemical_mesh_mappings(const std::string& path, const VocabularyNameFn& fn);
void read_gene_info(const std::string& path, const VocabularyNameFn& fn);
void read_speclist(const std::string& path, const VocabularyNameFn& fn, std::vector<uint32_t>* taxon_ids = nullptr);
void read_taxonomy_names(const std::string& path, const std::vector<uint32_t>& taxon_ids, const VocabularyNameFn& fn);
void read_bioc_mentions(const std::string& path, const VocabularyNameFn& fn);

// Words corpora annotate as organisms although no vocabulary lists them, with the
// taxon BioRED gives them ("patients" -> 9606, "mice" -> 10090).
struct SpeciesWord {
  std::string_view word;
  uint32_t taxon;
};
const std::vector<SpeciesWord>& species_words();

// ---------------------------------------------------------------------------------
// Individual vocabularies, one function per native format. Each throws InputError
// (file, line, reason) on a malformed line and std::runtime_error when the file is
// missing. Paths are the files themselves.

// MeSH: every entry term of descriptors under tree C and F03 (Disease) and D. A D
// descriptor is kChemical when it has a tree in D outside D08 (enzymes) and D12
// (amino acids, peptides, proteins), coenzymes (D08.211) and amino acids (D12.125)
// counting as outside; it is kChemicalProteinBranch when it has a tree in the rest of
// D08/D12 (both bits are possible). D23 (biological factors) counts as chemical only
// for descriptors without a D08/D12 protein tree ("Interleukin-2" is not a chemical).
// Inverted entry terms ("Neoplasms, Breast") are also added in text order.
LexiconBuildStats add_mesh(Lexicon& lexicon, const std::string& trees_tsv, const std::string& terms_tsv);
// mesh_disease_supplementary.tsv: SCR names (Disease).
LexiconBuildStats add_mesh_disease_supplementary(Lexicon& lexicon, const std::string& path);
// CTD_diseases.tsv: disease names and '|'-separated synonyms (Disease).
LexiconBuildStats add_ctd_diseases(Lexicon& lexicon, const std::string& path);
// chemical/mesh_mappings.tsv: names of MeSH supplementary concepts (C IDs) and the
// mapped database's name, classed by that database: CHEBI/NCIT/PUBCHEM -> kChemical,
// UP -> kGene ("KCNMB2 protein, human" -> "KCNMB2 protein"), DOID/HP/EFO -> kDisease.
LexiconBuildStats add_chemical_mesh_mappings(Lexicon& lexicon, const std::string& path);
// NCBI gene_info: Symbol, Synonyms, description, nomenclature symbol and full name,
// Other_designations (Gene).
LexiconBuildStats add_gene_info(Lexicon& lexicon, const std::string& path);
// FamPlex directory: entities.csv names, equivalences.csv BEL names (kGeneFamily) and
// grounding_map.csv texts (FPLX -> kGeneFamily, HGNC/UP -> kGene, CHEBI/PUBCHEM ->
// kChemical; other groundings are not entities of ours).
LexiconBuildStats add_famplex(Lexicon& lexicon, const std::string& famplex_dir);
// UniProt speclist.txt: N= scientific, C= common and S= synonym names (Species).
// When `taxon_ids` is not null it receives the taxon of every organism code.
LexiconBuildStats add_speclist(Lexicon& lexicon, const std::string& path, std::vector<uint32_t>* taxon_ids = nullptr);
// NCBI taxonomy names (tax_id TAB name), only for taxa in `taxon_ids` (sorted):
// the full name table is 2.7M names, mostly of organisms no abstract mentions.
LexiconBuildStats add_taxonomy_names(Lexicon& lexicon, const std::string& path, const std::vector<uint32_t>& taxon_ids);
// Built-in words that biomedical corpora annotate as organisms ("patients", "mice").
LexiconBuildStats add_species_words(Lexicon& lexicon);
// BioC XML collections of mention/identifier pairs (kb/disease, kb/cellline): every
// annotation's text, with the class of its "type" infon; source kSourceMentionKb.
LexiconBuildStats add_bioc_mentions(Lexicon& lexicon, const std::string& path);

// All of the above from `shared_dir` (the directory holding kb/). Call
// Lexicon::finalize() when done adding (corpus mentions may follow).
LexiconBuildStats add_shared_vocabularies(Lexicon& lexicon, const std::string& shared_dir);

// Every annotated mention of `documents` with its unified class (source kSourceCorpus).
// Discontinuous and unmapped-type mentions are counted, not added.
LexiconBuildStats add_corpus_mentions(Lexicon& lexicon, const std::vector<Document>& documents);
// Names of DrugProt's entity file (PMID, id, CHEMICAL/GENE-*, start, end, text).
LexiconBuildStats add_drugprot_entities(Lexicon& lexicon, const std::string& path);

}  // namespace biotator
