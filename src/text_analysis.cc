#include "text_analysis.h"

namespace biotator {

void analyze_document(const Document& doc, const Lexicon* lexicon, AnalyzedText& out) {
  out.text = doc.full_text();
  out.index = CodepointIndex(out.text);
  out.tokens.clear();
  out.sentences.clear();
  out.abbreviations.clear();
  out.lexicon_matches.clear();

  std::vector<Token> passage_tokens;
  std::vector<Sentence> passage_sentences;
  for (const Passage& p : doc.passages) {
    if (p.text.empty()) continue;
    const size_t cp = static_cast<size_t>(p.offset);
    if (cp >= out.index.size()) continue;
    const auto base = static_cast<uint32_t>(out.index.byte_offset(cp));
    const std::string_view passage_text = std::string_view(out.text).substr(base, p.text.size());
    tokenize(passage_text, passage_tokens);
    split_sentences(passage_text, passage_tokens, passage_sentences);
    const auto token_base = static_cast<uint32_t>(out.tokens.size());
    for (Token t : passage_tokens) {
      t.begin += base;
      t.end += base;
      out.tokens.push_back(t);
    }
    for (Sentence s : passage_sentences) {
      s.begin += base;
      s.end += base;
      s.token_begin += token_base;
      s.token_end += token_base;
      out.sentences.push_back(s);
    }
    for (AbbreviationPair a : find_abbreviations(passage_text)) {
      a.short_begin += base;
      a.short_end += base;
      a.long_begin += base;
      a.long_end += base;
      out.abbreviations.push_back(a);
    }
  }
  if (lexicon != nullptr) lexicon->match(out.text, out.tokens, out.lexicon_matches);
}

}  // namespace biotator
