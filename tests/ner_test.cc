// The entity recognizer end to end on small hand-written data: BIOES constraints,
// training (full and partial annotation), determinism, model files, offsets, and the
// document-level consistency rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "entity_recognizer.h"
#include "model_bundle.h"
#include "ner_trainer.h"
#include "pubtator.h"
#include "test_paths.h"

namespace biotator {
namespace {

TEST(BioesLabels, OnlyWellFormedSequencesAreAllowed) {
  const int b_gene = BioesLabels::label(0, 0), i_gene = BioesLabels::label(0, 1), e_gene = BioesLabels::label(0, 2),
            s_gene = BioesLabels::label(0, 3), b_dis = BioesLabels::label(1, 0), e_dis = BioesLabels::label(1, 2);
  EXPECT_TRUE(BioesLabels::allowed(-1, b_gene));
  EXPECT_FALSE(BioesLabels::allowed(-1, i_gene));
  EXPECT_TRUE(BioesLabels::allowed(b_gene, i_gene));
  EXPECT_TRUE(BioesLabels::allowed(b_gene, e_gene));
  EXPECT_FALSE(BioesLabels::allowed(b_gene, e_dis));  // a mention keeps its type
  EXPECT_FALSE(BioesLabels::allowed(b_gene, 0));      // B must be closed
  EXPECT_TRUE(BioesLabels::allowed(e_gene, b_dis));
  EXPECT_TRUE(BioesLabels::allowed(s_gene, 0));
  EXPECT_FALSE(BioesLabels::can_end(b_gene));
  EXPECT_TRUE(BioesLabels::can_end(s_gene));
}

// Pruning keeps exactly the weights at or above the bar: emission scores lose only the
// small weights, and a feature left with none disappears from the table.
TEST(SequenceModel, PruningDropsSmallWeightsOnly) {
  SequenceModel model({"Gene"});  // labels O, B, I, E, S
  const std::vector<uint64_t> features{11, 22, 33};
  const std::vector<uint32_t> offsets{0, 2, 3, 5};
  const std::vector<uint8_t> labels{0, 4, 1, 2, 4};
  const std::vector<float> weights{0.2f, 3.0f, -0.1f, -2.5f, 0.4f};
  model.set_weights(features, offsets, labels, weights, std::vector<float>(6 * 5, 0.0f));
  const SequenceModel pruned = model.pruned(0.5f);
  EXPECT_EQ(pruned.feature_count(), 2u);  // feature 22 had only -0.1
  EXPECT_EQ(pruned.weight_count(), 2u);
  FeatureSequence seq;
  seq.values = {11, 22, 33};
  seq.offsets = {0, 3};
  std::vector<float> full_scores, pruned_scores;
  model.emission_scores(seq, full_scores);
  pruned.emission_scores(seq, pruned_scores);
  ASSERT_EQ(pruned_scores.size(), 5u);
  EXPECT_FLOAT_EQ(full_scores[4], 3.4f);
  EXPECT_FLOAT_EQ(pruned_scores[4], 3.0f);   // S: 3.0 kept, 0.4 dropped
  EXPECT_FLOAT_EQ(pruned_scores[2], -2.5f);  // E kept
  EXPECT_FLOAT_EQ(pruned_scores[0], 0.0f);   // O: 0.2 dropped
  EXPECT_FLOAT_EQ(pruned_scores[1], 0.0f);   // B: -0.1 dropped
}

// A tiny corpus in BioRED's style, written for this test.
const char* kCorpus =
    "1|t|Aspirin relieves headache in patients.\n"
    "1|a|Ibuprofen and aspirin reduce migraine in mice; BRCA1 was unchanged.\n"
    "1\t0\t7\tAspirin\tChemicalEntity\tD001241\n"
    "1\t17\t25\theadache\tDiseaseOrPhenotypicFeature\tD006261\n"
    "1\t29\t37\tpatients\tOrganismTaxon\t9606\n"
    "1\t39\t48\tIbuprofen\tChemicalEntity\tD007052\n"
    "1\t53\t60\taspirin\tChemicalEntity\tD001241\n"
    "1\t68\t76\tmigraine\tDiseaseOrPhenotypicFeature\tD008881\n"
    "1\t80\t84\tmice\tOrganismTaxon\t10090\n"
    "1\t86\t91\tBRCA1\tGeneOrGeneProduct\t672\n"
    "\n"
    "2|t|Ibuprofen relieves migraine in patients.\n"
    "2|a|Aspirin and ibuprofen reduce headache in mice; TP53 was unchanged.\n"
    "2\t0\t9\tIbuprofen\tChemicalEntity\tD007052\n"
    "2\t19\t27\tmigraine\tDiseaseOrPhenotypicFeature\tD008881\n"
    "2\t31\t39\tpatients\tOrganismTaxon\t9606\n"
    "2\t41\t48\tAspirin\tChemicalEntity\tD001241\n"
    "2\t53\t62\tibuprofen\tChemicalEntity\tD007052\n"
    "2\t70\t78\theadache\tDiseaseOrPhenotypicFeature\tD006261\n"
    "2\t82\t86\tmice\tOrganismTaxon\t10090\n"
    "2\t88\t92\tTP53\tGeneOrGeneProduct\t7157\n"
    "\n";

std::vector<Document> read_pubtator(const std::string& text) {
  PubTatorReader reader(ByteSource::from_string(text, "corpus"));
  std::vector<Document> docs;
  Document d;
  while (reader.next(d)) docs.push_back(d);
  return docs;
}

SequenceModel train_tiny(int epochs = 8) {
  std::ostringstream log;
  NerTrainingOptions options;
  options.epochs = epochs;
  std::vector<NerCorpus> corpora(1);
  corpora[0].name = "tiny";
  corpora[0].documents = read_pubtator(kCorpus);
  corpora[0].annotated_types = 0x3F;  // fully annotated (it has no cell lines or variants to show)
  return train_ner(corpora, {}, nullptr, options, log);
}

Document text_document(const std::string& id, const std::string& title, const std::string& abstract) {
  Document d;
  d.id = id;
  d.passages.push_back({"title", 0, title, {}});
  d.passages.push_back({"abstract", static_cast<int64_t>(utf8_length(title)) + 1, abstract, {}});
  return d;
}

TEST(EntityRecognizer, LearnsTheTinyCorpusAndTagsUnseenSentences) {
  const SequenceModel model = train_tiny();
  EntityRecognizer recognizer(nullptr, &model);
  Document d = text_document("9", "Aspirin relieves migraine in mice.", "");
  recognizer.annotate(d);
  ASSERT_EQ(validate_annotations(d), "");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& a : d.annotations) got.emplace_back(a.text, a.type);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"Aspirin", "Chemical"}, {"migraine", "Disease"}, {"mice", "Species"}}));
}

