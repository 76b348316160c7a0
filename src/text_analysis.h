// The per-document analysis every text-reading stage shares: the full text, its tokens,
// sentences (split within each passage, so a title never runs into its abstract),
// abbreviation pairs, lexicon matches and the byte → code point map. Computed once
// per document by the pipeline and read by the recognizer, its trainer and later stages.
#pragma once

#include <string>
#include <vector>

#include "abbreviation.h"
#include "document.h"
#include "lexicon.h"
#include "sentence_splitter.h"
#include "tokenizer.h"
#include "utf8.h"

namespace biotator {

struct AnalyzedText {
  std::string text;                          // Document::full_text()
  CodepointIndex index;                      // code points of `text`
  std::vector<Token> tokens;                 // byte offsets into `text`
  std::vector<Sentence> sentences;           // byte offsets and token ranges into the above
  std::vector<AbbreviationPair> abbreviations;
  // Longest matches, at most one per first token, in increasing first_token order
  // (empty without a lexicon).
  std::vector<LexiconMatch> lexicon_matches;
};

// Analyzes `doc`; `lexicon` may be null.
void analyze_document(const Document& doc, const Lexicon* lexicon, AnalyzedText& out);

}  // namespace biotator
