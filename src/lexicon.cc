#include "lexicon.h"

#include "hashing.h"

#include <zstd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "utf8.h"

namespace biotator {
namespace {

// Hashes read bytes as little-endian words; saved lexicons assume that byte order.
static_assert(std::endian::native == std::endian::little, "the lexicon hash assumes a little-endian host");

// Multiplier of the polynomial sequence hash (odd, so multiplication is invertible).
constexpr uint64_t kSequenceBase = 0x9E3779B97F4A7C15ull;


// The table key of a sequence state; 0 marks empty bucket entries, so it is never a key.
uint64_t table_key(uint64_t state) {
  const uint64_t key = mix64(state ^ 0x5851F42D4C957F2Dull);
  return key == 0 ? 1 : key;
}

bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Lowercases the ASCII capitals of 8 bytes at once (bytes must all be < 0x80).
uint64_t ascii_lower8(uint64_t chunk) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t at_least_a = chunk + kOnes * (0x80 - 'A');      // high bit: byte >= 'A'
  const uint64_t above_z = chunk + kOnes * (0x80 - 'Z' - 1);     // high bit: byte > 'Z'
  return chunk | (((at_least_a & ~above_z) & (kOnes * 0x80)) >> 2);
}

uint64_t hash_step(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * 0x9FB21C651E98DF25ull;
  return h ^ (h >> 29);
}
constexpr uint64_t kUnitHashSeed = 0x9AE16A3B2F90404Full;
uint64_t hash_finish(uint64_t h, size_t n) { return mix64(h ^ (n * 0xC2B2AE3D27D4EB4Full)); }

// Loads bytes [i, i + 8) of `data` (fewer at the end, zero-padded) little-endian.
uint64_t load_chunk(const char* data, size_t i, size_t n) {
  uint64_t chunk = 0;
  if (i + 8 <= n) {
    std::memcpy(&chunk, data + i, 8);
  } else {
    for (size_t k = 0; i + k < n; ++k) chunk |= uint64_t{static_cast<unsigned char>(data[i + k])} << (8 * k);
  }
  return chunk;
}

// Hash of a unit with non-ASCII bytes: lowercases ASCII and the Latin-1 capitals
// À..Þ (UTF-8 C3 80..C3 9E, but not × C3 97) into a buffer, then hashes it.
uint64_t unit_hash_non_ascii(std::string_view unit) {
  std::string lowered(unit);
  for (size_t i = 0; i < lowered.size(); ++i) {
    const auto c = static_cast<unsigned char>(lowered[i]);
    if (is_ascii_upper(c) || (i > 0 && static_cast<unsigned char>(lowered[i - 1]) == 0xC3 && c >= 0x80 &&
                              c <= 0x9E && c != 0x97)) {
      lowered[i] = static_cast<char>(c + 32);
    }
  }
  uint64_t h = kUnitHashSeed;
  for (size_t i = 0; i < lowered.size(); i += 8) h = hash_step(h, load_chunk(lowered.data(), i, lowered.size()));
  return hash_finish(h, lowered.size());
}

// Hash of a unit's lowercased bytes: its bytes in little-endian 8-byte chunks (the
// last one zero-padded) folded by hash_step, then hash_finish with the length.
inline uint64_t unit_hash(std::string_view unit) {
  const size_t n = unit.size();
  uint64_t h = kUnitHashSeed;
  for (size_t i = 0; i < n; i += 8) {
    const uint64_t chunk = load_chunk(unit.data(), i, n);
    if (chunk & 0x8080808080808080ull) return unit_hash_non_ascii(unit);
    h = hash_step(h, ascii_lower8(chunk));
  }
  return hash_finish(h, n);
}

void append_lowercase(std::string& out, std::string_view unit) {
  const auto* b = reinterpret_cast<const unsigned char*>(unit.data());
  for (size_t i = 0; i < unit.size(); ++i) {
    unsigned char c = b[i];
    if (is_ascii_upper(c) || (i > 0 && b[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)) c += 32;
    out.push_back(static_cast<char>(c));
  }
}

constexpr std::array<const char*, 25> kGreekNames = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",     "theta",   "iota",
    "kappa", "lambda", "mu", "nu",    "xi",      "omicron", "pi", "rho", "sigma" /*final*/,
    "sigma", "tau", "upsilon", "phi", "chi",     "psi",     "omega"};

// Name of a Greek letter (either case, plus the micro sign and symbol variants), or null.
const char* greek_name(char32_t c) {
  if (c >= 0x03B1 && c <= 0x03C9) return kGreekNames[c - 0x03B1];
  if (c >= 0x0391 && c <= 0x03A9 && c != 0x03A2) return kGreekNames[c - 0x0391];
  switch (c) {
    case 0x00B5: return "mu";  // micro sign, as in "µM" and "µ-opioid"
    case 0x03D0: return "beta";
    case 0x03D1: return "theta";
    case 0x03D5: return "phi";
    case 0x03D6: return "pi";
    case 0x03F0: return "kappa";
    case 0x03F1: return "rho";
    case 0x03F5: return "epsilon";
    default: return nullptr;
  }
}

// What an ASCII byte is to the normalizer (bytes >= 0x80 are kAsciiNone).
enum AsciiKind : uint8_t { kAsciiNone, kAsciiLetter, kAsciiDigit, kAsciiUnit /* a symbol unit */ };
constexpr std::array<uint8_t, 256> make_ascii_kinds() {
  std::array<uint8_t, 256> kinds{};
  for (int c = 0x21; c < 0x7F; ++c) {
    if (c >= '0' && c <= '9') kinds[c] = kAsciiDigit;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) kinds[c] = kAsciiLetter;
    else if (c != '-') kinds[c] = kAsciiUnit;  // hyphens, spaces and controls: no unit
  }
  return kinds;
}
constexpr std::array<uint8_t, 256> kAsciiKinds = make_ascii_kinds();