TEST(EntityRecognizer, OffsetsAreCodePointsAndSliceTheText) {
  const SequenceModel model = train_tiny();
  EntityRecognizer recognizer(nullptr, &model);
  // Non-ASCII before the mentions: byte and code point offsets differ.
  Document d = text_document("9", "\xCE\xB1\xE2\x80\x93" "Aspirin relieves headache in patients.", "");
  recognizer.annotate(d, TypeNames::kBioRED);
  EXPECT_EQ(validate_annotations(d), "");
  ASSERT_FALSE(d.annotations.empty());
  EXPECT_EQ(d.annotations[0].type, "ChemicalEntity");
}

TEST(EntityRecognizer, TrainingIsDeterministic) {
  const std::string path_a = testing::temp_path("ner_a.bt"), path_b = testing::temp_path("ner_b.bt");
  train_tiny().save(path_a);
  train_tiny().save(path_b);
  EXPECT_EQ(testing::read_file(path_a), testing::read_file(path_b));
  // And a loaded model decodes exactly as the trained one.
  const SequenceModel loaded = SequenceModel::load(path_a);
  const SequenceModel trained = train_tiny();
  EntityRecognizer a(nullptr, &loaded), b(nullptr, &trained);
  Document x = text_document("1", "Ibuprofen relieves headache in mice.", "TP53 and aspirin.");
  Document y = x;
  a.annotate(x);
  b.annotate(y);
  ASSERT_EQ(x.annotations.size(), y.annotations.size());
  for (size_t i = 0; i < x.annotations.size(); ++i) EXPECT_EQ(x.annotations[i].spans, y.annotations[i].spans);
  std::filesystem::remove(path_a);
  std::filesystem::remove(path_b);
}

