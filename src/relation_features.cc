#include "relation_features.h"

#include "hashing.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <new>
#include <span>
#include <stdexcept>
#include <tuple>
#include <type_traits>

#include "evaluator.h"

namespace biotator {

namespace {

constexpr std::array<std::string_view, kRelationTypeCount> kTypeNames = {
    "Association", "Positive_Correlation", "Negative_Correlation", "Bind",
    "Cotreatment", "Comparison",           "Drug_Interaction",     "Conversion"};

enum TypeBit : uint8_t {
  kAssociation = 1 << 0,
  kPositive = 1 << 1,
  kNegative = 1 << 2,
  kBind = 1 << 3,
  kCotreatment = 1 << 4,
  kComparison = 1 << 5,
  kDrugInteraction = 1 << 6,
  kConversion = 1 << 7,
};

// FORMATS.md's table of allowed types, indexed by ClassPair.
constexpr std::array<uint8_t, kClassPairCount> kAllowedTypes = {
    kAssociation | kComparison | kConversion | kCotreatment | kDrugInteraction | kNegative | kPositive,  // Chem-Chem
    kAssociation | kNegative | kPositive,                                                              // Chem-Disease
    kAssociation | kBind | kCotreatment | kNegative | kPositive,                                       // Chem-Gene
    kAssociation | kNegative | kPositive,                                                              // Chem-Variant
    kAssociation | kNegative | kPositive,                                                              // Disease-Gene
    kAssociation | kNegative | kPositive,                                                              // Disease-Variant
    kAssociation | kBind | kNegative | kPositive,                                                      // Gene-Gene
    kAssociation,                                                                                      // Variant-Variant
};

constexpr std::array<std::string_view, kClassPairCount> kClassPairNames = {
    "Chemical-Chemical", "Chemical-Disease", "Chemical-Gene",   "Chemical-Variant",
    "Disease-Gene",      "Disease-Variant",  "Gene-Gene",       "Variant-Variant"};

// Feature templates. Each hashed feature is (template, class pair or "any", value).
enum Template : uint64_t {
  kBias = 1,
  kSameSentence,
  kSentenceDistance,
  kTokenDistance,
  kTitle,
  kCountFirst,
  kCountSecond,
  kRankFirst,
  kRankSecond,
  kSalienceFirst,
  kSalienceSecond,
  kShape,
  kBetweenWord,
  kBetweenPrefix,
  kBetweenBigram,
  kBeforeWord,
  kAfterWord,
  kOrder,
  kCoordination,
  kEntitiesBetween,
  kSentenceWord,
  kCue,
  kClosestCue,
  kPosition,
  kNearWord,
  kAdjacentFirst,
  kAdjacentSecond,
  kHeadFirst,
  kHeadSecond,
  kAnyBetweenWord,
  kDocumentCue,
  kSection,
  kSectionMentions,
  kConceptFirst,
  kConceptSecond,
  kConceptPair,
  kPolarityBetween,
  kPolaritySentence,
  kRoleFirst,
  kRoleSecond,
  // Read by the novelty model only (RelationCandidate::type_feature_count).
  kSectionCue,
  kSharedSpread,
  kNoveltyCue,
  kNoveltyDocument,
};

// The hashes of features with small values (buckets, bit indices, small codes) are
// looked up in a table the extractor fills once: computed for every candidate, they were
// 3 % of the stage. The table covers every template up to kNoveltyDocument (later ones
// are hashed), every class pair and "any", and values below kTabulatedValues.
constexpr uint64_t kTabulatedTemplates = kNoveltyDocument + 1;
constexpr uint64_t kTabulatedValues = 256;
constexpr size_t kTabulatedPerPair = kTabulatedTemplates * kTabulatedValues;
constexpr uint64_t kAnyPair = 63;  // the "class pair" of features shared by all pairs
constexpr size_t kAnySlot = kClassPairCount;  // its place in the table, after the pairs

// Sentence cues, one bit each.
enum Cue : uint32_t {
  kNegationCue = 1 << 0,
  kHedgeCue = 1 << 1,
  kResultCue = 1 << 2,
  kBackgroundCue = 1 << 3,
  kWeCue = 1 << 4,
  kComparisonCue = 1 << 5,
  kCue_count = 6,
};

struct CueWord {
  std::string_view word;
  bool prefix;  // matches every word starting with it
  uint32_t cue;
};

constexpr CueWord kCueWords[] = {
    {"not", false, kNegationCue},       {"no", false, kNegationCue},         {"neither", false, kNegationCue},
    {"nor", false, kNegationCue},       {"without", false, kNegationCue},    {"lack", true, kNegationCue},
    {"absen", true, kNegationCue},      {"fail", true, kNegationCue},        {"unaffected", false, kNegationCue},
    {"unchanged", false, kNegationCue}, {"insignificant", false, kNegationCue}, {"nonsignificant", false, kNegationCue},
    {"may", false, kHedgeCue},          {"might", false, kHedgeCue},         {"could", false, kHedgeCue},
    {"possib", true, kHedgeCue},        {"suggest", true, kHedgeCue},        {"potential", true, kHedgeCue},
    {"likely", false, kHedgeCue},       {"hypothes", true, kHedgeCue},       {"whether", false, kHedgeCue},
    {"found", false, kResultCue},       {"show", true, kResultCue},          {"demonstrat", true, kResultCue},
    {"reveal", true, kResultCue},       {"indicat", true, kResultCue},       {"result", true, kResultCue},
    {"observed", false, kResultCue},    {"identified", false, kResultCue},   {"conclu", true, kResultCue},
    {"here", false, kResultCue},        {"present", false, kResultCue},      {"report", false, kResultCue},
    {"previous", true, kBackgroundCue}, {"known", false, kBackgroundCue},    {"reported", false, kBackgroundCue},
    {"been", false, kBackgroundCue},    {"established", false, kBackgroundCue}, {"recent", true, kBackgroundCue},
    {"studies", false, kBackgroundCue}, {"commonly", false, kBackgroundCue}, {"widely", false, kBackgroundCue},
    {"is", false, kBackgroundCue},      {"are", false, kBackgroundCue},
    {"we", false, kWeCue},              {"our", false, kWeCue},              {"this", false, kWeCue},
    {"compared", false, kComparisonCue}, {"than", false, kComparisonCue},    {"versus", false, kComparisonCue},
};


// Trigger words by what they say of the effect, matched as lowercase prefixes
// ("inhibit" covers inhibits, inhibited, inhibition, inhibitor). The learned word
// features cannot tell Positive from Negative_Correlation for the many trigger words
// seen a few times in training; these classes pool them (BioRED Dev, gold entities,
// mean over relation thresholds 0.2-0.4: pair+type 50.6 -> 52.3).
enum Polarity : uint32_t {
  kUp = 1 << 0,
  kDown = 1 << 1,
  kCause = 1 << 2,
  kTreat = 1 << 3,
  kBindWord = 1 << 4,
  kAssoc = 1 << 5,
  kPolarityCount = 6,
};
struct PolarityWord {
  std::string_view prefix;
  uint32_t polarity;
};
constexpr PolarityWord kPolarityWords[] = {
    {"increas", kUp},     {"elevat", kUp},      {"enhanc", kUp},      {"upregul", kUp},     {"up-regul", kUp},
    {"activat", kUp},     {"stimulat", kUp},    {"promot", kUp},      {"augment", kUp},     {"potentiat", kUp},
    {"induc", kUp | kCause}, {"overexpress", kUp}, {"higher", kUp},   {"rais", kUp},        {"accumulat", kUp},
    {"decreas", kDown},   {"reduc", kDown},     {"inhibit", kDown},   {"suppress", kDown},  {"downregul", kDown},
    {"down-regul", kDown}, {"block", kDown},    {"attenuat", kDown},  {"abolish", kDown},   {"abrogat", kDown},
    {"diminish", kDown},  {"lower", kDown},     {"prevent", kDown | kTreat}, {"antagon", kDown}, {"impair", kDown},
    {"loss", kDown},      {"deplet", kDown},    {"knockdown", kDown}, {"silenc", kDown},    {"revers", kDown},
    {"protect", kTreat},  {"treat", kTreat},    {"therap", kTreat},   {"amelior", kTreat},  {"alleviat", kTreat},
    {"improv", kTreat},   {"efficac", kTreat},  {"effective", kTreat}, {"relie", kTreat},   {"manag", kTreat},
    {"cause", kCause},    {"toxic", kCause},    {"adverse", kCause},  {"side", kCause},     {"risk", kCause},
    {"develop", kCause},  {"lead", kCause},     {"result", kCause},   {"associated", kAssoc}, {"associat", kAssoc},
    {"correlat", kAssoc}, {"polymorphi", kAssoc}, {"variant", kAssoc}, {"susceptib", kAssoc}, {"bind", kBindWord},
    {"interact", kBindWord}, {"complex", kBindWord}, {"ligand", kBindWord}, {"receptor", kBindWord}, {"phosphoryl", kUp},
};

// The byte that word hashes read for each byte: ASCII letters lowered, digits folded to
// '0'. (A table: testing each character for both took a third of the instructions of
// hashing a document's tokens.)
constexpr std::array<unsigned char, 256> kWordFold = [] {
  std::array<unsigned char, 256> fold{};
  for (int c = 0; c < 256; ++c)
    fold[static_cast<size_t>(c)] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c >= '0' && c <= '9' ? '0' : c);
  return fold;
}();

// FNV-1a of the word lowercased (ASCII) with digits folded to '0', so "IL6" and "il8"
// share statistics and numbers do not explode the vocabulary.
uint64_t word_hash(std::string_view w, size_t limit = std::string_view::npos) {
  // Not FNV's offset basis (14695981039346656037): a digit short of it, as it has been
  // since the first relation model. The value is baked into models/relations.bt.
  uint64_t h = 1469598103934665603ULL;
  const size_t n = std::min(w.size(), limit);
  for (size_t i = 0; i < n; ++i) h = fnv1a64_step(h, kWordFold[static_cast<unsigned char>(w[i])]);
  return h;
}

// word_hash of `w` and of its first `prefix` characters, in one pass (FNV-1a's state after
// those characters is their hash).
std::pair<uint64_t, uint64_t> word_and_prefix_hash(std::string_view w, size_t prefix) {
  const auto step = [](uint64_t h, char c) { return fnv1a64_step(h, kWordFold[static_cast<unsigned char>(c)]); };
  // (Two loops, not one asking at every character whether the prefix ends there.)
  uint64_t h = word_hash({});
  const size_t n = std::min(w.size(), prefix);
  for (size_t i = 0; i < n; ++i) h = step(h, w[i]);
  const uint64_t h_prefix = h;
  for (size_t i = n; i < w.size(); ++i) h = step(h, w[i]);
  return {h, h_prefix};
}

// ",", "and", "or", "/" or a parenthesis: what lists are made of (tested by length and
// characters: string comparisons cost a library call each).
bool is_coordination_token(std::string_view w) {
  if (w.size() == 1) return w[0] == ',' || w[0] == '/' || w[0] == '(' || w[0] == ')';
  if (w.size() == 2) return w[0] == 'o' && w[1] == 'r';
  return w.size() == 3 && w[0] == 'a' && w[1] == 'n' && w[2] == 'd';
}

// Whether `w` equals `lower` (lowercase ASCII) ignoring ASCII case.
bool equals_lower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (ascii_lower(w[i]) != static_cast<unsigned char>(lower[i])) return false;
  return true;
}

