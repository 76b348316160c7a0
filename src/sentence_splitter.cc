#include "sentence_splitter.h"

#include <algorithm>
#include <iterator>

#include "utf8.h"

namespace biotator {
namespace {

// Abbreviations after which a period never ends a sentence. Case matters: "ca." is
// "circa" but "Ca." may be calcium ending a sentence.
constexpr std::string_view kAbbreviations[] = {
    "e.g.", "E.g.", "i.e.", "I.e.", "vs.", "Vs.", "cf.", "Cf.", "al.", "Fig.", "fig.", "FIG.", "Figs.",
    "figs.", "Ref.", "ref.", "Refs.", "refs.", "No.", "no.", "Nos.", "nos.", "approx.", "Approx.", "ca.",
    "Dr.", "Drs.", "Mr.", "Mrs.", "Ms.", "Prof.", "St.", "i.v.", "i.p.", "i.m.", "i.c.v.", "i.t.", "i.n.",
    "s.c.", "p.o.", "b.i.d.", "t.i.d.", "q.i.d.", "q.d.", "o.d.", "Eq.", "Eqs.", "eq.", "Vol.", "vol.",
    "pp.", "sp.", "spp.", "subsp.", "var.", "cv.", "resp.", "viz.", "Jr.", "Sr.", "Inc.", "Ltd.", "Co.",
    "Corp.", "Dept.", "Univ.", "Tab.", "Suppl.", "suppl.", "Chap.", "Sect.", "Sec.", "Nr.", "Ed.", "Eds.",
    "Gen.", "Mt.", "Ph.D.", "Jan.", "Feb."};

// Words that usually open a sentence; after a single capital initial they make the
// period a sentence end ("vitamin D. The ...") rather than a name or species initial.
constexpr std::string_view kSentenceOpeners[] = {
    "A", "About", "Accordingly", "Additionally", "After", "All", "Also", "Although", "Among", "An", "And",
    "As", "At", "Based", "Because", "Both", "But", "By", "Collectively", "Compared", "Consistent",
    "Conversely", "Despite", "During", "Each", "Finally", "For", "Four", "From", "Further", "Furthermore",
    "Here", "However", "If", "Importantly", "In", "Interestingly", "It", "Its", "Moreover", "Most", "No",
    "Notably", "Of", "On", "One", "Only", "Our", "Overall", "Patients", "Previously", "Recently", "Since",
    "Similarly", "Some", "Subsequently", "Such", "Taken", "That", "The", "Their", "Then", "There",
    "Therefore", "These", "This", "Those", "Three", "Thus", "To", "Two", "Using", "We", "When", "Whereas",
    "While"};

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_terminator(std::string_view t) { return t == "." || t == "?" || t == "!"; }

// Closing punctuation that stays with the sentence it follows: "... (see above.) Next".
bool is_closer(std::string_view t) {
  return t == ")" || t == "]" || t == "}" || t == "\"" || t == "'" || t == "\xE2\x80\x9D" /* ” */ ||
         t == "\xE2\x80\x99" /* ’ */ || t == "\xC2\xBB" /* » */;
}

bool is_opener(std::string_view t) {
  return t == "(" || t == "[" || t == "{" || t == "\"" || t == "'" || t == "\xE2\x80\x9C" /* “ */ ||
         t == "\xE2\x80\x98" /* ‘ */ || t == "\xC2\xAB" /* « */;
}

// True when a token can open a sentence after ". ": an uppercase letter, a digit, a
// Greek letter (sentence-initial α/β are conventionally lowercase), an opening
// bracket or quote, or a gene-like word that starts lowercase but has a capital or
// digit in it ("p53", "mRNA", "siRNA").
bool can_open_sentence(std::string_view t) {
  const char first = t[0];
  if (is_ascii_upper(first) || is_ascii_digit(first)) return true;
  if (is_ascii_lower(first)) {
    return std::any_of(t.begin() + 1, t.end(), [](char c) { return is_ascii_upper(c) || is_ascii_digit(c); });
  }
  if (static_cast<unsigned char>(first) < 0x80) return is_opener(t);
  size_t pos = 0;
  const char32_t c = utf8_decode(t, &pos);
  return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||  // Latin-1 capitals
         (c >= 0x0391 && c <= 0x03C9) ||           // Greek letters
         (c >= 0x0410 && c <= 0x042F) ||           // Cyrillic capitals
         is_opener(t);
}

bool is_all_caps_word(std::string_view t) {
  if (t.size() < 2 || !is_ascii_upper(t[0])) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return is_ascii_upper(c) || is_ascii_digit(c); });
}

