#include "ner_features.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <unordered_map>

#include "hashing.h"
#include "utf8.h"

namespace biotator {

namespace {



// A feature = (template id, value). Template ids keep "word=the" apart from "prev=the".
inline uint64_t feature(uint32_t template_id, uint64_t value) {
  return mix64(value ^ (static_cast<uint64_t>(template_id) * 0x9E3779B97F4A7C15ULL));
}
inline uint64_t feature2(uint32_t template_id, uint64_t a, uint64_t b) {
  return feature(template_id, mix64(a) ^ (b * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL));
}

enum Flag : uint32_t {
  kFlagSpaceBefore = 1,
  kFlagWord = 2,
  kFlagAllCaps = 4,
  kFlagInitCap = 8,
  kFlagHasDigit = 16,
  kFlagAllDigit = 32,
  kFlagMixedCase = 64,  // an uppercase letter after the first character
  kFlagNonAscii = 128,
  kFlagSentenceStart = 256,
  kFlagSpaceAfter = 512,
  kFlagLong = 1024,    // more than 12 bytes
  kFlagShort = 2048,   // 1 or 2 bytes
};

// Lexicon bits: for each of 8 class bits, 4 positions (B, I, E, S) → bit (pos * 8 + class).
enum Position : uint32_t { kB = 0, kI = 1, kE = 2, kS = 3 };

enum AbbrevBit : uint32_t {
  kInShortForm = 1,
  kInLongForm = 2,
  kShortFormStart = 4,
  // bits 8..15: lexicon classes of the long form, given to its short form's tokens
};

// "IL-2" → "AA"; per character class with repeats collapsed (short) or the first 10
// kept (long). Returns the fnv1a64 hashes of both shape strings, computed as the
// classes come (no strings are built; the values are those of hashing the strings).
void shape_hashes(std::string_view s, uint64_t& short_hash, uint64_t& long_hash) {
  short_hash = long_hash = kFnvOffsetBasis;
  size_t long_length = 0;
  char previous = 0;
  bool first = true;
  size_t pos = 0;
  while (pos < s.size()) {
    const auto byte = static_cast<unsigned char>(s[pos]);
    const char32_t c = byte < 0x80 ? (++pos, char32_t{byte}) : utf8_decode(s, &pos);
    char k;
    if (c >= 'A' && c <= 'Z') k = 'A';
    else if (c >= 'a' && c <= 'z') k = 'a';
    else if (c >= '0' && c <= '9') k = '0';
    else if (c >= 0x391 && c <= 0x3C9) k = 'g';  // Greek
    else if (c < 0x80) k = static_cast<char>(c);
    else k = 'u';
    if (long_length < 10) {
      long_hash = fnv1a64_step(long_hash, static_cast<unsigned char>(k));
      ++long_length;
    }
    if (first || previous != k) short_hash = fnv1a64_step(short_hash, static_cast<unsigned char>(k));
    previous = k;
    first = false;
  }
}

}  // namespace

void NerFeatureExtractor::prepare(const AnalyzedText& doc, std::vector<TokenInfo>& info) const {
  const size_t n = doc.tokens.size();
  info.assign(n, TokenInfo{});
  for (size_t i = 0; i < n; ++i) {
    const Token& t = doc.tokens[i];
    const std::string_view text = t.text(doc.text);
    TokenInfo& ti = info[i];
    // Hashes of the lowered text, its 1-4 byte prefixes and suffixes (byte-wise: a cut
    // UTF-8 sequence is still a consistent feature) and its shapes, all fnv1a64 as if
    // of the strings, computed without building them. FNV runs left to right: each
    // prefix's hash is a step of the whole word's.
    uint64_t h = kFnvOffsetBasis;
    for (size_t k = 0; k < text.size(); ++k) {
      h = fnv1a64_step(h, ascii_lower(text[k]));
      if (k < 4) ti.prefix[k] = h + (k + 1);
    }
    ti.lower = h;
    ti.exact = fnv1a64(text);
    for (size_t k = 1; k <= 4 && k <= text.size(); ++k) ti.suffix[k - 1] = fnv1a64_ascii_lower(text.substr(text.size() - k)) + 7 * k;
    shape_hashes(text, ti.shape, ti.long_shape);
    if (clusters_ != nullptr && t.is_word) {
      uint16_t ids[WordClusters::kMaxGranularities];
      if (clusters_->lookup(text, ids))
        for (size_t g = 0; g < std::min<size_t>(3, clusters_->granularities()); ++g) ti.cluster[g] = ids[g] + 1u;
    }
    uint32_t f = 0;
    if (t.space_before) f |= kFlagSpaceBefore;
    if (i + 1 >= n || doc.tokens[i + 1].space_before) f |= kFlagSpaceAfter;
    if (t.is_word) f |= kFlagWord;
    bool all_caps = true, has_letter = false, has_digit = false, all_digit = true, mixed = false, non_ascii = false;
    for (size_t k = 0; k < text.size(); ++k) {
      unsigned char c = static_cast<unsigned char>(text[k]);
      if (c >= 0x80) non_ascii = true;
      if (c >= '0' && c <= '9') has_digit = true;
      else all_digit = false;
      if (c >= 'a' && c <= 'z') { all_caps = false; has_letter = true; }
      if (c >= 'A' && c <= 'Z') { has_letter = true; if (k > 0) mixed = true; }
    }
    if (t.is_word && has_letter && all_caps) f |= kFlagAllCaps;
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') f |= kFlagInitCap;
    if (has_digit) f |= kFlagHasDigit;
    if (all_digit) f |= kFlagAllDigit;
    if (mixed) f |= kFlagMixedCase;
    if (non_ascii) f |= kFlagNonAscii;
    if (text.size() > 12) f |= kFlagLong;
    if (text.size() <= 2) f |= kFlagShort;
    ti.flags = f;
  }
  for (const Sentence& s : doc.sentences)
    if (s.token_begin < n) info[s.token_begin].flags |= kFlagSentenceStart;

  // Chunks: runs of tokens with no whitespace between them, without trailing
  // sentence punctuation (".", ",", ";", ":") and unbalanced closing brackets.
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && !doc.tokens[j].space_before) ++j;
    size_t end = j;
    while (end > i + 1) {
      const std::string_view last = doc.tokens[end - 1].text(doc.text);
      if (last == "." || last == "," || last == ";" || last == ":") --end;
      else break;
    }
    const uint32_t b = doc.tokens[i].begin, e = doc.tokens[end - 1].end;
    const std::string_view chunk = std::string_view(doc.text).substr(b, e - b);
    const uint64_t chunk_hash = fnv1a64_ascii_lower(chunk);
    uint64_t shape_hash, long_shape_hash;
    shape_hashes(chunk, shape_hash, long_shape_hash);
    for (size_t k = i; k < j; ++k) {
      TokenInfo& ti = info[k];
      if (k >= end) {  // trailing punctuation: a chunk of its own
        ti.chunk_lower = ti.lower;
        ti.chunk_shape = ti.shape;
        continue;
      }
      ti.chunk_lower = chunk_hash;
      ti.chunk_shape = shape_hash;
      ti.chunk_position = end - i == 1 ? 0 : (k == i ? 1 : (k + 1 == end ? 3 : 2));
    }
    // The match starting at the chunk's first token (matches are in first-token order).
    const auto m = std::lower_bound(doc.lexicon_matches.begin(), doc.lexicon_matches.end(), i,
                                    [](const LexiconMatch& x, size_t token) { return x.first_token < token; });
    if (m != doc.lexicon_matches.end() && m->first_token == i && m->end_token == end)
      for (size_t k = i; k < end; ++k) info[k].chunk_lexicon = m->classes;
    i = j;
  }

  for (const LexiconMatch& m : doc.lexicon_matches) {
    const uint32_t classes = m.classes;
    auto set = [&](uint32_t token, Position pos) {
      for (uint32_t c = 0; c < 8; ++c)
        if (classes & (1u << c)) info[token].lexicon |= 1u << (pos * 8 + c);
    };
    if (m.end_token - m.first_token == 1) {
      set(m.first_token, kS);
    } else {
      set(m.first_token, kB);
      for (uint32_t k = m.first_token + 1; k + 1 < m.end_token; ++k) set(k, kI);
      set(m.end_token - 1, kE);
    }
  }

  // Abbreviations: tokens of a short form learn the lexicon classes of its long form,
  // the signal that "HLH" is a disease because "hemophagocytic lymphohistiocytosis" is.
  if (!doc.abbreviations.empty()) {
    // Tokens are in text order: the tokens inside [b, e) are a contiguous run found by
    // binary search (a token straddling b or e is not inside).
    auto token_range = [&](uint32_t b, uint32_t e, uint32_t& first, uint32_t& last) {
      first = n;
      last = 0;
      auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), b,
                                 [](const Token& t, uint32_t pos) { return t.begin < pos; });
      for (; it != doc.tokens.end() && it->begin < e; ++it) {
        if (it->end > e) continue;
        const auto k = static_cast<uint32_t>(it - doc.tokens.begin());
        if (first == n) first = k;
        last = k + 1;
      }
    };
    // Where the first token of each short form occurs: its later occurrences are looked
    // up there instead of comparing the short form at every token of the document.
    std::unordered_map<std::string_view, std::vector<uint32_t>> occurrences;
    for (const AbbreviationPair& a : doc.abbreviations) {
      const auto first = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), a.short_begin,
                                          [](const Token& t, uint32_t pos) { return t.begin < pos; });
      if (first != doc.tokens.end()) occurrences.emplace(first->text(doc.text), std::vector<uint32_t>{});
    }
    for (uint32_t k = 0; k < n; ++k)
      if (auto it = occurrences.find(doc.tokens[k].text(doc.text)); it != occurrences.end()) it->second.push_back(k);
    for (const AbbreviationPair& a : doc.abbreviations) {
      uint32_t sf_first, sf_last, lf_first, lf_last;
      token_range(a.short_begin, a.short_end, sf_first, sf_last);
      token_range(a.long_begin, a.long_end, lf_first, lf_last);
      if (sf_first >= sf_last || lf_first >= lf_last) continue;
      uint32_t lf_classes = 0;
      for (const LexiconMatch& m : doc.lexicon_matches)
        if (m.first_token >= lf_first && m.end_token <= lf_last && m.end_token == lf_last) lf_classes |= m.classes;
      for (uint32_t k = lf_first; k < lf_last; ++k) info[k].abbrev |= kInLongForm;
      // Every later occurrence of the short form text in the document gets the bits too.
      const std::string_view sf_text = a.short_form(doc.text);
      const uint32_t len = sf_last - sf_first;
      const auto found = occurrences.find(doc.tokens[sf_first].text(doc.text));
      if (found == occurrences.end()) continue;
      for (uint32_t k : found->second) {
        if (doc.tokens[k].begin < a.short_begin) continue;
        // match the short form's token sequence starting at k
        if (k + len > n) break;
        if (doc.text.compare(doc.tokens[k].begin, doc.tokens[k + len - 1].end - doc.tokens[k].begin, sf_text) != 0)
          continue;
        for (uint32_t j = k; j < k + len; ++j) info[j].abbrev |= kInShortForm | (lf_classes << 8);
        info[k].abbrev |= kShortFormStart;
      }
    }
  }
}

