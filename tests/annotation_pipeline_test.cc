// The annotation pipeline's own reasoning with the committed model bundle: how variants
// get their gene and dbSNP ID from the document around them.
#include "annotation_pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "document_builder.h"
#include "test_paths.h"

namespace biotator {
namespace {

const ModelBundle* committed_bundle() {
  static const std::unique_ptr<ModelBundle> bundle = []() -> std::unique_ptr<ModelBundle> {
    const std::string dir = testing::source_dir() + "/models";
    if (!std::filesystem::exists(dir + "/" + ModelBundle::kNerFile)) return nullptr;
    return std::make_unique<ModelBundle>(ModelBundle::load(dir));
  }();
  return bundle.get();
}

using testing::DocBuilder;

std::string ids_of(const Document& d, const std::string& text) {
  for (const Annotation& a : d.annotations)
    if (a.text == text) return a.ids.empty() ? "" : a.ids.front();
  return "<none>";
}

// dbSNP lists M404V (p|SUB|M|404|V) under SQSTM1 (8878), R138Q (p|SUB|R|138|Q) under
// human NPHS2 (7827). A variant's rs ID comes from its own gene: as linked, else that
// gene's human reading ("podocin" in a mouse study is mouse Nphs2, which dbSNP does not
// list; NPHS2 it does). Another gene of the document does not give it: M404V near BRCA1
// stays without one although SQSTM1 is named in the title (BioRED Dev, end to end:
// other genes gave wrong rs IDs to 5 mentions, e.g. c.28T>C of REN from ACE).
TEST(AnnotationPipeline, VariantTakesItsRsIdFromItsOwnGene) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb || !bundle->variant_rs) GTEST_SKIP() << "no committed models";
  AnnotationPipeline pipeline(*bundle);
  // Gold-mention mode: the spans are given, the pipeline links them.
  Document other = DocBuilder("1", "SQSTM1 mutations in Paget disease of bone.",
                              "In a BRCA1 carrier the M404V substitution was found.")
                       .mention("SQSTM1", "GeneOrGeneProduct", "-")
                       .mention("BRCA1", "GeneOrGeneProduct", "-")
                       .mention("M404V", "SequenceVariant", "-")
                       .doc;
  pipeline.link_existing(other);
  EXPECT_EQ(ids_of(other, "SQSTM1"), "8878");
  EXPECT_EQ(ids_of(other, "BRCA1"), "672");
  const std::string variant = ids_of(other, "M404V");
  EXPECT_NE(variant.find("tmVar:p|SUB|M|404|V"), std::string::npos) << variant;
  EXPECT_NE(variant.find("CorrespondingGene:672"), std::string::npos) << variant;
  EXPECT_EQ(variant.find("RS#"), std::string::npos) << variant;

  // Its own gene, near it, does give it.
  Document own = DocBuilder("1", "Mutations in Paget disease of bone.", "In an SQSTM1 carrier the M404V substitution was found.")
                     .mention("SQSTM1", "GeneOrGeneProduct", "-")
                     .mention("M404V", "SequenceVariant", "-")
                     .doc;
  pipeline.link_existing(own);
  EXPECT_NE(ids_of(own, "M404V").find("RS#:771966860"), std::string::npos) << ids_of(own, "M404V");

  // A mouse gene: the rs ID of its human reading.
  Document mouse = DocBuilder("1", "Podocin R138Q knock-in mice.", "Mice carrying podocin R138Q developed proteinuria.")
                       .mention("Podocin", "GeneOrGeneProduct", "-")
                       .mention("mice", "OrganismTaxon", "-")
                       .mention("R138Q", "SequenceVariant", "-")
                       .doc;
  pipeline.link_existing(mouse);
  EXPECT_EQ(ids_of(mouse, "Podocin"), "170484");
  EXPECT_NE(ids_of(mouse, "R138Q").find("RS#:74315342"), std::string::npos) << ids_of(mouse, "R138Q");
  // PubTator3's record ends with the species of the variant's gene: here the mouse's.
  EXPECT_TRUE(ids_of(mouse, "R138Q").ends_with(";CorrespondingSpecies:10090")) << ids_of(mouse, "R138Q");
  EXPECT_TRUE(ids_of(own, "M404V").ends_with("RS#:771966860;CorrespondingSpecies:9606")) << ids_of(own, "M404V");
}