// Decides whether the terminator run tokens[period..last] ends a sentence, given
// that tokens[last + 1] exists.
bool ends_sentence(std::string_view text, const std::vector<Token>& tokens, size_t period, size_t last) {
  const Token& next = tokens[last + 1];
  const std::string_view next_text = next.text(text);
  const bool is_period = text[tokens[period].begin] == '.';

  if (!next.space_before) {
    // "patients.The": lowercase word, terminator, capitalized lowercase word.
    if (last != period || period == 0 || !next.is_word || next_text.size() < 2) return false;
    const Token& before = tokens[period - 1];
    if (!before.is_word || before.end != tokens[period].begin || before.end - before.begin < 3) return false;
    const std::string_view word = before.text(text);
    const bool lowercase_tail = std::all_of(word.end() - 3, word.end(), is_ascii_lower);
    return lowercase_tail && is_ascii_upper(next_text[0]) && is_ascii_lower(next_text[1]);
  }

  if (!can_open_sentence(next_text)) return false;
  if (!is_period) return true;

  // The chunk of text glued to the period ("(e.g.", "Fig.", "E."), without its
  // leading brackets or quotes.
  size_t chunk_begin = period;
  while (chunk_begin > 0 && !tokens[chunk_begin].space_before) --chunk_begin;
  while (chunk_begin < period && is_opener(tokens[chunk_begin].text(text))) ++chunk_begin;
  const std::string_view chunk =
      text.substr(tokens[chunk_begin].begin, tokens[period].end - tokens[chunk_begin].begin);
  if (std::ranges::find(kAbbreviations, chunk) != std::end(kAbbreviations)) return false;

  // A single lowercase letter is a variant prefix or a list item: "c. 1093-1G>T".
  if (chunk.size() == 2 && is_ascii_lower(chunk[0])) return false;
  const bool single_initial = chunk.size() == 2 && is_ascii_upper(chunk[0]);
  if (single_initial) {
    // Another initial follows: a name in a citation ("Robbins, P. A., Clarke, K.").
    const bool next_is_initial = next_text.size() == 1 && is_ascii_upper(next_text[0]) &&
                                 last + 2 < tokens.size() && text[tokens[last + 2].begin] == '.' &&
                                 !tokens[last + 2].space_before;
    if (next_is_initial) return false;
    return is_all_caps_word(next_text) ||
           std::ranges::find(kSentenceOpeners, next_text) != std::end(kSentenceOpeners);
  }
  return true;
}

}  // namespace

void split_sentences(std::string_view text, const std::vector<Token>& tokens, std::vector<Sentence>& out) {
  out.clear();
  const size_t n = tokens.size();
  size_t start = 0;
  auto emit = [&](size_t end) {
    out.push_back({tokens[start].begin, tokens[end - 1].end, static_cast<uint32_t>(start),
                   static_cast<uint32_t>(end)});
    start = end;
  };
  for (size_t k = 0; k < n; ++k) {
    // Terminators are one-byte symbol tokens; test the byte before building views.
    const char c = text[tokens[k].begin];
    if ((c != '.' && c != '?' && c != '!') || tokens[k].is_word) continue;
    size_t last = k;
    while (last + 1 < n && !tokens[last + 1].space_before) {
      const std::string_view t = tokens[last + 1].text(text);
      if (!is_terminator(t) && !is_closer(t)) break;
      ++last;
    }
    if (last + 1 >= n) break;
    if (ends_sentence(text, tokens, k, last)) emit(last + 1);
    k = last;
  }
  if (start < n) emit(n);
}

std::vector<Sentence> split_sentences(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<Sentence> sentences;
  split_sentences(text, tokens, sentences);
  return sentences;
}

std::vector<Sentence> split_sentences(std::string_view text) { return split_sentences(text, tokenize(text)); }

}  // namespace biotator
