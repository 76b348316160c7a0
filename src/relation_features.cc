#include "relation_features.h"

#include "hashing.h"

#include <algorithm>
#include <bit>
#include <span>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

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

// FNV-1a of the word lowercased (ASCII) with digits folded to '0', so "IL6" and "il8"
// share statistics and numbers do not explode the vocabulary.
uint64_t word_hash(std::string_view w, size_t limit = std::string_view::npos) {
  // Not FNV's offset basis (14695981039346656037): a digit short of it, as it has been
  // since the first relation model. The value is baked into models/relations.bt.
  uint64_t h = 1469598103934665603ULL;
  const size_t n = std::min(w.size(), limit);
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = ascii_lower(w[i]);
    h = fnv1a64_step(h, c >= '0' && c <= '9' ? '0' : c);
  }
  return h;
}

// word_hash of `w` and of its first `prefix` characters, in one pass (FNV-1a's state after
// those characters is their hash).
std::pair<uint64_t, uint64_t> word_and_prefix_hash(std::string_view w, size_t prefix) {
  uint64_t h = word_hash({}), h_prefix = h;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i == prefix) h_prefix = h;
    const unsigned char c = ascii_lower(w[i]);
    h = fnv1a64_step(h, c >= '0' && c <= '9' ? '0' : c);
  }
  return {h, w.size() > prefix ? h_prefix : h};
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

// No cue or trigger word is longer than this: only so many characters of a word are
// lowered (into a buffer, no allocation) to match them.
constexpr size_t kCueChars = 16;
static_assert([] {
  for (const CueWord& c : kCueWords)
    if (c.word.empty() || c.word.size() > kCueChars) return false;
  for (const PolarityWord& p : kPolarityWords)
    if (p.prefix.empty() || p.prefix.size() > kCueChars) return false;
  return true;
}());

// The entries of a word table by the first byte of their word, so that a lookup compares
// only the few entries that can match (every token of a document is looked up).
template <typename Entry, size_t N>
class FirstByteIndex {
 public:
  FirstByteIndex(const Entry (&table)[N], std::string_view Entry::*word) : table_(table) {
    for (const Entry& e : table) ++start_[static_cast<unsigned char>((e.*word)[0]) + 1];
    for (size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
    std::array<uint16_t, 257> next = start_;
    for (size_t i = 0; i < N; ++i) order_[next[static_cast<unsigned char>((table[i].*word)[0])]++] = static_cast<uint16_t>(i);
  }
  template <typename Visit>
  void for_each(unsigned char first, Visit&& visit) const {
    for (uint16_t k = start_[first]; k < start_[first + 1u]; ++k) visit(table_[order_[k]]);
  }

 private:
  const Entry (&table_)[N];
  std::array<uint16_t, 257> start_{};
  std::array<uint16_t, N> order_{};
};
const FirstByteIndex<CueWord, std::size(kCueWords)> kCueIndex(kCueWords, &CueWord::word);
const FirstByteIndex<PolarityWord, std::size(kPolarityWords)> kPolarityIndex(kPolarityWords, &PolarityWord::prefix);

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
static_assert([] {
  for (const CueWord& c : kNoveltyWords)
    if (c.word.empty() || c.word.size() > kCueChars) return false;
  return true;
}());
const FirstByteIndex<CueWord, std::size(kNoveltyWords)> kNoveltyIndex(kNoveltyWords, &CueWord::word);

struct WordClasses {
  uint32_t cues = 0;      // Cue bits
  uint32_t polarity = 0;  // Polarity bits (a union: "induc" is both up and cause)
  uint32_t novelty = 0;   // NoveltyCue bits
};

// The sentence cues, trigger polarities and novelty cues of a word, matched ignoring ASCII case.
WordClasses classes_of_word(std::string_view w) {
  char buffer[kCueChars];
  const size_t n = std::min(w.size(), kCueChars);
  for (size_t i = 0; i < n; ++i) buffer[i] = static_cast<char>(ascii_lower(w[i]));
  const std::string_view lowered(buffer, n);
  WordClasses classes;
  if (n == 0) return classes;
  const auto first = static_cast<unsigned char>(lowered[0]);
  // (The whole word's size: `lowered` is cut at kCueChars.)
  const auto matches = [&](const CueWord& c) {
    return c.prefix ? lowered.starts_with(c.word) : w.size() == c.word.size() && lowered == c.word;
  };
  kCueIndex.for_each(first, [&](const CueWord& c) {
    if (matches(c)) classes.cues |= c.cue;
  });
  kNoveltyIndex.for_each(first, [&](const CueWord& c) {
    if (matches(c)) classes.novelty |= c.cue;
  });
  if (n >= 3)
    kPolarityIndex.for_each(first, [&](const PolarityWord& p) {
      if (lowered.starts_with(p.prefix)) classes.polarity |= p.polarity;
    });
  return classes;
}

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
};