// A variant without a gene has no species to name; BioRED's style writes its rs ID, or
// its tmVar form when none is known.
TEST(AnnotationPipeline, VariantIdentifiersInEachStyle) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb || !bundle->variant_rs) GTEST_SKIP() << "no committed models";
  const auto document = [] {
    return DocBuilder("1", "Variants in Paget disease of bone.", "The M404V substitution and, in SQSTM1, M404V.")
        .mention("M404V", "SequenceVariant", "-")
        .mention("SQSTM1", "GeneOrGeneProduct", "-")
        .mention("M404V", "SequenceVariant", "-", 1)
        .doc;
  };
  Document pubtator3 = document();
  AnnotationPipeline(*bundle).link_existing(pubtator3);
  EXPECT_EQ(ids_of(pubtator3, "SQSTM1"), "8878");
  PipelineOptions o;
  o.id_style = IdStyle::kBioRED;
  Document biored = document();
  AnnotationPipeline(*bundle, o).link_existing(biored);
  std::vector<std::string> ids;
  for (const Annotation& a : biored.annotations)
    if (a.text == "M404V") ids.push_back(a.ids.at(0));
  // Both mentions take SQSTM1, the document's only gene, and its rs ID for M404V.
  EXPECT_EQ(ids, (std::vector<std::string>{"rs771966860", "rs771966860"}));

  Document unknown = DocBuilder("1", "A variant.", "The Q9999H substitution was found.").mention("Q9999H", "SequenceVariant", "-").doc;
  Document unknown_pubtator3 = unknown;
  AnnotationPipeline(*bundle, o).link_existing(unknown);
  EXPECT_EQ(ids_of(unknown, "Q9999H"), "p|SUB|Q|9999|H");
  AnnotationPipeline(*bundle).link_existing(unknown_pubtator3);
  EXPECT_EQ(ids_of(unknown_pubtator3, "Q9999H"), "tmVar:p|SUB|Q|9999|H;HGVS:p.Q9999H;VariantGroup:0");
}

// "the 3435C>T polymorphism of ABCB1": the gene named after "of"/"in" is the variant's,
// though MTHFR is nearer before it; its rs ID follows (rs1045642 is ABCB1's 3435C>T).
TEST(AnnotationPipeline, VariantOfTheGeneNamedAfterIt) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb || !bundle->variant_rs) GTEST_SKIP() << "no committed models";
  AnnotationPipeline pipeline(*bundle);
  Document d = DocBuilder("1", "Pharmacogenetics of clopidogrel.",
                          "We typed MTHFR, the 3435C>T polymorphism of ABCB1, and 3435C>T again.")
                   .mention("MTHFR", "GeneOrGeneProduct", "-")
                   .mention("3435C>T", "SequenceVariant", "-")
                   .mention("ABCB1", "GeneOrGeneProduct", "-")
                   .mention("3435C>T", "SequenceVariant", "-", 1)
                   .doc;
  pipeline.link_existing(d);
  EXPECT_EQ(ids_of(d, "MTHFR"), "4524");
  EXPECT_EQ(ids_of(d, "ABCB1"), "5243");
  for (const Annotation& a : d.annotations) {
    if (a.text != "3435C>T") continue;
    // Both mentions are one variant: the stated gene is the group's.
    EXPECT_NE(a.ids.at(0).find("CorrespondingGene:5243;RS#:1045642"), std::string::npos) << a.ids[0];
  }
}