TEST(NerTrainer, PartialAnnotationLeavesOtherTypesOpen) {
  // A corpus that annotates only diseases: "BRCA1" is not a gold mention, but it may be
  // a gene, so its tokens must allow gene labels as well as O.
  auto docs = read_pubtator(
      "5|t|BRCA1 carriers get cancer.\n5|a|\n5\t19\t25\tcancer\tDiseaseOrPhenotypicFeature\tD009369\n\n");
  std::vector<TrainingSequence> seqs;
  make_training_sequences(docs[0], nullptr, seqs, 1u << static_cast<int>(EntityType::kDisease));
  ASSERT_EQ(seqs.size(), 1u);
  ASSERT_EQ(seqs[0].allowed.size(), seqs[0].labels.size());
  const uint32_t brca1 = seqs[0].allowed[0];
  EXPECT_TRUE(brca1 & 1u);                                                // O
  EXPECT_TRUE(brca1 & (1u << BioesLabels::label(0, 3)));                  // S-Gene
  EXPECT_FALSE(brca1 & (1u << BioesLabels::label(1, 3)));                 // not S-Disease: diseases are annotated
  const uint32_t cancer = seqs[0].allowed[3];
  EXPECT_EQ(cancer, 1u << BioesLabels::label(1, 3));                      // fixed to S-Disease
  // Fully annotated corpora have no masks.
  seqs.clear();
  make_training_sequences(docs[0], nullptr, seqs);
  EXPECT_TRUE(seqs[0].allowed.empty());
}

TEST(EntityRecognizer, ShortFormTakesTheTypeOfItsLongForm) {
  const SequenceModel model = train_tiny();
  RecognizerOptions with, without;
  without.abbreviation_consistency = false;
  Document d = text_document("7", "Aspirin relieves migraine (MGR) in patients.", "MGR was relieved in mice.");
  Document e = d;
  EntityRecognizer(nullptr, &model, with).annotate(d);
  EntityRecognizer(nullptr, &model, without).annotate(e);
  auto count = [](const Document& doc, const std::string& text, const std::string& type) {
    int n = 0;
    for (const auto& a : doc.annotations) n += a.text == text && a.type == type;
    return n;
  };
  ASSERT_EQ(count(d, "migraine", "Disease"), 1);
  EXPECT_EQ(count(d, "MGR", "Disease"), 2);
  EXPECT_EQ(count(e, "MGR", "Disease"), 0);
}

// Mentions of a hand-written text, for the post-processing rules: `spans` are
// {text, type} pairs found left to right.
struct RuleFixture {
  AnalyzedText analysis;
  std::vector<EntityMention> mentions;
  RuleFixture(const std::string& text, std::vector<std::pair<std::string, EntityType>> spans) {
    analyze_document(text_document("1", text, ""), nullptr, analysis);
    size_t from = 0;
    for (const auto& [surface, type] : spans) {
      const size_t at = analysis.text.find(surface, from);
      EXPECT_NE(at, std::string::npos) << surface;
      mentions.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(at + surface.size()), type});
      from = at + surface.size();
    }
  }
  // "text/Type" of every mention, in order.
  std::vector<std::string> listed() const {
    std::vector<std::string> out;
    for (const auto& m : mentions)
      out.push_back(analysis.text.substr(m.begin, m.end - m.begin) + "/" + std::string(entity_type_name(m.type)));
    return out;
  }
};

using Listed = std::vector<std::string>;

TEST(EntityRecognizerRules, FormulaWithParenthesizedSubscriptIsOneChemical) {
  RuleFixture f("Rats exposed to CaCl(2) and Na(2)HPO(4) (non-CaCl(2)-treated), not SH(6) or F(30) or CYP2C8.",
                {{"CaCl", EntityType::kGene}, {"Na", EntityType::kChemical}});
  join_formula_subscripts(f.analysis, f.mentions);
  EXPECT_EQ(f.listed(), (Listed{"CaCl(2)/Chemical", "Na(2)HPO(4)/Chemical", "CaCl(2)/Chemical"}));
  // A mention reaching outside the formula is left alone.
  RuleFixture g("CaCl(2) injury", {{"CaCl(2) injury", EntityType::kDisease}});
  join_formula_subscripts(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"CaCl(2) injury/Disease"}));
}

