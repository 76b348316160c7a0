#include "word_clusters.h"

#include <algorithm>
#include <stdexcept>

#include "model_file.h"

namespace biotator {
namespace {

constexpr uint32_t kFormatVersion = 1;

inline char normalize_byte(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c >= '0' && c <= '9') return '0';
  return c;
}

}  // namespace

std::string WordClusters::normalize(std::string_view token) {
  std::string out(token);
  for (char& c : out) c = normalize_byte(c);
  return out;
}

uint64_t WordClusters::hash_normalized(std::string_view token) {
  // FNV-1a over the normalized bytes, then the splitmix64 finalizer so that the low
  // bits (the table index) depend on every byte.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : token) {
    h ^= static_cast<unsigned char>(normalize_byte(c));
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

WordClusters::WordClusters(std::vector<uint32_t> cluster_counts) : cluster_counts_(std::move(cluster_counts)) {
  if (cluster_counts_.empty() || cluster_counts_.size() > kMaxGranularities)
    throw std::invalid_argument("word clusters need 1 to 8 granularities");
  for (uint32_t k : cluster_counts_)
    if (k == 0 || k > 65536) throw std::invalid_argument("a granularity must have 1 to 65536 clusters");
  slot_hash_.assign(1024, 0);
  slot_word_.assign(1024, 0);
}

size_t WordClusters::find_slot(uint64_t hash) const {
  const size_t mask = slot_hash_.size() - 1;
  size_t i = static_cast<size_t>(hash) & mask;
  while (slot_hash_[i] != 0 && slot_hash_[i] != hash) i = (i + 1) & mask;
  return i;
}

void WordClusters::grow() {
  std::vector<uint64_t> old_hash = std::move(slot_hash_);
  std::vector<uint32_t> old_word = std::move(slot_word_);
  slot_hash_.assign(old_hash.size() * 2, 0);
  slot_word_.assign(old_hash.size() * 2, 0);
  for (size_t i = 0; i < old_hash.size(); ++i) {
    if (old_hash[i] == 0) continue;
    const size_t slot = find_slot(old_hash[i]);
    slot_hash_[slot] = old_hash[i];
    slot_word_[slot] = old_word[i];
  }
}

void WordClusters::add(std::string_view normalized_word, const uint16_t* ids) {
  if (cluster_counts_.empty()) throw std::logic_error("WordClusters::add on clusters without granularities");
  for (size_t g = 0; g < granularities(); ++g)
    if (ids[g] >= cluster_counts_[g]) throw std::invalid_argument("cluster id out of range");
  const uint64_t hash = hash_normalized(normalized_word);
  size_t slot = find_slot(hash);
  if (slot_hash_[slot] == hash) {
    // The 64-bit hash is the key: two different words sharing one is astronomically
    // unlikely, but would make lookups silently wrong, so refuse it.
    if (words_[slot_word_[slot]] != normalized_word)
      throw std::runtime_error("word clusters: hash collision between '" + words_[slot_word_[slot]] + "' and '" +
                               std::string(normalized_word) + "'");
    std::copy(ids, ids + granularities(), ids_.begin() + slot_word_[slot] * granularities());
    return;
  }
  if ((words_.size() + 1) * 2 > slot_hash_.size()) {
    grow();
    slot = find_slot(hash);
  }
  slot_hash_[slot] = hash;
  slot_word_[slot] = static_cast<uint32_t>(words_.size());
  words_.emplace_back(normalized_word);
  ids_.insert(ids_.end(), ids, ids + granularities());
}

bool WordClusters::lookup(std::string_view token, uint16_t* ids) const {
  if (words_.empty()) return false;
  const uint64_t hash = hash_normalized(token);
  const size_t slot = find_slot(hash);
  if (slot_hash_[slot] != hash) return false;
  const uint16_t* found = &ids_[slot_word_[slot] * granularities()];
  std::copy(found, found + granularities(), ids);
  return true;
}

std::vector<std::string> WordClusters::cluster_members(std::string_view token, size_t level) const {
  std::vector<std::string> members;
  uint16_t ids[kMaxGranularities];
  if (level >= granularities() || !lookup(token, ids)) return members;
  for (size_t w = 0; w < words_.size(); ++w)
    if (ids_of(w)[level] == ids[level]) members.push_back(words_[w]);
  return members;
}

void WordClusters::save(const std::string& path) const {
  BodyWriter body;
  body.put<uint32_t>(kFormatVersion);
  body.put<uint32_t>(static_cast<uint32_t>(granularities()));
  body.put_array(cluster_counts_.data(), cluster_counts_.size());
  body.put<uint32_t>(static_cast<uint32_t>(words_.size()));
  for (const std::string& w : words_) body.put_string(w);
  body.put_array(ids_.data(), ids_.size());
  save_model_file(path, kMagic, body.str());
}

WordClusters WordClusters::load(const std::string& path) {
  const std::string bytes = load_model_file(path, kMagic);
  BodyReader body(bytes, path);
  const auto version = body.get<uint32_t>();
  if (version != kFormatVersion)
    throw std::runtime_error(path + ": word clusters format version " + std::to_string(version) +
                             " is not supported (expected " + std::to_string(kFormatVersion) + ")");
  const auto levels = body.get<uint32_t>();
  if (levels == 0 || levels > kMaxGranularities) throw std::runtime_error(path + ": bad number of granularities");
  std::vector<uint32_t> counts(levels);
  body.get_array(counts.data(), counts.size());
  WordClusters clusters;
  try {
    clusters = WordClusters(std::move(counts));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  const auto n = body.get<uint32_t>();
  std::vector<std::string> words;
  words.reserve(n);
  for (uint32_t i = 0; i < n; ++i) words.push_back(body.get_string());
  std::vector<uint16_t> ids(static_cast<size_t>(n) * levels);
  body.get_array(ids.data(), ids.size());
  if (!body.done()) throw std::runtime_error(path + ": trailing bytes in word clusters file");
  try {
    for (uint32_t i = 0; i < n; ++i) clusters.add(words[i], &ids[static_cast<size_t>(i) * levels]);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  return clusters;
}

}  // namespace biotator
