// The compiled knowledge base of the entity linker: normalized names -> candidate
// identifiers (Gene, Disease, Chemical, Species, CellLine), each with the classes the
// name has, how the name stands in its record and a prior from annotated corpora.
//
// KEYS. A name is stored under three keys, from strict to loose:
//   kExact   Lexicon::normalize() (tokens, hyphens dropped, letter/digit splits, Greek
//            names spelled out, lowercase): "TNF-α" -> "tnf alpha";
//   kLoose   the exact key's units without punctuation, possessive 's', and the
//            function words of/the/an/in/with/to/for/on/by/at/from ("a" stays: it is
//            alpha's Latin initial in "HIF-1a"); Greek letter names as their Latin
//            initial (alpha -> a); Roman numerals as Arabic ("type II" -> "type 2");
//            plurals singular ("tumours" -> "tumor"), British spellings American
//            (ae/oe -> e, -our -> -or, sulph -> sulf); units sorted, so word order does
//            not matter ("Carcinoma, Hepatocellular" = "hepatocellular carcinoma");
//   kLoosest the loose key without generic head words (disease, syndrome, disorder,
//            gene, protein, cell, line, mrna) — "Parkinson's disease" = "Parkinson".
// Only loosest keys that differ from the loose key are stored: a lookup at kLoosest
// searches both tables (see EntityLinker).
//
// RANKING. The candidates of a key are stored best first, by: score = prior (weighted
// count of corpus mentions with this key linked to the concept) + a bonus for the
// best vocabulary name behind the key (preferred name 3, full name 2, synonym 1, other
// designation 0), then that name's role, then protein-coding genes before other gene
// types, then the concept order (MeSH descriptors before supplementary concepts before
// OMIM; smaller numbers first). The order is computed once at build time so that a
// lookup is a binary search and a scan. This is a deterministic ranker, not a learned
// scorer: the corpus counts are its training.
//
// ORTHOLOGS. Genes of different species that share an official symbol, case ignored
// (human SLC5A5, mouse Slc5a5), are one ortholog group; a gene only corpora know (rat
// and other species) joins the group whose symbol, full name or synonym its corpus
// mentions are (exact key, one group only, the most counted group wins): rat 24387,
// "glial fibrillary acidic protein" in a corpus, joins GFAP/Gfap. ../shared has no ortholog
// table: a shared symbol is the nomenclature committees' own sign of orthology. A group
// keeps at most one gene per species. ortholog() gives a gene's counterpart in another
// species, so that a name found only for the wrong species still yields the right
// species' gene.
//
// FILE. save()/load() use src/model_file.h (magic "BTKB0001"): front-coded sorted keys,
// then column arrays of candidates and concepts, then the ortholog ring (version 3;
// version 2 files, without it, still load); load() rebuilds flat arrays. Building is
// deterministic: the same names give a byte-identical file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace biotator {

enum class KbLevel : uint8_t { kExact = 0, kLoose = 1, kLoosest = 2 };

// The space-separated units of a normalized key ("tnf alpha" → tnf, alpha).
std::vector<std::string_view> split_units(std::string_view key);

std::string kb_exact_key(std::string_view name);
std::string kb_loose_key(std::string_view exact_key);
// "" when nothing is left once the generic words are gone.
std::string kb_loosest_key(std::string_view loose_key);

// The name under which an OMIM number is stored ("150800" -> "OMIM 150800").
std::string kb_omim_name(std::string_view number);

// The role of a name only the corpora's mentions gave: below every NameRole, so the
// corpus prior speaks for it.
inline constexpr uint8_t kKbCorpusRole = 4;

// One candidate concept of a key (8 bytes).
struct KbCandidate {
  uint32_t concept_index = 0;  // index into the concept table
  uint16_t prior = 0;    // weighted corpus count, saturated
  uint8_t classes = 0;   // EntityClass bits (src/lexicon.h) of the names behind this key
  uint8_t role = 0;      // best NameRole (src/lexicon_builder.h) among those names; kKbCorpusRole: corpora only
};

// Concept flags.
enum KbConceptFlag : uint8_t {
  kConceptWeakGene = 1,  // a gene that is not protein-coding (pseudogene, ncRNA...)
};

class KnowledgeBase {
 public:
  static constexpr std::string_view kMagic = "BTKB0001";

  // Candidates of `key` (as made by kb_*_key) in the `level` table, best first; empty
  // when the key is absent.
  std::span<const KbCandidate> lookup(KbLevel level, std::string_view key) const;

