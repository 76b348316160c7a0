// Rule-based sentence splitter for PubMed titles and abstracts, working on the
// tokens of src/tokenizer.h.
//
// A sentence ends after '.', '?' or '!' (with any directly following terminators,
// closing brackets and quotes: "... (see above.) Next") when whitespace and then an
// uppercase letter, a digit, a Greek letter or an opening bracket/quote follow. No
// break after:
//   - known abbreviations: e.g. i.e. vs. cf. et al. Fig. Figs. Ref. No. approx. ca.
//     Dr. Mr. Mrs. Prof. St. i.v. i.p. s.c. p.o. b.i.d. ... (kAbbreviations in the .cc;
//     "etc." is deliberately not one: followed by a capital it nearly always ends a
//     sentence);
//   - a single lowercase letter ("c. 1093-1G>T", "p. 5");
//   - a single capital initial ("E. coli", "J. Smith"), unless the next word is a
//     common sentence opener (The, We, In, ...) or an all-capital word/section label:
//     "vitamin D. The" and "hepatitis B. RESULTS:" split. Known imperfection:
//     "type A. Patients were ..." does not split.
// Without whitespace, '.' splits only in "patients.The": at least three lowercase
// letters before it, an uppercase letter then a lowercase letter after it. So
// "1.5", "p.V600E", "E.coli" and "U.S." never split.
// The title and abstract are meant to be split separately; newlines are ordinary
// whitespace.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenizer.h"

namespace biotator {

struct Sentence {
  uint32_t begin = 0;        // byte offset of the first token
  uint32_t end = 0;          // byte offset one past the last token (so no outer spaces)
  uint32_t token_begin = 0;  // index of the first token
  uint32_t token_end = 0;    // index one past the last token
};

// Splits `text`, already tokenized into `tokens` by tokenize(text), into `out`
// (cleared first). Text without tokens has no sentences.
void split_sentences(std::string_view text, const std::vector<Token>& tokens, std::vector<Sentence>& out);
std::vector<Sentence> split_sentences(std::string_view text, const std::vector<Token>& tokens);
// Convenience: tokenizes then splits.
std::vector<Sentence> split_sentences(std::string_view text);

}  // namespace biotator
