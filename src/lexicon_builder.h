// Fills a Lexicon from the vocabularies under a shared knowledge-base directory
// (each file read in its native format, gzip or not) and from annotated corpora.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "lexicon.h"

namespace biotator {

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

}  // namespace biotator
