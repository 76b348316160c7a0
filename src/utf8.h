// UTF-8 helpers. Every offset BioTator reads or writes counts Unicode code points
// (as PubTator and BioC do), while text is stored as UTF-8 bytes; these functions
// convert between the two without ever copying the text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace biotator {

// Number of code points in a UTF-8 string (assumes it is valid UTF-8).
size_t utf8_length(std::string_view s);

// True when `s` is valid UTF-8; otherwise `*bad_byte` receives the byte offset of
// the first invalid sequence.
bool utf8_valid(std::string_view s, size_t* bad_byte = nullptr);

// Byte offset of code point `cp` in `s` (s.size() when cp == length). Linear time.
size_t utf8_byte_offset(std::string_view s, size_t cp);

// Decodes the code point starting at byte `*pos` and advances `*pos`.
// Invalid bytes decode as U+FFFD and advance by one.
char32_t utf8_decode(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `c` to `out`.
void utf8_append(std::string& out, char32_t c);

// Maps code point offsets to byte offsets in O(1) after an O(n) build. For pure
// ASCII text (the common case) it stores nothing and the mapping is the identity.
class CodepointIndex {
 public:
  CodepointIndex() = default;
  explicit CodepointIndex(std::string_view s);

  size_t size() const { return length_; }  // number of code points
  size_t byte_offset(size_t cp) const {
    return ascii_ ? cp : byte_of_cp_[cp];
  }
  // byte_offset of an annotation offset, clamped to 0..size() first (offsets read from
  // input may lie outside the text).
  size_t clamped_byte_offset(int64_t cp) const {
    return byte_offset(static_cast<size_t>(std::clamp<int64_t>(cp, 0, static_cast<int64_t>(length_))));
  }
  // Code point index containing byte `b` (b must be a code point boundary or the end).
  size_t codepoint_of_byte(size_t b) const;
  bool ascii() const { return ascii_; }

 private:
  bool ascii_ = true;
  size_t length_ = 0;
  std::vector<uint32_t> byte_of_cp_;  // length_ + 1 entries when !ascii_
};

}  // namespace biotator