// Words that mark a sentence as stating known facts or the study's own findings, for the
// novelty model (matched lowercased, as the cue words are).
enum NoveltyCue : uint32_t {
  kKnownCue = 1 << 0,       // previously, known, reported, established, studies, literature
  kFindingCue = 1 << 1,     // found, showed, demonstrated, revealed, identified, observed
  kConclusionCue = 1 << 2,  // conclusion, suggest, results, findings, data
  kBeenCue = 1 << 3,        // "has been", "have been" (set per sentence from the two below)
  kReviewCue = 1 << 4,      // review, case: a document-level cue
  kHasWord = 1 << 5,        // has, have
  kBeenWord = 1 << 6,       // been
};
constexpr CueWord kNoveltyWords[] = {
    {"previous", true, kKnownCue},     {"known", false, kKnownCue},        {"reported", false, kKnownCue},
    {"established", false, kKnownCue}, {"studies", false, kKnownCue},      {"literature", false, kKnownCue},
    {"recent", true, kKnownCue},       {"prior", false, kKnownCue},        {"well", false, kKnownCue},
    {"found", false, kFindingCue},     {"show", true, kFindingCue},        {"demonstrat", true, kFindingCue},
    {"reveal", true, kFindingCue},     {"identified", false, kFindingCue}, {"observed", false, kFindingCue},
    {"detected", false, kFindingCue},  {"conclu", true, kConclusionCue},   {"suggest", true, kConclusionCue},
    {"results", false, kConclusionCue}, {"findings", false, kConclusionCue}, {"data", false, kConclusionCue},
    {"review", true, kReviewCue},      {"case", false, kReviewCue},        {"has", false, kHasWord},
    {"have", false, kHasWord},         {"been", false, kBeenWord},
};

struct WordClasses {
  uint32_t cues = 0;      // Cue bits
  uint32_t polarity = 0;  // Polarity bits (a union: "induc" is both up and cause)
  uint32_t novelty = 0;   // NoveltyCue bits
};

// The key of a word's first two characters in WordClassIndex, if both are ASCII letters
// (ignoring case); -1 otherwise.
int first_letters_key(std::string_view w) {
  if (w.size() < 2) return -1;
  const unsigned char c0 = ascii_lower(w[0]), c1 = ascii_lower(w[1]);
  if (c0 < 'a' || c0 > 'z' || c1 < 'a' || c1 > 'z') return -1;
  return (c0 - 'a') * 26 + (c1 - 'a');
}

// Every cue, trigger and novelty word starts with two lowercase letters, so a word
// that does not can match none of them.
static_assert([] {
  const auto letters = [](std::string_view w) {
    return w.size() >= 2 && w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z';
  };
  for (const CueWord& c : kCueWords)
    if (!letters(c.word)) return false;
  for (const PolarityWord& p : kPolarityWords)
    if (!letters(p.prefix)) return false;
  for (const CueWord& c : kNoveltyWords)
    if (!letters(c.word)) return false;
  return true;
}());

// The entries of the three word tables by their first two letters, so that a lookup
// compares only the one or two entries that can match (every word of a document is
// looked up; indexed by the first byte alone, words met a dozen entries and the string
// comparisons were 8 % of the stage).
class WordClassIndex {
 public:
  WordClassIndex() {
    std::vector<std::pair<int, Entry>> keyed;
    for (const CueWord& c : kCueWords) keyed.push_back({first_letters_key(c.word), {c.word, c.prefix, {c.cue, 0, 0}}});
    // (Trigger words are prefixes.)
    for (const PolarityWord& p : kPolarityWords)
      keyed.push_back({first_letters_key(p.prefix), {p.prefix, true, {0, p.polarity, 0}}});
    for (const CueWord& c : kNoveltyWords) keyed.push_back({first_letters_key(c.word), {c.word, c.prefix, {0, 0, c.cue}}});
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [key, entry] : keyed) {
      ++start_[static_cast<size_t>(key) + 1];
      entries_.push_back(entry);
    }
    for (size_t k = 1; k < start_.size(); ++k) start_[k] += start_[k - 1];
  }

  // The union of the classes of the entries that `w` matches ignoring ASCII case: a
  // prefix entry every word starting with it, another only the word itself.
  WordClasses classes(std::string_view w) const {
    WordClasses classes;
    const int key = first_letters_key(w);
    if (key < 0) return classes;
    for (uint16_t k = start_[static_cast<size_t>(key)]; k < start_[static_cast<size_t>(key) + 1]; ++k) {
      const Entry& e = entries_[k];
      if (e.prefix ? w.size() < e.word.size() : w.size() != e.word.size()) continue;
      // (Compared here, not lowered into a buffer for a library comparison: most
      // entries differ at the third character.)
      size_t i = 2;
      while (i < e.word.size() && ascii_lower(w[i]) == static_cast<unsigned char>(e.word[i])) ++i;
      if (i < e.word.size()) continue;
      classes.cues |= e.classes.cues;
      classes.polarity |= e.classes.polarity;
      classes.novelty |= e.classes.novelty;
    }
    return classes;
  }

 private:
  struct Entry {
    std::string_view word;
    bool prefix;
    WordClasses classes;
  };
  std::array<uint16_t, 26 * 26 + 1> start_{};
  std::vector<Entry> entries_;  // by key
};
const WordClassIndex kWordClassIndex;

