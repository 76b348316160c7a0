// Compiles the entity linker's knowledge base (src/kb.h) from the vocabularies under
// ../shared/kb, each read in its native format by the readers the lexicon uses
// (src/lexicon_builder.h), and from the mention -> identifier pairs of annotated corpora.
//
// Sources (see build_knowledge_base for the exact files):
//   Gene      NCBI gene_info human + mouse, the 2022 human gene table, HGNC (human);
//             corpus pairs of BioRED Train, GNormPlus, NLM-Gene, tmVar3 (the only
//             source of rat and other species' genes).
//   Disease   MeSH C and F03 descriptors (all entry terms), disease supplementary
//             concepts, CTD MEDIC (MeSH and OMIM, synonyms), TaggerOne's disease
//             mention pairs; pairs of BioRED Train, BC5CDR Train, NCBI-disease train,
//             tmVar3.
//   Chemical  MeSH D descriptors, chemical/mesh_mappings.tsv names of supplementary
//             concepts; pairs of BioRED Train, BC5CDR Train, NLM-Chem.
//   Species   UniProt speclist (N=, C=, S=), NCBI taxonomy names of those taxa and of
//             the corpora's taxa, the built-in species words; pairs of BioRED Train,
//             SPECIES800, LINNAEUS, tmVar3.
//   CellLine  TaggerOne's cell-line mention pairs, BioID and BioRED Train pairs.
// Corpus mentions weigh 4 in the prior for BioRED Train (the target's conventions) and
// 1 elsewhere. Documents listed in `excluded_documents` (BioRED Dev by default) are
// skipped in every corpus and mention file, so that Dev stays unseen; so are the dev
// splits of BC5CDR and NCBI-disease, kept for evaluation.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "entity_types.h"
#include "kb.h"
#include "variant_normalizer.h"

namespace biotator {

// PubTator3 form of one identifier as a corpus or vocabulary writes it, for a mention
// of `type`: "D003409" -> "MESH:D003409", "CVCL_0045" -> "CVCL:0045", "4091(Tax:9606)"
// -> "4091" (the taxon goes to *taxon when given); "" for "-", "-1" and identifiers
// that are not of the type's namespace (a cell line "12345").
std::string canonical_kb_id(std::string_view id, EntityType type, uint32_t* taxon = nullptr);
// All identifiers of an annotation's ID field, canonical, in order, without repeats
// (split on ',', ';', '|' and '+').
std::vector<std::string> canonical_kb_ids(std::string_view id_field, EntityType type);

struct KbBuildStats {
  std::map<std::string, size_t> names;     // source -> names added
  std::map<std::string, size_t> mentions;  // corpus -> mentions added
  std::map<std::string, size_t> excluded_documents;  // corpus -> documents skipped (held out)
  size_t skipped_mentions = 0;             // no ID, no key, a type outside the five, discontinuous
  std::string summary() const;
};

// One function per native format; each adds names to `builder` and counts them under
// `source` in `stats`. They throw like the readers in src/lexicon_builder.h.
void add_kb_mesh(KnowledgeBaseBuilder& builder, const std::string& trees_tsv, const std::string& terms_tsv,
                 KbBuildStats& stats);
void add_kb_mesh_disease_supplementary(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
void add_kb_ctd_diseases(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
// CTD's AltDiseaseIDs: each OMIM ID listed under one MeSH concept becomes its alias
// (see KnowledgeBaseBuilder::add_alias). Call before adding anything.
void add_kb_ctd_omim_aliases(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
// The OMIM numbers of CTD's rows (its OMIM concepts and the AltDiseaseIDs of its MeSH
// concepts) as names of the row's concept (kb_omim_name: "OMIM 150800"), so that a text
// citing an OMIM entry ("OMIM 150800") links to the MeSH concept PubTator3 uses for it.
void add_kb_ctd_omim_names(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
void add_kb_chemical_mesh_mappings(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
void add_kb_gene_info(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
// human_genes_orgHsEgDb: GeneID Symbol FullName GeneType Aliases('|'), all human.
void add_kb_human_gene_table(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
// HGNC: HGNC ID, Approved Symbol, Approved Name, Status, Synonyms (", "), Entrez Gene ID.
void add_kb_hgnc(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats);
// speclist names, then the taxonomy names of its taxa and of `extra_taxa` (sorted).
void add_kb_species(KnowledgeBaseBuilder& builder, const std::string& speclist, const std::string& taxonomy_names,
                    const std::vector<uint32_t>& extra_taxa, KbBuildStats& stats);
// BioC mention -> identifier pairs (type and identifier infons); documents whose id is
// in `excluded` are skipped.
void add_kb_bioc_mentions(KnowledgeBaseBuilder& builder, const std::string& path, const std::set<std::string>& excluded,
                          KbBuildStats& stats);

// The organism a text is most about by its species words (src/lexicon_builder.h:
// "rats" -> 10116, "patients" -> 9606), whole words, case ignored; 0 when none occurs.
uint32_t text_species_taxon(std::string_view text);

// Mentions of annotated documents, each linked to its identifier(s) (several IDs make
// one joined concept, "3552;3553"), counted `weight` times. Gene identifiers unknown to
// the vocabularies get the taxon the corpus gives ("(Tax:10116)") or else the most
// frequent species of their document (its species annotations, else its species words).
// `source` names the corpus in the stats.
void add_kb_corpus_mentions(KnowledgeBaseBuilder& builder, const std::vector<Document>& documents, uint16_t weight,
                            const std::set<std::string>& excluded, const std::string& source, KbBuildStats& stats);

// Every source above from `shared_dir` (the folder holding kb/ and corpora/), BioRED
// Dev's documents excluded, and so are the documents listed in `also_held_out` (a part
// of BioRED Train held out to tune the linker on without touching Dev). Progress and
// statistics go to `log`. Deterministic: the same inputs give a byte-identical
// KnowledgeBase::save() file.
KnowledgeBase build_knowledge_base(const std::string& shared_dir, std::ostream& log,
                                   const std::set<std::string>& also_held_out = {});

// Adds to `index` the (tmVar form, gene) -> dbSNP pairs that annotated documents state
// (VariantRsIndex::add): a tmVar3 record "c|SUB|T|920|G;Gene:23417;RS#:2297882" as it
// is; a BioRED variant annotated with an rs ID whose mention the variant grammar parses
// to a form ("Glu873Stop" -> p|SUB|E|873|X), with every gene the document annotates
// (BioRED does not say which one the variant is in; a pair is only looked up with the
// gene our pipeline assigns, so the extra genes cost nothing but space). Documents in
// `excluded` are skipped. Returns the pairs added.
size_t add_corpus_variant_rs_pairs(VariantRsIndex& index, const std::vector<Document>& documents,
                                   const std::set<std::string>& excluded);

// The dbSNP index of models/variants.bt: tmVar's tmVarForm2RSID2Freq.txt (with
// frequencies), Mutation_RS_Geneid.txt, then the pairs of BioRED Train and tmVar3
// (add_corpus_variant_rs_pairs), BioRED Dev's documents and `also_held_out` excluded.
// Deterministic.
VariantRsIndex build_variant_rs_index(const std::string& shared_dir, std::ostream& log,
                                      const std::set<std::string>& also_held_out = {});

}  // namespace biotator