// The per-document working arrays of extract, kept per thread so that their memory is
// reused from document to document (allocations were a twentieth of the stage's time).
// Each is reset to its document's size before use.
struct ExtractionScratch {
  std::vector<TokenInfo> info;
  std::vector<uint32_t> sentence_of_token, sentence_cues, sentence_polarity;
  std::vector<uint64_t> concept_hash;
  std::vector<int> rank;
  std::vector<ConceptContext> context;  // only the first (concept count) are in use
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> mention_order;
  std::vector<std::vector<uint32_t>> near_concepts;  // likewise
  std::vector<uint32_t> bag_hashes;
  std::vector<std::pair<uint32_t, uint32_t>> bag_range;
  std::vector<uint32_t> shared_sentences, features;
  std::vector<uint32_t> sentence_novelty;
};


// Hashes features and keeps the first occurrence of each: `seen` holds one bit per hash
// bucket, set for the features of the current candidate and cleared by clear_seen().
class FeatureSink {
 public:
  // Writes into `buffer` from its start, growing it when full (its size is the capacity).
  FeatureSink(std::vector<uint32_t>& buffer, std::vector<uint64_t>& seen, uint32_t mask, uint64_t class_pair)
      : buffer_(buffer), seen_(seen), mask_(mask), pair_(class_pair) {}
  // The hash of a feature: its template, its class pair (63: shared by all) and its value.
  [[gnu::always_inline]] static uint32_t hash(Template t, uint64_t pair, uint64_t value, uint32_t mask) {
    return static_cast<uint32_t>(mix64(value * 0x9E3779B97F4A7C15ULL + (static_cast<uint64_t>(t) << 8) + pair) & mask);
  }
  // Conjoined with the class pair.
  [[gnu::always_inline]] void add(Template t, uint64_t value) { push(hash(t, pair_, value, mask_)); }
  // Shared by all class pairs.
  [[gnu::always_inline]] void add_any(Template t, uint64_t value) { push(hash(t, 63, value, mask_)); }
  // Features hashed beforehand (hash() with this sink's class pair).
  void add_hashed(std::span<const uint32_t> hashes) {
    for (uint32_t h : hashes) push(h);
  }
  // The features gathered, each once, in order.
  std::span<const uint32_t> features() const { return {buffer_.data(), size_}; }
  // Clears the bits of the features gathered, leaving `seen` all zero for the next candidate.
  void clear_seen() {
    for (uint32_t h : features()) seen_[h >> 6] = 0;
  }

