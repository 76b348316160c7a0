// The recognizer's token attributes: their hashes are baked into models/ner.bt, so they
// must stay the FNV-1a hashes of the strings the comments describe (the lowered word,
// its 1-4 byte prefixes and suffixes, its short and long shapes), however they are
// computed. Expected values are hashed here from strings written out by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "document.h"
#include "hashing.h"
#include "ner_features.h"
#include "text_analysis.h"

namespace biotator {
namespace {

struct Prepared {
  AnalyzedText analysis;
  std::vector<NerFeatureExtractor::TokenInfo> info;
};

Prepared prepare(const std::string& text) {
  Document doc;
  doc.id = "1";
  Passage passage;
  passage.type = "abstract";
  passage.text = text;
  doc.passages.push_back(passage);
  Prepared p;
  analyze_document(doc, nullptr, p.analysis);
  NerFeatureExtractor().prepare(p.analysis, p.info);
  return p;
}

const NerFeatureExtractor::TokenInfo& token(const Prepared& p, std::string_view text) {
  for (size_t i = 0; i < p.analysis.tokens.size(); ++i)
    if (p.analysis.tokens[i].text(p.analysis.text) == text) return p.info[i];
  ADD_FAILURE() << "no token " << text;
  return p.info.front();
}

TEST(NerFeatures, WordHashesAreThoseOfTheLoweredWordAndItsAffixes) {
  const Prepared p = prepare("Mutations in BRCA1 cause cancer.");
  const auto& t = token(p, "BRCA1");
  EXPECT_EQ(t.exact, fnv1a64("BRCA1"));
  EXPECT_EQ(t.lower, fnv1a64("brca1"));
  const std::vector<std::string> prefixes{"b", "br", "brc", "brca"}, suffixes{"1", "a1", "ca1", "rca1"};
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(t.prefix[k], fnv1a64(prefixes[k]) + (k + 1)) << prefixes[k];
    EXPECT_EQ(t.suffix[k], fnv1a64(suffixes[k]) + 7 * (k + 1)) << suffixes[k];
  }
  // A word shorter than four bytes has only as many affixes as bytes.
  const auto& in = token(p, "in");
  EXPECT_EQ(in.prefix[1], fnv1a64("in") + 2);
  EXPECT_EQ(in.prefix[2], 0u);
  EXPECT_EQ(in.suffix[2], 0u);
}

TEST(NerFeatures, ShapesCollapseRepeatsAndKeepTenClassesWhenLong) {
  const Prepared p = prepare("Levels of Interleukins and TNFalpha rose.");
  const auto& word = token(p, "Interleukins");
  EXPECT_EQ(word.shape, fnv1a64("Aa"));
  EXPECT_EQ(word.long_shape, fnv1a64("Aaaaaaaaaa"));  // the first ten classes
  const auto& mixed = token(p, "TNFalpha");
  EXPECT_EQ(mixed.shape, fnv1a64("Aa"));
  EXPECT_EQ(mixed.long_shape, fnv1a64("AAAaaaaa"));
}

TEST(NerFeatures, GreekAndOtherNonAsciiLettersHaveTheirOwnClasses) {
  // "α" (U+03B1) is Greek ('g'); "é" (U+00E9) is another non-ASCII letter ('u'). Both
  // are two bytes in UTF-8 but one character of the shape.
  const Prepared p = prepare("TGF-β1 and café au lait spots.");
  const auto& cafe = token(p, "café");
  EXPECT_EQ(cafe.shape, fnv1a64("au"));
  EXPECT_EQ(cafe.long_shape, fnv1a64("aaau"));
  EXPECT_EQ(cafe.lower, fnv1a64("café"));  // only ASCII letters are lowered
  bool found_beta = false;
  for (size_t i = 0; i < p.analysis.tokens.size(); ++i) {
    const std::string_view text = p.analysis.tokens[i].text(p.analysis.text);
    if (text.find("β") == std::string_view::npos) continue;
    found_beta = true;
    std::string shape;
    for (size_t pos = 0; pos < text.size();) {
      if (text.substr(pos, 2) == "β") {
        shape += 'g';
        pos += 2;
      } else {
        const char c = text[pos++];
        shape += c >= 'A' && c <= 'Z' ? 'A' : c >= 'a' && c <= 'z' ? 'a' : c >= '0' && c <= '9' ? '0' : c;
      }
    }
    EXPECT_EQ(p.info[i].long_shape, fnv1a64(shape)) << text;
  }
  EXPECT_TRUE(found_beta);
}

}  // namespace
}  // namespace biotator
