// Variant recognition: spans and kinds in running text, negatives that must not match,
// and the corpus evaluation (strict span P/R/F1 and normalization accuracy against
// BioRED Train/Dev and tmVar3; skipped without ../shared).
//
// Set BIOTATOR_VARIANT_ERRORS=1 to print the false positives and negatives on the
// tuning corpora (BioRED Train, tmVar3 without the BioRED Dev documents). Dev errors
// are never printed: Dev is the yardstick, not tuning material.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "byte_source.h"
#include "pubtator.h"
#include "test_paths.h"
#include "utf8.h"
#include "variant_normalizer.h"
#include "variant_recognizer.h"

namespace biotator {
namespace {

std::vector<VariantMention> find(std::string_view text) {
  std::vector<VariantMention> out;
  find_variants(text, out);
  return out;
}

std::string spans_of(std::string_view text) {
  std::string out;
  for (const VariantMention& v : find(text)) {
    if (!out.empty()) out += " | ";
    out += std::string(text.substr(v.begin, v.end - v.begin));
  }
  return out;
}

TEST(VariantRecognizer, FindsMentionsInRunningText) {
  const std::string text =
      "The BRAF V600E (c.1799T>A; rs113488022) mutation and the p.Arg248Trp change, "
      "and a 32-bp deletion in CCR5 (Delta32).";
  const auto found = find(text);
  ASSERT_EQ(found.size(), 6u) << spans_of(text);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "V600E");
  EXPECT_EQ(found[0].kind, VariantKind::kProteinMutation);
  EXPECT_EQ(found[0].tmvar, "p|SUB|V|600|E");
  EXPECT_EQ(found[0].hgvs, "p.V600E");
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "c.1799T>A");
  EXPECT_EQ(found[1].kind, VariantKind::kDNAMutation);
  EXPECT_EQ(found[2].kind, VariantKind::kSNP);
  EXPECT_EQ(found[2].rs, "rs113488022");
  EXPECT_EQ(found[2].tmvar, "rs113488022");
  EXPECT_EQ(found[3].tmvar, "p|SUB|R|248|W");
  EXPECT_EQ(text.substr(found[4].begin, found[4].end - found[4].begin), "32-bp deletion");
  EXPECT_EQ(found[4].tmvar, "c|DEL||32");
  EXPECT_EQ(found[5].tmvar, "c|DEL||32");  // "Delta32", as BioRED annotates it
}

TEST(VariantRecognizer, PhrasesKeepTheirWholeSpan) {
  EXPECT_EQ(spans_of("we found an A to G transition at nucleotide 2576 in exon 4"),
            "A to G transition at nucleotide 2576");
  EXPECT_EQ(spans_of("an Arg-->Trp at codon 248 of TP53"), "Arg-->Trp at codon 248");
  EXPECT_EQ(spans_of("(G-->A) at nucleotide position 2141 was"), "(G-->A) at nucleotide position 2141");
  EXPECT_EQ(spans_of("the arginine to tryptophan at codon 198 change"), "arginine to tryptophan at codon 198");
}

TEST(VariantRecognizer, ListedPromoterSnpsAndGenotypes) {
  // Spans as BioRED writes them: the genotype group is one mention, the comma belongs
  // to the SNP, and "deletion" after DD32 (ASCII for Δ32) belongs to it.
  EXPECT_EQ(spans_of("SNPs (-3279, A/C; -924, A/G; IVS9+459, A/G) and the -3279 AC+AA genotype"),
            "-3279, A/C | -924, A/G | IVS9+459, A/G | -3279 AC+AA");
  EXPECT_EQ(spans_of("a CCR5 wt/DD32 genotype; the DD32 deletion"), "DD32 | DD32 deletion");
  // A signed position glued to a gene name is a variant when it is a change or a
  // genotype; with one base it ends a cell line's name (PubTator3 export 22429397:
  // "MCF-10A", read as c|Allele|A|-10 before).
  EXPECT_EQ(spans_of("IL1B-31T/C and IL1B-31TT carriers"), "-31T/C | -31TT");
  EXPECT_EQ(spans_of("MCF-10A and HEK-293T cells"), "");
  // Likewise gene names (NLM-Gene Train: IL-17A, IL-17C, miR-29C were alleles, +20 genes).
  EXPECT_EQ(spans_of("IL-17A, IL-17C and miR-29C levels"), "");
  EXPECT_EQ(spans_of("the -10A allele"), "-10A");
  EXPECT_EQ(spans_of("a D418D polymorphism (GAC/GAT) was found"), "D418D | GAC/GAT");
  const auto codons = find("a GAC/GAT substitution");
  ASSERT_EQ(codons.size(), 1u);
  EXPECT_EQ(codons[0].tmvar, "c|SUB|GAC||GAT");  // no position given: no HGVS
  EXPECT_EQ(codons[0].hgvs, "");
  EXPECT_EQ(spans_of("the nonsense mutation p.R469[R,X] and E873stop (E873-TAG)"),
            "p.R469[R,X] | E873stop | E873-TAG");
}

