#include "abbreviation.h"

#include <algorithm>
#include <iterator>

#include "tokenizer.h"
#include "utf8.h"

namespace biotator {
namespace {

constexpr size_t kMaxShortFormChars = 10;
constexpr size_t kMaxBracketBytes = 400;  // bounds the search for a closing bracket

struct CodePoint {
  char32_t c;
  uint32_t byte;  // offset in the text
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char32_t c) { return classify_codepoint(c) == CharClass::kWord; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_upper(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x0391 && c <= 0x03A9);
}

char32_t fold_case(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x0391 && c <= 0x03A9 && c != 0x03A2) ||
      (c >= 0x0410 && c <= 0x042F)) {
    return c + 32;
  }
  if (c == 0x03C2) return 0x03C3;  // final sigma
  return c;
}

// First Latin letter of a (lowercase) Greek letter's name, or 0: lets "β" in a short
// form match the "b" of "beta" in its long form. µ (micro) counts as mu.
char32_t greek_initial(char32_t c) {
  static constexpr char kInitials[] = "abgdezetiklmnxoprsstupcpo";  // α..ω, U+03B1..U+03C9
  if (c == 0xB5) return 'm';
  if (c >= 0x03B1 && c <= 0x03C9) return static_cast<char32_t>(kInitials[c - 0x03B1]);
  return 0;
}

bool chars_match(char32_t short_char, char32_t long_char) {
  const char32_t folded = fold_case(long_char);
  return folded == short_char || (greek_initial(short_char) != 0 && folded == greek_initial(short_char));
}

void decode(std::string_view text, size_t begin, size_t end, std::vector<CodePoint>& out) {
  out.clear();
  for (size_t pos = begin; pos < end;) {
    const uint32_t at = static_cast<uint32_t>(pos);
    out.push_back({utf8_decode(text.substr(0, end), &pos), at});
  }
}

void trim(std::string_view text, size_t& begin, size_t& end) {
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
}

size_t count_words(std::string_view s, bool hyphen_separates) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool separator = is_space(c) || (hyphen_separates && c == '-');
    if (!separator && !in_word) ++words;
    in_word = !separator;
  }
  return words;
}

// Bracketed text that cites rather than abbreviates: "(Fig. 2)", "(Table 1)", "(see 3)".
bool is_reference(std::string_view short_form) {
  static constexpr std::string_view kReferenceWords[] = {"fig",   "figs",   "figure", "figures", "table", "tables",
                                                         "ref",   "refs",   "see",    "eq",      "eqs",   "suppl",
                                                         "panel", "step",   "and",    "or",      "e.g",   "i.e"};
  std::string first;
  for (char c : short_form) {
    if (is_space(c) || c == '.') break;
    first.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return std::ranges::find(kReferenceWords, first) != std::end(kReferenceWords);
}

// Schwartz & Hearst's isValidShortForm, plus the length and word limits.
bool is_valid_short_form(std::string_view text, const std::vector<CodePoint>& cps, size_t begin, size_t end) {
  if (cps.size() < 2 || cps.size() > kMaxShortFormChars) return false;
  if (!is_word(cps.front().c)) return false;
  if (!std::any_of(cps.begin(), cps.end(), [](const CodePoint& p) { return is_word(p.c) && !is_digit(p.c); })) {
    return false;
  }
  const std::string_view s = text.substr(begin, end - begin);
  if (count_words(s, false) > 2) return false;
  if (s.find_first_of("=<>") != std::string_view::npos) return false;
  return !is_reference(s);
}

// Schwartz & Hearst's findBestLongForm: index into `long_cps` where the shortest long
// form matching `short_cps` starts (at a whitespace-delimited word start), or -1.
long best_long_form_start(const std::vector<CodePoint>& short_cps, const std::vector<CodePoint>& long_cps) {
  long l = static_cast<long>(long_cps.size()) - 1;
  for (long s = static_cast<long>(short_cps.size()) - 1; s >= 0; --s) {
    const char32_t c = fold_case(short_cps[s].c);
    if (!is_word(c)) continue;
    while ((l >= 0 && !chars_match(c, long_cps[l].c)) || (s == 0 && l > 0 && is_word(long_cps[l - 1].c))) --l;
    if (l < 0) return -1;
    --l;
  }
  // Widen to the start of the whitespace-delimited word: "sodium/iodide", not "iodide".
  while (l >= 0 && !(long_cps[l].c < 0x80 && is_space(static_cast<char>(long_cps[l].c)))) --l;
  return l + 1;
}

// True when `s` starts with a bracketed group standing as a word of its own, as in
// "(ALCA) IgG, anti-chitobioside antibodies" or "(Th1), and IL-17": such a long form began in an earlier
// definition or aside. Glued groups ("(R)-alpha-methylhistamine") are chemistry.
bool starts_with_standalone_group(std::string_view s) {
  if (s.empty() || (s[0] != '(' && s[0] != '[')) return false;
  const char closing = s[0] == '(' ? ')' : ']';
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == s[0]) ++depth;
    else if (s[i] == closing && --depth == 0) {
      return i + 1 == s.size() || is_space(s[i + 1]) || s[i + 1] == ',' || s[i + 1] == ';';
    }
  }
  return false;
}