// The sentence cues, trigger polarities and novelty cues of a word, matched ignoring ASCII case.
WordClasses classes_of_word(std::string_view w) { return kWordClassIndex.classes(w); }

// 0, 1, 2, 3, 4-5, 6-10, 11-20, 21+.
uint64_t bucket(int64_t v) {
  if (v < 0) return 15;
  if (v <= 3) return static_cast<uint64_t>(v);
  if (v <= 5) return 4;
  if (v <= 10) return 5;
  if (v <= 20) return 6;
  return 7;
}

// Per-token facts computed once per document.
struct TokenInfo {
  uint64_t word = 0;     // word_hash of the token, or of its entity class placeholder
  uint64_t prefix = 0;   // word_hash of its first 5 characters (long words only; else = word)
  int32_t mention = -1;  // index of the annotation covering it, -1 if none
  bool is_word = false;
  // classes_of_word of the token's text (words only). Polarity is read inside mentions
  // too ("NOS inhibitor"), cues only outside them.
  uint32_t polarity = 0;
  uint32_t cues = 0;
  uint32_t novelty = 0;  // NoveltyCue bits (words only)
};

// What one concept's mentions say around them (see extract).
struct ConceptContext {
  std::vector<uint64_t> adjacent, heads;  // sorted, unique
  uint32_t role = 0;  // polarities of the words next to and inside its mentions
  bool in_title = false;  // some mention is in the title
  uint64_t sections = 0;  // bit section(s) for the sentence s of each mention
};

// The features of one concept alone in a candidate, hashed (see extract).
struct ConceptFeatures {
  static constexpr uint32_t kNotHashed = UINT32_MAX;  // no hash has all 32 bits set (hash_bits <= 26)
  uint32_t count = kNotHashed, rank = 0, salience = 0, identity = 0;
};

// The features of the candidate being gathered, and which hash buckets they fill: a
// stamp per bucket, equal to the candidate's for those gathered since it began. Each
// candidate takes the next stamp, so nothing is cleared between candidates (a bit per
// bucket, cleared feature by feature after each candidate, took twice the instructions
// a feature); once in 65,535 candidates the stamps run out and are all zeroed. (Byte
// stamps ran out every 255 candidates, and zeroing 1 MB that often cost more than the
// clearing saved.) A candidate has at most one feature per bucket, so room for one per
// bucket never runs out: adding a feature asks nothing about room. Both arrays are
// mapped, not allocated: the kernel's zeroed pages, touched only where features fall (a
// candidate's list uses its first page or two). Kept per thread, so that a document does
// not pay for mapping them.
class GatheredFeatures {
 public:
  GatheredFeatures() = default;
  GatheredFeatures(const GatheredFeatures&) = delete;
  GatheredFeatures& operator=(const GatheredFeatures&) = delete;
  ~GatheredFeatures() { release(); }

  // Makes room for `buckets` buckets (new ones unstamped); not while a sink is in use.
  void reserve(size_t buckets) {
    if (buckets_ >= buckets) return;
    release();
    void* p = mmap(nullptr, bytes(buckets), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    list_ = static_cast<uint32_t*>(p);
    stamps_ = reinterpret_cast<uint16_t*>(list_ + buckets);
    buckets_ = buckets;
  }
  uint32_t* list() { return list_; }  // room for one feature per bucket
  uint16_t* stamps() { return stamps_; }
  // A stamp that no bucket holds yet, for a new candidate.
  uint16_t next() {
    if (++current_ == 0) {
      std::fill_n(stamps_, buckets_, uint16_t{0});
      current_ = 1;
    }
    return current_;
  }

 private:
  static size_t bytes(size_t buckets) { return buckets * (sizeof(uint32_t) + sizeof(uint16_t)); }
  void release() {
    if (list_ != nullptr) munmap(list_, bytes(buckets_));
    list_ = nullptr;
    stamps_ = nullptr;
    buckets_ = 0;
  }
  uint32_t* list_ = nullptr;
  uint16_t* stamps_ = nullptr;
  size_t buckets_ = 0;
  uint16_t current_ = 0;  // 0 is never a candidate's stamp
};

// The per-document working arrays of extract, kept per thread so that their memory is
// reused from document to document (allocations were a twentieth of the stage's time).
// Each is reset to its document's size before use.
struct ExtractionScratch {
  std::vector<TokenInfo> info;
  std::vector<uint32_t> sentence_of_token, sentence_cues, sentence_polarity;
  std::vector<uint64_t> concept_hash;  // fnv1a64 of each concept's key
  std::vector<uint32_t> concept_slots;
  std::vector<uint32_t> id_slots;
  std::vector<std::pair<const std::string*, uint32_t>> id_concepts;
  std::vector<int> rank;
  std::vector<ConceptContext> context;  // only the first (concept count) are in use
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> mention_order;
  std::vector<std::vector<uint32_t>> near_concepts;  // likewise
  std::vector<uint64_t> near_bits;
  std::vector<uint64_t> bag_words;
  std::vector<uint32_t> bag_word_start;
  std::vector<uint32_t> bag_hashes;
  std::vector<std::pair<uint32_t, uint32_t>> bag_range;
  std::vector<uint32_t> concept_word_hashes;
  std::vector<ConceptFeatures> concept_features;
  std::vector<std::pair<uint32_t, uint32_t>> concept_word_range;
  std::vector<uint32_t> shared_sentences;
  std::vector<std::pair<uint32_t, uint32_t>> same_sentence_b;
  std::vector<uint32_t> sentence_novelty;
  // The vectors of the previous document's candidates and concepts, emptied, for this
  // document's to reuse: allocating and freeing one for every candidate's features and
  // every concept's mentions was 2 % of the stage.
  std::vector<std::vector<uint32_t>> spare_features;
  std::vector<std::vector<ConceptMention>> spare_mentions;
  GatheredFeatures gathered;
};


// Hashes features and keeps the first occurrence of each, telling repeats by the
// candidate's stamp in `gathered`.
class FeatureSink {
 public:
  // Writes into `gathered` from the start of its list; `gathered` must have room for
  // mask + 1 buckets.
  FeatureSink(GatheredFeatures& gathered, const uint32_t* tabulated, uint32_t mask, uint64_t class_pair)
      : begin_(gathered.list()),
        end_(begin_),
        stamps_(gathered.stamps()),
        stamp_(gathered.next()),
        pair_tabulated_(tabulated + class_pair * kTabulatedPerPair),
        any_tabulated_(tabulated + kAnySlot * kTabulatedPerPair),
        mask_(mask),
        pair_(class_pair) {}
  // The hash of a feature: its template, its class pair (63: shared by all) and its value.
  [[gnu::always_inline]] static uint32_t hash(Template t, uint64_t pair, uint64_t value, uint32_t mask) {
    return static_cast<uint32_t>(mix64(value * 0x9E3779B97F4A7C15ULL + (static_cast<uint64_t>(t) << 8) + pair) & mask);
  }
  // Conjoined with the class pair.
  [[gnu::always_inline]] void add(Template t, uint64_t value) {
    push(tabulated(t, value) ? pair_tabulated_[t * kTabulatedValues + value] : hash(t, pair_, value, mask_));
  }
  // Shared by all class pairs.
  [[gnu::always_inline]] void add_any(Template t, uint64_t value) {
    push(tabulated(t, value) ? any_tabulated_[t * kTabulatedValues + value] : hash(t, kAnyPair, value, mask_));
  }
  // Whether the hash of (t, value) is in the extractor's table (t is a constant where
  // this inlines, so only the value is tested).
  [[gnu::always_inline]] static bool tabulated(Template t, uint64_t value) {
    return t < kTabulatedTemplates && value < kTabulatedValues;
  }
  // Features hashed beforehand (hash() with this sink's class pair).
  void add_hashed(std::span<const uint32_t> hashes) {
    // (Unrolled: the sentence bags, added here, are a third of a candidate's features.)
#pragma GCC unroll 4
    for (uint32_t h : hashes) push(h);
  }
  [[gnu::always_inline]] void add_hashed(uint32_t h) { push(h); }
  // The features gathered, each once, in order.
  std::span<const uint32_t> features() const { return {begin_, end_}; }