TEST(VariantRecognizer, ByteOffsetsAfterMultibyteText) {
  const std::string text = "β-globin IVS2-2A>G";
  const auto found = find(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].begin, text.find("IVS"));
  EXPECT_EQ(found[0].end, text.size());
  EXPECT_EQ(found[0].tmvar, "c|SUB|A|IVS2-2|G");
}

TEST(VariantRecognizer, RejectsLookalikes) {
  const std::vector<std::string> negatives = {
      "Figure S1A shows the blots",
      "T315 alone, and cell line T47D and MCF7",
      "E2F and E1A bind",
      "HbA1c and A1C levels",
      "H2O and CO2",
      "cells in G1 phase express S100",
      "in 1998 and 2005",
      "cytochrome P450 enzymes",
      "given 10 mg p.o. or p.r.n.",
      // Star alleles and exon-level deletions are no mentions in BioRED or tmVar3 (Dev
      // writes "Exon 19 deletion" twice and "deletion of exon 9" once, none annotated).
      "the CYP2D6*4 allele",
      "a deletion of exon 3 and the exon 19 deletion",
      "2 to 3 days",
      "a 1:100 dilution of 4 mg/kg",
      "IL-6 and TNF-alpha",
      "the A to B transition of the cell",
      "see Figure 2, A/B and the A/C ratio",
      "the S1 stop site and E873 alone",
      "codons GAA/GAG/GAC for glutamate",
      "asparaginase hydrolyzes asparagine into aspartate",
      "incubated at position 5 and A at 37 C",
      "the CAG codon and a GC box",
  };
  for (const std::string& text : negatives) {
    EXPECT_EQ(spans_of(text), "") << text;
  }
}

TEST(VariantRecognizer, EveryPrefixOfVariantTextIsSafe) {
  // Truncated text must never read past the end or produce spans outside it.
  const std::string text =
      "p.(Arg248Trp) c.609+28_610-16del IVS-II-1(G>A) rs12 (CCTTT)14 codon 26, GAG-->GCG deletion (TGAG) "
      "glutamic acid 333 by aspartic acid 1,071 bp 192Q/R CCR5Delta32 JAK2V617F -107C/T \xCE\x94" "F508 A to G at";
  std::vector<VariantMention> found;
  for (size_t n = 0; n <= text.size(); ++n) {
    found.clear();
    find_variants(std::string_view(text).substr(0, n), found);
    for (const VariantMention& v : found) {
      EXPECT_LT(v.begin, v.end);
      EXPECT_LE(v.end, n);
    }
  }
  EXPECT_EQ(found.size(), 14u) << spans_of(text);
}

// ---- corpus evaluation -------------------------------------------------------------