 private:
  // Called for every feature of every candidate: the growing path is kept out of line so
  // that the common one inlines to a hash, a bit test and a store.
  [[gnu::always_inline]] void push(uint32_t h) {
    uint64_t& word = seen_[h >> 6];
    const uint64_t bit = uint64_t{1} << (h & 63);
    if (word & bit) return;  // a repeat: the model counts each feature once
    word |= bit;
    if (size_ == buffer_.size()) [[unlikely]]
      grow();
    buffer_[size_++] = h;
  }
  [[gnu::noinline]] void grow() { buffer_.resize(std::max<size_t>(256, 2 * buffer_.size())); }
  std::vector<uint32_t>& buffer_;
  size_t size_ = 0;
  std::vector<uint64_t>& seen_;
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

bool relation_type_allowed(ClassPair pair, int type) {
  return type >= 0 && type < kRelationTypeCount && (kAllowedTypes[static_cast<size_t>(pair)] >> type) & 1;
}

RelationFeatureExtractor::RelationFeatureExtractor(uint32_t hash_bits)
    : hash_bits_(hash_bits), mask_((1u << hash_bits) - 1) {
  if (hash_bits < 1 || hash_bits > 26) throw std::invalid_argument("relation features: hash_bits must be in 1..26");
}

void RelationFeatureExtractor::extract(const Document& doc, const AnalyzedText& analysis, DocumentCandidates& out) const {
  out.concepts.clear();
  out.candidates.clear();
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
  thread_local ExtractionScratch scratch;
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
    for (uint32_t t = sentences[s].token_begin; t < sentences[s].token_end && t < tokens.size(); ++t) sentence_of_token[t] = s;

  std::unordered_map<std::string, uint32_t> concept_of_key;
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
      std::string key = normalize_id(id);
      auto [it, inserted] = concept_of_key.emplace(key, static_cast<uint32_t>(out.concepts.size()));
      if (inserted) {
        Concept c;
        c.id = id;
        c.key = std::move(key);
        c.type = *type;
        out.concepts.push_back(std::move(c));
      }
      Concept& c = out.concepts[it->second];
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

  std::vector<uint64_t>& concept_hash = scratch.concept_hash;
  concept_hash.resize(out.concepts.size());
  for (size_t i = 0; i < out.concepts.size(); ++i) concept_hash[i] = fnv1a64(out.concepts[i].key);

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
    for (const ConceptMention& m : out.concepts[i].mentions) {
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

  // Concept pairs with two mentions within the window: a sweep over the mentions in
  // text order, so long documents do not cost the square of their length.
  auto& mention_order = scratch.mention_order;  // begin, end, concept
  mention_order.clear();
  for (uint32_t c = 0; c < out.concepts.size(); ++c)
    for (const ConceptMention& m : out.concepts[c].mentions) mention_order.emplace_back(m.token_begin, m.token_end, c);
  std::sort(mention_order.begin(), mention_order.end());
  std::vector<std::vector<uint32_t>>& near_concepts = scratch.near_concepts;
  if (near_concepts.size() < out.concepts.size()) near_concepts.resize(out.concepts.size());
  for (size_t c = 0; c < out.concepts.size(); ++c) near_concepts[c].clear();
  for (size_t x = 0; x < mention_order.size(); ++x) {
    const auto [begin_x, end_x, concept_x] = mention_order[x];
    for (size_t y = x + 1; y < mention_order.size(); ++y) {
      const auto [begin_y, end_y, concept_y] = mention_order[y];
      if (begin_y > end_x && begin_y - end_x > kCandidateWindowTokens) break;
      if (concept_x == concept_y) continue;
      near_concepts[std::min(concept_x, concept_y)].push_back(std::max(concept_x, concept_y));
    }
  }
  for (size_t c = 0; c < out.concepts.size(); ++c) {
    std::vector<uint32_t>& v = near_concepts[c];
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
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
      for (uint32_t k = sentences[s].token_begin; k < sentences[s].token_end; ++k)
        if (info[k].is_word && info[k].mention < 0)
          bag_hashes.push_back(FeatureSink::hash(t, static_cast<uint64_t>(pair), info[k].prefix, mask_));
      end = static_cast<uint32_t>(bag_hashes.size()) + 1;  // + 1: 0 stands for "not hashed yet"
    }
    return {bag_hashes.data() + begin, end - 1 - begin};
  };
  std::vector<uint32_t>& shared_sentences = scratch.shared_sentences;
  std::vector<uint32_t>& features = scratch.features;
  // One bit per hash bucket (128 KB at 20 bits), all zero between candidates; kept per
  // thread so that a document does not pay for allocating and zeroing it.
  thread_local std::vector<uint64_t> seen;
  seen.resize(std::max<size_t>(1, (size_t{mask_} + 1) / 64), 0);
  for (uint32_t i = 0; i < out.concepts.size(); ++i) {
    for (uint32_t j : near_concepts[i]) {
      const auto pair = class_pair_of(out.concepts[i].type, out.concepts[j].type);
      if (!pair) continue;
      uint32_t a = i, b = j;
      const int ra = argument_rank(out.concepts[a].type), rb = argument_rank(out.concepts[b].type);
      if (rb < ra || (rb == ra && out.concepts[b].mentions.front().token_begin < out.concepts[a].mentions.front().token_begin))
        std::swap(a, b);
      const Concept& A = out.concepts[a];
      const Concept& B = out.concepts[b];

      RelationCandidate cand;
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
      bool a_title = false, b_title = false;
      for (const ConceptMention& ma : A.mentions) a_title |= ma.in_title;
      for (const ConceptMention& mb : B.mentions) b_title |= mb.in_title;
      // Mentions are in text order, so sentences do not decrease: for each mention of A,
      // the nearest sentences of B and B's mentions in its own sentence are found by
      // binary search (linear in long texts, not |A| x |B|). Ties go to the first pair
      // in (A, B) order.
      const auto by_sentence = [](const ConceptMention& m, uint32_t s) { return m.sentence < s; };
      const auto same_sentence = [&](uint32_t s) {
        auto lo = std::lower_bound(B.mentions.begin(), B.mentions.end(), s, by_sentence);
        auto hi = lo;
        while (hi != B.mentions.end() && hi->sentence == s) ++hi;
        return std::make_pair(lo, hi);
      };
      for (const ConceptMention& ma : A.mentions) {
        const auto after = std::lower_bound(B.mentions.begin(), B.mentions.end(), ma.sentence, by_sentence);
        const ConceptMention* nearest = nullptr;
        int sd = -1;
        if (after != B.mentions.begin()) {
          const uint32_t below = std::prev(after)->sentence;
          nearest = &*std::lower_bound(B.mentions.begin(), after, below, by_sentence);
          sd = int(ma.sentence - below);
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
        const auto [lo, hi] = same_sentence(ma.sentence);
        for (auto mb = lo; mb != hi; ++mb) {
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
      FeatureSink f(features, seen, mask_, static_cast<uint64_t>(*pair));
      f.add_any(kBias, 0);
      f.add(kBias, 0);
      f.add(kSameSentence, bucket(st.same_sentence_count));
      f.add(kSentenceDistance, bucket(st.min_sentence_distance));
      f.add(kTokenDistance, bucket(st.min_token_distance));
      f.add_any(kTokenDistance, bucket(st.min_token_distance));
      f.add(kTitle, (a_title ? 1 : 0) + (b_title ? 2 : 0));
      f.add_any(kTitle, (a_title ? 1 : 0) + (b_title ? 2 : 0));
      f.add(kCountFirst, bucket(static_cast<int64_t>(A.mentions.size())));
      f.add(kCountSecond, bucket(static_cast<int64_t>(B.mentions.size())));
      const uint64_t rank_a = static_cast<uint64_t>(std::min(rank[a], 4)), rank_b = static_cast<uint64_t>(std::min(rank[b], 4));
      f.add(kRankFirst, rank_a);
      f.add(kRankSecond, rank_b);
      f.add(kRankFirst, 16 + rank_a * 8 + rank_b);
      const auto salience = [&](const Concept& c) -> uint64_t {
        const double share = total_mentions ? double(c.mentions.size()) / total_mentions : 0.0;
        return share < 0.03 ? 0 : share < 0.07 ? 1 : share < 0.15 ? 2 : share < 0.3 ? 3 : 4;
      };
      f.add(kSalienceFirst, salience(A));
      f.add(kSalienceSecond, salience(B));
      // The concepts themselves: a drug that mostly treats, a toxin that mostly induces.
      const uint64_t id_a = concept_hash[a], id_b = concept_hash[b];
      f.add(kConceptFirst, id_a);
      f.add(kConceptSecond, id_b);
      f.add(kConceptPair, id_a * 31 + id_b);
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
      uint64_t shared_sections = 0, a_sections = 0, b_sections = 0;
      for (uint32_t sh : shared_sentences) shared_sections |= 1u << section(sh);
      for (const ConceptMention& m : A.mentions) a_sections |= 1u << section(m.sentence);
      for (const ConceptMention& m : B.mentions) b_sections |= 1u << section(m.sentence);
      f.add(kSection, shared_sections);
      f.add_any(kSection, shared_sections);
      for (uint64_t k = 0; k < 4; ++k)
        if (shared_sections & (1u << k)) f.add_any(kSection, 16 + k);
      f.add_any(kSectionMentions, a_sections * 16 + b_sections);
      f.add_any(kSectionMentions, 256 + ((a_sections & b_sections) >> 1));
      f.add(kSectionMentions, 512 + ((a_sections & b_sections) >> 1));

      // Words next to each mention ("X-induced", "inhibition of X") and the mention's own
      // last word ("deficiency", "mutation"), computed once per concept.
      for (uint64_t v : context[a].adjacent) f.add(kAdjacentFirst, v);
      for (uint64_t v : context[a].heads) f.add(kHeadFirst, v);
      for (uint64_t v : context[b].adjacent) f.add(kAdjacentSecond, v);
      for (uint64_t v : context[b].heads) f.add(kHeadSecond, v);
      for (uint32_t bits = context[a].role | context[b].role; bits != 0; bits &= bits - 1) {
        const uint32_t bit = static_cast<uint32_t>(std::countr_zero(bits));
        if (context[a].role & (1u << bit)) f.add(kRoleFirst, bit);
        if (context[b].role & (1u << bit)) f.add(kRoleSecond, bit);
      }

      // Words between every same-sentence mention pair that is not too far apart.
      uint32_t any_between_polarity = 0;
      for (const ConceptMention& ma : A.mentions)
        for (auto [lo, hi] = same_sentence(ma.sentence); lo != hi; ++lo) {
          const ConceptMention& mb = *lo;
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

      f.clear_seen();
      cand.features.assign(f.features().begin(), f.features().end());
      cand.type_feature_count = type_feature_count;
      out.candidates.push_back(std::move(cand));
    }
  }
}

}  // namespace biotator