TEST(EntityRecognizerRules, ChemicalBeforeAProteinHeadBecomesTheGene) {
  RuleFixture f("NMDA receptor and calcium-binding protein, NO synthases, calcium channels, NMDA receptorial, "
                "glucose transporter.",
                {{"NMDA", EntityType::kChemical},
                 {"calcium", EntityType::kChemical},
                 {"NO", EntityType::kChemical},
                 {"calcium", EntityType::kChemical},
                 {"NMDA", EntityType::kChemical},
                 {"glucose", EntityType::kChemical}});
  extend_chemicals_to_protein_heads(f.analysis, f.mentions);
  EXPECT_EQ(f.listed(), (Listed{"NMDA receptor/Gene", "calcium-binding protein/Gene", "NO synthases/Gene",
                                "calcium/Chemical", "NMDA/Chemical", "glucose/Chemical"}));
  // The head tagged as part of another mention keeps it.
  RuleFixture g("NMDA receptor subunit", {{"NMDA", EntityType::kChemical}, {"receptor subunit", EntityType::kGene}});
  extend_chemicals_to_protein_heads(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"NMDA/Chemical", "receptor subunit/Gene"}));
}

TEST(EntityRecognizerRules, ElementSymbolOfANamedElementIsAChemical) {
  RuleFixture f("Lithium (Li) and QTP + Li/DVP; the Na-K-ATPase, Ca(2+) and Zn; Li et al. saw Na and Mg.",
                {{"Lithium", EntityType::kChemical}, {"Ca(2+)", EntityType::kChemical}});
  tag_element_symbols(f.analysis, f.mentions);
  // Not "Na" (sodium is not named, and it is glued to "-K-ATPase" in the gene), nor "Zn" or "Mg".
  EXPECT_EQ(f.listed(), (Listed{"Lithium/Chemical", "Li/Chemical", "Li/Chemical", "Ca(2+)/Chemical", "Li/Chemical"}));
  RuleFixture g("Serum sodium (Na) and Na/K ratios; the Na-K-ATPase.", {{"sodium", EntityType::kChemical}});
  tag_element_symbols(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"sodium/Chemical", "Na/Chemical", "Na/Chemical"}));
}

TEST(EntityRecognizerRules, SpecificNamesTakeTheirMostlyChemicalType) {
  RuleFixture f("SSR103800 and SSR103800 and SSR103800; LPA and LPA and LPA; RS4-1 and RS4-1 and RS4-1.",
                {{"SSR103800", EntityType::kChemical},
                 {"SSR103800", EntityType::kGene},
                 {"SSR103800", EntityType::kChemical},
                 {"LPA", EntityType::kChemical},
                 {"LPA", EntityType::kChemical},
                 {"LPA", EntityType::kGene},
                 {"RS4-1", EntityType::kGene},
                 {"RS4-1", EntityType::kGene},
                 {"RS4-1", EntityType::kChemical}});
  unify_chemical_types(f.analysis, f.mentions);
  // "LPA" is too short to be sure of; "RS4-1" is mostly a gene.
  EXPECT_EQ(f.listed(), (Listed{"SSR103800/Chemical", "SSR103800/Chemical", "SSR103800/Chemical", "LPA/Chemical",
                                "LPA/Chemical", "LPA/Gene", "RS4-1/Gene", "RS4-1/Gene", "RS4-1/Chemical"}));
}

