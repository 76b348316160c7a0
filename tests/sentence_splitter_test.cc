#include "sentence_splitter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "byte_source.h"
#include "pubtator.h"
#include "test_paths.h"
#include "utf8.h"

namespace biotator {
namespace {

std::vector<std::string> sentence_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : split_sentences(text)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SentenceSplitter, SplitsAfterTerminatorsBeforeCapitalsDigitsAndBrackets) {
  EXPECT_EQ(sentence_texts("It binds. The gene is mutated? Yes! 12 cases. (A) shows it."),
            (Sentences{"It binds.", "The gene is mutated?", "Yes!", "12 cases.", "(A) shows it."}));
  EXPECT_EQ(sentence_texts("Done. [3H]-thymidine was used."), (Sentences{"Done.", "[3H]-thymidine was used."}));
  EXPECT_EQ(sentence_texts("...mortality. METHODS: We did it."), (Sentences{"...mortality.", "METHODS: We did it."}));
  EXPECT_EQ(sentence_texts("It rose. \xCE\xB2-Catenin fell."),  // Greek initial letter
            (Sentences{"It rose.", "\xCE\xB2-Catenin fell."}));
  EXPECT_EQ(sentence_texts("It rose. p53 and mRNA fell."), (Sentences{"It rose.", "p53 and mRNA fell."}));
}

TEST(SentenceSplitter, DoesNotSplitBeforeLowercaseWords) {
  EXPECT_EQ(sentence_texts("It binds. the gene"), (Sentences{"It binds. the gene"}));
}

TEST(SentenceSplitter, KeepsClosingBracketsAndQuotesWithTheSentence) {
  EXPECT_EQ(sentence_texts("It was seen (see above.) Next we tested \"it.\" Then?! No."),
            (Sentences{"It was seen (see above.)", "Next we tested \"it.\"", "Then?!", "No."}));
}

TEST(SentenceSplitter, TrimsSpacesAndReportsTokenRanges) {
  const std::string text = "  One.  Two.  ";
  const std::vector<Token> tokens = tokenize(text);
  const std::vector<Sentence> sentences = split_sentences(text, tokens);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].begin, 2u);
  EXPECT_EQ(sentences[0].end, 6u);
  EXPECT_EQ(sentences[0].token_begin, 0u);
  EXPECT_EQ(sentences[0].token_end, 2u);
  EXPECT_EQ(sentences[1].begin, 8u);
  EXPECT_EQ(sentences[1].end, 12u);
  EXPECT_EQ(sentences[1].token_begin, 2u);
  EXPECT_EQ(sentences[1].token_end, 4u);
  EXPECT_TRUE(split_sentences("   ").empty());
  EXPECT_EQ(sentence_texts("No terminator at the end"), (Sentences{"No terminator at the end"}));
}

TEST(SentenceSplitter, DoesNotSplitAfterAbbreviations) {
  EXPECT_EQ(sentence_texts("Drugs (e.g. Aspirin) and others, i.e. Ibuprofen, vs. Placebo."),
            (Sentences{"Drugs (e.g. Aspirin) and others, i.e. Ibuprofen, vs. Placebo."}));
  EXPECT_EQ(sentence_texts("As Smith et al. Reported (Fig. 2, Figs. 3 and Ref. 4), No. 5 rose."),
            (Sentences{"As Smith et al. Reported (Fig. 2, Figs. 3 and Ref. 4), No. 5 rose."}));
  EXPECT_EQ(sentence_texts("Given approx. 5 mg i.v. Or 10 mg p.o. b.i.d. Dosing, cf. Table 1."),
            (Sentences{"Given approx. 5 mg i.v. Or 10 mg p.o. b.i.d. Dosing, cf. Table 1."}));
  EXPECT_EQ(sentence_texts("The c. 1093-1G>T and p. R4X variants."),
            (Sentences{"The c. 1093-1G>T and p. R4X variants."}));
  EXPECT_EQ(sentence_texts("Seen by Dr. Lee and Prof. Li."), (Sentences{"Seen by Dr. Lee and Prof. Li."}));
  // "etc." followed by a capital ends a sentence.
  EXPECT_EQ(sentence_texts("Dogs, cats, etc. The rest."), (Sentences{"Dogs, cats, etc.", "The rest."}));
  // Case matters: "Ca." is not "ca.".
  EXPECT_EQ(sentence_texts("It chelates Ca. The rest."), (Sentences{"It chelates Ca.", "The rest."}));
}