  // The concept's identifier(s) in PubTator3 form ("MESH:D003586", "3552", "9606",
  // "CVCL:0062", "OMIM:217000"); several identifiers are joined by ';'.
  std::string_view concept_id(uint32_t concept_index) const;
  // Taxon of a gene concept (0 when unknown).
  uint32_t concept_taxon(uint32_t concept_index) const { return concept_taxa_[concept_index]; }
  uint8_t concept_flags(uint32_t concept_index) const { return concept_flags_[concept_index]; }
  // The gene of `taxon` in the ortholog group of `concept_index` (itself when its taxon
  // is `taxon`), or -1.
  int64_t ortholog(uint32_t concept_index, uint32_t taxon) const;
  size_t ortholog_group_members() const;
  // Index of a concept by identifier, or -1.
  int64_t find_concept(std::string_view id) const;

  size_t key_count() const { return key_ends_.size(); }
  size_t concept_count() const { return concept_taxa_.size(); }
  size_t candidate_count() const { return candidates_.size(); }
  size_t memory_bytes() const;

  // Throws std::runtime_error naming the path on failure.
  void save(const std::string& path) const;
  static KnowledgeBase load(const std::string& path);
  // The uncompressed file body (for checksums and tests of determinism).
  std::string serialize() const;

 private:
  friend class KnowledgeBaseBuilder;
  std::string_view key(size_t i) const {
    const uint32_t begin = i == 0 ? 0 : key_ends_[i - 1];
    return std::string_view(keys_).substr(begin, key_ends_[i] - begin);
  }

  // Keys, each prefixed by its level byte ('0' + level), sorted bytewise.
  std::string keys_;
  std::vector<uint32_t> key_ends_;        // end offset of key i in keys_
  std::vector<uint32_t> candidate_ends_;  // end index of key i's candidates
  std::vector<KbCandidate> candidates_;
  // Concepts, sorted by their identifier order (see RANKING).
  std::string concept_ids_;
  std::vector<uint32_t> concept_id_ends_;
  std::vector<uint32_t> concept_taxa_;
  std::vector<uint8_t> concept_flags_;
  // Next concept of the same ortholog group (a ring; a concept outside any group points
  // to itself). Empty when the file has no ortholog table.
  std::vector<uint32_t> ortholog_next_;
};

// Collects names and corpus mentions, then compiles them into a KnowledgeBase.
class KnowledgeBaseBuilder {
 public:
  // Interns a concept by its PubTator3-form identifier. `taxon` and `flags`, when
  // given, are kept (a later non-zero taxon does not override an earlier one).
  uint32_t intern_concept(std::string_view id, uint32_t taxon = 0, uint8_t flags = 0);
  // Makes intern_concept(alias) return the concept of `id` (PubTator3 links a disease to
  // OMIM only when MeSH has no concept for it, so corpus OMIM IDs that CTD lists under
  // a MeSH concept are that concept). Several targets for one alias cancel it.
  void add_alias(std::string_view alias, std::string_view id);
  size_t concept_count() const { return concepts_.size(); }
  uint32_t concept_taxon(uint32_t concept_index) const { return concepts_[concept_index].taxon; }
  void set_concept_taxon(uint32_t concept_index, uint32_t taxon) { concepts_[concept_index].taxon = taxon; }
  // The official symbol of a gene concept (the first one given is kept); genes of
  // different taxa with the same symbol, case ignored, become an ortholog group.
  void set_gene_symbol(uint32_t concept_index, std::string_view symbol);

  // A vocabulary name of `concept`. Returns false when it has no key.
  bool add_name(std::string_view name, uint32_t concept_index, uint8_t classes, uint8_t role);
  // A corpus mention linked to `concept`, counted `weight` times in the prior.
  bool add_mention(std::string_view mention, uint32_t concept_index, uint8_t classes, uint16_t weight);

  size_t entry_count() const { return entries_.size(); }
  // Sorts, merges and ranks; the builder is left empty.
  KnowledgeBase build();

 private:
  struct Concept {
    std::string id;
    uint32_t taxon = 0;
    uint8_t flags = 0;
    std::string symbol;  // official gene symbol, "" when unknown
  };
  // Ortholog ring (see ORTHOLOGS) over the original concept indices.
  std::vector<uint32_t> ortholog_ring() const;
  struct Entry {
    std::string key;  // level byte + key
    uint32_t concept_index;
    uint32_t prior;
    uint8_t classes;
    uint8_t role;
  };
  void add_keys(std::string_view name, uint32_t concept_index, uint8_t classes, uint8_t role, uint32_t prior);

  std::vector<Concept> concepts_;
  std::unordered_map<std::string, uint32_t> concept_index_;
  std::unordered_map<std::string, std::string> aliases_;  // "" when ambiguous
  std::vector<Entry> entries_;
};

}  // namespace biotator
