// ASCII character tests shared by the vocabulary readers, the variant grammar and the
// linker (identifiers, positions and citation numbers are ASCII digits).
#pragma once

#include <algorithm>
#include <string_view>

namespace biotator {

// Whether `s` is one or more ASCII digits.
inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace biotator
