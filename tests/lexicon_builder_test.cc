#include "lexicon_builder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "byte_source.h"
#include "input_error.h"
#include "pubtator.h"
#include "test_paths.h"
#include "tokenizer.h"
#include "utf8.h"

namespace biotator {
namespace {

const std::string kKb = testing::fixture_tree("kb_shared") + "/kb";

TEST(LexiconBuilder, EntityClassOfTypeCoversEveryDialect) {
  EXPECT_EQ(entity_class_of_type("Gene"), kGene);
  EXPECT_EQ(entity_class_of_type("GeneOrGeneProduct"), kGene);
  EXPECT_EQ(entity_class_of_type("DiseaseOrPhenotypicFeature"), kDisease);
  EXPECT_EQ(entity_class_of_type("SpecificDisease"), kDisease);
  EXPECT_EQ(entity_class_of_type("CompositeMention"), kDisease);
  EXPECT_EQ(entity_class_of_type("ChemicalEntity"), kChemical);
  EXPECT_EQ(entity_class_of_type("OrganismTaxon"), kSpecies);
  EXPECT_EQ(entity_class_of_type("Species"), kSpecies);
  EXPECT_EQ(entity_class_of_type("CellLine"), kCellLine);
  EXPECT_EQ(entity_class_of_type("FamilyName"), kGeneFamily);
  EXPECT_EQ(entity_class_of_type("SequenceVariant"), 0);
  EXPECT_EQ(entity_class_of_type("ProteinMutation"), 0);
  EXPECT_EQ(entity_class_of_type("gene"), 0);  // type names are case-sensitive
}

TEST(LexiconBuilder, NameFilter) {
  const char* why = nullptr;
  EXPECT_FALSE(keep_lexicon_name("The", &why));
  EXPECT_STREQ(why, "stopword");
  EXPECT_FALSE(keep_lexicon_name("SET", &why));
  EXPECT_STREQ(why, "stopword");
  EXPECT_FALSE(keep_lexicon_name("x", &why));
  EXPECT_STREQ(why, "one character");
  EXPECT_FALSE(keep_lexicon_name("α", &why));  // one character although it normalizes to "alpha"
  EXPECT_STREQ(why, "one character");
  EXPECT_FALSE(keep_lexicon_name("1234", &why));
  EXPECT_STREQ(why, "number");
  EXPECT_FALSE(keep_lexicon_name(" - ", &why));
  EXPECT_STREQ(why, "empty");
  EXPECT_TRUE(keep_lexicon_name("IL2", &why));  // two units: never a stopword
  EXPECT_EQ(why, nullptr);
  EXPECT_TRUE(keep_lexicon_name("men"));        // annotated as species in BioRED
  EXPECT_TRUE(keep_lexicon_name("set of genes"));  // stopwords only reject one-word names
  EXPECT_TRUE(keep_lexicon_name("14-3-3"));
}

TEST(LexiconBuilder, MeshTreesDecideTheClass) {
  Lexicon lexicon;
  const LexiconBuildStats stats =
      add_mesh(lexicon, kKb + "/mesh/mesh_trees.tsv", kKb + "/mesh/mesh_thesaurus_terms.tsv");
  EXPECT_EQ(lexicon.classes_of("Breast Neoplasms"), kDisease);
  EXPECT_EQ(lexicon.classes_of("breast cancer"), kDisease);
  EXPECT_EQ(lexicon.classes_of("Neoplasms, Breast"), kDisease);
  EXPECT_EQ(lexicon.classes_of("Depressive Disorder"), kDisease);  // F03
  EXPECT_EQ(lexicon.classes_of("Depression"), 0);                  // F01 only
  EXPECT_EQ(lexicon.classes_of("Blood"), 0);                       // A15 anatomy
  EXPECT_EQ(lexicon.classes_of("Calcium"), kChemical);
  EXPECT_EQ(lexicon.classes_of("Insulin"), kChemical | kChemicalProteinBranch);  // D06 + D12
  EXPECT_EQ(lexicon.classes_of("Phosphotransferases"), kChemicalProteinBranch);  // D08 only
  EXPECT_EQ(lexicon.classes_of("TNF-α"), kChemicalProteinBranch);               // D12 + D23
  EXPECT_EQ(lexicon.classes_of("cholera toxin"), kChemical);                     // D23 only
  EXPECT_EQ(lexicon.sources_of("Calcium"), kSourceVocabulary);
  // 10 terms of kept descriptors + 1 uninverted "Breast Neoplasms" (a repeat).
  EXPECT_EQ(stats.names_read, 11u);
  EXPECT_EQ(stats.names_added, 11u);
  EXPECT_EQ(lexicon.size(), 10u);  // "Neoplasms, Breast" keeps its comma: a term of its own
}

TEST(LexiconBuilder, MeshDiseaseSupplementaryAndCtd) {
  Lexicon lexicon;
  LexiconBuildStats stats = add_mesh_disease_supplementary(lexicon, kKb + "/mesh/mesh_disease_supplementary.tsv");
  EXPECT_EQ(stats.names_read, 2u);  // the repeated SCR row is read once
  EXPECT_EQ(lexicon.classes_of("Corpus Callosum Agenesis with Abnormal Genitalia"), kDisease);
  EXPECT_EQ(lexicon.classes_of("Corneal Dystrophy, Posterior Polymorphous, 2"), kDisease);

  stats = add_ctd_diseases(lexicon, kKb + "/ctd/CTD_diseases.tsv");
  EXPECT_EQ(stats.names_read, 4u);  // 2 names + 2 synonyms; the '#' header is skipped
  EXPECT_EQ(lexicon.classes_of("13q deletion syndrome"), kDisease);
  EXPECT_EQ(lexicon.classes_of("Orbeli syndrome"), kDisease);
  EXPECT_EQ(lexicon.classes_of("chromosome 13q deletion"), kDisease);
  EXPECT_EQ(lexicon.classes_of("Parkinson disease"), kDisease);
  EXPECT_EQ(lexicon.classes_of("A progressive disorder."), 0);  // a definition, not a name
}

TEST(LexiconBuilder, MeshMappingsClassBySupplementaryConceptDatabase) {
  Lexicon lexicon;
  const LexiconBuildStats stats = add_chemical_mesh_mappings(lexicon, kKb + "/chemical/mesh_mappings.tsv");
  EXPECT_EQ(lexicon.classes_of("bevonium"), kChemical);
  EXPECT_EQ(lexicon.classes_of("L-alanosine"), kChemical);
  EXPECT_EQ(lexicon.classes_of("alanosine"), kChemical);
  EXPECT_EQ(lexicon.classes_of("mucic acid"), kChemical);
  EXPECT_EQ(lexicon.classes_of("KCNMB2 protein"), kGene);  // ", human" dropped
  EXPECT_EQ(lexicon.classes_of("KCNMB2"), kGene);
  EXPECT_EQ(lexicon.classes_of("Jalili syndrome"), kDisease);
  EXPECT_EQ(lexicon.classes_of("breast tumour"), 0);    // descriptor rows are left to the MeSH trees
  EXPECT_EQ(lexicon.classes_of("cilium assembly"), 0);  // GO: none of our classes
  EXPECT_EQ(stats.names_read, 8u);
}

TEST(LexiconBuilder, GeneInfoColumns) {
  Lexicon lexicon;
  LexiconBuildStats stats = add_gene_info(lexicon, kKb + "/gene/Homo_sapiens.gene_info");
  for (const char* name : {"IL2", "IL-2", "TCGF", "lymphokine", "interleukin 2", "interleukin-2",
                           "T cell growth factor", "aldesleukin", "2PP2A", "TAF-I", "SET nuclear proto-oncogene",
                           "template-activating factor I", "protein SET"}) {
    EXPECT_EQ(lexicon.classes_of(name), kGene) << name;
  }
  EXPECT_EQ(lexicon.classes_of("SET"), 0);             // a stopword, counted
  EXPECT_EQ(lexicon.classes_of("H19-ICR"), 0);         // biological-region rows are skipped
  EXPECT_EQ(lexicon.classes_of("imprinting center 1"), 0);
  EXPECT_GE(stats.stopwords, 1u);

  stats = add_gene_info(lexicon, kKb + "/gene/Mus_musculus.gene_info");
  EXPECT_EQ(lexicon.classes_of("Tnfsf1a"), kGene);
  EXPECT_EQ(lexicon.classes_of("cachectin"), kGene);
  EXPECT_EQ(lexicon.classes_of("TNFα"), kGene);  // "TNF-alpha" in Other_designations
  EXPECT_EQ(stats.names_read, 10u);  // nomenclature symbol/name equal to Symbol/description: not re-read
}

TEST(LexiconBuilder, FamPlexFiles) {
  Lexicon lexicon;
  add_famplex(lexicon, kKb + "/gene/famplex");
  EXPECT_EQ(lexicon.classes_of("AMPK"), kGeneFamily);
  EXPECT_EQ(lexicon.classes_of("Cyclin D"), kGeneFamily);                  // entities.csv "Cyclin_D"
  EXPECT_EQ(lexicon.classes_of("14-3-3"), kGeneFamily);                    // "14_3_3"
  EXPECT_EQ(lexicon.classes_of("14-3-3 family"), kGeneFamily);             // BEL equivalence
  EXPECT_EQ(lexicon.classes_of("IPR000074"), 0);                           // InterPro code: not a name
  EXPECT_EQ(lexicon.classes_of("AMPK (alpha 1, beta 1, gamma 1)"), kGeneFamily);  // quoted CSV field
  EXPECT_EQ(lexicon.classes_of("ERK1"), kGene);
  EXPECT_EQ(lexicon.classes_of("staurosporine"), kChemical);
  EXPECT_EQ(lexicon.classes_of("apoptosis"), 0);                           // GO grounding
  EXPECT_EQ(lexicon.classes_of("say \"hi\" kinase"), kGene);                // "" inside quotes
}

TEST(LexiconBuilder, SpeclistAndTaxonomyNames) {
  Lexicon lexicon;
  std::vector<uint32_t> taxa;
  const LexiconBuildStats stats = add_speclist(lexicon, kKb + "/taxonomy/speclist.txt", &taxa);
  EXPECT_EQ(taxa, (std::vector<uint32_t>{7742, 9606, 10090, 10804}));
  for (const char* name : {"Homo sapiens", "human", "Mus musculus", "mouse", "Mus domesticus", "AAV-2",
                           "Adeno-associated virus 2", "Vertebrata"}) {
    EXPECT_EQ(lexicon.classes_of(name), kSpecies) << name;
  }
  EXPECT_EQ(lexicon.classes_of("Common name"), 0);  // legend lines, not organisms
  EXPECT_EQ(lexicon.classes_of("Synonym"), 0);
  EXPECT_EQ(stats.names_read, 8u);

  const LexiconBuildStats names = add_taxonomy_names(lexicon, kKb + "/taxonomy/specData_names.tsv", taxa);
  EXPECT_EQ(names.names_read, 4u);  // taxa 9606 and 10090 only
  EXPECT_EQ(lexicon.classes_of("human being"), kSpecies);
  EXPECT_EQ(lexicon.classes_of("house mouse"), kSpecies);
  EXPECT_EQ(lexicon.classes_of("brown rat"), 0);  // taxon 10116 is not in the speclist

  add_species_words(lexicon);
  EXPECT_EQ(lexicon.classes_of("patients"), kSpecies);
  EXPECT_EQ(lexicon.classes_of("Mice"), kSpecies);
}

TEST(LexiconBuilder, BioCMentionPairs) {
  Lexicon lexicon;
  LexiconBuildStats stats = add_bioc_mentions(lexicon, kKb + "/disease/disease_mention_pairs.bioc.xml");
  EXPECT_EQ(lexicon.classes_of("G6PD deficiency"), kDisease);
  EXPECT_EQ(lexicon.sources_of("G6PD deficiency"), kSourceMentionKb);
  EXPECT_EQ(lexicon.classes_of("chronic nonspherocytic hemolytic anemia"), kDisease);
  EXPECT_EQ(lexicon.classes_of("V600E"), 0);
  EXPECT_EQ(stats.unmapped_types, 1u);  // the ProteinMutation
  stats = add_bioc_mentions(lexicon, kKb + "/cellline/cellline_mention_pairs.bioc.xml");
  EXPECT_EQ(lexicon.classes_of("Huh7.5"), kCellLine);
  EXPECT_EQ(lexicon.classes_of("HeLa"), kCellLine);
  EXPECT_EQ(stats.names_added, 2u);
}

TEST(LexiconBuilder, MalformedInputNamesFileAndLine) {
  Lexicon lexicon;
  try {
    add_gene_info(lexicon, testing::test_data("kb_bad_gene_info.tsv"));
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(e.file().find("kb_bad_gene_info.tsv"), std::string::npos);
    EXPECT_EQ(e.line(), 3u);
    EXPECT_NE(e.reason().find("expected at least 14"), std::string::npos) << e.reason();
    EXPECT_FALSE(e.recoverable());
  }
  EXPECT_THROW(add_bioc_mentions(lexicon, testing::test_data("kb_bad_mentions.bioc.xml")), InputError);
  EXPECT_THROW(add_ctd_diseases(lexicon, testing::test_data("kb_missing.tsv")), std::runtime_error);

  const std::string bad_speclist = testing::temp_path("bad_speclist.txt");
  {
    std::ofstream out(bad_speclist);
    out << "HUMAN E    9606: N=Homo sapiens\n                 X=what is this\n";
  }
  try {
    add_speclist(lexicon, bad_speclist);
    ADD_FAILURE() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
  }
  std::filesystem::remove(bad_speclist);
}

TEST(LexiconBuilder, SharedVocabulariesFromFixtureLayout) {
  Lexicon lexicon;
  const LexiconBuildStats stats = add_shared_vocabularies(lexicon, testing::fixture_tree("kb_shared"));
  lexicon.finalize();
  EXPECT_EQ(stats.too_long, 0u);
  for (int bit : {0, 1, 2, 3, 4, 5, 6}) EXPECT_GT(stats.added_per_class[bit], 0u) << "class bit " << bit;
  const std::string text = "HeLa cells from patients with breast cancer were treated with IL-2 and NF-kappaB.";
  const std::vector<Token> tokens = tokenize(text);
  std::vector<LexiconMatch> matches;
  lexicon.match(text, tokens, matches);
  std::vector<std::string> found;
  for (const LexiconMatch& m : matches) {
    found.push_back(std::string(text.substr(tokens[m.first_token].begin,
                                            tokens[m.end_token - 1].end - tokens[m.first_token].begin)));
  }
  EXPECT_EQ(found, (std::vector<std::string>{"HeLa", "patients", "breast cancer", "IL-2"}));
}

TEST(LexiconBuilder, CorpusMentions) {
  Document doc;
  doc.id = "1";
  doc.passages.push_back({"title", 0, "BRCA1 V600E in breast and ovarian cancer", {}});
  auto mention = [](int64_t start, int64_t end, std::string text, std::string type) {
    Annotation a;
    a.spans = {{start, end}};
    a.text = std::move(text);
    a.type = std::move(type);
    return a;
  };
  doc.annotations.push_back(mention(0, 5, "BRCA1", "GeneOrGeneProduct"));
  doc.annotations.push_back(mention(6, 11, "V600E", "SequenceVariant"));
  doc.annotations.push_back(mention(26, 40, "ovarian cancer", "DiseaseOrPhenotypicFeature"));
  Annotation discontinuous = mention(15, 40, "breast cancer", "DiseaseOrPhenotypicFeature");
  discontinuous.spans = {{15, 21}, {34, 40}};
  doc.annotations.push_back(discontinuous);
  Lexicon lexicon;
  const LexiconBuildStats stats = add_corpus_mentions(lexicon, {doc});
  EXPECT_EQ(stats.names_added, 2u);
  EXPECT_EQ(stats.unmapped_types, 1u);
  EXPECT_EQ(stats.discontinuous, 1u);
  EXPECT_EQ(lexicon.classes_of("BRCA1"), kGene);
  EXPECT_EQ(lexicon.sources_of("BRCA1"), kSourceCorpus);
  EXPECT_EQ(lexicon.classes_of("ovarian cancer"), kDisease);
  EXPECT_EQ(lexicon.classes_of("breast cancer"), 0);
}

// ---------------------------------------------------------------------------------
// The real vocabularies: build statistics, file size, load time, and the dictionary's
// recall on BioRED Dev (a gold mention counts when a longest match from its first
// token covers exactly its span with the right class bit).

std::vector<Document> read_pubtator(const std::string& path) {
  std::vector<Document> docs;
  PubTatorReader reader(ByteSource::open(path));
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

struct Recall {
  size_t gold = 0;
  size_t exact_any_class = 0;
  size_t exact_right_class = 0;
};

std::map<std::string, Recall> dictionary_recall(const Lexicon& lexicon, const std::vector<Document>& docs) {
  std::map<std::string, Recall> recall;
  std::vector<Token> tokens;
  std::vector<LexiconMatch> matches;
  for (const Document& doc : docs) {
    const std::string text = doc.full_text();
    tokenize(text, tokens);
    lexicon.match(text, tokens, matches);
    const CodepointIndex index(text);
    std::map<std::pair<size_t, size_t>, uint8_t> by_span;  // byte span -> classes
    for (const LexiconMatch& m : matches) {
      by_span[{tokens[m.first_token].begin, tokens[m.end_token - 1].end}] = m.classes;
    }
    for (const Annotation& a : doc.annotations) {
      const uint8_t wanted = entity_class_of_type(a.type);
      if (wanted == 0 || a.spans.size() != 1) continue;
      Recall& r = recall[a.type];
      ++r.gold;
      const auto it = by_span.find({index.byte_offset(a.start()), index.byte_offset(a.end())});
      if (it == by_span.end()) continue;
      ++r.exact_any_class;
      if (it->second & wanted) ++r.exact_right_class;
    }
  }
  return recall;
}

TEST(LexiconShared, BuildSaveLoadAndRecallOnBioRedDev) {
  if (!testing::shared_available()) GTEST_SKIP() << "no shared data";
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
  };
  const auto t0 = Clock::now();
  Lexicon lexicon;
  const LexiconBuildStats stats = add_shared_vocabularies(lexicon, testing::shared_dir());
  lexicon.finalize();
  const auto t1 = Clock::now();
  const std::string path = testing::temp_path("shared_lexicon.lex");
  lexicon.save(path);
  const auto t2 = Clock::now();
  const Lexicon loaded = Lexicon::load(path);
  const auto t3 = Clock::now();
  const auto file_size = std::filesystem::file_size(path);
  std::filesystem::remove(path);

  static constexpr const char* kClassNames[7] = {"Gene", "Disease", "Chemical", "Species",
                                                 "CellLine", "ChemicalProteinBranch", "GeneFamily"};
  const std::vector<size_t> counts = loaded.class_counts();
  std::printf("%s", stats.summary().c_str());
  std::printf("distinct terms %zu (keys incl. prefixes %zu), memory %.1f MB\n", loaded.size(), loaded.key_count(),
              loaded.memory_bytes() / 1e6);
  for (int bit = 0; bit < 7; ++bit) std::printf("  terms with %-22s %zu\n", kClassNames[bit], counts[bit]);
  std::printf("build %.2f s, save %.2f s (%.2f MB), load %.3f s\n", seconds(t0, t1), seconds(t1, t2),
              file_size / 1e6, seconds(t2, t3));
  EXPECT_EQ(loaded.size(), lexicon.size());
  EXPECT_LT(file_size, 30u * 1000 * 1000);
  for (int bit = 0; bit < 7; ++bit) EXPECT_GT(counts[bit], 0u) << kClassNames[bit];

  const std::vector<Document> dev = read_pubtator(testing::shared_dir() + "/corpora/biored/Dev.PubTator");
  auto report = [](const char* title, const std::map<std::string, Recall>& recall) {
    std::printf("%s\n", title);
    for (const auto& [type, r] : recall) {
      std::printf("  %-28s gold %5zu  exact span %.3f  exact span+class %.3f\n", type.c_str(), r.gold,
                  static_cast<double>(r.exact_any_class) / r.gold, static_cast<double>(r.exact_right_class) / r.gold);
    }
  };
  const auto recall = dictionary_recall(loaded, dev);
  report("BioRED Dev dictionary recall, shared vocabularies:", recall);
  // Floors well under the measured values (Gene .79, Disease .71, Chemical .69,
  // Species .98, CellLine 1.0): a drop means normalization or a reader broke.
  const std::map<std::string, double> floors = {{"GeneOrGeneProduct", 0.70}, {"DiseaseOrPhenotypicFeature", 0.60},
                                                {"ChemicalEntity", 0.55},   {"OrganismTaxon", 0.90},
                                                {"CellLine", 0.80}};
  for (const auto& [type, floor] : floors) {
    ASSERT_TRUE(recall.contains(type)) << type;
    EXPECT_GE(static_cast<double>(recall.at(type).exact_right_class) / recall.at(type).gold, floor) << type;
  }

  // What the NER sees when trained on BioRED Train: its gold mentions added too.
  const LexiconBuildStats train = add_corpus_mentions(
      lexicon, read_pubtator(testing::shared_dir() + "/corpora/biored/Train.PubTator"));
  lexicon.finalize();
  std::printf("BioRED Train mentions: %s", train.summary().c_str());
  const auto recall_with_train = dictionary_recall(lexicon, dev);
  report("BioRED Dev dictionary recall, shared vocabularies + Train mentions:", recall_with_train);
  for (const auto& [type, r] : recall_with_train) EXPECT_GE(r.exact_right_class, recall.at(type).exact_right_class);
}

}  // namespace
}  // namespace biotator