 private:
  // Called for every feature of every candidate: inlines to a hash (or a table lookup),
  // a stamp test and two stores. The list and the stamps are reached through raw
  // pointers held here, not through vectors: the compiler cannot tell that the stores
  // into them leave a vector's own pointers unchanged, and reloaded those for every
  // feature (2 % of the stage).
  [[gnu::always_inline]] void push(uint32_t h) {
    uint16_t& stamp = stamps_[h];
    if (stamp == stamp_) return;  // a repeat: the model counts each feature once
    stamp = stamp_;
    *end_++ = h;
  }
  uint32_t* begin_;  // GatheredFeatures::list()
  uint32_t* end_;    // past the last feature gathered
  uint16_t* stamps_;  // GatheredFeatures::stamps()
  uint16_t stamp_;    // this candidate's
  const uint32_t* pair_tabulated_;  // the extractor's hashes of tabulated features, for this class pair
  const uint32_t* any_tabulated_;   // and for "any"
  uint32_t mask_;
  uint64_t pair_;
};

}  // namespace

std::string_view relation_type_name(int type) { return kTypeNames.at(static_cast<size_t>(type)); }

std::optional<int> relation_type_index(std::string_view name) {
  for (int i = 0; i < kRelationTypeCount; ++i)
    if (kTypeNames[static_cast<size_t>(i)] == name) return i;
  return std::nullopt;
}

std::string_view class_pair_name(ClassPair pair) { return kClassPairNames[static_cast<size_t>(pair)]; }

const std::array<uint8_t, kClassPairCount> kAllowedRelationTypes = kAllowedTypes;

int argument_rank(EntityType t) {
  switch (t) {
    case EntityType::kChemical: return 0;
    case EntityType::kDisease: return 1;
    case EntityType::kGene: return 2;
    case EntityType::kVariant: return 3;
    case EntityType::kSpecies: return 4;
    case EntityType::kCellLine: return 5;
  }
  return 6;
}

std::optional<ClassPair> class_pair_of(EntityType a, EntityType b) {
  if (argument_rank(b) < argument_rank(a)) std::swap(a, b);
  using E = EntityType;
  if (a == E::kChemical && b == E::kChemical) return ClassPair::kChemicalChemical;
  if (a == E::kChemical && b == E::kDisease) return ClassPair::kChemicalDisease;
  if (a == E::kChemical && b == E::kGene) return ClassPair::kChemicalGene;
  if (a == E::kChemical && b == E::kVariant) return ClassPair::kChemicalVariant;
  if (a == E::kDisease && b == E::kGene) return ClassPair::kDiseaseGene;
  if (a == E::kDisease && b == E::kVariant) return ClassPair::kDiseaseVariant;
  if (a == E::kGene && b == E::kGene) return ClassPair::kGeneGene;
  if (a == E::kVariant && b == E::kVariant) return ClassPair::kVariantVariant;
  return std::nullopt;
}

namespace {

// class_pair_of for every two classes: the candidate loop asks it for every concept pair,
// and the calls were 0.3 % of the stage.
const auto kClassPairTable = [] {
  std::array<std::array<std::optional<ClassPair>, kEntityTypeCount>, kEntityTypeCount> table{};
  for (int a = 0; a < kEntityTypeCount; ++a)
    for (int b = 0; b < kEntityTypeCount; ++b)
      table[static_cast<size_t>(a)][static_cast<size_t>(b)] = class_pair_of(static_cast<EntityType>(a), static_cast<EntityType>(b));
  return table;
}();

}  // namespace

RelationFeatureExtractor::RelationFeatureExtractor(uint32_t hash_bits)
    : hash_bits_(hash_bits), mask_((1u << hash_bits) - 1) {
  if (hash_bits < 1 || hash_bits > 26) throw std::invalid_argument("relation features: hash_bits must be in 1..26");
  tabulated_hashes_.resize((kAnySlot + 1) * kTabulatedPerPair);
  for (size_t slot = 0; slot <= kAnySlot; ++slot)
    for (uint64_t t = 0; t < kTabulatedTemplates; ++t)
      for (uint64_t value = 0; value < kTabulatedValues; ++value)
        tabulated_hashes_[slot * kTabulatedPerPair + t * kTabulatedValues + value] =
            FeatureSink::hash(static_cast<Template>(t), slot == kAnySlot ? kAnyPair : slot, value, mask_);
}

