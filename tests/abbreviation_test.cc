#include "abbreviation.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace biotator {
namespace {

using Definitions = std::vector<std::pair<std::string, std::string>>;  // short form, long form

Definitions definitions(std::string_view text) {
  Definitions out;
  for (const AbbreviationPair& p : find_abbreviations(text)) {
    out.emplace_back(p.short_form(text), p.long_form(text));
  }
  return out;
}

TEST(Abbreviation, FindsLongFormBeforeShortForm) {
  EXPECT_EQ(definitions("a case of hemophagocytic lymphohistiocytosis (HLH) in a child"),
            (Definitions{{"HLH", "hemophagocytic lymphohistiocytosis"}}));
  EXPECT_EQ(definitions("OBJECTIVE: Iodide transport defect (ITD) is a rare disorder"),
            (Definitions{{"ITD", "Iodide transport defect"}}));
  EXPECT_EQ(definitions("patients with chronic myeloid leukemia (CML) were"),
            (Definitions{{"CML", "chronic myeloid leukemia"}}));
  EXPECT_EQ(definitions("treated with 5-fluorouracil (5-FU) alone"), (Definitions{{"5-FU", "5-fluorouracil"}}));
  EXPECT_EQ(definitions("levels of interleukin-1beta (IL-1beta) rose"),
            (Definitions{{"IL-1beta", "interleukin-1beta"}}));
  EXPECT_EQ(definitions("the Na+/I- symporter [NIS] gene"), (Definitions{{"NIS", "Na+/I- symporter"}}));
}

TEST(Abbreviation, OffsetsAreBytes) {
  const std::string text = "\xCE\xB1 chronic myeloid leukemia (CML)";  // leading α: 2 bytes
  const std::vector<AbbreviationPair> pairs = find_abbreviations(text);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].long_begin, 3u);
  EXPECT_EQ(pairs[0].long_end, 27u);
  EXPECT_EQ(pairs[0].short_begin, 29u);
  EXPECT_EQ(pairs[0].short_end, 32u);
}

TEST(Abbreviation, GreekLettersMatchTheirNames) {
  EXPECT_EQ(definitions("secretion of interleukin 1 beta (IL-1\xCE\xB2) by"),
            (Definitions{{"IL-1\xCE\xB2", "interleukin 1 beta"}}));
  EXPECT_EQ(definitions("tumor necrosis factor-\xCE\xB1 (TNF-\xCE\xB1) and"),
            (Definitions{{"TNF-\xCE\xB1", "tumor necrosis factor-\xCE\xB1"}}));
}

TEST(Abbreviation, TakesTheShortFormBeforeSemicolonOrComma) {
  EXPECT_EQ(definitions("chronic myeloid leukemia (CML; ref 3) is"), (Definitions{{"CML", "chronic myeloid leukemia"}}));
  EXPECT_EQ(definitions("chronic myeloid leukemia (CML, n = 4) is"), (Definitions{{"CML", "chronic myeloid leukemia"}}));
}

// "(synonym, SF)": the short form after the comma abbreviates the synonym in the bracket
// when it matches it whole; a synonym with brackets of its own, two commas, or a
// non-matching one define nothing.
TEST(Abbreviation, SynonymThenShortFormInOneBracket) {
  EXPECT_EQ(definitions("Aspirin (acetylsalicylic acid, ASA) was given"),
            (Definitions{{"ASA", "acetylsalicylic acid"}}));
  EXPECT_EQ(definitions("cisplatin (cis-diamminedichloroplatinum (II), CDDP) was given"), Definitions{});
  EXPECT_EQ(definitions("cisplatin (a platinum drug, CDDP) was given"), Definitions{});
  EXPECT_EQ(definitions("tumours (renal cell carcinoma, RCC, and others) grew"), Definitions{});
}

TEST(Abbreviation, FindsShortFormBeforeLongForm) {
  EXPECT_EQ(definitions("patients with CML (chronic myeloid leukemia) were"),
            (Definitions{{"CML", "chronic myeloid leukemia"}}));
  // The whole bracket must be the long form.
  EXPECT_TRUE(definitions("patients with CML (chronic myeloid leukemia, n = 5) were").empty());
  EXPECT_TRUE(definitions("patients with CML (see chronic myeloid leukemia) were").empty());
  // The word before must contain a capital letter.
  EXPECT_TRUE(definitions("patients with cml (chronic myeloid leukemia) were").empty());
}

TEST(Abbreviation, RejectsNonDefinitions) {
  EXPECT_TRUE(definitions("was significant (p < 0.05) in").empty());
  EXPECT_TRUE(definitions("in the patients (n = 12) we").empty());
  EXPECT_TRUE(definitions("expression increased (Fig. 2) in").empty());
  EXPECT_TRUE(definitions("as described previously (2010) in").empty());
  EXPECT_TRUE(definitions("cells (Table 1) and").empty());
  EXPECT_TRUE(definitions("panel (A) shows").empty());  // one-character short forms
  // "sodium/iodide symporter" has no word starting with n: S&H finds nothing.
  EXPECT_TRUE(definitions("abnormalities of the sodium/iodide symporter (NIS).").empty());
  // Brackets glued to a word are chemistry or variants, not definitions.
  EXPECT_TRUE(definitions("Na(+)/K(+)-ATPase and del-(439-443) in K(ATP)").empty());
  // The long form may not contain the short form, nor cross a sentence end.
  EXPECT_TRUE(definitions("the CML cohort (CML) had").empty());
  EXPECT_TRUE(definitions("in myeloid leukemia. Cells (CML) had").empty());
  EXPECT_TRUE(definitions("unclosed (CML").empty());
  // A long form may not start with an earlier bracketed aside, nor contain the short form.
  EXPECT_TRUE(definitions("antibodies (ALCA) IgG, anti-chitobioside antibodies (ACCA) and").empty());
  EXPECT_TRUE(definitions("levels of p27(Kip1) (p27) were").empty());
}

TEST(Abbreviation, ShortestLongFormAndWordLimit) {
  // The long form is the shortest match: not "in the chronic ...".
  EXPECT_EQ(definitions("seen in the chronic myeloid leukemia (CML) cells"),
            (Definitions{{"CML", "chronic myeloid leukemia"}}));
  // More than min(|SF|+5, 2|SF|) = 4 words for a 2-letter short form: rejected.
  EXPECT_TRUE(definitions("alpha beta gamma delta kappa (AK)").empty());
}

TEST(Abbreviation, HandlesNestedBracketsAndSeveralDefinitions) {
  const std::string text =
      "hemophagocytic lymphohistiocytosis (HLH) and (in adults) chronic myeloid leukemia (CML) with "
      "interleukin 6 (IL-6) [see also tumor necrosis factor (TNF)]";
  EXPECT_EQ(definitions(text), (Definitions{{"HLH", "hemophagocytic lymphohistiocytosis"},
                                            {"CML", "chronic myeloid leukemia"},
                                            {"IL-6", "interleukin 6"},
                                            {"TNF", "tumor necrosis factor"}}));
}

TEST(Abbreviation, MapKeepsTheFirstDefinition) {
  const std::string text = "chronic myeloid leukemia (CML) and then cell mass lesion (CML) and calcium (Ca)";
  const auto map = abbreviation_map(text, find_abbreviations(text));
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map.at("CML"), "chronic myeloid leukemia");
  EXPECT_EQ(map.at("Ca"), "calcium");
}

}  // namespace
}  // namespace biotator
