#include "tokenizer.h"

#include <array>
#include <limits>
#include <stdexcept>

#include "utf8.h"

namespace biotator {
namespace {

constexpr std::array<CharClass, 128> make_ascii_classes() {
  std::array<CharClass, 128> classes{};
  for (int c = 0; c < 128; ++c) {
    if (c <= 0x20 || c == 0x7F) classes[c] = CharClass::kSpace;
    else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) classes[c] = CharClass::kWord;
    else classes[c] = CharClass::kSymbol;
  }
  return classes;
}
constexpr std::array<CharClass, 128> kAsciiClasses = make_ascii_classes();

}  // namespace

CharClass classify_codepoint(char32_t c) {
  if (c < 0x80) return kAsciiClasses[c];
  if (c < 0xA0) return CharClass::kSpace;  // C1 controls
  if (c < 0x100) {
    switch (c) {
      case 0xA0: case 0xAD: return CharClass::kSpace;  // no-break space, soft hyphen
      case 0xAA: case 0xB2: case 0xB3: case 0xB5: case 0xB9: case 0xBA:  // ª ² ³ µ ¹ º
        return CharClass::kWord;
      case 0xD7: case 0xF7: return CharClass::kSymbol;  // × ÷
      default: return c >= 0xC0 ? CharClass::kWord : CharClass::kSymbol;  // Latin-1 letters vs ¡..¿
    }
  }
  if (c < 0x2000) {
    // Latin Extended, IPA, combining marks, Greek, Cyrillic, ... Greek Extended: letters,
    // except the Greek question mark and ano teleia, and a few spaces/dashes.
    if (c == 0x037E || c == 0x0387) return CharClass::kSymbol;
    if (c >= 0x02C2 && c <= 0x02C5) return CharClass::kSymbol;  // modifier arrowheads
    if (c == 0x1680) return CharClass::kSpace;
    if (c == 0x058A || c == 0x05BE || c == 0x1806) return CharClass::kSymbol;  // script hyphens
    return CharClass::kWord;
  }
  if (c < 0x3000) {
    if (c <= 0x200F || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202F) ||
        (c >= 0x205F && c <= 0x206F)) {
      return CharClass::kSpace;  // spaces, zero-width and direction marks
    }
    if (c == 0x2070 || c == 0x2071 || (c >= 0x2074 && c <= 0x2079) || (c >= 0x207F && c <= 0x2089) ||
        (c >= 0x2090 && c <= 0x209C)) {
      return CharClass::kWord;  // superscript/subscript digits and letters (⁺ ⁻ ₊ stay symbols)
    }
    if (c >= 0x20D0 && c <= 0x20FF) return CharClass::kWord;  // combining marks for symbols
    if (c >= 0x2160 && c <= 0x2188) return CharClass::kWord;  // Roman numerals Ⅰ Ⅱ ...
    if (c >= 0x2C00 && c <= 0x2DFF) return CharClass::kWord;  // Glagolitic, Latin Ext-C, Coptic, ...
    return CharClass::kSymbol;  // punctuation, dashes, arrows, math, ±, ≤, °-like symbols
  }
  if (c == 0x3000) return CharClass::kSpace;
  if (c <= 0x303F) return CharClass::kSymbol;  // CJK punctuation
  if (c >= 0xD800 && c <= 0xDFFF) return CharClass::kSymbol;
  if (c >= 0xE000 && c <= 0xF8FF) return CharClass::kSymbol;  // private use
  if (c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F)) return CharClass::kSpace;  // BOM, variation selectors
  if (c >= 0xFE10 && c <= 0xFE6F) return CharClass::kSymbol;  // vertical/small forms
  if (c >= 0xFF00 && c <= 0xFFEF) {  // fullwidth forms: digits and Latin letters are words
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
        c >= 0xFF66) {
      return CharClass::kWord;
    }
    return CharClass::kSymbol;
  }
  if (c >= 0xFFF0 && c <= 0xFFFF) return CharClass::kSymbol;  // specials, U+FFFD
  if (c >= 0x1F000 && c <= 0x1FBFF) return CharClass::kSymbol;  // emoji, pictographs
  if (c >= 0xE0000) return CharClass::kSpace;  // tags, variation selectors supplement
  return CharClass::kWord;  // remaining scripts: CJK, Hangul, historic scripts
}

void tokenize(std::string_view text, std::vector<Token>& out) {
  out.clear();
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("tokenize: text of 4 GiB or more");
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  bool space_before = true;  // the start of the text counts as a boundary
  bool in_word = false;      // a word token is open (the last element of `out`)
  while (i < n) {
    const unsigned char byte = bytes[i];
    CharClass cls;
    size_t next;
    if (byte < 0x80) {
      cls = kAsciiClasses[byte];
      next = i + 1;
    } else {
      next = i;
      cls = classify_codepoint(utf8_decode(text, &next));
    }
    if (cls == CharClass::kWord) {
      if (!in_word) {
        out.push_back({static_cast<uint32_t>(i), 0, space_before, true});
        in_word = true;
        space_before = false;
      }
      i = next;
      // Fast path: the rest of an ASCII letter/digit run.
      while (i < n && bytes[i] < 0x80 && kAsciiClasses[bytes[i]] == CharClass::kWord) ++i;
      out.back().end = static_cast<uint32_t>(i);
      continue;
    }
    in_word = false;
    if (cls == CharClass::kSymbol) {
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(next), space_before, false});
      space_before = false;
    } else {
      space_before = true;
    }
    i = next;
  }
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 4);
  tokenize(text, tokens);
  return tokens;
}

}  // namespace biotator