class Finder {
 public:
  explicit Finder(std::string_view text) : text_(text) {}

  std::vector<AbbreviationPair> run() {
    std::vector<AbbreviationPair> pairs;
    for (size_t open = 1; open < text_.size(); ++open) {
      const char bracket = text_[open];
      if ((bracket != '(' && bracket != '[') || !is_space(text_[open - 1])) continue;
      const size_t close = matching_bracket(open);
      if (close == std::string_view::npos) continue;
      AbbreviationPair pair;
      if (examine(open, close, pair)) pairs.push_back(pair);
    }
    return pairs;
  }

 private:
  size_t matching_bracket(size_t open) const {
    const char opening = text_[open];
    const char closing = opening == '(' ? ')' : ']';
    const size_t limit = std::min(text_.size(), open + kMaxBracketBytes);
    int depth = 0;
    for (size_t i = open; i < limit; ++i) {
      if (text_[i] == opening) ++depth;
      else if (text_[i] == closing && --depth == 0) return i;
    }
    return std::string_view::npos;
  }

  bool examine(size_t open, size_t close, AbbreviationPair& pair) {
    size_t inner_begin = open + 1, inner_end = close;
    // The short form stops at ';' or ", ": "(CML; ref 3)", "(CML, 12 patients)".
    const std::string_view inner = text_.substr(inner_begin, inner_end - inner_begin);
    const size_t cut = std::min(inner.find(';'), inner.find(", "));
    if (cut != std::string_view::npos) inner_end = inner_begin + cut;
    trim(text_, inner_begin, inner_end);
    if (inner_begin == inner_end) return false;

    decode(text_, inner_begin, inner_end, short_cps_);
    const bool inner_is_short_form = is_valid_short_form(text_, short_cps_, inner_begin, inner_end);
    if (inner_is_short_form) {
      size_t long_end = open;
      size_t long_begin = window_start(long_end, short_cps_);
      trim(text_, long_begin, long_end);
      if (match(inner_begin, inner_end, long_begin, long_end, false, pair)) return true;
    }
    if (synonym_then_short_form(open, close, inner, pair)) return true;
    if (inner_is_short_form) return false;
    decode(text_, inner_begin, inner_end, short_cps_);
    // "SF (long form)": the bracket holds the long form, the word before it is the SF.
    // Stricter than S&H, whose results here are mostly noise: the whole bracket must be
    // the long form, without brackets, ';' or ", " in it ("type II (non-insulin-dependent,
    // NIDDM)" defines nothing).
    const std::string_view content = text_.substr(inner_begin, inner_end - inner_begin);
    if (count_words(content, false) <= 2 && short_cps_.size() <= kMaxShortFormChars) return false;
    if (cut != std::string_view::npos || content.find_first_of("()[]") != std::string_view::npos) return false;
    size_t short_end = open;
    while (short_end > 0 && is_space(text_[short_end - 1])) --short_end;
    size_t short_begin = short_end;
    while (short_begin > 0 && !is_space(text_[short_begin - 1])) --short_begin;
    if (short_begin == short_end) return false;
    decode(text_, short_begin, short_end, short_cps_);
    if (!std::any_of(short_cps_.begin(), short_cps_.end(), [](const CodePoint& p) { return is_upper(p.c); })) {
      return false;
    }
    if (!is_valid_short_form(text_, short_cps_, short_begin, short_end)) return false;
    return match(short_begin, short_end, inner_begin, inner_end, true, pair);
  }