TEST(EntityRecognizerRules, ChemicalNamesRepeatThroughTheText) {
  RuleFixture f("SSR103800 and TNF. SSR103800 with TNF; SSR103800s; fat and fat. Maltolyl p-coumarate is new; "
                "maltolyl p-coumarate was given. Fatal doses. Depsipeptide and depsipeptide. Optical coherence "
                "tomography (OCT) was done; OCT was repeated.",
                {{"SSR103800", EntityType::kChemical},
                 {"TNF", EntityType::kGene},
                 {"fat", EntityType::kChemical},
                 {"Maltolyl p-coumarate", EntityType::kChemical},
                 {"Fatal", EntityType::kChemical},
                 {"depsipeptide", EntityType::kChemical},
                 {"OCT", EntityType::kChemical}});
  ASSERT_EQ(f.analysis.abbreviations.size(), 1u);
  propagate_surfaces(f.analysis, f.mentions, 1u << static_cast<int>(EntityType::kChemical));
  // Not "SSR103800s" (glued), the second "fat" (short lowercase), a second "TNF" (a
  // gene), "fatal" for the short "Fatal", nor the second "OCT": its definition's long
  // form is not a chemical mention.
  EXPECT_EQ(f.listed(), (Listed{"SSR103800/Chemical", "TNF/Gene", "SSR103800/Chemical", "fat/Chemical",
                                "Maltolyl p-coumarate/Chemical", "maltolyl p-coumarate/Chemical", "Fatal/Chemical",
                                "Depsipeptide/Chemical", "depsipeptide/Chemical", "OCT/Chemical"}));
}

// A text of 8 KB or more is searched through an index of its token starts instead of
// text searches (linear time in long full texts): the same occurrences are found.
TEST(EntityRecognizerRules, RepeatsAreFoundTheSameWayInLongTexts) {
  const std::string body =
      "SSR103800 and TNF. SSR103800 with TNF; SSR103800s; x-SSR103800 fat. Maltolyl p-coumarate is new; "
      "maltolyl p-coumarate was given. Depsipeptide and depsipeptide.";
  std::string filler;
  while (filler.size() < 9000) filler += " Nothing else was measured here.";
  const std::vector<std::pair<std::string, EntityType>> spans = {{"SSR103800", EntityType::kChemical},
                                                                 {"Maltolyl p-coumarate", EntityType::kChemical},
                                                                 {"depsipeptide", EntityType::kChemical}};
  RuleFixture short_text(body, spans), long_text(body + filler + " SSR103800 and depsipeptide again.", spans);
  ASSERT_LT(short_text.analysis.text.size(), 8192u);
  ASSERT_GE(long_text.analysis.text.size(), 8192u);
  const uint32_t chemical = 1u << static_cast<int>(EntityType::kChemical);
  propagate_surfaces(short_text.analysis, short_text.mentions, chemical);
  propagate_surfaces(long_text.analysis, long_text.mentions, chemical);
  const Listed expected = {"SSR103800/Chemical", "SSR103800/Chemical", "SSR103800/Chemical",
                           "Maltolyl p-coumarate/Chemical", "maltolyl p-coumarate/Chemical",
                           "Depsipeptide/Chemical", "depsipeptide/Chemical"};
  EXPECT_EQ(short_text.listed(), expected);
  Listed expected_long = expected;
  expected_long.push_back("SSR103800/Chemical");
  expected_long.push_back("depsipeptide/Chemical");
  EXPECT_EQ(long_text.listed(), expected_long);
}

TEST(EntityRecognizerRules, AbbreviationOfAChemicalTaggedElsewhere) {
  const std::string text =
      "Two contrast media (CM) were compared. CM were given; CM doses. Once CM failed. Tumor necrosis factor "
      "(TNF) and TNF rose; TNF fell. Optical coherence tomography (OCT) and OCT; OCT too.";
  RuleFixture f(text, {});
  auto tag = [&](const std::string& context, size_t length, EntityType type) {
    const auto at = static_cast<uint32_t>(text.find(context));
    f.mentions.push_back({at, at + static_cast<uint32_t>(length), type});
  };
  tag("CM were", 2, EntityType::kChemical);
  tag("CM doses", 2, EntityType::kChemical);
  tag("TNF rose", 3, EntityType::kGene);
  tag("TNF fell", 3, EntityType::kGene);
  tag("OCT;", 3, EntityType::kChemical);  // once only: not enough
  ASSERT_EQ(f.analysis.abbreviations.size(), 3u);
  std::vector<EntityMention> without = f.mentions;
  apply_abbreviation_consistency(f.analysis, without, false);
  EXPECT_EQ(without, f.mentions);
  apply_abbreviation_consistency(f.analysis, f.mentions, true);
  // The chemical's definition is tagged, and its untagged repeat; the gene's is left to
  // the tagger.
  EXPECT_EQ(f.listed(), (Listed{"contrast media/Chemical", "CM/Chemical", "CM/Chemical", "CM/Chemical",
                                "CM/Chemical", "TNF/Gene", "TNF/Gene", "OCT/Chemical"}));
}

