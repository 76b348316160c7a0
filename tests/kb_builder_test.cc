#include "kb_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "input_error.h"
#include "lexicon.h"
#include "lexicon_builder.h"
#include "test_paths.h"

namespace biotator {
namespace {

const std::string kShared = testing::fixture_tree("kbn_shared");

// The identifiers of the candidates of `name` (exact key, else loose, else loosest),
// best first, restricted to concepts having one of the `classes` bits.
std::vector<std::string> candidates(const KnowledgeBase& kb, std::string_view name, uint8_t classes) {
  const std::string exact = kb_exact_key(name);
  std::span<const KbCandidate> found = kb.lookup(KbLevel::kExact, exact);
  if (found.empty()) found = kb.lookup(KbLevel::kLoose, kb_loose_key(exact));
  if (found.empty()) found = kb.lookup(KbLevel::kLoosest, kb_loosest_key(kb_loose_key(exact)));
  std::vector<std::string> ids;
  for (const KbCandidate& c : found) {
    if (c.classes & classes) ids.emplace_back(kb.concept_id(c.concept_index));
  }
  return ids;
}

std::string first(const KnowledgeBase& kb, std::string_view name, uint8_t classes) {
  const auto ids = candidates(kb, name, classes);
  return ids.empty() ? "" : ids.front();
}

const KnowledgeBase& fixture_kb(std::string* log_text = nullptr) {
  static std::string log_kept;
  static const KnowledgeBase kb = [] {
    std::ostringstream log;
    KnowledgeBase built = build_knowledge_base(kShared, log);
    log_kept = log.str();
    return built;
  }();
  if (log_text) *log_text = log_kept;
  return kb;
}

TEST(KbKeys, ExactLooseLoosest) {
  EXPECT_EQ(kb_exact_key("TNF-α"), "tnf alpha");
  EXPECT_EQ(kb_exact_key("Parkinson's Disease"), "parkinson ' s disease");
  EXPECT_EQ(kb_loose_key(kb_exact_key("Parkinson's Disease")), "disease parkinson");
  EXPECT_EQ(kb_loosest_key("disease parkinson"), "parkinson");
  // Word order, plurals, function words, Roman numerals, British spelling.
  EXPECT_EQ(kb_loose_key(kb_exact_key("Neoplasms, Breast")), kb_loose_key(kb_exact_key("breast neoplasm")));
  EXPECT_EQ(kb_loose_key(kb_exact_key("Diabetes Mellitus, Type II")),
            kb_loose_key(kb_exact_key("type 2 diabetes mellitus")));
  EXPECT_EQ(kb_loose_key(kb_exact_key("carcinoma of the liver")), kb_loose_key(kb_exact_key("liver carcinomas")));
  EXPECT_EQ(kb_loose_key(kb_exact_key("haemorrhagic tumours")), kb_loose_key(kb_exact_key("hemorrhagic tumor")));
  EXPECT_EQ(kb_loose_key(kb_exact_key("HIF-1a")), kb_loose_key(kb_exact_key("HIF-1α")));  // Latin initial
  EXPECT_EQ(kb_loose_key(kb_exact_key("sulphate")), "sulfate");
  EXPECT_EQ(kb_loose_key(kb_exact_key("nodular goitre")), kb_loose_key(kb_exact_key("Goiter, Nodular")));
  EXPECT_EQ(kb_loose_key(kb_exact_key("viruses")), "virus");
  EXPECT_EQ(kb_loose_key(kb_exact_key("(+)")), "");  // nothing but punctuation
  EXPECT_NE(kb_loose_key(kb_exact_key("breast cancer")), kb_loose_key(kb_exact_key("ovarian cancer")));
  EXPECT_EQ(kb_loosest_key("gene protein"), "");
}

TEST(KbIds, CanonicalForms) {
  EXPECT_EQ(canonical_kb_id("D003409", EntityType::kDisease), "MESH:D003409");
  EXPECT_EQ(canonical_kb_id("MESH:C046498", EntityType::kChemical), "MESH:C046498");
  EXPECT_EQ(canonical_kb_id("OMIM:274400", EntityType::kDisease), "OMIM:274400");
  EXPECT_EQ(canonical_kb_id("MESH:C", EntityType::kDisease), "");  // CTD's root "Diseases"
  EXPECT_EQ(canonical_kb_id("OMIM:", EntityType::kDisease), "");
  EXPECT_EQ(canonical_kb_id("-1", EntityType::kChemical), "");
  EXPECT_EQ(canonical_kb_id("-", EntityType::kGene), "");
  EXPECT_EQ(canonical_kb_id("CVCL_0045", EntityType::kCellLine), "CVCL:0045");
  EXPECT_EQ(canonical_kb_id("CVCL:0062", EntityType::kCellLine), "CVCL:0062");
  EXPECT_EQ(canonical_kb_id("12345", EntityType::kCellLine), "");  // not Cellosaurus
  uint32_t taxon = 0;
  EXPECT_EQ(canonical_kb_id("29527(Tax:10116)", EntityType::kGene, &taxon), "29527");
  EXPECT_EQ(taxon, 10116u);
  EXPECT_EQ(canonical_kb_id("9606", EntityType::kSpecies), "9606");
  EXPECT_EQ(canonical_kb_id("p|SUB|V|600|E", EntityType::kVariant), "");
  EXPECT_EQ(canonical_kb_ids("D001943|D010051", EntityType::kDisease),
            (std::vector<std::string>{"MESH:D001943", "MESH:D010051"}));
  EXPECT_EQ(canonical_kb_ids("3552,3553,3552", EntityType::kGene), (std::vector<std::string>{"3552", "3553"}));
  EXPECT_EQ(canonical_kb_ids("D012559+D009069", EntityType::kDisease),
            (std::vector<std::string>{"MESH:D012559", "MESH:D009069"}));
}

TEST(KbBuilder, RankingAndMerging) {
  KnowledgeBaseBuilder b;
  const uint32_t descriptor = b.intern_concept("MESH:D000002");
  const uint32_t supplementary = b.intern_concept("MESH:C000001");
  const uint32_t gene_symbol = b.intern_concept("200", 9606);
  const uint32_t gene_synonym = b.intern_concept("100", 9606);
  const uint32_t pseudogene = b.intern_concept("50", 9606, kConceptWeakGene);
  b.add_name("Tie Name", supplementary, kChemical, 0);
  b.add_name("Tie Name", descriptor, kChemical, 0);      // same role: the descriptor first
  b.add_name("ABC1", gene_synonym, kGene, 2);
  b.add_name("ABC1", gene_symbol, kGene, 0);             // official symbol beats a lower ID
  b.add_name("ABC1", pseudogene, kGene, 0);              // protein-coding first at equal role
  b.add_name("Counted", descriptor, kDisease, 0);
  b.add_mention("counted", supplementary, kDisease, 4);  // one BioRED mention beats a name
  b.add_mention("COUNTED", supplementary, kDisease, 1);
  EXPECT_FALSE(b.add_name("  ", descriptor, kDisease, 0));  // no key
  const KnowledgeBase kb = b.build();
  EXPECT_EQ(candidates(kb, "tie name", kChemical), (std::vector<std::string>{"MESH:D000002", "MESH:C000001"}));
  EXPECT_EQ(candidates(kb, "ABC-1", kGene), (std::vector<std::string>{"200", "50", "100"}));
  const auto counted = kb.lookup(KbLevel::kExact, "counted");
  ASSERT_EQ(counted.size(), 2u);
  EXPECT_EQ(kb.concept_id(counted[0].concept_index), "MESH:C000001");
  EXPECT_EQ(counted[0].prior, 5u);  // the two mentions merged
  EXPECT_EQ(kb.concept_taxon(static_cast<uint32_t>(kb.find_concept("200"))), 9606u);
  EXPECT_EQ(kb.find_concept("MESH:C000001") >= 0, true);
  EXPECT_EQ(kb.find_concept("MESH:D999999"), -1);
  EXPECT_TRUE(kb.lookup(KbLevel::kLoose, "counted").size() == 2);
  EXPECT_TRUE(kb.lookup(KbLevel::kExact, "absent").empty());
}

TEST(KbBuilder, NativeFormatsFromFixtureLayout) {
  std::string log;
  const KnowledgeBase& kb = fixture_kb(&log);
  // MeSH: descriptors of C/F03 are diseases, D chemicals (protein branch apart); other
  // branches are not entities; inverted terms match in text order.
  EXPECT_EQ(first(kb, "Breast Neoplasms", kDisease), "MESH:D001943");
  EXPECT_EQ(first(kb, "breast neoplasm", kDisease), "MESH:D001943");
  EXPECT_EQ(first(kb, "Hemophagocytic Lymphohistiocytosis", kDisease), "MESH:D051359");
  EXPECT_EQ(first(kb, "calcium", kChemical), "MESH:D002118");
  EXPECT_EQ(first(kb, "insulin", kChemicalProteinBranch), "MESH:D007328");
  EXPECT_EQ(first(kb, "blood", 0xFF), "");
  // Supplementary concepts, CTD synonyms; CTD's OMIM-only concept is the MeSH concept
  // that lists it among its alternative IDs, and so are NCBI-disease's OMIM links.
  EXPECT_EQ(first(kb, "Iodide transport defect", kDisease), "MESH:C564766");
  EXPECT_EQ(first(kb, "Mammary Carcinoma, Human", kDisease), "MESH:D001943");
  EXPECT_EQ(first(kb, "NIS defect", kDisease), "MESH:C564766");
  EXPECT_EQ(kb.find_concept("OMIM:274400"), -1);
  // OMIM numbers name their CTD concepts (the alias's too); CTD's root row is no concept.
  EXPECT_EQ(first(kb, "OMIM 274400", kDisease), "MESH:C564766");
  EXPECT_EQ(first(kb, "diseases", kDisease), "");
  // mesh_mappings: supplementary chemicals; UniProt-mapped proteins and descriptor rows skipped.
  EXPECT_EQ(first(kb, "L-Alanosine", kChemical), "MESH:C000082");
  EXPECT_EQ(first(kb, "KCNMB2 protein", 0xFF), "");
  // Genes: symbols, synonyms, full names, designations; human and mouse with taxa;
  // biological regions skipped; the 2022 table and HGNC add names.
  // "IL1" and "IL-1" have one key: synonyms of 3552 and 3553, of mouse 16175, of a pseudogene (last).
  EXPECT_EQ(candidates(kb, "IL1", kGene), (std::vector<std::string>{"3552", "3553", "16175", "100033413"}));
  EXPECT_EQ(kb.concept_taxon(static_cast<uint32_t>(kb.find_concept("16175"))), 10090u);
  EXPECT_EQ(first(kb, "hematopoietin-1", kGene), "3552");
  EXPECT_EQ(first(kb, "H19/IGF2 imprinting control region", kGene), "");
  // "TRP53" is an alias of human TP53 (2022 table) and mouse Trp53's official symbol.
  EXPECT_EQ(candidates(kb, "TRP53", kGene), (std::vector<std::string>{"22059", "7157"}));
  EXPECT_EQ(first(kb, "NOVEL22", kGene), "124905743");
  EXPECT_EQ(first(kb, "alpha-1-B glycoprotein", kGene), "1");
  EXPECT_EQ(first(kb, "withdrawn symbol", kGene), "");
  // Corpus-only genes get the corpus's taxon or their document's main species.
  EXPECT_EQ(first(kb, "Ptgs2", kGene), "29527");
  EXPECT_EQ(kb.concept_taxon(static_cast<uint32_t>(kb.find_concept("29527"))), 10116u);
  EXPECT_EQ(kb.concept_taxon(static_cast<uint32_t>(kb.find_concept("25086"))), 10116u);
  EXPECT_EQ(first(kb, "Interleukin-1", kGene), "3552;3553");  // several IDs: one concept
  // Human IL1A and mouse Il1a share a symbol: orthologs; TP53 and Trp53 do not.
  EXPECT_EQ(kb.ortholog(static_cast<uint32_t>(kb.find_concept("3552")), 10090), kb.find_concept("16175"));
  EXPECT_EQ(kb.ortholog(static_cast<uint32_t>(kb.find_concept("7157")), 10090), -1);
  EXPECT_EQ(first(kb, "IL-1 family", kGene | kGeneFamily), "");  // FamilyName is not Gene
  // Species: speclist names, taxonomy names of its taxa and the corpora's, words.
  EXPECT_EQ(first(kb, "Mus domesticus", kSpecies), "10090");
  EXPECT_EQ(first(kb, "human being", kSpecies), "9606");
  EXPECT_EQ(first(kb, "brown rat", kSpecies), "10116");        // a corpus taxon
  EXPECT_EQ(first(kb, "Escherichia coli", kSpecies), "562");   // from SPECIES800 pairs
  EXPECT_EQ(first(kb, "patients", kSpecies), "9606");
  EXPECT_EQ(first(kb, "mice", kSpecies), "10090");
  // Mention files and corpora; composite mentions; cell lines as CVCL:.
  EXPECT_EQ(first(kb, "G6PD deficiency", kDisease), "MESH:D005955");
  EXPECT_EQ(first(kb, "Huh7.5", kCellLine), "CVCL:7927");
  EXPECT_EQ(first(kb, "HeLa", kCellLine), "CVCL:0030");
  EXPECT_EQ(first(kb, "breast and ovarian cancer", kDisease), "MESH:D001943;MESH:D010051");
  EXPECT_EQ(first(kb, "unknownol", kChemical), "");  // "-1": no ID
  // Held out: BioRED Dev documents, in every corpus and mention file.
  EXPECT_EQ(first(kb, "Secretoma", 0xFF), "");
  EXPECT_EQ(first(kb, "Sekr1", 0xFF), "");
  EXPECT_EQ(first(kb, "held out disease name", 0xFF), "");
  EXPECT_NE(log.find("held-out documents skipped in BC5CDR Train: 1"), std::string::npos) << log;
  EXPECT_NE(log.find("held-out documents skipped in disease_mention_pairs.bioc.xml: 1"), std::string::npos) << log;
  EXPECT_NE(log.find("names from MeSH: 7"), std::string::npos) << log;  // 7 terms of kept descriptors
}

TEST(KbBuilder, TextSpeciesTaxon) {
  EXPECT_EQ(text_species_taxon("MMP-2 in the rat kidney. Rats were fed; mice were not."), 10116u);
  EXPECT_EQ(text_species_taxon("MICE and Mouse cells, one patient."), 10090u);
  EXPECT_EQ(text_species_taxon("The ratio of separate pigments."), 0u);  // whole words only
  EXPECT_EQ(text_species_taxon("Guinea pigs and a guinea pig."), 10141u);  // two-word names
  EXPECT_EQ(text_species_taxon(""), 0u);
}

// Corpora without organism annotations (NLM-Gene, GNormPlus): a gene no vocabulary
// knows takes the species its text names.
TEST(KbBuilder, CorpusGeneTaxonFromTheText) {
  KnowledgeBaseBuilder b;
  KbBuildStats stats;
  auto gene = [](std::string text, std::string id) {
    Annotation a;
    a.spans = {{0, static_cast<int64_t>(text.size())}};
    a.text = std::move(text);
    a.type = "Gene";
    a.ids = {std::move(id)};
    return a;
  };
  std::vector<Document> docs(2);
  docs[0].id = "1";
  docs[0].passages = {{"title", 0, "MMP-2 rose in rat kidneys and in rats given cisplatin.", {}}};
  docs[0].annotations.push_back(gene("MMP-2", "81686"));
  docs[1].id = "2";
  docs[1].passages = {{"title", 0, "Sekr2 in an unnamed organism.", {}}};
  docs[1].annotations.push_back(gene("Sekr2", "555"));
  add_kb_corpus_mentions(b, docs, 1, {}, "NLM-Gene", stats);
  const KnowledgeBase kb = b.build();
  EXPECT_EQ(kb.concept_taxon(static_cast<uint32_t>(kb.find_concept("81686"))), 10116u);
  EXPECT_EQ(kb.concept_taxon(static_cast<uint32_t>(kb.find_concept("555"))), 0u);
}

// BioRED names a variant by its rs ID only: the form comes from the mention, the genes
// from the document; tmVar3 states form, gene and rs in one record.
TEST(KbBuilder, CorpusVariantRsPairs) {
  auto annotation = [](std::string text, int64_t start, std::string type, std::string id) {
    Annotation a;
    a.spans = {{start, start + static_cast<int64_t>(text.size())}};
    a.text = std::move(text);
    a.type = std::move(type);
    a.ids = {std::move(id)};
    return a;
  };
  std::vector<Document> docs(4);
  docs[0].id = "1";
  docs[0].passages = {{"title", 0, "POLG Glu873Stop in rs121918047 carriers.", {}}};
  docs[0].annotations = {annotation("POLG", 0, "GeneOrGeneProduct", "5428"),
                         annotation("Glu873Stop", 5, "SequenceVariant", "rs121918047"),
                         annotation("rs121918047", 19, "SequenceVariant", "rs121918047")};
  docs[1].id = "2";
  docs[1].passages = {{"title", 0, "MLYCD c.920T>G.", {}}};
  docs[1].annotations = {annotation("MLYCD", 0, "Gene", "23417"),
                         annotation("c.920T>G", 6, "DNAMutation", "c|SUB|T|920|G;Gene:23417;RS#:2297882;VariantGroup:0")};
  // Held out: adds nothing.
  docs[2].id = "3";
  docs[2].passages = {{"title", 0, "BRAF V600E.", {}}};
  docs[2].annotations = {annotation("BRAF", 0, "GeneOrGeneProduct", "673"),
                         annotation("V600E", 5, "SequenceVariant", "rs113488022")};
  // A code point before the mention: offsets count code points, not bytes.
  docs[3].id = "4";
  docs[3].passages = {{"title", 0, "\u03b2-globin G6V.", {}}};
  docs[3].annotations = {annotation("\u03b2-globin", 0, "GeneOrGeneProduct", "3043"),
                         annotation("G6V", 9, "SequenceVariant", "rs334")};
  VariantRsIndex index;
  EXPECT_EQ(add_corpus_variant_rs_pairs(index, docs, {"3"}), 3u);
  EXPECT_EQ(index.rs_for("p|SUB|E|873|X", "5428"), "rs121918047");
  EXPECT_EQ(index.rs_for("c|SUB|T|920|G", "23417"), "rs2297882");
  EXPECT_EQ(index.rs_for("p|SUB|G|6|V", "3043"), "rs334");
  EXPECT_EQ(index.rs_for("p|SUB|V|600|E", "673"), std::nullopt);
  EXPECT_EQ(index.size(), 3u);  // the rs mention itself gives no form
}

// Genes of two species sharing a symbol (case ignored) are orthologs; a gene only the
// corpora know joins the group whose name the corpora write for it.
TEST(KbBuilder, OrthologGroups) {
  KnowledgeBaseBuilder b;
  const uint8_t preferred = 0, full = 1, synonym = 2;
  const uint32_t human = b.intern_concept("6528", 9606);
  b.add_name("SLC5A5", human, kGene, preferred);
  b.set_gene_symbol(human, "SLC5A5");
  b.set_gene_symbol(human, "NIS");  // the first symbol stays
  const uint32_t mouse = b.intern_concept("114479", 10090);
  b.add_name("Slc5a5", mouse, kGene, preferred);
  b.add_name("sodium/iodide symporter", mouse, kGene, full);
  b.set_gene_symbol(mouse, "Slc5a5");
  const uint32_t gfap = b.intern_concept("2670", 9606);
  b.add_name("GFAP", gfap, kGene, preferred);
  b.add_name("glial fibrillary acidic protein", gfap, kGene, full);
  b.set_gene_symbol(gfap, "GFAP");
  // Rat GFAP, taught by a corpus under the human gene's full name.
  b.add_mention("glial fibrillary acidic protein", b.intern_concept("24387", 10116), kGene, 1);
  // A rat gene under a synonym two groups share joins neither.
  const uint32_t a = b.intern_concept("10", 9606);
  b.set_gene_symbol(a, "AAA1");
  b.add_name("shared", a, kGene, synonym);
  const uint32_t c = b.intern_concept("20", 9606);
  b.set_gene_symbol(c, "CCC1");
  b.add_name("shared", c, kGene, synonym);
  b.add_mention("shared", b.intern_concept("30", 10116), kGene, 4);
  // Two human genes with one symbol: that taxon stays out of the group.
  const uint32_t twin1 = b.intern_concept("41", 9606);
  const uint32_t twin2 = b.intern_concept("42", 9606);
  const uint32_t twin_mouse = b.intern_concept("43", 10090);
  b.set_gene_symbol(twin1, "TWIN");
  b.set_gene_symbol(twin2, "TWIN");
  b.set_gene_symbol(twin_mouse, "Twin");
  const KnowledgeBase kb = b.build();
  auto index = [&](std::string_view id) { return static_cast<uint32_t>(kb.find_concept(id)); };
  auto ortholog = [&](std::string_view id, uint32_t taxon) {
    const int64_t o = kb.ortholog(index(id), taxon);
    return o < 0 ? std::string() : std::string(kb.concept_id(static_cast<uint32_t>(o)));
  };
  EXPECT_EQ(ortholog("114479", 9606), "6528");
  EXPECT_EQ(ortholog("6528", 10090), "114479");
  EXPECT_EQ(ortholog("6528", 9606), "6528");
  EXPECT_EQ(ortholog("6528", 10116), "");
  EXPECT_EQ(ortholog("24387", 9606), "2670");
  EXPECT_EQ(ortholog("2670", 10116), "24387");
  EXPECT_EQ(ortholog("30", 9606), "");
  EXPECT_EQ(ortholog("41", 10090), "");
  EXPECT_EQ(ortholog("43", 9606), "");
  EXPECT_EQ(kb.ortholog_group_members(), 4u);

  // The groups survive a save and a load.
  const std::string path = testing::temp_path("kbn_orthologs.kb");
  kb.save(path);
  const KnowledgeBase loaded = KnowledgeBase::load(path);
  EXPECT_EQ(loaded.serialize(), kb.serialize());
  EXPECT_EQ(loaded.ortholog(index("2670"), 10116), kb.find_concept("24387"));
  std::filesystem::remove(path);
}

// gene_info loci of type "unknown" rank their names as other designations.
TEST(KbBuilder, UnknownLociRankLast) {
  const std::string path = testing::temp_path("kbn_unknown.gene_info");
  {
    std::ofstream out(path);
    out << "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\t"
           "type_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\t"
           "Nomenclature_status\tOther_designations\n"
        << "10090\t112304\tPar1\t-\tPas5a\t-\t11\t-\tpulmonary adenoma resistance 1\tunknown\tPar1\t"
           "pulmonary adenoma resistance 1\tO\t-\n"
        << "10090\t14062\tF2r\t-\tCf2r|Par1|ThrR\t-\t13\t-\tcoagulation factor II receptor\tprotein-coding\t"
           "F2r\tcoagulation factor II receptor\tO\tproteinase-activated receptor 1\n";
  }
  KnowledgeBaseBuilder b;
  KbBuildStats stats;
  add_kb_gene_info(b, path, stats);
  const KnowledgeBase kb = b.build();
  EXPECT_EQ(candidates(kb, "PAR1", kGene), (std::vector<std::string>{"14062", "112304"}));
  EXPECT_EQ(kb.ortholog_group_members(), 0u);
  std::filesystem::remove(path);
}

TEST(KbBuilder, DeterministicAndRoundTrips) {
  const KnowledgeBase& kb = fixture_kb();
  std::ostringstream log;
  const KnowledgeBase again = build_knowledge_base(kShared, log);
  EXPECT_EQ(kb.serialize(), again.serialize());

  const std::string path = testing::temp_path("kbn_test.kb");
  kb.save(path);
  const KnowledgeBase loaded = KnowledgeBase::load(path);
  EXPECT_EQ(loaded.serialize(), kb.serialize());
  EXPECT_EQ(loaded.key_count(), kb.key_count());
  EXPECT_EQ(first(loaded, "Breast Cancer", kDisease), "MESH:D001943");
  again.save(path + ".2");
  EXPECT_EQ(testing::read_file(path), testing::read_file(path + ".2"));  // byte-identical files

  // A file cut short or of another kind is refused with its name.
  const std::string bytes = testing::read_file(path);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  EXPECT_THROW(KnowledgeBase::load(path), std::runtime_error);
  try {
    KnowledgeBase::load(testing::test_data("kbn_bad_gene_table.tsv"));
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("kbn_bad_gene_table.tsv"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".2");
}

TEST(KbBuilder, MalformedInputNamesFileAndLine) {
  KnowledgeBaseBuilder builder;
  KbBuildStats stats;
  try {
    add_kb_human_gene_table(builder, testing::test_data("kbn_bad_gene_table.tsv"), stats);
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.file().find("kbn_bad_gene_table.tsv"), std::string::npos);
    EXPECT_EQ(e.line(), 3u);
    EXPECT_FALSE(e.recoverable());
  }
  EXPECT_EQ(stats.names["human gene table 2022"], 4u);  // the good row's names came first
  EXPECT_THROW(add_kb_human_gene_table(builder, testing::test_data("kbn_short_gene_table.tsv"), stats), InputError);
  EXPECT_THROW(add_kb_hgnc(builder, testing::test_data("kbn_missing.tsv"), stats), std::runtime_error);
  std::ostringstream log;
  EXPECT_THROW(build_knowledge_base(testing::test_data("kbn_missing_dir"), log), std::runtime_error);
}

}  // namespace
}  // namespace biotator