// "the G12D and G13D mutations of KRAS": every variant of the list takes the gene
// stated after its last one, though SNCA is nearer before the first; a list joined by
// other words ("G12D in SNCA, then G13D mutations of KRAS") is not one.
TEST(AnnotationPipeline, ListOfVariantsOfTheGeneNamedAfterIt) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb || !bundle->variant_rs) GTEST_SKIP() << "no committed models";
  AnnotationPipeline pipeline(*bundle);
  for (const std::string_view joint : {" and ", ", ", ", or ", "/"}) {
    const std::string body = "We sequenced SNCA. The G12D" + std::string(joint) + "G13D mutations of KRAS were found.";
    Document d = DocBuilder("1", "Mutations in tumours.", body)
                     .mention("SNCA", "GeneOrGeneProduct", "-")
                     .mention("G12D", "SequenceVariant", "-")
                     .mention("G13D", "SequenceVariant", "-")
                     .mention("KRAS", "GeneOrGeneProduct", "-")
                     .doc;
    pipeline.link_existing(d);
    ASSERT_EQ(ids_of(d, "KRAS"), "3845");
    EXPECT_NE(ids_of(d, "G12D").find("CorrespondingGene:3845;"), std::string::npos) << joint << ": " << ids_of(d, "G12D");
    EXPECT_NE(ids_of(d, "G13D").find("CorrespondingGene:3845;"), std::string::npos) << joint << ": " << ids_of(d, "G13D");
  }
  Document apart = DocBuilder("1", "Mutations in tumours.", "We found G12D in SNCA, then G13D mutations of KRAS.")
                       .mention("G12D", "SequenceVariant", "-")
                       .mention("SNCA", "GeneOrGeneProduct", "-")
                       .mention("G13D", "SequenceVariant", "-")
                       .mention("KRAS", "GeneOrGeneProduct", "-")
                       .doc;
  pipeline.link_existing(apart);
  EXPECT_NE(ids_of(apart, "G12D").find("CorrespondingGene:6622;"), std::string::npos) << ids_of(apart, "G12D");
  EXPECT_NE(ids_of(apart, "G13D").find("CorrespondingGene:3845;"), std::string::npos) << ids_of(apart, "G13D");
}

TEST(AnnotationPipeline, UnlinkedSpeciesMentionsAreDropped) {
  std::vector<Annotation> annotations =
      DocBuilder("1", "Mice seen in the emergency room.", "")
          .mention("Mice", "Species", "10090")
          .mention("emergency", "Species", "-")
          .mention("room", "OrganismTaxon", "")
          .mention("emergency room", "Disease", "-")
          .doc.annotations;
  drop_unlinked_species(annotations);
  ASSERT_EQ(annotations.size(), 2u);
  EXPECT_EQ(annotations[0].text, "Mice");
  EXPECT_EQ(annotations[1].text, "emergency room");  // other types keep their unlinked mentions
}

TEST(AnnotationPipeline, UnlinkedRepeatsTakeTheLinkedReadingOfTheirText) {
  std::vector<Annotation> annotations =
      DocBuilder("1", "COVID-19 and ACE2.", "Severe COVID-19 raised IL-6; the A1 and A1 and V600E.")
          .mention("COVID-19", "Gene", "-")
          .mention("ACE2", "Gene", "59272")
          .mention("COVID-19", "Disease", "MESH:D000086382", 1)
          .mention("IL-6", "Gene", "-")
          .mention("A1", "Chemical", "-")
          .mention("A1", "Chemical", "-", 1)
          .mention("V600E", "ProteinMutation", "-")
          .doc.annotations;
  unify_unlinked_repeats(annotations);
  ASSERT_EQ(annotations.size(), 7u);
  // The title's unlinked "COVID-19" reads as the abstract's disease.
  EXPECT_EQ(annotations[0].type, "Disease");
  EXPECT_EQ(annotations[0].ids, std::vector<std::string>{"MESH:D000086382"});
  // Texts without a linked reading of another type keep what they had.
  EXPECT_EQ(annotations[3].type, "Gene");
  EXPECT_EQ(annotations[3].ids, std::vector<std::string>{"-"});
  EXPECT_EQ(annotations[4].type, "Chemical");
  EXPECT_EQ(annotations[6].ids, std::vector<std::string>{"-"});
}

// "T98G" reads as a nucleotide change (c.98T>G) to the variant grammar. Where the tagger
// calls "T98G" a cell line ("T98G cells"), its other occurrences ("T98G glioma cells",
// which the tagger alone leaves to the grammar) are that cell line too, not a variant.
TEST(AnnotationPipeline, CellLineNamedElsewhereIsNoVariant) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb) GTEST_SKIP() << "no committed models";
  AnnotationPipeline pipeline(*bundle);
  Document d = DocBuilder("1", "Gartanin suppresses glioma growth in human T98G cells",
                          "Gartanin suppressed proliferation of T98G cells. It induced autophagy in T98G glioma "
                          "cells. The T98G glioma cells expressed the V600E mutant.")
                   .doc;
  pipeline.annotate(d);
  int cell_lines = 0;
  for (const Annotation& a : d.annotations) {
    if (a.text == "T98G") {
      EXPECT_EQ(a.type, "CellLine") << a.start();
      ++cell_lines;
    }
    if (a.text == "V600E") {
      EXPECT_EQ(a.type, "ProteinMutation");
    }
  }
  EXPECT_EQ(cell_lines, 4);
}