bool is_hyphen(char32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2013); }

// Greek names that authors write inside words instead of the letter ("TNFalpha").
constexpr std::array<std::string_view, 5> kCamelGreekNames = {"alpha", "beta", "gamma", "delta", "kappa"};

// Emits the units of a letter run, cutting out camel-case Greek names: a lowercase
// name preceded by a capital (or starting the run) and followed by a capital (or
// ending the run). "TNFalpha" -> TNF alpha, "NFkappaB" -> NF kappa B, "alphaB" ->
// alpha B; "alphabet", "Betaine", "tnfalpha" stay whole.
template <typename Emit>
void emit_letter_run(std::string_view run, Emit& emit) {
  const auto* b = reinterpret_cast<const unsigned char*>(run.data());
  const size_t n = run.size();
  if (n < 4) {  // shorter than "beta": nothing to cut out
    emit(run);
    return;
  }
  size_t unit_start = 0;
  size_t p = 0;
  while (p < n) {
    // A name can only start the run or follow a capital: test that first, it is
    // rarely true inside lowercase words and so predicts well.
    if (p != 0 && !is_ascii_upper(b[p - 1])) {
      ++p;
      continue;
    }
    const unsigned char c = b[p];
    size_t name_end = 0;
    if (c == 'a' || c == 'b' || c == 'g' || c == 'd' || c == 'k') {
      for (std::string_view name : kCamelGreekNames) {
        const size_t q = p + name.size();
        if (q <= n && run.compare(p, name.size(), name) == 0 && (q == n || is_ascii_upper(b[q]))) {
          name_end = q;
          break;
        }
      }
    }
    if (name_end == 0 || (p == 0 && name_end == n)) {
      ++p;
      continue;
    }
    if (p > unit_start) emit(run.substr(unit_start, p - unit_start));
    emit(run.substr(p, name_end - p));
    unit_start = p = name_end;
  }
  if (unit_start < n) emit(run.substr(unit_start));
}