TEST(EntityRecognizerRules, DiseaseNameBeforeVirusNamesTheVirus) {
  RuleFixture f("Hepatitis A virus and hepatitis A; the measles virusoid; hepatitis B virus.",
                {{"Hepatitis A", EntityType::kDisease},
                 {"hepatitis A", EntityType::kDisease},
                 {"measles", EntityType::kDisease},
                 {"hepatitis B", EntityType::kDisease},
                 {"virus", EntityType::kSpecies}});
  name_viruses_after_diseases(f.analysis, f.mentions);
  // Not "measles virusoid" (glued), nor "hepatitis B" whose "virus" is a mention of its own.
  EXPECT_EQ(f.listed(), (Listed{"Hepatitis A virus/Species", "hepatitis A/Disease", "measles/Disease",
                                "hepatitis B/Disease", "virus/Species"}));
}

TEST(EntityRecognizerRules, ShortFormOccurrenceReplacesItsPieces) {
  RuleFixture f("Gastroenteropancreatic neuroendocrine tumors (GEP-NETs) vary. Among 12 GEP-NETs, the GEP-NETs "
                "patients and GEP-NETs were studied.",
                {{"Gastroenteropancreatic neuroendocrine tumors", EntityType::kDisease},
                 {"GEP-NETs", EntityType::kDisease},
                 {"GEP", EntityType::kDisease},
                 {"GEP-NETs patients", EntityType::kSpecies},
                 {"GEP", EntityType::kGene}});
  ASSERT_EQ(f.analysis.abbreviations.size(), 1u);
  apply_abbreviation_consistency(f.analysis, f.mentions, false);
  // A mention reaching outside the short form ("GEP-NETs patients") is left alone.
  EXPECT_EQ(f.listed(), (Listed{"Gastroenteropancreatic neuroendocrine tumors/Disease", "GEP-NETs/Disease",
                                "GEP-NETs/Disease", "GEP-NETs patients/Species", "GEP-NETs/Disease"}));
}

TEST(EntityRecognizerRules, ChemicalInsideAVocabularyDiseaseNameIsTheDisease) {
  Lexicon lexicon;
  lexicon.add("iron overload", EntityClass::kDisease);
  lexicon.add("cocaine dependence", EntityClass::kDisease);
  lexicon.add("tempol", EntityClass::kDisease);
  lexicon.add("iron oxide", EntityClass::kDisease | EntityClass::kChemical);
  lexicon.finalize();
  AnalyzedText analysis;
  analyze_document(
      text_document("1", "Liver iron overload, cocaine dependence, tempol, iron oxide and iron overload (HFE).", ""),
      &lexicon, analysis);
  std::vector<EntityMention> mentions;
  auto tag = [&](const std::string& surface, size_t from, EntityType type) {
    const auto at = static_cast<uint32_t>(analysis.text.find(surface, from));
    mentions.push_back({at, at + static_cast<uint32_t>(surface.size()), type});
    return at + surface.size();
  };
  size_t at = tag("iron", 0, EntityType::kChemical);
  at = tag("cocaine", at, EntityType::kChemical);
  at = tag("tempol", at, EntityType::kChemical);
  at = tag("iron", at, EntityType::kChemical);
  at = tag("iron", at, EntityType::kChemical);
  tag("overload (HFE)", at, EntityType::kGene);
  extend_chemicals_to_disease_names(analysis, mentions);
  std::vector<std::string> listed;
  for (const auto& m : mentions)
    listed.push_back(analysis.text.substr(m.begin, m.end - m.begin) + "/" + std::string(entity_type_name(m.type)));
  // Not the substance-use name, a name no longer than the chemical, a name that is also
  // a chemical, nor one holding a mention of another type.
  EXPECT_EQ(listed, (Listed{"iron overload/Disease", "cocaine/Chemical", "tempol/Chemical", "iron/Chemical",
                            "iron/Chemical", "overload (HFE)/Gene"}));
}