TEST(SentenceSplitter, SingleCapitalInitials) {
  EXPECT_EQ(sentence_texts("E. coli and S. aureus grew."), (Sentences{"E. coli and S. aureus grew."}));
  EXPECT_EQ(sentence_texts("As shown by J. Smith in mice."), (Sentences{"As shown by J. Smith in mice."}));
  EXPECT_EQ(sentence_texts("Robbins, P. A., Clarke, K."), (Sentences{"Robbins, P. A., Clarke, K."}));
  // A common sentence opener or a section label after the initial does split.
  EXPECT_EQ(sentence_texts("Low vitamin D. The rest."), (Sentences{"Low vitamin D.", "The rest."}));
  EXPECT_EQ(sentence_texts("Hepatitis B. RESULTS: None."), (Sentences{"Hepatitis B.", "RESULTS: None."}));
  // Known imperfection: an initial followed by another capitalized word stays joined.
  EXPECT_EQ(sentence_texts("It was type A. Mice improved."), (Sentences{"It was type A. Mice improved."}));
}

TEST(SentenceSplitter, NumbersAndGluedPeriods) {
  EXPECT_EQ(sentence_texts("Uptake was 1.4% and 0.3%. It fell."), (Sentences{"Uptake was 1.4% and 0.3%.", "It fell."}));
  EXPECT_EQ(sentence_texts("In 20 patients.The others were fine."),
            (Sentences{"In 20 patients.", "The others were fine."}));
  EXPECT_EQ(sentence_texts("BRAF p.V600E in E.coli in the U.S.A. mice."),
            (Sentences{"BRAF p.V600E in E.coli in the U.S.A. mice."}));
  EXPECT_EQ(sentence_texts("It is 3.Then"), (Sentences{"It is 3.Then"}));  // no lowercase word before
}

// Empirical check: mentions of BioRED Train that a sentence boundary cuts in two.
TEST(SentenceSplitter, BioRedMentionsStayInsideSentences) {
  const std::string path = testing::shared_dir() + "/corpora/biored/Train.PubTator";
  if (!testing::shared_available() || !std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  PubTatorReader reader(ByteSource::open(path));
  Document doc;
  size_t spans = 0, cut = 0, sentences = 0;
  std::vector<Token> tokens;
  std::vector<Sentence> split;
  while (reader.next(doc)) {
    const std::string text = doc.full_text();
    const CodepointIndex index(text);
    // The splitter runs on the title and the abstract separately, as the NER does.
    for (const Passage& passage : doc.passages) {
      const size_t base = index.byte_offset(static_cast<size_t>(passage.offset));
      tokenize(passage.text, tokens);
      split_sentences(passage.text, tokens, split);
      sentences += split.size();
      for (const Annotation& a : doc.annotations) {
        for (const Span& span : a.spans) {
          const size_t b = index.byte_offset(static_cast<size_t>(span.start));
          const size_t e = index.byte_offset(static_cast<size_t>(span.end));
          if (b < base || e > base + passage.text.size()) continue;
          ++spans;
          for (size_t k = 0; k + 1 < split.size(); ++k) {
            const size_t boundary = base + split[k].end;
            if (b < boundary && e > base + split[k + 1].begin) {
              ++cut;
              std::printf("  cut %s [%s]\n", doc.id.c_str(), text.substr(b, e - b).c_str());
            }
          }
        }
      }
    }
  }
  ASSERT_GT(spans, 10000u);
  std::printf("BioRED Train: %zu sentences; %zu of %zu mention spans cut by a sentence boundary\n", sentences,
              cut, spans);
  EXPECT_LT(static_cast<double>(cut), 0.001 * static_cast<double>(spans));
}

}  // namespace
}  // namespace biotator