  // "(long form, SF)": a synonym in the bracket, then its short form after its one ", "
  // ("aspirin (acetylsalicylic acid, ASA)"); the long form must match whole and hold no
  // bracket ("cisplatin (cis-diamminedichloroplatinum (II), CDDP)": BioRED Train
  // annotates the name without its "(II)").
  bool synonym_then_short_form(size_t open, size_t close, std::string_view inner, AbbreviationPair& pair) {
    const size_t comma = inner.find(", ");
    if (comma == std::string_view::npos || inner.find(", ", comma + 2) != std::string_view::npos ||
        inner.find_first_of(";()[]") != std::string_view::npos)
      return false;
    size_t sf_begin = open + 1 + comma + 2, sf_end = close;
    trim(text_, sf_begin, sf_end);
    size_t lf_begin = open + 1, lf_end = open + 1 + comma;
    trim(text_, lf_begin, lf_end);
    if (sf_begin >= sf_end || lf_begin >= lf_end) return false;
    decode(text_, sf_begin, sf_end, short_cps_);
    if (!is_valid_short_form(text_, short_cps_, sf_begin, sf_end)) return false;
    if (!std::any_of(short_cps_.begin(), short_cps_.end(), [](const CodePoint& p) { return is_upper(p.c); }))
      return false;
    return match(sf_begin, sf_end, lf_begin, lf_end, true, pair);
  }

  // Start of the long form search window ending at `end`: at most
  // min(|SF|+5, 2|SF|) words, not crossing a clause end or an unmatched opening bracket.
  size_t window_start(size_t end, const std::vector<CodePoint>& short_cps) const {
    const size_t sf_chars = static_cast<size_t>(
        std::count_if(short_cps.begin(), short_cps.end(), [](const CodePoint& p) { return is_word(p.c); }));
    const size_t max_words = std::min(sf_chars + 5, sf_chars * 2);
    size_t pos = end;
    int depth = 0;
    for (size_t words = 0; words < max_words; ++words) {
      while (pos > 0 && is_space(text_[pos - 1])) --pos;
      if (pos == 0) return 0;
      const char last = text_[pos - 1];
      if (pos < end && (last == '.' || last == ';' || last == ':' || last == '!' || last == '?')) return pos;
      while (pos > 0 && !is_space(text_[pos - 1])) {
        const char c = text_[pos - 1];
        if (c == ')' || c == ']') ++depth;
        else if ((c == '(' || c == '[') && depth-- == 0) return pos;
        --pos;
      }
    }
    return pos;
  }

  // Matches the short form against the long form region; `whole_region`: the long
  // form must be the whole region (the "SF (long form)" case).
  bool match(size_t short_begin, size_t short_end, size_t long_begin, size_t long_end, bool whole_region,
             AbbreviationPair& pair) {
    if (long_begin >= long_end) return false;
    decode(text_, short_begin, short_end, short_cps_);
    decode(text_, long_begin, long_end, long_cps_);
    const long start = best_long_form_start(short_cps_, long_cps_);
    if (start < 0 || (whole_region && start != 0)) return false;
    const size_t best_begin = long_cps_[static_cast<size_t>(start)].byte;
    const std::string_view short_form = text_.substr(short_begin, short_end - short_begin);
    const std::string_view long_form = text_.substr(best_begin, long_end - best_begin);

    // Schwartz & Hearst's final checks, except that the long form may not contain the
    // short form anywhere (S&H: not as a word or at the end), which also drops
    // "p27 (p27(Kip1))" and "range (range, 2.3-3.5)".
    const size_t sf_chars = static_cast<size_t>(
        std::count_if(short_cps_.begin(), short_cps_.end(), [](const CodePoint& p) { return is_word(p.c); }));
    const size_t long_words = count_words(long_form, true);
    if (long_cps_.size() - static_cast<size_t>(start) < short_cps_.size()) return false;
    if (long_form.find(short_form) != std::string_view::npos) return false;
    if (long_words > sf_chars * 2 || long_words > sf_chars + 5 || sf_chars > kMaxShortFormChars) return false;
    if (starts_with_standalone_group(long_form)) return false;

    pair = {static_cast<uint32_t>(short_begin), static_cast<uint32_t>(short_end), static_cast<uint32_t>(best_begin),
            static_cast<uint32_t>(long_end)};
    return true;
  }

  std::string_view text_;
  std::vector<CodePoint> short_cps_, long_cps_;  // reused buffers
};

}  // namespace

std::vector<AbbreviationPair> find_abbreviations(std::string_view text) { return Finder(text).run(); }

std::unordered_map<std::string, std::string> abbreviation_map(std::string_view text,
                                                             const std::vector<AbbreviationPair>& pairs) {
  std::unordered_map<std::string, std::string> map;
  for (const AbbreviationPair& pair : pairs) {
    map.emplace(std::string(pair.short_form(text)), std::string(pair.long_form(text)));
  }
  return map;
}

}  // namespace biotator
