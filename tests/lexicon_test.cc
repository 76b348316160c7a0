#include "lexicon.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_paths.h"
#include "tokenizer.h"

namespace biotator {
namespace {

// Matches of `text` as (matched text, classes) pairs, in start order.
std::vector<std::pair<std::string, int>> matches_of(const Lexicon& lexicon, std::string_view text) {
  const std::vector<Token> tokens = tokenize(text);
  std::vector<LexiconMatch> matches;
  lexicon.match(text, tokens, matches);
  std::vector<std::pair<std::string, int>> out;
  for (const LexiconMatch& m : matches) {
    const size_t begin = tokens[m.first_token].begin;
    const size_t end = tokens[m.end_token - 1].end;
    out.emplace_back(std::string(text.substr(begin, end - begin)), m.classes);
  }
  return out;
}

using Found = std::vector<std::pair<std::string, int>>;

std::string temp_path(const std::string& name) {
  return testing::temp_path("lexicon_test_" + name);
}

TEST(LexiconNormalize, CaseHyphensAndSpacesGiveOneKey) {
  EXPECT_EQ(Lexicon::normalize("IL-2"), "il 2");
  EXPECT_EQ(Lexicon::normalize("IL 2"), "il 2");
  EXPECT_EQ(Lexicon::normalize("IL2"), "il 2");            // letter/digit change cuts units
  EXPECT_EQ(Lexicon::normalize("il\u20112"), "il 2");      // non-breaking hyphen
  EXPECT_EQ(Lexicon::normalize("CYP2C19"), "cyp 2 c 19");
  EXPECT_EQ(Lexicon::normalize("Breast  Cancer"), "breast cancer");
  EXPECT_EQ(Lexicon::normalize("ÉCOLE"), "école");         // Latin-1 capitals lowered too
}

TEST(LexiconNormalize, GreekLettersBecomeTheirNames) {
  EXPECT_EQ(Lexicon::normalize("TNF-α"), "tnf alpha");
  EXPECT_EQ(Lexicon::normalize("TNFα"), "tnf alpha");
  EXPECT_EQ(Lexicon::normalize("TNF-alpha"), "tnf alpha");
  EXPECT_EQ(Lexicon::normalize("TNFalpha"), "tnf alpha");  // camel-case spelled name
  EXPECT_EQ(Lexicon::normalize("NF-κB"), "nf kappa b");
  EXPECT_EQ(Lexicon::normalize("NF-kappaB"), "nf kappa b");
  EXPECT_EQ(Lexicon::normalize("IκBα"), "i kappa b alpha");
  EXPECT_EQ(Lexicon::normalize("IkappaBalpha"), "i kappa b alpha");
  EXPECT_EQ(Lexicon::normalize("ΔF508"), "delta f 508");
  EXPECT_EQ(Lexicon::normalize("µM"), "mu m");
  EXPECT_EQ(Lexicon::normalize("Γ"), "gamma");
}

TEST(LexiconNormalize, OrdinaryWordsKeepTheirGreekLookingLetters) {
  EXPECT_EQ(Lexicon::normalize("alphabet"), "alphabet");
  EXPECT_EQ(Lexicon::normalize("Betaine"), "betaine");
  EXPECT_EQ(Lexicon::normalize("tnfalpha"), "tnfalpha");  // no case change: not cut
  EXPECT_EQ(Lexicon::normalize("Alzheimer's"), "alzheimer ' s");
  EXPECT_EQ(Lexicon::normalize("IL(2)"), "il ( 2 )");      // only hyphens are dropped
}

TEST(LexiconMatch, VariantSpellingsMatchOneTerm) {
  Lexicon lexicon;
  ASSERT_TRUE(lexicon.add("IL-2", kGene));
  ASSERT_TRUE(lexicon.add("TNF-α", kGene));
  lexicon.finalize();
  EXPECT_EQ(matches_of(lexicon, "IL2, IL 2, il-2 and Il-2 rise; TNFalpha and TNF-alpha too."),
            (Found{{"IL2", kGene}, {"IL 2", kGene}, {"il-2", kGene}, {"Il-2", kGene}, {"TNFalpha", kGene},
                   {"TNF-alpha", kGene}}));
  // Token boundaries are respected: "IL-2R" ends in the token "2R", "IL(2)" has parentheses.
  EXPECT_TRUE(matches_of(lexicon, "IL-2R and IL(2)").empty());
  EXPECT_EQ(lexicon.classes_of("il2"), kGene);
  EXPECT_EQ(lexicon.classes_of("IL 3"), 0);
}

TEST(LexiconMatch, PrefersTheLongestTermAndMatchesFromEveryStart) {
  Lexicon lexicon;
  lexicon.add("breast", kDisease);
  lexicon.add("breast cancer", kDisease);
  lexicon.add("cancer", kDisease);
  lexicon.add("cancer cells", kCellLine);
  lexicon.add("breast cancer type 1", kGene);
  lexicon.finalize();
  // At "breast" the longest term wins; "cancer" starts its own (overlapping) match,
  // and there "cancer cells" is longer than "cancer".
  EXPECT_EQ(matches_of(lexicon, "breast cancer cells"),
            (Found{{"breast cancer", kDisease}, {"cancer cells", kCellLine}}));
  EXPECT_EQ(matches_of(lexicon, "breast cancer type 1 susceptibility"),
            (Found{{"breast cancer type 1", kGene}, {"cancer", kDisease}}));
  // "breast cancer type" is only a prefix: the match falls back to "breast cancer".
  EXPECT_EQ(matches_of(lexicon, "breast cancer type 2"), (Found{{"breast cancer", kDisease}, {"cancer", kDisease}}));
}

TEST(LexiconMatch, PrefixesAreNotTerms) {
  Lexicon lexicon;
  lexicon.add("acute myeloid leukemia", kDisease);
  lexicon.add("x y", kChemical);
  lexicon.finalize();
  EXPECT_EQ(lexicon.size(), 2u);
  EXPECT_EQ(lexicon.key_count(), 5u);  // + prefixes "acute", "acute myeloid" and "x"
  EXPECT_EQ(lexicon.classes_of("acute myeloid"), 0);
  EXPECT_EQ(lexicon.classes_of("acute"), 0);
  EXPECT_TRUE(matches_of(lexicon, "acute myeloid cells").empty());
  EXPECT_EQ(matches_of(lexicon, "x z x y"), (Found{{"x y", kChemical}}));
  EXPECT_EQ(matches_of(lexicon, "in acute myeloid leukemia."), (Found{{"acute myeloid leukemia", kDisease}}));
}

TEST(LexiconMatch, MatchesNeverStartOrEndOnAHyphen) {
  Lexicon lexicon;
  lexicon.add("p53", kGene);
  lexicon.finalize();
  const std::string text = "-p53- and p53-dependent";
  const std::vector<Token> tokens = tokenize(text);
  std::vector<LexiconMatch> matches;
  lexicon.match(text, tokens, matches);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].first_token, 1u);  // tokens: - p53 - and p53 - dependent
  EXPECT_EQ(matches[0].end_token, 2u);
  EXPECT_EQ(matches[1].first_token, 4u);
  EXPECT_EQ(matches[1].end_token, 5u);
}