// Calls emit(unit) for every normalized unit of `text` (see the header), in order.
// Units are views into `text` or static Greek names; emit lowercases them.
template <typename Emit>
void for_each_unit(std::string_view text, Emit&& emit) {
  enum RunClass { kNone, kLetters, kDigits };
  RunClass run_class = kNone;
  size_t run_start = 0;
  auto flush = [&](size_t end) {
    if (run_class == kLetters) {
      emit_letter_run(text.substr(run_start, end - run_start), emit);
    } else if (run_class == kDigits) {
      emit(text.substr(run_start, end - run_start));
    }
    run_class = kNone;
  };
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    const size_t start = pos;
    RunClass cls;
    if (b[pos] < 0x80) {
      const unsigned char c = b[pos++];
      const uint8_t kind = kAsciiKinds[c];
      if (kind == kAsciiLetter || kind == kAsciiDigit) {
        // Swallow the rest of the ASCII letters (or digits) in one tight loop.
        while (pos < n && kAsciiKinds[b[pos]] == kind) ++pos;
        cls = kind == kAsciiDigit ? kDigits : kLetters;
      } else {
        flush(start);
        if (kind == kAsciiUnit) emit(text.substr(start, 1));
        continue;
      }
    } else {
      const char32_t c = utf8_decode(text, &pos);
      const CharClass char_class = classify_codepoint(c);
      if (char_class != CharClass::kWord) {
        flush(start);
        if (char_class == CharClass::kSymbol && !is_hyphen(c)) emit(text.substr(start, pos - start));
        continue;
      }
      if (const char* name = greek_name(c)) {
        flush(start);
        emit(std::string_view(name));
        continue;
      }
      cls = kLetters;  // other scripts' letters, combining marks, superscripts
    }
    if (cls != run_class) {
      flush(start);
      run_class = cls;
      run_start = start;
    }
  }
  flush(text.size());
}

// Little-endian serialization helpers.
void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
uint64_t get_u64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}
void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

constexpr char kMagic[8] = {'B', 'T', 'L', 'E', 'X', 'v', '0', '1'};
constexpr size_t kHeaderSize = 8 + 3 * 8;  // magic, key count, term count, body size
constexpr size_t kMinBuckets = 64;

// token_key for all-ASCII text in one pass: splits units, lowercases and hashes
// (the same hash as unit_hash) as it goes. Returns false, leaving `key` unspecified,
// for what it does not handle: non-ASCII bytes and camel-case Greek names.
bool ascii_token_key(std::string_view text, Lexicon::TokenKey& key) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  uint64_t h = kUnitHashSeed;
  uint64_t chunk = 0;
  size_t unit_length = 0;
  uint8_t unit_kind = kAsciiNone;
  auto finish_unit = [&] {
    if (unit_length % 8 != 0) h = hash_step(h, chunk);
    key.value = key.value * kSequenceBase + hash_finish(h, unit_length);
    key.multiplier *= kSequenceBase;
    ++key.units;
    h = kUnitHashSeed;
    chunk = 0;
    unit_length = 0;
  };
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = b[i];
    if (c >= 0x80) return false;
    const uint8_t kind = kAsciiKinds[c];
    if (unit_length != 0 && (kind != unit_kind || kind == kAsciiUnit)) finish_unit();
    if (kind == kAsciiNone) continue;  // hyphen, space, control
    if (kind == kAsciiLetter) {
      if (is_ascii_upper(c)) {
        c += 32;
      } else if ((c == 'a' || c == 'b' || c == 'g' || c == 'd' || c == 'k') &&
                 (unit_length == 0 || is_ascii_upper(b[i - 1]))) {
        for (std::string_view name : kCamelGreekNames) {
          const size_t q = i + name.size();
          if (q <= n && text.compare(i, name.size(), name) == 0 &&
              (q == n || kAsciiKinds[b[q]] != kAsciiLetter || is_ascii_upper(b[q]))) {
            return false;  // a Greek name to cut out: the general path does it
          }
        }
      }
    }
    chunk |= uint64_t{c} << (8 * (unit_length % 8));
    unit_kind = kind;
    if (++unit_length % 8 == 0) {
      h = hash_step(h, chunk);
      chunk = 0;
    }
  }
  if (unit_length != 0) finish_unit();
  return true;
}

}  // namespace

Lexicon::TokenKey Lexicon::token_key(std::string_view token_text) {
  TokenKey key;
  if (ascii_token_key(token_text, key)) return key;
  key = TokenKey{};
  for_each_unit(token_text, [&](std::string_view unit) {
    key.value = key.value * kSequenceBase + unit_hash(unit);
    key.multiplier *= kSequenceBase;
    ++key.units;
  });
  return key;
}

std::string Lexicon::normalize(std::string_view text) {
  std::string out;
  for_each_unit(text, [&](std::string_view unit) {
    if (!out.empty()) out.push_back(' ');
    append_lowercase(out, unit);
  });
  return out;
}