TEST(EntityRecognizerRules, DiseaseSymbolInAGeneListIsAGene) {
  RuleFixture f("TP53, KRAS, and VHL; BRCA1 and VHL; KRAS, TP53, VHL or cancer; AMD, ARMS2/HTRA1; "
                "macular degeneration, CFH and ARMS2.",
                {{"TP53", EntityType::kGene},
                 {"KRAS", EntityType::kGene},
                 {"VHL", EntityType::kDisease},
                 {"BRCA1", EntityType::kGene},
                 {"VHL", EntityType::kDisease},
                 {"KRAS", EntityType::kGene},
                 {"TP53", EntityType::kGene},
                 {"VHL", EntityType::kDisease},
                 {"cancer", EntityType::kDisease},
                 {"AMD", EntityType::kDisease},
                 {"ARMS2", EntityType::kGene},
                 {"HTRA1", EntityType::kGene},
                 {"macular degeneration", EntityType::kDisease},
                 {"CFH", EntityType::kGene},
                 {"ARMS2", EntityType::kGene}});
  retype_symbols_in_gene_lists(f.analysis, f.mentions);
  // Not beside a single gene, in a list with a disease, nor a name that is no symbol.
  EXPECT_EQ(f.listed(), (Listed{"TP53/Gene", "KRAS/Gene", "VHL/Gene", "BRCA1/Gene", "VHL/Disease", "KRAS/Gene",
                                "TP53/Gene", "VHL/Disease", "cancer/Disease", "AMD/Gene", "ARMS2/Gene", "HTRA1/Gene",
                                "macular degeneration/Disease", "CFH/Gene", "ARMS2/Gene"}));
}

TEST(EntityRecognizerRules, DiseaseAndChemicalNamesPropagate) {
  RecognizerOptions options;
  const uint32_t chemical = 1u << static_cast<int>(EntityType::kChemical);
  const uint32_t disease = 1u << static_cast<int>(EntityType::kDisease);
  EXPECT_EQ(surface_propagation_types(options), chemical | disease);
  options.disease_rules = false;
  EXPECT_EQ(surface_propagation_types(options), chemical);
  RuleFixture f("Myocardial energy metabolism disorder; a metabolism disorder. Fever and fever.",
                {{"metabolism disorder", EntityType::kDisease}, {"Fever", EntityType::kDisease}});
  propagate_surfaces(f.analysis, f.mentions, disease);
  EXPECT_EQ(f.listed(), (Listed{"metabolism disorder/Disease", "metabolism disorder/Disease", "Fever/Disease"}));
}

// The committed bundle: a fresh clone annotates text with it.
TEST(ModelBundle, CommittedModelsRecognizeTheBundledExample) {
  const std::string dir = testing::source_dir() + "/models";
  if (!std::filesystem::exists(dir + "/" + ModelBundle::kNerFile)) GTEST_SKIP() << "no committed NER model";
  ModelBundle bundle = ModelBundle::load(dir);
  ASSERT_TRUE(bundle.ner);
  EntityRecognizer recognizer(bundle.lexicon.get(), bundle.ner.get());
  Document d = text_document(
      "1", "Imatinib response in chronic myeloid leukemia patients carrying the BCR-ABL1 T315I mutation.",
      "Mice treated with tamoxifen developed breast cancer.");
  recognizer.annotate(d);
  EXPECT_EQ(validate_annotations(d), "");
  auto has = [&](const std::string& text, const std::string& type) {
    for (const auto& a : d.annotations)
      if (a.text == text && a.type == type) return true;
    return false;
  };
  EXPECT_TRUE(has("Imatinib", "Chemical"));
  EXPECT_TRUE(has("chronic myeloid leukemia", "Disease"));
  EXPECT_TRUE(has("patients", "Species"));
  EXPECT_TRUE(has("tamoxifen", "Chemical"));
  EXPECT_TRUE(has("breast cancer", "Disease"));
  EXPECT_TRUE(has("Mice", "Species"));
}

}  // namespace
}  // namespace biotator