void RelationFeatureExtractor::extract(const Document& doc, const AnalyzedText& analysis, DocumentCandidates& out) const {
  thread_local ExtractionScratch scratch;
  for (RelationCandidate& c : out.candidates) scratch.spare_features.push_back(std::move(c.features));
  for (Concept& c : out.concepts) scratch.spare_mentions.push_back(std::move(c.mentions));
  out.concepts.clear();
  out.candidates.clear();
  // A spare vector, emptied (or a new one when none is left).
  const auto reuse = [](auto& spares) {
    typename std::remove_reference_t<decltype(spares)>::value_type v;
    if (!spares.empty()) {
      v = std::move(spares.back());
      spares.pop_back();
      v.clear();
    }
    return v;
  };
  const std::string_view text = analysis.text;
  const auto& tokens = analysis.tokens;
  const auto& sentences = analysis.sentences;
  if (tokens.empty() || sentences.empty()) return;

  // Which passage counts as the title: a passage typed so, else the first of several.
  int64_t title_end = 0;
  for (size_t i = 0; i < doc.passages.size(); ++i) {
    const Passage& p = doc.passages[i];
    if (p.type == "title" || p.type == "front" || (i == 0 && doc.passages.size() > 1 && p.type.empty())) {
      title_end = p.offset + static_cast<int64_t>(CodepointIndex(p.text).size());
      break;
    }
  }

  // Token facts and the mentions covering tokens.
  std::vector<TokenInfo>& info = scratch.info;
  info.assign(tokens.size(), TokenInfo{});
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view w = tokens[i].text(text);
    info[i].is_word = tokens[i].is_word;
    // Words longer than 6 characters also have a prefix of 5 ("inhibit" for "inhibits").
    const auto [word, prefix] = word_and_prefix_hash(w, 5);
    info[i].word = word;
    info[i].prefix = w.size() > 6 ? prefix : word;
    if (info[i].is_word) {
      const WordClasses classes = classes_of_word(w);
      info[i].polarity = classes.polarity;
      info[i].cues = classes.cues;
      info[i].novelty = classes.novelty;
    }
  }
  std::vector<uint32_t>& sentence_of_token = scratch.sentence_of_token;
  sentence_of_token.assign(tokens.size(), 0);
  for (uint32_t s = 0; s < sentences.size(); ++s)
    for (uint32_t t = sentences[s].token_begin, end = std::min<uint32_t>(sentences[s].token_end, tokens.size()); t < end; ++t)
      sentence_of_token[t] = s;

  // The concepts by key: an open-addressing table of concept index + 1 (0: empty slot)
  // probed from the key's FNV-1a hash, which the features need anyway (concept_hash).
  // (A std::unordered_map allocated a node per concept and hashed every key a second
  // time: 1.5 % of the stage.) At most half full: a slot per identifier and as many again.
  std::vector<uint64_t>& concept_hash = scratch.concept_hash;
  concept_hash.clear();
  size_t id_count = 0;
  for (const Annotation& a : doc.annotations) id_count += a.ids.size();
  std::vector<uint32_t>& concept_slots = scratch.concept_slots;
  concept_slots.assign(std::bit_ceil(std::max<size_t>(16, 2 * id_count)), 0);
  const size_t slot_mask = concept_slots.size() - 1;
  // The identifiers met, as written, likewise by their FNV-1a hash (index + 1 into
  // id_concepts): most recur in a document, and a repeat finds its concept without
  // normalize_id (which was 1 % of the stage).
  std::vector<uint32_t>& id_slots = scratch.id_slots;
  id_slots.assign(concept_slots.size(), 0);
  std::vector<std::pair<const std::string*, uint32_t>>& id_concepts = scratch.id_concepts;  // identifier, concept
  id_concepts.clear();
  // The index of the concept of identifier `id`, added (of class `type`) if new.
  const auto concept_of = [&](const std::string& id, EntityType type) -> uint32_t {
    size_t id_slot = fnv1a64(id) & slot_mask;
    while (id_slots[id_slot] != 0 && *id_concepts[id_slots[id_slot] - 1].first != id) id_slot = (id_slot + 1) & slot_mask;
    if (id_slots[id_slot] != 0) return id_concepts[id_slots[id_slot] - 1].second;
    std::string key = normalize_id(id);
    const uint64_t key_hash = fnv1a64(key);
    size_t slot = key_hash & slot_mask;
    while (concept_slots[slot] != 0 &&
           (concept_hash[concept_slots[slot] - 1] != key_hash || out.concepts[concept_slots[slot] - 1].key != key))
      slot = (slot + 1) & slot_mask;
    if (concept_slots[slot] == 0) {
      Concept c;
      c.mentions = reuse(scratch.spare_mentions);
      c.id = id;
      c.key = std::move(key);
      c.type = type;
      out.concepts.push_back(std::move(c));
      concept_hash.push_back(key_hash);
      concept_slots[slot] = static_cast<uint32_t>(out.concepts.size());
    }
    id_concepts.emplace_back(&id, concept_slots[slot] - 1);
    id_slots[id_slot] = static_cast<uint32_t>(id_concepts.size());
    return concept_slots[slot] - 1;
  };
  int total_mentions = 0;
  for (size_t ai = 0; ai < doc.annotations.size(); ++ai) {
    const Annotation& a = doc.annotations[ai];
    const auto type = entity_type_of(a.type);
    if (!type || a.spans.empty()) continue;
    const auto text_cp = static_cast<int64_t>(analysis.index.size());
    const int64_t start = std::clamp<int64_t>(a.start(), 0, text_cp), end = std::clamp<int64_t>(a.end(), 0, text_cp);
    if (end <= start) continue;
    const auto b0 = static_cast<uint32_t>(analysis.index.byte_offset(static_cast<size_t>(start)));
    const auto b1 = static_cast<uint32_t>(analysis.index.byte_offset(static_cast<size_t>(end)));
    auto first = std::lower_bound(tokens.begin(), tokens.end(), b0, [](const Token& t, uint32_t b) { return t.end <= b; });
    auto last = std::lower_bound(first, tokens.end(), b1, [](const Token& t, uint32_t b) { return t.begin < b; });
    if (first == tokens.end()) continue;
    if (last == first) ++last;
    ConceptMention m;
    m.token_begin = static_cast<uint32_t>(first - tokens.begin());
    m.token_end = static_cast<uint32_t>(last - tokens.begin());
    m.sentence = sentence_of_token[m.token_begin];
    m.in_title = start < title_end;
    // The placeholder replaces the mention's words in contexts ("@Gene induces @Disease").
    const uint64_t placeholder = word_hash(entity_type_name(*type)) ^ 0x5bd1e995ULL;
    for (uint32_t t = m.token_begin; t < m.token_end; ++t) {
      info[t].mention = static_cast<int32_t>(ai);
      info[t].word = info[t].prefix = placeholder;
      info[t].is_word = true;
    }
    bool counted = false;
    for (const std::string& id : a.ids) {
      if (is_null_id(id)) continue;
      Concept& c = out.concepts[concept_of(id, *type)];
      // A concept keeps the class of its first mention (as the evaluator does).
      c.mentions.push_back(m);
      if (!counted) ++total_mentions, counted = true;
    }
  }
  for (Concept& c : out.concepts)
    std::sort(c.mentions.begin(), c.mentions.end(),
              [](const ConceptMention& x, const ConceptMention& y) { return x.token_begin < y.token_begin; });

  // Sentence cues and positions.
  std::vector<uint32_t>& sentence_cues = scratch.sentence_cues;
  std::vector<uint32_t>& sentence_polarity = scratch.sentence_polarity;
  sentence_cues.assign(sentences.size(), 0);
  sentence_polarity.assign(sentences.size(), 0);
  for (size_t s = 0; s < sentences.size(); ++s)
    for (uint32_t t = sentences[s].token_begin; t < sentences[s].token_end; ++t)
      if (tokens[t].is_word && info[t].mention < 0) {
        sentence_cues[s] |= info[t].cues;
        sentence_polarity[s] |= info[t].polarity;
      }
  uint32_t document_cues = 0;
  for (uint32_t c : sentence_cues) document_cues |= c;
  uint32_t first_abstract_sentence = 0;
  while (first_abstract_sentence < sentences.size() &&
         analysis.index.codepoint_of_byte(sentences[first_abstract_sentence].begin) < static_cast<size_t>(title_end))
    ++first_abstract_sentence;
  // Where the study itself starts: the first abstract sentence saying "we", "our", "here"
  // or "present". Relations stated before it tend to be background (novelty "No").
  uint32_t study_start = static_cast<uint32_t>(sentences.size());
  for (uint32_t s = first_abstract_sentence; s < sentences.size() && study_start == sentences.size(); ++s)
    for (uint32_t t = sentences[s].token_begin; t < sentences[s].token_end; ++t) {
      const std::string_view w = tokens[t].text(text);
      if (equals_lower(w, "we") || equals_lower(w, "our") || equals_lower(w, "here") || equals_lower(w, "present")) {
        study_start = s;
        break;
      }
    }
  const auto section = [&](uint32_t s) -> uint64_t {
    return s < first_abstract_sentence ? 0 : s < study_start ? 1 : s == study_start ? 2 : 3;
  };
  const auto sentence_position = [&](uint32_t s) -> uint64_t {
    if (s < first_abstract_sentence) return 0;
    if (s == first_abstract_sentence) return 1;
    if (s + 1 == sentences.size()) return 2;
    if (s + 2 == sentences.size()) return 3;
    return 4;
  };


  // Ranks of concepts by mention count within their class (1 = the most mentioned).
  std::vector<int>& rank = scratch.rank;
  rank.assign(out.concepts.size(), 1);
  for (size_t i = 0; i < out.concepts.size(); ++i)
    for (size_t j = 0; j < out.concepts.size(); ++j)
      if (out.concepts[j].type == out.concepts[i].type &&
          out.concepts[j].mentions.size() > out.concepts[i].mentions.size())
        ++rank[i];

  std::vector<ConceptContext>& context = scratch.context;
  if (context.size() < out.concepts.size()) context.resize(out.concepts.size());
  for (size_t i = 0; i < out.concepts.size(); ++i) {
    ConceptContext& cc = context[i];
    cc.adjacent.clear();
    cc.heads.clear();
    cc.role = 0;
    cc.in_title = false;
    cc.sections = 0;
    for (const ConceptMention& m : out.concepts[i].mentions) {
      cc.in_title |= m.in_title;
      cc.sections |= uint64_t{1} << section(m.sentence);
      const Sentence& sent = sentences[m.sentence];
      for (uint32_t k = 1; k <= 2 && m.token_begin >= sent.token_begin + k; ++k)
        if (info[m.token_begin - k].mention < 0) cc.adjacent.push_back(info[m.token_begin - k].word * 4 + k);
      for (uint32_t k = 0; k < 2 && m.token_end + k < sent.token_end; ++k)
        if (info[m.token_end + k].mention < 0) cc.adjacent.push_back(info[m.token_end + k].word * 4 + 2 + k);
      cc.heads.push_back(word_hash(tokens[m.token_end - 1].text(text)));
      // Its role in the document: "X-induced", "inhibition of X", "X inhibitor", as the
      // polarities after (bits 0-7), inside (8-15) and before (16-23) its mentions.
      for (uint32_t t = m.token_begin; t < m.token_end; ++t) cc.role |= info[t].polarity << 8;
      for (uint32_t k = 1; k <= 2 && m.token_begin >= sent.token_begin + k; ++k) cc.role |= info[m.token_begin - k].polarity << 16;
      for (uint32_t k = 0; k < 2 && m.token_end + k < sent.token_end; ++k) cc.role |= info[m.token_end + k].polarity;
    }
    for (auto* v : {&cc.adjacent, &cc.heads}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  }

  // Concept pairs with two mentions within the window. When the mentions all lie within
  // the window of each other (any abstract), that is every pair; otherwise a sweep over
  // the mentions in text order finds them, so long documents do not cost the square of
  // their length. (The sweep, which meets every pair of mentions in an abstract, was
  // 2 % of the stage.)
  std::vector<std::vector<uint32_t>>& near_concepts = scratch.near_concepts;
  if (near_concepts.size() < out.concepts.size()) near_concepts.resize(out.concepts.size());
  for (size_t c = 0; c < out.concepts.size(); ++c) near_concepts[c].clear();
  uint32_t last_begin = 0, first_end = UINT32_MAX;
  for (const Concept& c : out.concepts)
    for (const ConceptMention& m : c.mentions) {
      last_begin = std::max(last_begin, m.token_begin);
      first_end = std::min(first_end, m.token_end);
    }
  if (last_begin <= first_end || last_begin - first_end <= kCandidateWindowTokens) {
    // (No mention begins farther than the window after another ends.)
    for (uint32_t c = 0; c < out.concepts.size(); ++c)
      for (uint32_t d = c + 1; d < out.concepts.size(); ++d) near_concepts[c].push_back(d);
  } else {
    auto& mention_order = scratch.mention_order;  // begin, end, concept
    mention_order.clear();
    for (uint32_t c = 0; c < out.concepts.size(); ++c)
      for (const ConceptMention& m : out.concepts[c].mentions) mention_order.emplace_back(m.token_begin, m.token_end, c);
    std::sort(mention_order.begin(), mention_order.end());
    // The sweep meets a pair once per pair of their mentions: it marks them in a bit
    // matrix (row: the lower concept, bit: the higher), whose rows give each concept's
    // partners in increasing order, once each. (Sorting and deduplicating lists of the
    // repeats instead was 5 % of the stage; the matrix is concepts² bits, 128 KB at 1,000.)
    const size_t row_words = (out.concepts.size() + 63) / 64;
    std::vector<uint64_t>& near_bits = scratch.near_bits;
    near_bits.assign(out.concepts.size() * row_words, 0);
    for (size_t x = 0; x < mention_order.size(); ++x) {
      const auto [begin_x, end_x, concept_x] = mention_order[x];
      for (size_t y = x + 1; y < mention_order.size(); ++y) {
        const auto [begin_y, end_y, concept_y] = mention_order[y];
        if (begin_y > end_x && begin_y - end_x > kCandidateWindowTokens) break;
        if (concept_x == concept_y) continue;
        const uint32_t high = std::max(concept_x, concept_y);
        near_bits[std::min(concept_x, concept_y) * row_words + high / 64] |= uint64_t{1} << (high % 64);
      }
    }
    for (size_t c = 0; c < out.concepts.size(); ++c)
      for (size_t w = 0; w < row_words; ++w)
        for (uint64_t bits = near_bits[c * row_words + w]; bits != 0; bits &= bits - 1)
          near_concepts[c].push_back(static_cast<uint32_t>(w * 64 + std::countr_zero(bits)));
  }

  // Novelty cues of each sentence (words outside mentions), and whether the title or
  // the abstract says "review" or "case".
  std::vector<uint32_t>& sentence_novelty = scratch.sentence_novelty;
  sentence_novelty.assign(sentences.size(), 0);
  uint32_t document_novelty = 0;
  for (uint32_t s = 0; s < sentences.size(); ++s) {
    bool after_has = false;
    for (uint32_t t = sentences[s].token_begin; t < sentences[s].token_end; ++t) {
      if (!tokens[t].is_word || info[t].mention >= 0) continue;
      const uint32_t cues = info[t].novelty;
      if (after_has && (cues & kBeenWord)) sentence_novelty[s] |= kBeenCue;
      after_has = (cues & kHasWord) != 0;
      sentence_novelty[s] |= cues & (kKnownCue | kFindingCue | kConclusionCue);
      if (cues & kReviewCue) document_novelty |= 1u << (s < first_abstract_sentence ? 0 : 1);
    }
  }

  // The words of each sentence outside mentions (the prefix values of its tokens that
  // are words and in no mention), sentence s's from bag_word_start[s]: read for each
  // class pair and bag template, so gathered once.
  std::vector<uint64_t>& bag_words = scratch.bag_words;
  std::vector<uint32_t>& bag_word_start = scratch.bag_word_start;
  bag_words.clear();
  bag_word_start.resize(sentences.size() + 1);
  for (uint32_t s = 0; s < sentences.size(); ++s) {
    bag_word_start[s] = static_cast<uint32_t>(bag_words.size());
    for (uint32_t k = sentences[s].token_begin; k < sentences[s].token_end; ++k)
      if (info[k].is_word && info[k].mention < 0) bag_words.push_back(info[k].prefix);
  }
  bag_word_start[sentences.size()] = static_cast<uint32_t>(bag_words.size());
  // The hashed words of a sentence (not inside mentions) for a bag template and class
  // pair: the same for every candidate of that pair, so hashed once per document.
  std::vector<uint32_t>& bag_hashes = scratch.bag_hashes;
  bag_hashes.clear();
  std::vector<std::pair<uint32_t, uint32_t>>& bag_range = scratch.bag_range;
  bag_range.assign(sentences.size() * kClassPairCount * 2, {0, 0});
  const auto sentence_bag = [&](Template t, ClassPair pair, uint32_t s) -> std::span<const uint32_t> {
    auto& [begin, end] = bag_range[(s * kClassPairCount + static_cast<uint32_t>(pair)) * 2 + (t == kSentenceWord ? 0 : 1)];
    if (end == 0) {
      begin = static_cast<uint32_t>(bag_hashes.size());
      bag_hashes.resize(begin + bag_word_start[s + 1] - bag_word_start[s]);
      for (uint32_t k = bag_word_start[s], out_k = begin; k < bag_word_start[s + 1]; ++k, ++out_k)
        bag_hashes[out_k] = FeatureSink::hash(t, static_cast<uint64_t>(pair), bag_words[k], mask_);
      end = static_cast<uint32_t>(bag_hashes.size()) + 1;  // + 1: 0 stands for "not hashed yet"
    }
    return {bag_hashes.data() + begin, end - 1 - begin};
  };
  // A concept's adjacent and head words hashed for its argument slot (first or second)
  // and the class pair, in the order the candidate adds them: the same in all its
  // candidates of that pair, so hashed once per document too.
  std::vector<uint32_t>& concept_word_hashes = scratch.concept_word_hashes;
  concept_word_hashes.clear();
  std::vector<std::pair<uint32_t, uint32_t>>& concept_word_range = scratch.concept_word_range;
  concept_word_range.assign(out.concepts.size() * kClassPairCount * 2, {0, 0});
  const auto concept_words = [&](uint32_t c, ClassPair pair, bool first) -> std::span<const uint32_t> {
    auto& [begin, end] = concept_word_range[(c * kClassPairCount + static_cast<uint32_t>(pair)) * 2 + (first ? 0 : 1)];
    if (end == 0) {
      begin = static_cast<uint32_t>(concept_word_hashes.size());
      for (uint64_t v : context[c].adjacent)
        concept_word_hashes.push_back(
            FeatureSink::hash(first ? kAdjacentFirst : kAdjacentSecond, static_cast<uint64_t>(pair), v, mask_));
      for (uint64_t v : context[c].heads)
        concept_word_hashes.push_back(FeatureSink::hash(first ? kHeadFirst : kHeadSecond, static_cast<uint64_t>(pair), v, mask_));
      end = static_cast<uint32_t>(concept_word_hashes.size()) + 1;  // + 1: 0 stands for "not hashed yet"
    }
    return {concept_word_hashes.data() + begin, end - 1 - begin};
  };
  // A concept's mention count, rank, salience and identity features for its argument
  // slot and class pair, hashed once per document like its words.
  std::vector<ConceptFeatures>& concept_feature_cache = scratch.concept_features;
  concept_feature_cache.assign(out.concepts.size() * kClassPairCount * 2, ConceptFeatures{});
  const auto concept_features = [&](uint32_t c, ClassPair pair, bool first) -> const ConceptFeatures& {
    ConceptFeatures& cf = concept_feature_cache[(c * kClassPairCount + static_cast<uint32_t>(pair)) * 2 + (first ? 0 : 1)];
    if (cf.count == ConceptFeatures::kNotHashed) {
      const auto hash = [&](Template t, uint64_t value) { return FeatureSink::hash(t, static_cast<uint64_t>(pair), value, mask_); };
      const uint64_t mentions = out.concepts[c].mentions.size();
      const double share = total_mentions ? double(mentions) / total_mentions : 0.0;
      const uint64_t salience = share < 0.03 ? 0 : share < 0.07 ? 1 : share < 0.15 ? 2 : share < 0.3 ? 3 : 4;
      cf.count = hash(first ? kCountFirst : kCountSecond, bucket(static_cast<int64_t>(mentions)));
      cf.rank = hash(first ? kRankFirst : kRankSecond, static_cast<uint64_t>(std::min(rank[c], 4)));
      cf.salience = hash(first ? kSalienceFirst : kSalienceSecond, salience);
      cf.identity = hash(first ? kConceptFirst : kConceptSecond, concept_hash[c]);
    }
    return cf;
  };
  std::vector<uint32_t>& shared_sentences = scratch.shared_sentences;
  // For each mention of a candidate's first concept, the range of its second concept's
  // mentions in the same sentence.
  std::vector<std::pair<uint32_t, uint32_t>>& same_sentence_b = scratch.same_sentence_b;
  GatheredFeatures& gathered = scratch.gathered;
  gathered.reserve(size_t{mask_} + 1);
  for (uint32_t i = 0; i < out.concepts.size(); ++i) {
    for (uint32_t j : near_concepts[i]) {
      const auto pair = kClassPairTable[static_cast<size_t>(out.concepts[i].type)][static_cast<size_t>(out.concepts[j].type)];
      if (!pair) continue;
      uint32_t a = i, b = j;
      const int ra = argument_rank(out.concepts[a].type), rb = argument_rank(out.concepts[b].type);
      if (rb < ra || (rb == ra && out.concepts[b].mentions.front().token_begin < out.concepts[a].mentions.front().token_begin))
        std::swap(a, b);
      const Concept& A = out.concepts[a];
      const Concept& B = out.concepts[b];

      RelationCandidate cand;
      cand.features = reuse(scratch.spare_features);
      cand.first = a;
      cand.second = b;
      cand.class_pair = *pair;
      PairStatistics& st = cand.stats;

      // Aggregate over mention pairs.
      shared_sentences.clear();
      const ConceptMention* close_a = nullptr;
      const ConceptMention* close_b = nullptr;
      const ConceptMention* near_a = nullptr;
      const ConceptMention* near_b = nullptr;
      const bool a_title = context[a].in_title, b_title = context[b].in_title;
      // Mentions are in text order, so sentences do not decrease: one walk through B's
      // mentions alongside A's finds, for each mention of A, B's first mention in its
      // sentence or after (`after`), B's first mention in the last sentence before
      // (`below`) and B's mentions in its own sentence (linear in long texts, not
      // |A| x |B|; binary searches for them cost more in abstracts). Ties go to the
      // first pair in (A, B) order.
      auto after = B.mentions.begin();
      const ConceptMention* below = nullptr;
      same_sentence_b.resize(A.mentions.size());
      for (size_t k = 0; k < A.mentions.size(); ++k) {
        const ConceptMention& ma = A.mentions[k];
        for (; after != B.mentions.end() && after->sentence < ma.sentence; ++after)
          if (below == nullptr || below->sentence != after->sentence) below = &*after;
        const ConceptMention* nearest = nullptr;
        int sd = -1;
        if (below != nullptr) {
          nearest = below;
          sd = int(ma.sentence - below->sentence);
        }
        if (after != B.mentions.end() && (sd < 0 || int(after->sentence - ma.sentence) < sd)) {
          nearest = &*after;
          sd = int(after->sentence - ma.sentence);
        }
        if (st.min_sentence_distance < 0 || sd < st.min_sentence_distance) {
          st.min_sentence_distance = sd;
          near_a = &ma;
          near_b = nearest;
        }
        auto hi = after;
        while (hi != B.mentions.end() && hi->sentence == ma.sentence) ++hi;
        same_sentence_b[k] = {static_cast<uint32_t>(after - B.mentions.begin()), static_cast<uint32_t>(hi - B.mentions.begin())};
        for (auto mb = after; mb != hi; ++mb) {
          if (shared_sentences.empty() || shared_sentences.back() != ma.sentence) shared_sentences.push_back(ma.sentence);
          int gap = 0;
          if (ma.token_end <= mb->token_begin) gap = int(mb->token_begin - ma.token_end);
          else if (mb->token_end <= ma.token_begin) gap = int(ma.token_begin - mb->token_end);
          if (st.min_token_distance < 0 || gap < st.min_token_distance) {
            st.min_token_distance = gap;
            close_a = &ma;
            close_b = &*mb;
          }
        }
      }
      st.same_sentence_count = static_cast<int>(shared_sentences.size());
      st.both_in_title = a_title && b_title;
      // Dense facts for the trees (PairStatistics), read by nothing else here.
      st.first_mentions = static_cast<int>(A.mentions.size());
      st.second_mentions = static_cast<int>(B.mentions.size());
      st.first_in_title = a_title;
      st.second_in_title = b_title;
      st.first_rank = rank[a];
      st.second_rank = rank[b];
      st.first_sentence_first = static_cast<int>(A.mentions.front().sentence);
      st.first_sentence_second = static_cast<int>(B.mentions.front().sentence);
      st.concept_count = static_cast<int>(out.concepts.size());
      st.sentence_count = static_cast<int>(sentences.size());
      st.total_mentions = total_mentions;

      // Features are gathered in a buffer reused by every candidate, then copied once at
      // their final size (growing each candidate's own vector cost a dozen reallocations).
      FeatureSink f(gathered, tabulated_hashes_.data(), mask_, static_cast<uint64_t>(*pair));
      f.add_any(kBias, 0);
      f.add(kBias, 0);
      f.add(kSameSentence, bucket(st.same_sentence_count));
      f.add(kSentenceDistance, bucket(st.min_sentence_distance));
      f.add(kTokenDistance, bucket(st.min_token_distance));
      f.add_any(kTokenDistance, bucket(st.min_token_distance));
      f.add(kTitle, (a_title ? 1 : 0) + (b_title ? 2 : 0));
      f.add_any(kTitle, (a_title ? 1 : 0) + (b_title ? 2 : 0));
      const ConceptFeatures& features_a = concept_features(a, *pair, true);
      const ConceptFeatures& features_b = concept_features(b, *pair, false);
      f.add_hashed(features_a.count);
      f.add_hashed(features_b.count);
      const uint64_t rank_a = static_cast<uint64_t>(std::min(rank[a], 4)), rank_b = static_cast<uint64_t>(std::min(rank[b], 4));
      f.add_hashed(features_a.rank);
      f.add_hashed(features_b.rank);
      f.add(kRankFirst, 16 + rank_a * 8 + rank_b);
      f.add_hashed(features_a.salience);
      f.add_hashed(features_b.salience);
      // The concepts themselves: a drug that mostly treats, a toxin that mostly induces.
      f.add_hashed(features_a.identity);
      f.add_hashed(features_b.identity);
      f.add(kConceptPair, concept_hash[a] * 31 + concept_hash[b]);
      f.add(kShape, std::min<uint64_t>(bucket(st.same_sentence_count), 3) * 64 + (a_title ? 16 : 0) + (b_title ? 32 : 0) +
                        std::min<uint64_t>(rank_a, 2) * 4 + std::min<uint64_t>(rank_b, 2));

      // Cues and words of the sentences holding both.
      uint32_t cues = 0;
      // (The bag is taken from the first two shared sentences only: longer bags cost time
      // on frequent pairs and add little.)
      for (size_t k = 0; k < shared_sentences.size(); ++k) {
        const uint32_t s = shared_sentences[k];
        cues |= sentence_cues[s];
        f.add(kPosition, sentence_position(s));
        if (k >= 2) continue;
        const uint32_t polarity = sentence_polarity[s];
        for (uint32_t bit = 0; bit < kPolarityCount; ++bit)
          if (polarity & (1u << bit)) {
            f.add(kPolaritySentence, bit);
            f.add(kPolaritySentence, 64 + bit * 2 + ((sentence_cues[s] & kNegationCue) ? 1 : 0));
          }
        f.add_hashed(sentence_bag(kSentenceWord, *pair, s));
      }
      // (Set bits only, in increasing order: the features keep the order of a loop over all bits.)
      for (uint32_t bits = cues | document_cues; bits != 0; bits &= bits - 1) {
        const uint32_t c = static_cast<uint32_t>(std::countr_zero(bits));
        if (cues & (1u << c)) f.add(kCue, c);
        if (document_cues & (1u << c)) f.add_any(kDocumentCue, c);
      }

      // Background or study: sections of the shared sentences and of each concept's mentions.
      uint64_t shared_sections = 0;
      for (uint32_t sh : shared_sentences) shared_sections |= 1u << section(sh);
      const uint64_t a_sections = context[a].sections, b_sections = context[b].sections;
      f.add(kSection, shared_sections);
      f.add_any(kSection, shared_sections);
      for (uint64_t k = 0; k < 4; ++k)
        if (shared_sections & (1u << k)) f.add_any(kSection, 16 + k);
      f.add_any(kSectionMentions, a_sections * 16 + b_sections);
      f.add_any(kSectionMentions, 256 + ((a_sections & b_sections) >> 1));
      f.add(kSectionMentions, 512 + ((a_sections & b_sections) >> 1));

      // Words next to each mention ("X-induced", "inhibition of X") and the mention's own
      // last word ("deficiency", "mutation"), computed once per concept.
      f.add_hashed(concept_words(a, *pair, true));
      f.add_hashed(concept_words(b, *pair, false));
      for (uint32_t bits = context[a].role | context[b].role; bits != 0; bits &= bits - 1) {
        const uint32_t bit = static_cast<uint32_t>(std::countr_zero(bits));
        if (context[a].role & (1u << bit)) f.add(kRoleFirst, bit);
        if (context[b].role & (1u << bit)) f.add(kRoleSecond, bit);
      }

      // Words between every same-sentence mention pair that is not too far apart.
      uint32_t any_between_polarity = 0;
      for (size_t k = 0; k < A.mentions.size(); ++k)
        for (uint32_t kb = same_sentence_b[k].first; kb < same_sentence_b[k].second; ++kb) {
          const ConceptMention& ma = A.mentions[k];
          const ConceptMention& mb = B.mentions[kb];
          const ConceptMention& l = ma.token_begin <= mb.token_begin ? ma : mb;
          const ConceptMention& r = &l == &ma ? mb : ma;
          if (r.token_begin <= l.token_end || r.token_begin - l.token_end > 20) continue;
          for (uint32_t t = l.token_end; t < r.token_begin; ++t)
            if (info[t].is_word && info[t].mention < 0) {
              f.add(kAnyBetweenWord, info[t].prefix);
              any_between_polarity |= info[t].polarity;
            }
        }
      for (uint32_t bit = 0; bit < kPolarityCount; ++bit)
        if (any_between_polarity & (1u << bit)) f.add(kPolarityBetween, 512 + bit);

      if (close_a != nullptr) {
        const ConceptMention* left = close_a->token_begin <= close_b->token_begin ? close_a : close_b;
        const ConceptMention* right = left == close_a ? close_b : close_a;
        f.add(kOrder, left == close_a ? 1 : 2);
        const uint32_t closest_cues = sentence_cues[left->sentence];
        for (uint32_t c = 0; c < kCue_count; ++c)
          if (closest_cues & (1u << c)) f.add(kClosestCue, c);
        // Words between, collapsing each other mention into its class placeholder.
        // The directions the words between state, with the argument order ("A inhibits
        // B" vs "B inhibits A") and whether a negation turns them around.
        uint32_t between_polarity = 0;
        bool between_negation = false;
        for (uint32_t t = left->token_end; t < right->token_begin; ++t)
          if (info[t].mention < 0) {
            between_polarity |= info[t].polarity;
            between_negation |= (info[t].cues & kNegationCue) != 0;
          }
        f.add(kPolarityBetween, between_polarity);
        for (uint32_t bit = 0; bit < kPolarityCount; ++bit)
          if (between_polarity & (1u << bit)) {
            f.add(kPolarityBetween, 64 + bit * 4 + (left == close_a ? 1 : 2));
            f.add(kPolarityBetween, 256 + bit * 2 + (between_negation ? 1 : 0));
          }
        bool only_coordination = true;
        int entities_between = 0;
        int32_t last_mention = -1;
        uint64_t previous = 0;
        for (uint32_t t = left->token_end; t < right->token_begin; ++t) {
          if (info[t].mention >= 0) {
            if (info[t].mention == last_mention) continue;
            last_mention = info[t].mention;
            ++entities_between;
          } else {
            last_mention = -1;
            const std::string_view w = tokens[t].text(text);
            if (!is_coordination_token(w)) only_coordination = false;
          }
          f.add(kBetweenWord, info[t].word);
          f.add(kBetweenPrefix, info[t].prefix);
          if (right->token_begin - left->token_end <= 12) f.add(kBetweenBigram, previous * 31 + info[t].word);
          previous = info[t].word;
        }
        if (right->token_begin > left->token_end) f.add(kCoordination, only_coordination ? 1 : 0);
        f.add(kEntitiesBetween, bucket(entities_between));
        const Sentence& sent = sentences[left->sentence];
        for (uint32_t k = 1; k <= 3 && left->token_begin >= sent.token_begin + k; ++k)
          f.add(kBeforeWord, info[left->token_begin - k].word * 4 + k);
        for (uint32_t k = 0; k < 3 && right->token_end + k < sent.token_end; ++k)
          f.add(kAfterWord, info[right->token_end + k].word * 4 + k);
      } else if (near_a != nullptr) {
        // No shared sentence: the words of the two nearest sentences, as weaker evidence.
        for (uint32_t s : {near_a->sentence, near_b->sentence}) f.add_hashed(sentence_bag(kNearWord, *pair, s));
      }

      // Novelty only: each shared sentence's section with its cues (the conjunction that
      // the OR of kCue over the shared sentences loses: "we found" after the study starts,
      // "known" before it); how many shared sentences are background and study; where the
      // first and last lie in the abstract (fifths); whether each concept first appears in
      // the study part; the document's review and case words. In the type model's features
      // they cost pair+type out of fold (50.22 -> 49.60); see relation_trainer.h.
      const auto type_feature_count = static_cast<uint32_t>(f.features().size());
      uint32_t background = 0, study = 0;
      for (uint32_t sh : shared_sentences) {
        const uint64_t sec = section(sh);
        f.add_any(kSectionCue, sec * 64 + sentence_cues[sh]);
        f.add_any(kNoveltyCue, sec * 64 + sentence_novelty[sh]);
        f.add(kNoveltyCue, 1024 + sec * 64 + sentence_novelty[sh]);
        (sec <= 1 ? background : study) += 1;
      }
      f.add_any(kSharedSpread, std::min<uint32_t>(background, 3) * 4 + std::min<uint32_t>(study, 3));
      f.add(kSharedSpread, std::min<uint32_t>(background, 3) * 4 + std::min<uint32_t>(study, 3));
      if (!shared_sentences.empty() && sentences.size() > first_abstract_sentence) {
        const double span = static_cast<double>(sentences.size() - first_abstract_sentence);
        const auto relative = [&](uint32_t sh) -> uint64_t {
          if (sh < first_abstract_sentence) return 9;
          return static_cast<uint64_t>(std::min(4.0, 5.0 * (sh - first_abstract_sentence) / span));
        };
        f.add_any(kSharedSpread, 64 + relative(shared_sentences.front()));
        f.add_any(kSharedSpread, 128 + relative(shared_sentences.back()));
      }
      const auto new_in_study = [&](const Concept& c) { return section(c.mentions.front().sentence) >= 2 ? 1u : 0u; };
      f.add_any(kNoveltyCue, 4096 + new_in_study(A) * 2 + new_in_study(B));
      for (uint32_t bits = document_novelty; bits != 0; bits &= bits - 1)
        f.add_any(kNoveltyDocument, static_cast<uint64_t>(std::countr_zero(bits)));

      cand.features.assign(f.features().begin(), f.features().end());
      cand.type_feature_count = type_feature_count;
      out.candidates.push_back(std::move(cand));
    }
  }
}

}  // namespace biotator