struct Counts {
  long gold = 0, predicted = 0, matched = 0, normalized = 0;
  long normalized_with_kb = 0;  // ... when the kb's most frequent rs stands in for a missing one
  double precision() const { return predicted ? 100.0 * matched / predicted : 0; }
  double recall() const { return gold ? 100.0 * matched / gold : 0; }
  double f1() const { return matched ? 2 * precision() * recall() / (precision() + recall()) : 0; }
  double norm_accuracy() const { return matched ? 100.0 * normalized / matched : 0; }
  double norm_f1() const {
    const double p = predicted ? 100.0 * normalized / predicted : 0, r = gold ? 100.0 * normalized / gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

const VariantRsIndex& rs_index() {
  static const VariantRsIndex index =
      VariantRsIndex::load(testing::shared_dir() + "/kb/variant/tmVarForm2RSID2Freq.txt");
  return index;
}

bool is_variant_type(const std::string& type) {
  static const std::set<std::string> kTypes = {"SequenceVariant", "DNAMutation", "ProteinMutation", "SNP",
                                               "DNAAllele",       "ProteinAllele", "AcidChange",   "OtherMutation"};
  return kTypes.count(type) > 0;
}

// Scores find_variants against the variant mentions of a PubTator corpus: strict span
// match (type is "a variant" on both sides) and, for matched spans, whether the tmVar
// form or rs ID equals the gold ID (tmVar3 IDs "form;Gene:..." compare on the form).
Counts evaluate(const std::string& path, const std::set<std::string>& skip_ids, bool print_errors) {
  Counts counts;
  ReaderOptions options;
  options.allow_mismatched_mentions = true;  // tmVar3 has a few shifted non-variant mentions
  PubTatorReader reader(ByteSource::open(path), options);
  Document doc;
  std::vector<VariantMention> found;
  while (reader.next(doc)) {
    if (skip_ids.count(doc.id)) continue;
    const std::string text = doc.full_text();
    const CodepointIndex index(text);
    std::map<std::pair<int64_t, int64_t>, std::string> gold;
    for (const Annotation& a : doc.annotations) {
      if (!is_variant_type(a.type) || a.spans.empty()) continue;
      std::string id = a.ids.empty() ? "" : a.ids.front();
      id = id.substr(0, id.find(';'));
      if (id.starts_with("RS#:")) id = "rs" + id.substr(4);
      gold[{a.start(), a.end()}] = id;
    }
    found.clear();
    find_variants(text, found);
    counts.gold += static_cast<long>(gold.size());
    counts.predicted += static_cast<long>(found.size());
    std::set<std::pair<int64_t, int64_t>> hit;
    for (const VariantMention& v : found) {
      const std::pair<int64_t, int64_t> span{static_cast<int64_t>(index.codepoint_of_byte(v.begin)),
                                             static_cast<int64_t>(index.codepoint_of_byte(v.end))};
      const auto it = gold.find(span);
      const std::string mention = text.substr(v.begin, v.end - v.begin);
      if (it == gold.end()) {
        if (print_errors) std::printf("FP\t%s\t%s\t%s\n", doc.id.c_str(), mention.c_str(), v.tmvar.c_str());
        continue;
      }
      hit.insert(span);
      ++counts.matched;
      if (print_errors) std::printf("TP\t%s\t%s\t%s\n", doc.id.c_str(), mention.c_str(), v.tmvar.c_str());
      std::string rs = v.rs;
      if (rs.empty() && v.kind != VariantKind::kSNP) rs = rs_index().most_frequent_rs(v.tmvar).value_or("");
      if (rs.empty() ? v.tmvar == it->second : rs == it->second) ++counts.normalized_with_kb;
      if (v.tmvar == it->second || (!v.rs.empty() && v.rs == it->second)) {
        ++counts.normalized;
      } else if (print_errors) {
        std::printf("ID\t%s\t%s\t%s\tgold=%s\n", doc.id.c_str(), mention.c_str(), v.tmvar.c_str(), it->second.c_str());
      }
    }
    if (print_errors) {
      for (const auto& [span, id] : gold) {
        if (hit.count(span)) continue;
        const size_t b = index.byte_offset(span.first), e = index.byte_offset(span.second);
        const size_t cb = b >= 30 ? b - 30 : 0;
        std::string context = text.substr(cb, std::min(text.size(), e + 30) - cb);
        for (char& c : context) c = c == '\n' ? ' ' : c;
        std::printf("FN\t%s\t%s\t%s\t[%s]\n", doc.id.c_str(), text.substr(b, e - b).c_str(), id.c_str(),
                    context.c_str());
      }
    }
  }
  return counts;
}

std::set<std::string> document_ids(const std::string& path) {
  std::set<std::string> ids;
  PubTatorReader reader(ByteSource::open(path));
  Document doc;
  while (reader.next(doc)) ids.insert(doc.id);
  return ids;
}

void report(const char* name, const Counts& c) {
  std::printf(
      "%-34s gold %4ld pred %4ld match %4ld  P %5.1f R %5.1f F1 %5.1f  | norm acc %5.1f (%ld/%ld), mention norm F1 "
      "%5.1f; with the kb's most frequent rs as a gene-less guess: norm acc %5.1f\n",
      name, c.gold, c.predicted, c.matched, c.precision(), c.recall(), c.f1(), c.norm_accuracy(), c.normalized,
      c.matched, c.norm_f1(), c.matched ? 100.0 * c.normalized_with_kb / c.matched : 0.0);
}

bool print_errors() {
  const char* flag = std::getenv("BIOTATOR_VARIANT_ERRORS");
  return flag != nullptr && std::string(flag) == "1";
}

// Floors below the measured figures, so that a regression in the grammar fails here.
TEST(VariantCorpusEvaluation, BioRedTrain) {
  if (!testing::shared_available()) GTEST_SKIP() << "needs " << testing::shared_dir();
  const Counts c = evaluate(testing::shared_dir() + "/corpora/biored/Train.PubTator", {}, print_errors());
  report("BioRED Train (strict)", c);
  EXPECT_GT(c.f1(), 91.5);
  EXPECT_GT(c.precision(), 94.5);
  EXPECT_GT(c.norm_accuracy(), 45.0);  // most BioRED IDs are rs IDs, which need the gene
}

TEST(VariantCorpusEvaluation, TmVar3WithoutBioRedDev) {
  if (!testing::shared_available()) GTEST_SKIP() << "needs " << testing::shared_dir();
  const auto dev_ids = document_ids(testing::shared_dir() + "/corpora/biored/Dev.PubTator");
  const Counts c = evaluate(testing::shared_dir() + "/corpora/tmvar3/tmVar3_Train.PubTator", dev_ids, print_errors());
  report("tmVar3 Train minus BioRED Dev docs", c);
  EXPECT_GT(c.f1(), 86.0);
  EXPECT_GT(c.norm_accuracy(), 95.0);
}

TEST(VariantCorpusEvaluation, BioRedDev) {
  if (!testing::shared_available()) GTEST_SKIP() << "needs " << testing::shared_dir();
  const Counts c = evaluate(testing::shared_dir() + "/corpora/biored/Dev.PubTator", {}, false);
  report("BioRED Dev (strict)", c);
  EXPECT_GT(c.f1(), 94.0);
}

}  // namespace
}  // namespace biotator
