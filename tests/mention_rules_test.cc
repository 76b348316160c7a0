// The recognizer's post-processing rules (mention_rules.h) on hand-written texts: each
// rule's intended change, and the look-alikes it must leave alone.
#include "mention_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "document.h"
#include "document_builder.h"
#include "entity_recognizer.h"
#include "lexicon.h"
#include "text_analysis.h"

namespace biotator {
namespace {

// Mentions of a hand-written text, for the post-processing rules: `spans` are
// {text, type} pairs found left to right.
struct RuleFixture {
  AnalyzedText analysis;
  std::vector<EntityMention> mentions;
  RuleFixture(const std::string& text, std::vector<std::pair<std::string, EntityType>> spans) {
    analyze_document(testing::DocBuilder("1", text, "").doc, nullptr, analysis);
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

TEST(MentionRules, FormulaWithParenthesizedSubscriptIsOneChemical) {
  RuleFixture f("Rats exposed to CaCl(2) and Na(2)HPO(4) (non-CaCl(2)-treated), not SH(6) or F(30) or CYP2C8.",
                {{"CaCl", EntityType::kGene}, {"Na", EntityType::kChemical}});
  join_formula_subscripts(f.analysis, f.mentions);
  EXPECT_EQ(f.listed(), (Listed{"CaCl(2)/Chemical", "Na(2)HPO(4)/Chemical", "CaCl(2)/Chemical"}));
  // A mention reaching outside the formula is left alone.
  RuleFixture g("CaCl(2) injury", {{"CaCl(2) injury", EntityType::kDisease}});
  join_formula_subscripts(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"CaCl(2) injury/Disease"}));
}

TEST(MentionRules, ChemicalBeforeAProteinHeadBecomesTheGene) {
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

TEST(MentionRules, ElementSymbolOfANamedElementIsAChemical) {
  RuleFixture f("Lithium (Li) and QTP + Li/DVP; the Na-K-ATPase, Ca(2+) and Zn; Li et al. saw Na and Mg.",
                {{"Lithium", EntityType::kChemical}, {"Ca(2+)", EntityType::kChemical}});
  tag_element_symbols(f.analysis, f.mentions);
  // Not "Na" (sodium is not named, and it is glued to "-K-ATPase" in the gene), nor "Zn" or "Mg".
  EXPECT_EQ(f.listed(), (Listed{"Lithium/Chemical", "Li/Chemical", "Li/Chemical", "Ca(2+)/Chemical", "Li/Chemical"}));
  RuleFixture g("Serum sodium (Na) and Na/K ratios; the Na-K-ATPase.", {{"sodium", EntityType::kChemical}});
  tag_element_symbols(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"sodium/Chemical", "Na/Chemical", "Na/Chemical"}));
}

TEST(MentionRules, SpecificNamesTakeTheirMostlyChemicalType) {
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

TEST(MentionRules, ChemicalNamesRepeatThroughTheText) {
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

TEST(MentionRules, GeneNamesRepeatExceptBeforeCells) {
  RuleFixture f("MZM1 binds. Loss of MZM1 and Th1 cytokines; Th1 cells and Th1 T cells expand; Th1cells.",
                {{"MZM1", EntityType::kGene}, {"Th1", EntityType::kGene}});
  propagate_surfaces(f.analysis, f.mentions, 1u << static_cast<int>(EntityType::kGene));
  // The repeats of a gene name are genes, but not where they name cells ("Th1 cells",
  // "Th1 T cells"); "Th1cells" is glued, no stand-alone repeat.
  EXPECT_EQ(f.listed(), (Listed{"MZM1/Gene", "MZM1/Gene", "Th1/Gene"}));
}

// A text of 8 KB or more is searched through an index of its token starts instead of
// text searches (linear time in long full texts): the same occurrences are found.
TEST(MentionRules, RepeatsAreFoundTheSameWayInLongTexts) {
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

TEST(MentionRules, AbbreviationOfAChemicalTaggedElsewhere) {
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
  RuleFixture without = f;
  apply_abbreviation_consistency(without.analysis, without.mentions, false);
  // Without the chemical rule, no definition with neither form tagged (and, with no
  // lexicon here, no vocabulary long form) defines an entity: the short forms' tags
  // elsewhere go (ShortFormOfNoEntityIsNoEntity).
  EXPECT_EQ(without.listed(), (Listed{}));
  apply_abbreviation_consistency(f.analysis, f.mentions, true);
  // The chemical's definition is tagged, and its untagged repeat; OCT, tagged once, is
  // no chemical.
  EXPECT_EQ(f.listed(), (Listed{"contrast media/Chemical", "CM/Chemical", "CM/Chemical", "CM/Chemical",
                                "CM/Chemical"}));
}

TEST(MentionRules, ShortFormOfNoEntityIsNoEntity) {
  Lexicon lexicon;
  lexicon.add("tumor necrosis factor", EntityClass::kGene);
  lexicon.finalize();
  AnalyzedText analysis;
  analyze_document(testing::DocBuilder("1",
                                       "Pathogens cross the blood-brain barrier (BBB). BBB cells and the BBB; "
                                       "hemodialysis (HD) and HD patients. Tumor necrosis factor (TNF) and TNF.",
                                       "")
                       .doc,
                   &lexicon, analysis);
  std::vector<EntityMention> mentions;
  auto tag = [&](const std::string& context, size_t length, EntityType type) {
    const auto at = static_cast<uint32_t>(analysis.text.find(context));
    mentions.push_back({at, at + static_cast<uint32_t>(length), type});
  };
  tag("BBB cells", 3, EntityType::kGene);
  tag("BBB;", 3, EntityType::kGene);
  tag("HD patients", 2, EntityType::kDisease);
  tag("TNF.", 3, EntityType::kGene);
  ASSERT_EQ(analysis.abbreviations.size(), 3u);
  apply_abbreviation_consistency(analysis, mentions, true);
  // "blood-brain barrier" and "hemodialysis" are no entities, so neither are their
  // short forms; "Tumor necrosis factor" is a vocabulary name the tagger missed, so the
  // tag of TNF stays.
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(analysis.text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin + 1), "TNF.");
}

// "high glucose (HG)" defines a condition, not a chemical: the short form is no
// chemical where only the chemical after the level word is tagged; a short form that
// spells the chemical alone stays, and so do names starting with such a word.
TEST(MentionRules, ShortFormOfALevelOfAChemicalIsNoChemical) {
  RuleFixture f(
      "Cells in high glucose (HG) or elevated dopamine (DA). HG then DA. High mobility group protein (HMGP) and "
      "HMGP; low-substituted hydroxypropyl cellulose (L-HPC) and L-HPC.",
      {{"glucose", EntityType::kChemical},
       {"HG", EntityType::kChemical},
       {"dopamine", EntityType::kChemical},
       {"DA", EntityType::kChemical},
       {"HG", EntityType::kChemical},
       {"DA", EntityType::kChemical},
       {"mobility group protein", EntityType::kGene},
       {"HMGP", EntityType::kGene},
       {"HMGP", EntityType::kGene},
       {"hydroxypropyl cellulose", EntityType::kChemical},
       {"L-HPC", EntityType::kChemical},
       {"L-HPC", EntityType::kChemical}});
  ASSERT_EQ(f.analysis.abbreviations.size(), 4u);
  apply_abbreviation_consistency(f.analysis, f.mentions, true);
  EXPECT_EQ(f.listed(), (Listed{"glucose/Chemical", "dopamine/Chemical", "DA/Chemical", "DA/Chemical",
                                "mobility group protein/Gene", "HMGP/Gene", "HMGP/Gene",
                                "hydroxypropyl cellulose/Chemical", "L-HPC/Chemical", "L-HPC/Chemical"}));
}

TEST(MentionRules, OmimCitationsAreDiseases) {
  RuleFixture f("Primary glucocorticoid resistance (OMIM 138040) and FDH (OMIM:305600, OMIM 12345, OMIM 1234567).",
                {{"glucocorticoid", EntityType::kChemical}, {"OMIM 138040", EntityType::kChemical}, {"FDH", EntityType::kDisease}});
  tag_omim_references(f.analysis, f.mentions);
  // Six digits after "OMIM ", standing alone; the colon form and other lengths are left.
  EXPECT_EQ(f.listed(), (Listed{"glucocorticoid/Chemical", "OMIM 138040/Disease", "FDH/Disease"}));
  // A tagged piece of it is replaced by the whole citation.
  RuleFixture g("Rickets (XLH; OMIM 307800).", {{"OMIM", EntityType::kChemical}});
  tag_omim_references(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"OMIM 307800/Disease"}));
}

TEST(MentionRules, ResourceAndMeasureNamesAreNoEntities) {
  RuleFixture f("Targets came from GeneCards, OMIM, PharmGkb, TTD and DrugBank; OMIM 138040 and KEGG2 stay.",
                {{"GeneCards", EntityType::kGene},
                 {"OMIM", EntityType::kChemical},
                 {"PharmGkb", EntityType::kGene},
                 {"TTD", EntityType::kGene},
                 {"DrugBank", EntityType::kChemical},
                 {"OMIM 138040", EntityType::kDisease},
                 {"KEGG2", EntityType::kGene}});
  drop_non_entity_names(f.analysis, f.mentions);
  EXPECT_EQ(f.listed(), (Listed{"TTD/Gene", "OMIM 138040/Disease", "KEGG2/Gene"}));
  // Clinical measures too; a gene named like one in another case stays.
  RuleFixture g("eGFR fell, FEV1 rose and EGFR was mutated.",
                {{"eGFR", EntityType::kGene}, {"FEV1", EntityType::kGene}, {"EGFR", EntityType::kGene}});
  drop_non_entity_names(g.analysis, g.mentions);
  EXPECT_EQ(g.listed(), (Listed{"EGFR/Gene"}));
  // Procedures and methods neither.
  RuleFixture p("IVF cycles, PCI and PET scans; the PETN gene; Group B and group 3 and Group BC.",
                {{"IVF", EntityType::kGene}, {"PCI", EntityType::kGene}, {"PET", EntityType::kChemical}, {"PETN", EntityType::kGene},
                 {"Group B", EntityType::kGene}, {"group 3", EntityType::kGene}, {"Group BC", EntityType::kGene}});
  drop_non_entity_names(p.analysis, p.mentions);
  EXPECT_EQ(p.listed(), (Listed{"PETN/Gene", "group 3/Gene", "Group BC/Gene"}));
  // Units neither.
  RuleFixture u("A 45 kb fragment, a 70 kDa protein and 10(5) CFU.",
                {{"kb", EntityType::kChemical}, {"kDa", EntityType::kChemical}, {"CFU", EntityType::kChemical}});
  drop_non_entity_names(u.analysis, u.mentions);
  EXPECT_EQ(u.listed(), (Listed{}));
  // A name the text defines is what its long form is.
  RuleFixture d("Graves' ophthalmopathy (GO) worsened; GO and KEGG terms.",
                {{"GO", EntityType::kDisease}, {"GO", EntityType::kDisease}, {"KEGG", EntityType::kGene}});
  ASSERT_EQ(d.analysis.abbreviations.size(), 1u);
  drop_non_entity_names(d.analysis, d.mentions);
  EXPECT_EQ(d.listed(), (Listed{"GO/Disease", "GO/Disease"}));
  // A Greek letter alone is no name; with more to it, it may be.
  RuleFixture h("The β-hemolysin (β-h/c) and the μ opioid receptor; β2M and TGF-β.",
                {{"β", EntityType::kGene}, {"β", EntityType::kGene}, {"μ", EntityType::kGene}, {"β2M", EntityType::kGene},
                 {"TGF-β", EntityType::kGene}});
  drop_non_entity_names(h.analysis, h.mentions);
  EXPECT_EQ(h.listed(), (Listed{"β2M/Gene", "TGF-β/Gene"}));
}

TEST(MentionRules, DiseaseNameBeforeVirusNamesTheVirus) {
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

TEST(MentionRules, DiseaseNameBeforeGeneNamesTheGene) {
  RuleFixture f("A patient with ALD: the ALD gene, the Becker muscular dystrophy gene, inflammatory genes, "
                "a thalassaemia gene, CF gene therapy and the MEN1 genetic test.",
                {{"ALD", EntityType::kDisease},
                 {"ALD", EntityType::kDisease},
                 {"Becker muscular dystrophy", EntityType::kDisease},
                 {"inflammatory", EntityType::kDisease},
                 {"thalassaemia", EntityType::kDisease},
                 {"CF", EntityType::kDisease},
                 {"MEN1", EntityType::kDisease}});
  name_genes_after_diseases(f.analysis, f.mentions);
  // A one-word symbol is retyped in place; a longer name takes "gene" in; the disease
  // itself, "genes", a one-word name that is no symbol, "gene therapy" and "genetic" are
  // left alone.
  EXPECT_EQ(f.listed(), (Listed{"ALD/Disease", "ALD/Gene", "Becker muscular dystrophy gene/Gene",
                                "inflammatory/Disease", "thalassaemia/Disease", "CF/Disease", "MEN1/Disease"}));
}

TEST(MentionRules, KnockoutMarksAreCutFromGenes) {
  RuleFixture f("AR-knockout (ARKO) mice, DAT(-/-) and PAR1-/- mice, TRKO mice, and the MAKO gene.",
                {{"AR", EntityType::kGene},
                 {"ARKO", EntityType::kGene},
                 {"DAT(-/-)", EntityType::kGene},
                 {"PAR1-/-", EntityType::kGene},
                 {"TRKO", EntityType::kGene},
                 {"MAKO", EntityType::kGene}});
  trim_knockout_marks(f.analysis, f.mentions);
  // "TRKO" and "MAKO": no "TR" or "MA" stands alone in the text, so "KO" may be the name's.
  EXPECT_EQ(f.listed(), (Listed{"AR/Gene", "AR/Gene", "DAT/Gene", "PAR1/Gene", "TRKO/Gene", "MAKO/Gene"}));
}

TEST(MentionRules, ShortFormOccurrenceReplacesItsPieces) {
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

TEST(MentionRules, ChemicalInsideAVocabularyDiseaseNameIsTheDisease) {
  Lexicon lexicon;
  lexicon.add("iron overload", EntityClass::kDisease);
  lexicon.add("cocaine dependence", EntityClass::kDisease);
  lexicon.add("tempol", EntityClass::kDisease);
  lexicon.add("iron oxide", EntityClass::kDisease | EntityClass::kChemical);
  lexicon.finalize();
  AnalyzedText analysis;
  analyze_document(
      testing::DocBuilder("1", "Liver iron overload, cocaine dependence, tempol, iron oxide and iron overload (HFE).", "")
          .doc,
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

TEST(MentionRules, ShortVocabularyNamesOfOneClassRepeat) {
  Lexicon lexicon;
  lexicon.add("succimer", EntityClass::kChemical);
  lexicon.add("lactate", EntityClass::kChemical);
  lexicon.add("estrogens", EntityClass::kChemical | EntityClass::kGene);
  lexicon.finalize();
  AnalyzedText analysis;
  analyze_document(testing::DocBuilder("1",
                                       "Succimer chelation. Rats given succimer, lactate and estrogens; later lactate, "
                                       "estrogens and succimer.",
                                       "")
                       .doc,
                   &lexicon, analysis);
  std::vector<EntityMention> mentions;
  // The tagger's mentions: the first lowercase occurrence of each.
  for (std::string_view surface : {"succimer,", "lactate and", "estrogens;"}) {
    const auto at = static_cast<uint32_t>(analysis.text.find(surface));
    ASSERT_NE(analysis.text.find(surface), std::string::npos) << surface;
    const auto name = static_cast<uint32_t>(surface.find_first_of(",; "));
    mentions.push_back({at, at + name, EntityType::kChemical});
  }
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
  propagate_surfaces(analysis, mentions, 1u << static_cast<int>(EntityType::kChemical));
  std::vector<std::string> listed;
  for (const auto& m : mentions) listed.push_back(analysis.text.substr(m.begin, m.end - m.begin));
  // "succimer" (8 bytes, a vocabulary chemical and nothing else) repeats, capitalized at
  // the sentence start too; "lactate" is too short, "estrogens" also names genes.
  EXPECT_EQ(listed, (Listed{"Succimer", "succimer", "lactate", "estrogens", "succimer"}));
}

TEST(MentionRules, DiseaseSymbolInAGeneListIsAGene) {
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

TEST(MentionRules, DiseaseChemicalAndGeneNamesPropagate) {
  RecognizerOptions options;
  const uint32_t chemical = 1u << static_cast<int>(EntityType::kChemical);
  const uint32_t disease = 1u << static_cast<int>(EntityType::kDisease);
  const uint32_t gene = 1u << static_cast<int>(EntityType::kGene);
  EXPECT_EQ(surface_propagation_types(options), chemical | disease | gene);
  options.disease_rules = false;
  EXPECT_EQ(surface_propagation_types(options), chemical | gene);
  options.gene_surface_consistency = false;
  EXPECT_EQ(surface_propagation_types(options), chemical);
  RuleFixture f("Myocardial energy metabolism disorder; a metabolism disorder. Fever and fever.",
                {{"metabolism disorder", EntityType::kDisease}, {"Fever", EntityType::kDisease}});
  propagate_surfaces(f.analysis, f.mentions, disease);
  EXPECT_EQ(f.listed(), (Listed{"metabolism disorder/Disease", "metabolism disorder/Disease", "Fever/Disease"}));
}

}  // namespace
}  // namespace biotator