TEST(LexiconMatch, ClassesAndSourcesAccumulate) {
  Lexicon lexicon;
  lexicon.add("insulin", kChemical, kSourceVocabulary);
  lexicon.add("Insulin", kGene, kSourceCorpus);
  lexicon.finalize();
  EXPECT_EQ(lexicon.size(), 1u);
  EXPECT_EQ(lexicon.classes_of("INSULIN"), kChemical | kGene);
  EXPECT_EQ(lexicon.sources_of("insulin"), kSourceVocabulary | kSourceCorpus);
  const std::string text = "insulin";
  std::vector<LexiconMatch> matches;
  lexicon.match(text, tokenize(text), matches);
  EXPECT_EQ(matches, (std::vector<LexiconMatch>{{0, 1, kChemical | kGene, kSourceVocabulary | kSourceCorpus}}));
}

TEST(LexiconMatch, RejectsEmptyAndOverlongTerms) {
  Lexicon lexicon;
  EXPECT_FALSE(lexicon.add("", kGene));
  EXPECT_FALSE(lexicon.add(" - ", kGene));  // only a hyphen: no units
  std::string long_name;
  for (size_t i = 0; i <= Lexicon::kMaxTermUnits; ++i) long_name += "w ";
  EXPECT_FALSE(lexicon.add(long_name, kChemical));
  EXPECT_EQ(lexicon.size(), 0u);
  EXPECT_EQ(lexicon.key_count(), 0u);
}

TEST(LexiconMatch, EmptyLexiconAndEmptyText) {
  Lexicon empty;
  EXPECT_TRUE(matches_of(empty, "IL-2").empty());
  Lexicon lexicon;
  lexicon.add("IL-2", kGene);
  EXPECT_TRUE(matches_of(lexicon, "").empty());
}

TEST(LexiconMatch, FastAndGeneralTokenPathsAgree) {
  // match() hashes short single-case words from one 8-byte load and everything else
  // through token_key(); terms always go through the general path. Both must agree.
  const std::vector<std::string> words = {"a1", "ab", "abcdefgh", "abcdefghi", "ABCDEFGH", "12345678",
                                          "123456789", "MixedCase", "x", "Ünïcode", "β", "alphaB"};
  for (const std::string& word : words) {
    Lexicon lexicon;
    lexicon.add(word, kGene);
    // Padding after the word makes the 8-byte fast path possible; at the text end it is not.
    EXPECT_EQ(matches_of(lexicon, word + " ........"), (Found{{word, kGene}})) << word;
    EXPECT_EQ(matches_of(lexicon, word), (Found{{word, kGene}})) << word;
    const Lexicon::TokenKey key = Lexicon::token_key(word);
    std::vector<LexiconMatch> matches;
    lexicon.match_keys({key}, matches);
    EXPECT_EQ(matches.size(), 1u) << word;
  }
}