void NerFeatureExtractor::extract(const std::vector<TokenInfo>& info, uint32_t begin, uint32_t end,
                                  FeatureSequence& out) const {
  out.clear();
  static const TokenInfo kPad = [] {
    TokenInfo t;
    t.lower = t.exact = t.shape = t.long_shape = 0x5eed;  // sentence boundary
    t.flags = 1u << 20;
    return t;
  }();
  auto at = [&](int64_t k) -> const TokenInfo& {
    return (k < static_cast<int64_t>(begin) || k >= static_cast<int64_t>(end)) ? kPad : info[static_cast<size_t>(k)];
  };
  auto& v = out.values;
  // A token has at most 77 features (32 of them lexicon bits); they are gathered in a
  // buffer and appended at once, which spares a capacity check and an out-of-line call
  // per feature.
  constexpr size_t kMaxFeaturesPerToken = 96;
  uint64_t buffer[kMaxFeaturesPerToken];
  uint64_t* w = buffer;
  auto put = [&w](uint64_t f) { *w++ = f; };
  for (uint32_t i = begin; i < end; ++i) {
    w = buffer;
    const TokenInfo& t = info[i];
    const TokenInfo& p1 = at(int64_t(i) - 1);
    const TokenInfo& p2 = at(int64_t(i) - 2);
    const TokenInfo& n1 = at(int64_t(i) + 1);
    const TokenInfo& n2 = at(int64_t(i) + 2);
    put(feature(0, 0));  // bias
    put(feature(1, t.lower));
    put(feature(2, t.exact));
    put(feature(3, p1.lower));
    put(feature(4, n1.lower));
    put(feature(5, p2.lower));
    put(feature(6, n2.lower));
    put(feature2(7, p1.lower, t.lower));
    put(feature2(8, t.lower, n1.lower));
    put(feature(9, t.shape));
    put(feature(10, t.long_shape));
    put(feature(11, p1.shape));
    put(feature(12, n1.shape));
    put(feature2(13, p1.shape, t.shape));
    put(feature2(14, t.shape, n1.shape));
    for (int k = 0; k < 4; ++k) {
      if (t.prefix[k]) put(feature(15 + k, t.prefix[k]));
      if (t.suffix[k]) put(feature(19 + k, t.suffix[k]));
    }
    put(feature(23, t.flags));
    put(feature2(24, t.flags & (kFlagSpaceBefore | kFlagSpaceAfter), t.shape));
    put(feature2(25, p1.flags & (kFlagSpaceBefore | kFlagSpaceAfter | kFlagWord), p1.lower));
    put(feature2(26, n1.flags & (kFlagSpaceBefore | kFlagSpaceAfter | kFlagWord), n1.lower));
    put(feature2(27, p1.lower, n1.lower));
    // Lexicon: every (position, class) bit of this token, and the classes around it.
    for (uint32_t bits = t.lexicon; bits; bits &= bits - 1) put(feature(28, static_cast<uint64_t>(__builtin_ctz(bits))));
    if (t.lexicon) put(feature2(29, t.lexicon, t.shape));
    put(feature(30, p1.lexicon));
    put(feature(31, n1.lexicon));
    if (t.lexicon) put(feature2(32, t.lexicon, t.lower));
    // Abbreviations.
    if (t.abbrev) {
      put(feature(33, t.abbrev));
      put(feature2(34, t.abbrev, t.shape));
    }
    if (p1.abbrev & kInShortForm) put(feature(35, p1.abbrev));
    if (n1.abbrev & kInShortForm) put(feature(36, n1.abbrev));
    // Chunk.
    if (t.chunk_position != 0) {
      put(feature2(37, t.chunk_lower, t.chunk_position));
      put(feature2(38, t.chunk_shape, t.chunk_position));
      put(feature2(39, t.chunk_position, t.shape));
    }
    if (t.chunk_lexicon) put(feature2(40, t.chunk_lexicon, t.chunk_position));
    // Word clusters: the token's at every granularity, its neighbours' at the middle one.
    if (t.cluster[0]) {
      for (int g = 0; g < 3; ++g)
        if (t.cluster[g]) put(feature(42 + g, t.cluster[g]));
    }
    if (p1.cluster[1]) put(feature(45, p1.cluster[1]));
    if (n1.cluster[1]) put(feature(46, n1.cluster[1]));
    assert(static_cast<size_t>(w - buffer) <= kMaxFeaturesPerToken);
    v.insert(v.end(), buffer, w);
    out.offsets.push_back(static_cast<uint32_t>(v.size()));
  }
}

}  // namespace biotator
