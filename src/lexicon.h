// Compiled entity lexicon: millions of names of genes, diseases, chemicals, species and
// cell lines, and a longest-match dictionary matcher over tokenized text. The NER uses
// the matches as features, so matching must cost a few microseconds per abstract.
//
// NORMALIZATION. Terms and text go through the same steps, so a term matches wherever
// its normalized form occurs at token boundaries:
//   1. tokenize() (src/tokenizer.h): letter/digit runs and single symbol characters;
//   2. hyphen tokens ('-', U+2010..U+2013) are dropped, whitespace never counts;
//   3. each word token is cut into units at letter/digit changes ("IL2" -> il 2,
//      "CYP2C19" -> cyp 2 c 19), each Greek letter is a unit spelled by its name
//      ("TNFα" -> tnf alpha, µ -> mu), and a spelled Greek name written camel-case
//      inside a word is cut out too ("TNFalpha" -> tnf alpha, "NFkappaB" -> nf kappa b;
//      only alpha/beta/gamma/delta/kappa, and only at a case change so "alphabet"
//      and "Betaine" stay whole);
//   4. units are lowercased (ASCII and Latin-1); other symbols stay units of their own.
// The key of a term is the hash of its unit sequence. Hence "IL-2", "IL 2", "IL2",
// "il-2" all have the key [il, 2]; "TNF-α", "TNF-alpha", "TNFα", "TNFalpha" have
// [tnf, alpha]; "NF-κB" = "NF-kappaB" = "NFkappaB"; but "IL(2)" differs from "IL-2"
// (parentheses are units) and "Alzheimer's" keeps its apostrophe.
//
// STRUCTURE. Every term is stored as a 64-bit hash of its unit sequence with a 16-bit
// payload (entity class bits, source bits, "is a term" and "is a proper prefix of a
// term" flags). The prefix entries let the matcher stop extending as soon as no term
// can continue. Hashes are polynomial over unit hashes, so the hash of a sequence
// extends by one token in O(1) whatever the token's unit count. The table is an
// open-addressing array of 64-byte buckets holding 6 keys and their payloads, probed
// linearly bucket after bucket, so a lookup usually touches one cache line (load
// <= 0.85 while building, about 0.7 after finalize()): no strings at run time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer.h"

namespace biotator {

enum EntityClass : uint8_t {
  kGene = 1,
  kDisease = 2,
  kChemical = 4,
  kSpecies = 8,
  kCellLine = 16,
  // MeSH D08 (enzymes) and D12 (amino acids, peptides, proteins): chemical names that
  // BioRED mostly annotates as genes. Kept apart so the NER can learn how weak they are.
  kChemicalProteinBranch = 32,
  kGeneFamily = 64,  // FamPlex families and complexes (not Gene in BioRED)
};

// Where a term came from (several bits when several sources agree).
enum LexiconSource : uint8_t {
  kSourceVocabulary = 1,  // curated vocabularies (MeSH, CTD, NCBI Gene, UniProt species)
  kSourceMentionKb = 2,   // mention/identifier pairs harvested from annotated text
  kSourceCorpus = 4,      // gold mentions of a training corpus
};

struct LexiconMatch {
  uint32_t first_token = 0;  // index of the first token of the match
  uint32_t end_token = 0;    // one past the last token
  uint8_t classes = 0;       // EntityClass bits of the matched term
  uint8_t sources = 0;       // LexiconSource bits of the matched term
  friend bool operator==(const LexiconMatch&, const LexiconMatch&) = default;
};

class Lexicon {
 public:
  // Longest term, in units, that add() accepts (longer names are IUPAC-like strings
  // that never occur verbatim) and so the most tokens a match can span.
  static constexpr size_t kMaxTermUnits = 48;

  // What one text token contributes to a sequence hash: key' = key * multiplier + value.
  // Hyphens contribute nothing (multiplier 1, value 0, units 0).
  struct TokenKey {
    uint64_t multiplier = 1;
    uint64_t value = 0;
    uint32_t units = 0;
  };

  // Adds `term` (normalized as above) with EntityClass bits `classes`. Returns false,
  // adding nothing, when the term has no units or more than kMaxTermUnits. Adding a
  // term again ORs its bits. Works before and after finalize()/load().
  bool add(std::string_view term, uint8_t classes, uint8_t sources = kSourceVocabulary);
  // Sizes the table for fast lookups (load ~0.7). Call once adding is done.
  void finalize();

  // The normalized key material of one token's text.
  static TokenKey token_key(std::string_view token_text);
  // Normalized units of `text`, joined by single spaces ("TNF-α" -> "tnf alpha"):
  // what the key is the hash of. For tests, debugging and building filters.
  static std::string normalize(std::string_view text);

  // For every token where a term starts, the longest term starting there (so matches
  // from different starts may overlap; at most one match per start). Matches never
  // start or end on a hyphen. `out` is cleared first. Thread-safe.
  void match(std::string_view text, const std::vector<Token>& tokens, std::vector<LexiconMatch>& out) const;
  // Same, from keys computed by the caller (one token_key per token).
  void match_keys(const std::vector<TokenKey>& keys, std::vector<LexiconMatch>& out) const;

  // Class bits of `term` when it is a term of the lexicon, else 0.
  uint8_t classes_of(std::string_view term) const;
  // Source bits of `term` when it is a term of the lexicon, else 0.
  uint8_t sources_of(std::string_view term) const;

  // Binary file: header (magic, version, counts) + zstd-compressed sorted keys
  // (delta varints) and payloads. Throws std::runtime_error naming the path on failure.
  void save(const std::string& path) const;
  static Lexicon load(const std::string& path);

  size_t size() const { return term_count_; }          // number of distinct terms
  size_t key_count() const { return key_count_; }      // terms + prefix-only keys
  size_t memory_bytes() const { return buckets_.capacity() * sizeof(Bucket); }
  // Number of terms having each EntityClass bit (index = bit position 0..7).
  std::vector<size_t> class_counts() const;

 private:
  // Payload layout: low byte EntityClass bits, then LexiconSource bits, then flags.
  static constexpr uint16_t kSourceShift = 8;
  static constexpr uint16_t kIsTerm = 1u << 14;
  static constexpr uint16_t kIsPrefix = 1u << 15;

  // One cache line: 6 keys (0 = empty; a bucket fills front to back) and payloads.
  // `overflowed` is set when a key that belongs here had to go to a later bucket, so
  // a lookup of an absent key stops at its own bucket unless that bucket overflowed.
  static constexpr size_t kBucketKeys = 6;
  struct alignas(64) Bucket {
    uint64_t keys[kBucketKeys] = {};
    uint16_t payloads[kBucketKeys] = {};
    uint32_t overflowed = 0;
  };

  void insert(uint64_t key, uint16_t payload);
  void place(uint64_t key, uint16_t payload);  // `key` is known to be absent
  void rehash(size_t bucket_count);
  size_t bucket_of(uint64_t key) const {
    // The high bits pick the bucket, so sorted keys fill the table front to back.
    return static_cast<size_t>(((key >> 32) * static_cast<uint64_t>(buckets_.size())) >> 32);
  }
  uint16_t find(uint64_t key) const;  // payload, 0 when absent
  uint16_t term_payload(std::string_view term) const;
  template <typename Fn>
  void for_each_entry(Fn&& fn) const;  // fn(key, payload) for every stored key

  std::vector<Bucket> buckets_;
  size_t key_count_ = 0;
  size_t term_count_ = 0;
};

}  // namespace biotator