TEST(LexiconMatch, HyphenTokenKeyIsEmpty) {
  EXPECT_EQ(Lexicon::token_key("-").units, 0u);
  EXPECT_EQ(Lexicon::token_key("\u2013").units, 0u);  // en dash
  EXPECT_EQ(Lexicon::token_key("IL2").units, 2u);
  EXPECT_EQ(Lexicon::token_key("(").units, 1u);
}

TEST(LexiconTable, ManyTermsSurviveGrowthAndFinalize) {
  Lexicon lexicon;
  constexpr int kTerms = 60000;
  for (int i = 0; i < kTerms; ++i) lexicon.add("gene" + std::to_string(i) + " x", (i % 2) ? kGene : kDisease);
  EXPECT_EQ(lexicon.size(), static_cast<size_t>(kTerms));
  lexicon.finalize();
  for (int i = 0; i < kTerms; i += 997) {
    EXPECT_EQ(lexicon.classes_of("GENE-" + std::to_string(i) + " x"), (i % 2) ? kGene : kDisease) << i;
  }
  EXPECT_EQ(lexicon.classes_of("gene" + std::to_string(kTerms) + " x"), 0);
  const std::vector<size_t> counts = lexicon.class_counts();
  EXPECT_EQ(counts[0], kTerms / 2u);  // kGene
  EXPECT_EQ(counts[1], kTerms / 2u);  // kDisease
  // Adding after finalize() still works.
  lexicon.add("late term", kSpecies);
  EXPECT_EQ(lexicon.classes_of("late term"), kSpecies);
  EXPECT_EQ(lexicon.classes_of("gene1 x"), kGene);
}

TEST(LexiconFile, SaveLoadRoundTrip) {
  Lexicon lexicon;
  lexicon.add("breast cancer", kDisease, kSourceVocabulary);
  lexicon.add("TNF-α", kGene | kChemicalProteinBranch, kSourceMentionKb);
  lexicon.add("HeLa", kCellLine, kSourceCorpus);
  for (int i = 0; i < 5000; ++i) lexicon.add("compound " + std::to_string(i), kChemical);
  lexicon.finalize();
  const std::string path = temp_path("roundtrip.lex");
  lexicon.save(path);
  const Lexicon loaded = Lexicon::load(path);
  std::filesystem::remove(path);
  EXPECT_EQ(loaded.size(), lexicon.size());
  EXPECT_EQ(loaded.key_count(), lexicon.key_count());
  EXPECT_EQ(loaded.class_counts(), lexicon.class_counts());
  EXPECT_EQ(loaded.classes_of("TNF alpha"), kGene | kChemicalProteinBranch);
  EXPECT_EQ(loaded.sources_of("hela"), kSourceCorpus);
  EXPECT_EQ(loaded.classes_of("compound 4999"), kChemical);
  const std::string text = "HeLa cells with breast cancer and TNFα, compound 17 and compound 5000.";
  EXPECT_EQ(matches_of(loaded, text), matches_of(lexicon, text));
  EXPECT_EQ(matches_of(loaded, text).size(), 4u);
}

TEST(LexiconFile, EmptyLexiconRoundTrip) {
  const std::string path = temp_path("empty.lex");
  Lexicon().save(path);
  const Lexicon loaded = Lexicon::load(path);
  std::filesystem::remove(path);
  EXPECT_EQ(loaded.size(), 0u);
  EXPECT_TRUE(matches_of(loaded, "IL-2").empty());
}

TEST(LexiconFile, LoadRejectsBadFiles) {
  EXPECT_THROW(Lexicon::load(temp_path("does_not_exist.lex")), std::runtime_error);
  const std::string path = temp_path("bad.lex");
  {
    std::ofstream out(path, std::ios::binary);
    out << "not a lexicon at all, just some text that is long enough";
  }
  try {
    Lexicon::load(path);
    ADD_FAILURE() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("magic"), std::string::npos) << e.what();
  }
  // A truncated file: valid header, cut body.
  Lexicon lexicon;
  for (int i = 0; i < 1000; ++i) lexicon.add("term " + std::to_string(i), kGene);
  lexicon.save(path);
  const std::string bytes = testing::read_file(path);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  EXPECT_THROW(Lexicon::load(path), std::runtime_error);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace biotator
