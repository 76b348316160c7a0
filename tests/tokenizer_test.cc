#include "tokenizer.h"

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

std::vector<std::string> token_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(text)) out.emplace_back(t.text(text));
  return out;
}

using Words = std::vector<std::string>;

TEST(Tokenizer, SplitsEverySymbolFromWords) {
  EXPECT_EQ(token_texts("IL-1beta"), (Words{"IL", "-", "1beta"}));
  EXPECT_EQ(token_texts("Na(+)/K(+)-ATPase"), (Words{"Na", "(", "+", ")", "/", "K", "(", "+", ")", "-", "ATPase"}));
  EXPECT_EQ(token_texts("p.V600E"), (Words{"p", ".", "V600E"}));
  EXPECT_EQ(token_texts("CYP2C19*2"), (Words{"CYP2C19", "*", "2"}));
  EXPECT_EQ(token_texts("2,3-dihydroxy"), (Words{"2", ",", "3", "-", "dihydroxy"}));
  EXPECT_EQ(token_texts("patients.The"), (Words{"patients", ".", "The"}));
  EXPECT_EQ(token_texts("[3H]-"), (Words{"[", "3H", "]", "-"}));
  EXPECT_EQ(token_texts("patient's \"NIS\" gene;"), (Words{"patient", "'", "s", "\"", "NIS", "\"", "gene", ";"}));
  EXPECT_EQ(token_texts("c.1314_1328del15"), (Words{"c", ".", "1314", "_", "1328del15"}));
}

TEST(Tokenizer, WhitespaceAndControlCharactersAreNeverTokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" \t\r\n\x01\x7F").empty());
  // U+00A0 no-break space and U+2009 thin space separate words.
  EXPECT_EQ(token_texts("5\xC2\xA0mg\xE2\x80\x89kg"), (Words{"5", "mg", "kg"}));
}

TEST(Tokenizer, OffsetsAreBytesAndFlagsDescribeTheToken) {
  const std::string text = "  TNF-\xCE\xB1 (10 \xC2\xB5g)";  // "  TNF-α (10 µg)"
  const std::vector<Token> tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].begin, 2u);
  EXPECT_EQ(tokens[0].end, 5u);  // TNF
  EXPECT_TRUE(tokens[0].space_before);
  EXPECT_TRUE(tokens[0].is_word);
  EXPECT_EQ(tokens[1].text(text), "-");
  EXPECT_FALSE(tokens[1].space_before);
  EXPECT_FALSE(tokens[1].is_word);
  EXPECT_EQ(tokens[2].begin, 6u);
  EXPECT_EQ(tokens[2].end, 8u);  // α is two bytes and a word
  EXPECT_TRUE(tokens[2].is_word);
  EXPECT_TRUE(tokens[3].space_before);  // (
  EXPECT_EQ(tokens[5].text(text), "\xC2\xB5g");  // µg stays one word
  EXPECT_EQ(tokens[6].text(text), ")");
  EXPECT_EQ(tokens[6].end, text.size());
}

TEST(Tokenizer, UnicodeLettersJoinWordsAndUnicodeSymbolsStandAlone) {
  // α, β, é, ü, Greek capitals and superscript digits are letters/digits.
  EXPECT_EQ(token_texts("IL-1\xCE\xB2 caf\xC3\xA9ine M\xC3\xBCller \xCE\x94G Ca\xC2\xB2+"),
            (Words{"IL", "-", "1\xCE\xB2", "caf\xC3\xA9ine", "M\xC3\xBCller", "\xCE\x94G", "Ca\xC2\xB2", "+"}));
  // En dash, em dash, Unicode hyphen, ±, ≥, ×, ° and ’ are one token each.
  EXPECT_EQ(token_texts("5\xE2\x80\x93" "10 a\xE2\x80\x94" "b x\xE2\x80\x90y \xC2\xB1" "2 \xE2\x89\xA5" "3 2\xC3\x97" "4 37\xC2\xB0" "C Crohn\xE2\x80\x99s"),
            (Words{"5", "\xE2\x80\x93", "10", "a", "\xE2\x80\x94", "b", "x", "\xE2\x80\x90", "y", "\xC2\xB1", "2",
                   "\xE2\x89\xA5", "3", "2", "\xC3\x97", "4", "37", "\xC2\xB0", "C", "Crohn", "\xE2\x80\x99", "s"}));
}

TEST(Tokenizer, InvalidUtf8BytesBecomeOneByteSymbols) {
  const std::string text = "ab\xFF" "cd\xCE";
  EXPECT_EQ(token_texts(text), (Words{"ab", "\xFF", "cd", "\xCE"}));
}

TEST(Tokenizer, ClassifiesCodePoints) {
  EXPECT_EQ(classify_codepoint('a'), CharClass::kWord);
  EXPECT_EQ(classify_codepoint('-'), CharClass::kSymbol);
  EXPECT_EQ(classify_codepoint('\n'), CharClass::kSpace);
  EXPECT_EQ(classify_codepoint(0x03B3), CharClass::kWord);    // γ
  EXPECT_EQ(classify_codepoint(0x00B5), CharClass::kWord);    // µ
  EXPECT_EQ(classify_codepoint(0x2192), CharClass::kSymbol);  // →
  EXPECT_EQ(classify_codepoint(0x2212), CharClass::kSymbol);  // minus sign
  EXPECT_EQ(classify_codepoint(0x200B), CharClass::kSpace);   // zero-width space
  EXPECT_EQ(classify_codepoint(0x4E2D), CharClass::kWord);    // 中
}

TEST(Tokenizer, ReusesTheOutputBuffer) {
  std::vector<Token> tokens;
  tokenize("a b c d", tokens);
  ASSERT_EQ(tokens.size(), 4u);
  tokenize("x", tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 1u);
}

// Empirical check of the design: the fraction of BioRED Train mention spans whose
// start and end both fall on token boundaries.
TEST(Tokenizer, EntityBoundariesFallOnTokens) {
  const std::string path = testing::shared_dir() + "/corpora/biored/Train.PubTator";
  if (!testing::shared_available() || !std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  PubTatorReader reader(ByteSource::open(path));
  Document doc;
  size_t spans = 0, aligned = 0, shown = 0;
  std::vector<Token> tokens;
  std::vector<uint8_t> starts, ends;
  while (reader.next(doc)) {
    const std::string text = doc.full_text();
    const CodepointIndex index(text);
    tokenize(text, tokens);
    starts.assign(text.size() + 1, 0);
    ends.assign(text.size() + 1, 0);
    for (const Token& t : tokens) {
      starts[t.begin] = 1;
      ends[t.end] = 1;
    }
    for (const Annotation& a : doc.annotations) {
      for (const Span& span : a.spans) {
        ++spans;
        const size_t b = index.byte_offset(static_cast<size_t>(span.start));
        const size_t e = index.byte_offset(static_cast<size_t>(span.end));
        if (starts[b] && ends[e]) {
          ++aligned;
        } else if (shown++ < 10) {
          const size_t from = b >= 15 ? b - 15 : 0;
          std::printf("  misaligned %s [%s] in ...%s...\n", doc.id.c_str(), text.substr(b, e - b).c_str(),
                      text.substr(from, e + 15 - from).c_str());
        }
      }
    }
  }
  ASSERT_GT(spans, 10000u);
  const double fraction = static_cast<double>(aligned) / static_cast<double>(spans);
  std::printf("BioRED Train: %zu of %zu mention spans on token boundaries (%.3f%%)\n", aligned, spans,
              100.0 * fraction);
  EXPECT_GT(fraction, 0.99);
}

}  // namespace
}  // namespace biotator