bool Lexicon::add(std::string_view term, uint8_t classes, uint8_t sources) {
  std::array<uint64_t, kMaxTermUnits> prefix_keys;
  size_t units = 0;
  uint64_t state = 0;
  bool too_long = false;
  for_each_unit(term, [&](std::string_view unit) {
    state = state * kSequenceBase + unit_hash(unit);
    if (units < kMaxTermUnits) prefix_keys[units] = table_key(state);
    else too_long = true;
    ++units;
  });
  if (units == 0 || too_long) return false;
  for (size_t i = 0; i + 1 < units; ++i) insert(prefix_keys[i], kIsPrefix);
  insert(prefix_keys[units - 1], static_cast<uint16_t>(kIsTerm | classes | (sources << kSourceShift)));
  return true;
}

template <typename Fn>
void Lexicon::for_each_entry(Fn&& fn) const {
  for (const Bucket& bucket : buckets_) {
    for (size_t i = 0; i < kBucketKeys && bucket.keys[i] != 0; ++i) fn(bucket.keys[i], bucket.payloads[i]);
  }
}

void Lexicon::insert(uint64_t key, uint16_t payload) {
  if (buckets_.empty()) rehash(kMinBuckets);
  for (size_t b = bucket_of(key);; b = (b + 1 == buckets_.size()) ? 0 : b + 1) {
    Bucket& bucket = buckets_[b];
    for (size_t i = 0; i < kBucketKeys; ++i) {
      if (bucket.keys[i] == key) {
        const uint16_t before = bucket.payloads[i];
        bucket.payloads[i] = before | payload;
        if (!(before & kIsTerm) && (payload & kIsTerm)) ++term_count_;
        return;
      }
      if (bucket.keys[i] == 0) break;
    }
    if (!bucket.overflowed) break;  // absent: no key of this probe chain went further
  }
  // A new key: grow first when the table would pass 85% load.
  if ((key_count_ + 1) * 100 > buckets_.size() * kBucketKeys * 85) rehash(buckets_.size() * 2);
  place(key, payload);
  ++key_count_;
  if (payload & kIsTerm) ++term_count_;
}

void Lexicon::place(uint64_t key, uint16_t payload) {
  for (size_t b = bucket_of(key);; b = (b + 1 == buckets_.size()) ? 0 : b + 1) {
    Bucket& bucket = buckets_[b];
    for (size_t i = 0; i < kBucketKeys; ++i) {
      if (bucket.keys[i] == 0) {
        bucket.keys[i] = key;
        bucket.payloads[i] = payload;
        return;
      }
    }
    bucket.overflowed = 1;  // lookups passing here must go on to the next bucket
  }
}

void Lexicon::rehash(size_t bucket_count) {
  bucket_count = std::max({bucket_count, kMinBuckets, key_count_ / kBucketKeys + key_count_ / 16 + 1});
  std::vector<std::pair<uint64_t, uint16_t>> entries;
  entries.reserve(key_count_);
  for_each_entry([&](uint64_t key, uint16_t payload) { entries.emplace_back(key, payload); });
  // Buckets grow with the key, so inserting in key order fills the table front to back.
  std::sort(entries.begin(), entries.end());
  buckets_.assign(bucket_count, Bucket{});
  buckets_.shrink_to_fit();
  for (const auto& [key, payload] : entries) place(key, payload);
}

// 70% load: most lookups end in their first bucket; memory is ~15 bytes a key.
void Lexicon::finalize() { rehash(key_count_ * 10 / (7 * kBucketKeys) + 1); }

uint16_t Lexicon::find(uint64_t key) const {
  if (buckets_.empty()) return 0;
  for (size_t b = bucket_of(key);; b = (b + 1 == buckets_.size()) ? 0 : b + 1) {
    const Bucket& bucket = buckets_[b];
    for (size_t i = 0; i < kBucketKeys; ++i) {
      if (bucket.keys[i] == key) return bucket.payloads[i];
    }
    if (!bucket.overflowed) return 0;
  }
}

uint16_t Lexicon::term_payload(std::string_view term) const {
  uint64_t state = 0;
  size_t units = 0;
  for_each_unit(term, [&](std::string_view unit) {
    state = state * kSequenceBase + unit_hash(unit);
    ++units;
  });
  if (units == 0) return 0;
  const uint16_t payload = find(table_key(state));
  return (payload & kIsTerm) ? payload : 0;
}