// The mentions of one variant name one gene: the one most of them are nearest to, also
// for a mention written next to another gene (tmVar3 gives every mention of a variant
// its group's gene; CorrespondingGene right on its gold mentions 77.81 -> 78.54 %).
TEST(AnnotationPipeline, MentionsOfOneVariantShareTheirGene) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb || !bundle->variant_rs) GTEST_SKIP() << "no committed models";
  AnnotationPipeline pipeline(*bundle);
  Document d = DocBuilder("1", "SQSTM1 M404V in Paget disease of bone.",
                          "SQSTM1 M404V carriers were older. In BRCA1 carriers M404V was absent.")
                   .mention("SQSTM1", "GeneOrGeneProduct", "-")
                   .mention("M404V", "SequenceVariant", "-")
                   .mention("SQSTM1", "GeneOrGeneProduct", "-", 1)
                   .mention("M404V", "SequenceVariant", "-", 1)
                   .mention("BRCA1", "GeneOrGeneProduct", "-")
                   .mention("M404V", "SequenceVariant", "-", 2)
                   .doc;
  pipeline.link_existing(d);
  int mentions = 0;
  for (const Annotation& a : d.annotations) {
    if (a.text != "M404V") continue;
    ++mentions;
    ASSERT_EQ(a.ids.size(), 1u);
    EXPECT_NE(a.ids[0].find("CorrespondingGene:8878"), std::string::npos) << a.start() << " " << a.ids[0];
    EXPECT_NE(a.ids[0].find("RS#:771966860"), std::string::npos) << a.ids[0];
  }
  EXPECT_EQ(mentions, 3);
}

// A DNA change and its protein change in parentheses right after it name one variant:
// the rs ID dbSNP gives the protein form (M404V under SQSTM1) is the DNA form's too, and
// both share a VariantGroup; an rs ID written in the text wins over the lookup.
TEST(AnnotationPipeline, VariantFormsOfOneVariantShareTheirRsId) {
  const ModelBundle* bundle = committed_bundle();
  if (bundle == nullptr || !bundle->kb || !bundle->variant_rs) GTEST_SKIP() << "no committed models";
  AnnotationPipeline pipeline(*bundle);
  Document d = DocBuilder("1", "SQSTM1 mutations in Paget disease of bone.",
                          "The c.1210A>G (M404V) substitution and the P392L allele (rs104893941) were found; "
                          "P392L carriers were older.")
                   .mention("SQSTM1", "GeneOrGeneProduct", "-")
                   .mention("c.1210A>G", "SequenceVariant", "-")
                   .mention("M404V", "SequenceVariant", "-")
                   .mention("P392L", "SequenceVariant", "-")
                   .mention("rs104893941", "SequenceVariant", "-")
                   .mention("P392L", "SequenceVariant", "-", 1)
                   .doc;
  pipeline.link_existing(d);
  const std::string dna = d.annotations[1].ids.front(), protein = d.annotations[2].ids.front();
  EXPECT_NE(protein.find("RS#:771966860"), std::string::npos) << protein;
  EXPECT_NE(dna.find("tmVar:c|SUB|A|1210|G"), std::string::npos) << dna;
  EXPECT_NE(dna.find("RS#:771966860"), std::string::npos) << dna;
  EXPECT_NE(dna.find("VariantGroup:0"), std::string::npos) << dna;
  EXPECT_NE(protein.find("VariantGroup:0"), std::string::npos) << protein;
  for (size_t k : {3u, 4u, 5u}) {
    const std::string id = d.annotations[k].ids.front();
    EXPECT_NE(id.find("RS#:104893941"), std::string::npos) << id;
    EXPECT_NE(id.find("VariantGroup:1"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace biotator
