// Distributional word clusters, a feature of the entity recognizer.
//
// Every vocabulary word (a normalized token, see normalize()) has one cluster id per
// granularity, coarse to fine (by default 64, 256 and 1024 clusters). The clustering is
// hierarchical: the words of one fine cluster all share one coarser cluster at every
// coarser granularity, so the granularities act like Brown-cluster prefixes.
// The clusters are learned by src/cluster_trainer.h from raw corpus text.
//
// Lookup hashes the normalized token on the fly (no allocation) and probes an
// open-addressing table, since the NER asks for every token it labels.
// File: save_model_file with magic "BTCLUST1"; the body stores the words themselves
// (not their hashes), so the hash function may change without breaking old files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace biotator {

class WordClusters {
 public:
  static constexpr std::string_view kMagic = "BTCLUST1";
  static constexpr size_t kMaxGranularities = 8;

  // The normalization applied to every token, at training and at lookup time: ASCII
  // letters are lowercased and every ASCII digit becomes '0' ("IL-6" tokens "IL","-","6"
  // -> "il","-","0"; "1998" -> "0000"; "V600E" -> "v000e"). Other bytes (non-ASCII
  // letters such as Greek "β", symbols) are kept as they are.
  static std::string normalize(std::string_view token);

  WordClusters() = default;
  // `cluster_counts`: the number of clusters of each granularity, coarse to fine (each
  // at most 65536). Throws std::invalid_argument when empty or too many.
  explicit WordClusters(std::vector<uint32_t> cluster_counts);

  // Adds (or replaces) a word, given already normalized, with one id per granularity.
  // Throws std::invalid_argument for an id out of range.
  void add(std::string_view normalized_word, const uint16_t* ids);

  // Writes the cluster id of each granularity of `token` (normalized here, so pass the
  // raw token) into ids[0 .. granularities()). False, ids untouched, when unknown.
  bool lookup(std::string_view token, uint16_t* ids) const;

  size_t granularities() const { return cluster_counts_.size(); }
  // Number of clusters at granularity `level` (may be fewer than asked for when the
  // vocabulary was small).
  uint32_t cluster_count(size_t level) const { return cluster_counts_.at(level); }
  size_t size() const { return words_.size(); }
  // The normalized words, in insertion order, and their ids (size() x granularities()).
  const std::vector<std::string>& words() const { return words_; }
  const uint16_t* ids_of(size_t word_index) const { return &ids_[word_index * granularities()]; }
  // Words that share the cluster of `token` at granularity `level`, in insertion order
  // (for inspection and reports; linear in the vocabulary).
  std::vector<std::string> cluster_members(std::string_view token, size_t level) const;

  void save(const std::string& path) const;
  // Throws std::runtime_error naming the path for a missing, foreign or corrupt file.
  static WordClusters load(const std::string& path);

 private:
  static uint64_t hash_normalized(std::string_view token);  // normalizes while hashing
  size_t find_slot(uint64_t hash) const;
  void grow();

  std::vector<uint32_t> cluster_counts_;
  std::vector<std::string> words_;
  std::vector<uint16_t> ids_;              // granularities() per word
  // Open addressing with linear probing; capacity a power of two, at most half full.
  std::vector<uint64_t> slot_hash_;        // 0 = empty slot (real hashes are never 0)
  std::vector<uint32_t> slot_word_;        // index into words_
};

}  // namespace biotator