uint8_t Lexicon::classes_of(std::string_view term) const {
  return static_cast<uint8_t>(term_payload(term) & 0xFF);
}

uint8_t Lexicon::sources_of(std::string_view term) const {
  return static_cast<uint8_t>((term_payload(term) >> kSourceShift) & 0x3F);
}

void Lexicon::match(std::string_view text, const std::vector<Token>& tokens, std::vector<LexiconMatch>& out) const {
  thread_local std::vector<TokenKey> keys;
  keys.resize(tokens.size());
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  // True when every byte of `lanes` lies in [lo, hi] (bytes all < 0x80).
  auto all_in = [](uint64_t chunk, uint64_t lanes, unsigned lo, unsigned hi) {
    return ((chunk + kOnes * (0x80 - lo)) & ~(chunk + kOnes * (0x7F - hi)) & lanes) == lanes;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    const size_t length = token.end - token.begin;
    // Fast path for the bulk of abstract tokens: one word of up to 8 bytes that is all
    // lowercase, all capitals or all digits is a single unit (no camel-case Greek
    // name can hide in it), hashed from one 8-byte load as unit_hash would.
    if (length <= 8 && length > 0 && token.begin + 8 <= text.size()) {
      uint64_t chunk;
      std::memcpy(&chunk, text.data() + token.begin, 8);
      const uint64_t lanes = (length == 8 ? ~0ull : (uint64_t{1} << (8 * length)) - 1) & (kOnes * 0x80);
      chunk &= lanes | (lanes >> 1) | (lanes >> 2) | (lanes >> 3) | (lanes >> 4) | (lanes >> 5) | (lanes >> 6) |
               (lanes >> 7);
      if ((chunk & kOnes * 0x80) == 0 &&
          (all_in(chunk, lanes, 'a', 'z') || all_in(chunk, lanes, '0', '9') || all_in(chunk, lanes, 'A', 'Z'))) {
        keys[i] = {kSequenceBase, hash_finish(hash_step(kUnitHashSeed, ascii_lower8(chunk)), length), 1};
        continue;
      }
    }
    keys[i] = token_key(token.text(text));
  }
  match_keys(keys, out);
}

void Lexicon::match_keys(const std::vector<TokenKey>& keys, std::vector<LexiconMatch>& out) const {
  out.clear();
  if (buckets_.empty()) return;
  const size_t n = keys.size();
  // Each start's first lookup is independent of the others: prefetch the bucket of
  // the start kPrefetchAhead tokens on, so cache misses overlap instead of queuing.
  constexpr size_t kPrefetchAhead = 8;
  for (size_t i = 0; i < std::min(n, kPrefetchAhead); ++i) {
    __builtin_prefetch(&buckets_[bucket_of(table_key(keys[i].value))]);
  }
  for (size_t start = 0; start < n; ++start) {
    if (start + kPrefetchAhead < n) {
      __builtin_prefetch(&buckets_[bucket_of(table_key(keys[start + kPrefetchAhead].value))]);
    }
    if (keys[start].units == 0) continue;  // never start on a hyphen
    uint64_t state = 0;
    size_t best_end = 0;
    uint16_t best_payload = 0;
    size_t word_tokens = 0;
    for (size_t j = start; j < n; ++j) {
      const TokenKey& k = keys[j];
      if (k.units == 0) continue;  // hyphens are transparent
      if (++word_tokens > kMaxTermUnits) break;
      state = state * k.multiplier + k.value;
      // The next extension's key does not depend on this lookup: fetch its bucket
      // meanwhile (a hyphen next just makes this prefetch useless).
      if (j + 1 < n) {
        __builtin_prefetch(&buckets_[bucket_of(table_key(state * keys[j + 1].multiplier + keys[j + 1].value))]);
      }
      const uint16_t payload = find(table_key(state));
      if (payload & kIsTerm) {
        best_end = j + 1;
        best_payload = payload;
      }
      if (!(payload & kIsPrefix)) break;
    }
    if (best_end != 0) {
      out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(best_end),
                     static_cast<uint8_t>(best_payload & 0xFF),
                     static_cast<uint8_t>((best_payload >> kSourceShift) & 0x3F)});
    }
  }
}

std::vector<size_t> Lexicon::class_counts() const {
  std::vector<size_t> counts(8, 0);
  for_each_entry([&](uint64_t, uint16_t payload) {
    if (!(payload & kIsTerm)) return;
    for (int bit = 0; bit < 8; ++bit) {
      if (payload & (1u << bit)) ++counts[bit];
    }
  });
  return counts;
}
void Lexicon::save(const std::string& path) const {
  std::vector<std::pair<uint64_t, uint16_t>> entries;
  entries.reserve(key_count_);
  for_each_entry([&](uint64_t key, uint16_t payload) { entries.emplace_back(key, payload); });
  std::sort(entries.begin(), entries.end());
  // Sorted 64-bit hashes differ by about 2^64 / count: delta varints store them in
  // ~6 bytes instead of 8. Payloads repeat a lot and compress to almost nothing.
  std::string body;
  body.reserve(entries.size() * 8);
  uint64_t previous = 0;
  for (const auto& entry : entries) {
    put_varint(body, entry.first - previous);
    previous = entry.first;
  }
  for (const auto& entry : entries) {
    body.push_back(static_cast<char>(entry.second & 0xFF));
    body.push_back(static_cast<char>(entry.second >> 8));
  }
  std::string file(kMagic, sizeof kMagic);
  put_u64(file, entries.size());
  put_u64(file, term_count_);
  put_u64(file, body.size());
  const size_t header = file.size();
  file.resize(header + ZSTD_compressBound(body.size()));
  const size_t compressed = ZSTD_compress(file.data() + header, file.size() - header, body.data(), body.size(), 3);
  if (ZSTD_isError(compressed)) {
    throw std::runtime_error(path + ": cannot compress lexicon: " + ZSTD_getErrorName(compressed));
  }
  file.resize(header + compressed);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(file.data(), static_cast<std::streamsize>(file.size()));
  out.close();
  if (!out) throw std::runtime_error(path + ": cannot write lexicon");
}

Lexicon Lexicon::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open lexicon");
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto corrupt = [&](const std::string& why) { return std::runtime_error(path + ": not a valid lexicon file: " + why); };
  if (file.size() < kHeaderSize || std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) {
    throw corrupt("bad magic (expected BTLEXv01)");
  }
  const uint64_t key_count = get_u64(file.data() + 8);
  const uint64_t term_count = get_u64(file.data() + 16);
  const uint64_t body_size = get_u64(file.data() + 24);
  if (body_size < key_count * 3 || body_size > (uint64_t{1} << 36) || term_count > key_count) {
    throw corrupt("inconsistent header counts");
  }
  std::string body(body_size, '\0');
  const size_t got = ZSTD_decompress(body.data(), body.size(), file.data() + kHeaderSize, file.size() - kHeaderSize);
  if (ZSTD_isError(got)) throw corrupt(std::string("zstd: ") + ZSTD_getErrorName(got));
  if (got != body_size) throw corrupt("truncated body");

  Lexicon lexicon;
  lexicon.buckets_.assign(std::max<size_t>(kMinBuckets, key_count * 10 / (7 * kBucketKeys) + 1), Bucket{});
  const auto* b = reinterpret_cast<const unsigned char*>(body.data());
  const size_t payload_start = body_size - key_count * 2;
  size_t pos = 0;
  uint64_t key = 0;
  for (uint64_t i = 0; i < key_count; ++i) {
    uint64_t delta = 0;
    for (int shift = 0;; shift += 7) {
      if (pos >= payload_start || shift > 63) throw corrupt("bad key encoding");
      delta |= static_cast<uint64_t>(b[pos] & 0x7F) << shift;
      if (!(b[pos++] & 0x80)) break;
    }
    if (delta == 0 && i > 0) throw corrupt("duplicate key");
    key += delta;
    const uint16_t payload = static_cast<uint16_t>(b[payload_start + 2 * i] | (b[payload_start + 2 * i + 1] << 8));
    if (key == 0 || payload == 0) throw corrupt("empty entry");
    lexicon.place(key, payload);  // keys come sorted: buckets fill front to back
    if (payload & kIsTerm) ++lexicon.term_count_;
  }
  if (pos != payload_start) throw corrupt("trailing bytes after the keys");
  lexicon.key_count_ = key_count;
  if (lexicon.term_count_ != term_count) throw corrupt("term count does not match the header");
  return lexicon;
}

}  // namespace biotator
