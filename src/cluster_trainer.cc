#include "cluster_trainer.h"

#include "hashing.h"

#include <fasttext/fasttext.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <queue>
#include <stdexcept>

#include "byte_source.h"
#include "input_error.h"
#include "sentence_splitter.h"
#include "tokenizer.h"

namespace biotator {
namespace {

constexpr size_t kExclusionNgram = 8;


uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

uint64_t hash_range(const std::vector<uint64_t>& token_hashes, size_t begin, size_t end) {
  uint64_t h = end - begin;
  for (size_t i = begin; i < end; ++i) h = mix(h, token_hashes[i]);
  return h;
}

// Calls `on_sentence` with the normalized tokens of every sentence of `text`.
template <typename Fn>
void for_each_normalized_sentence(std::string_view text, std::vector<Token>& tokens, std::vector<Sentence>& sentences,
                                  std::vector<std::string>& words, Fn&& on_sentence) {
  tokenize(text, tokens);
  split_sentences(text, tokens, sentences);
  for (const Sentence& s : sentences) {
    words.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) words.push_back(WordClusters::normalize(tokens[t].text(text)));
    if (!words.empty()) on_sentence(words);
  }
}

std::vector<uint64_t> token_hashes(const std::vector<std::string>& tokens) {
  std::vector<uint64_t> hashes(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) hashes[i] = fnv1a64(tokens[i]);
  return hashes;
}

double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

size_t uniform_index(std::mt19937_64& rng, size_t n) {
  return std::min(n - 1, static_cast<size_t>(uniform01(rng) * static_cast<double>(n)));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The temporary training file, removed when training ends however it ends.
class TempFile {
 public:
  explicit TempFile(const std::string& dir) {
    std::string pattern =
        (dir.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(dir)) / "biotator-clusters-XXXXXX";
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error(pattern + ": cannot create the temporary training file");
    close(fd);
    path_ = pattern;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void validate(const ClusterTrainingOptions& o) {
  if (o.dim < 1 || o.epochs < 1 || o.min_count < 1 || o.window < 1 || o.threads < 1 || o.kmeans_iterations < 1 ||
      o.buckets < 0 || !(o.subsample_threshold > 0) || !(o.learning_rate > 0))
    throw std::invalid_argument("cluster training: dim, epochs, min_count, window, threads, k-means iterations, "
                                "subsampling threshold and learning rate must be positive");
  if (!(o.min_subword == 0 && o.max_subword == 0) && !(o.min_subword >= 1 && o.min_subword <= o.max_subword))
    throw std::invalid_argument("cluster training: subword lengths must be 0 and 0 (none) or 1 <= min <= max");
  if (o.cluster_counts.empty() || o.cluster_counts.size() > WordClusters::kMaxGranularities)
    throw std::invalid_argument("cluster training: give 1 to 8 cluster counts");
  for (size_t i = 0; i < o.cluster_counts.size(); ++i) {
    if (o.cluster_counts[i] < 1 || o.cluster_counts[i] > 65536)
      throw std::invalid_argument("cluster training: a cluster count must be 1 to 65536");
    if (i > 0 && o.cluster_counts[i] < o.cluster_counts[i - 1])
      throw std::invalid_argument("cluster training: cluster counts must not decrease (coarse to fine)");
  }
}

// Shares `total` child clusters among parents of the given sizes: each non-empty parent
// gets one, the rest go one by one to the parent with the most members per child
// (D'Hondt), never more children than members. Ties go to the lower parent index.
std::vector<uint32_t> share_children(const std::vector<size_t>& sizes, uint32_t total) {
  std::vector<uint32_t> children(sizes.size(), 0);
  auto fewer_per_child = [&](size_t a, size_t b) {  // priority of a below b?
    const double lhs = static_cast<double>(sizes[a]) * children[b];
    const double rhs = static_cast<double>(sizes[b]) * children[a];
    return lhs != rhs ? lhs < rhs : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(fewer_per_child)> queue(fewer_per_child);
  uint32_t given = 0;
  for (size_t p = 0; p < sizes.size(); ++p) {
    if (sizes[p] == 0) continue;
    children[p] = 1;
    ++given;
    if (sizes[p] > 1) queue.push(p);
  }
  while (given < total && !queue.empty()) {
    const size_t p = queue.top();
    queue.pop();
    ++children[p];
    ++given;
    if (children[p] < sizes[p]) queue.push(p);
  }
  return children;
}

// Hierarchical clustering: flat k-means for the first granularity, then every cluster
// of one granularity split into its share of the next. Returns ids[level][word].
std::vector<std::vector<uint16_t>> cluster_hierarchically(const std::vector<float>& vectors, size_t dim, size_t n,
                                                          const std::vector<uint32_t>& counts, int iterations,
                                                          uint64_t seed, std::vector<uint32_t>& actual_counts) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<uint16_t>> ids(counts.size(), std::vector<uint16_t>(n, 0));
  actual_counts.assign(counts.size(), 0);
  std::vector<uint32_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = static_cast<uint32_t>(i);
  const auto top_k = static_cast<uint32_t>(std::min<size_t>(counts[0], n));
  const std::vector<uint32_t> top = cluster_detail::kmeans(vectors, dim, all, top_k, iterations, rng);
  for (size_t i = 0; i < n; ++i) ids[0][i] = static_cast<uint16_t>(top[i]);
  actual_counts[0] = top_k;
  for (size_t level = 1; level < counts.size(); ++level) {
    std::vector<std::vector<uint32_t>> members(actual_counts[level - 1]);
    for (uint32_t w = 0; w < n; ++w) members[ids[level - 1][w]].push_back(w);
    std::vector<size_t> sizes(members.size());
    for (size_t p = 0; p < members.size(); ++p) sizes[p] = members[p].size();
    const std::vector<uint32_t> children = share_children(sizes, static_cast<uint32_t>(std::min<size_t>(counts[level], n)));
    uint32_t next_id = 0;
    for (size_t p = 0; p < members.size(); ++p) {
      if (children[p] == 0) continue;
      std::vector<uint32_t> sub(members[p].size(), 0);
      if (children[p] > 1) sub = cluster_detail::kmeans(vectors, dim, members[p], children[p], iterations, rng);
      for (size_t i = 0; i < members[p].size(); ++i) ids[level][members[p][i]] = static_cast<uint16_t>(next_id + sub[i]);
      next_id += children[p];
    }
    actual_counts[level] = next_id;
  }
  return ids;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// TextExclusion

TextExclusion::TextExclusion(const std::vector<Document>& excluded) {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<std::string> words;
  for (const Document& doc : excluded) {
    ids_.insert(doc.id);
    for (const Passage& passage : doc.passages) {
      for_each_normalized_sentence(passage.text, tokens, sentences, words, [&](const std::vector<std::string>& w) {
        const std::vector<uint64_t> hashes = token_hashes(w);
        sentences_.insert(hash_range(hashes, 0, hashes.size()));
        for (size_t i = 0; i + kExclusionNgram <= hashes.size(); ++i)
          ngrams_.insert(hash_range(hashes, i, i + kExclusionNgram));
      });
    }
  }
}

bool TextExclusion::excludes_sentence(const std::vector<std::string>& tokens) const {
  if (empty() || tokens.empty()) return false;
  const std::vector<uint64_t> hashes = token_hashes(tokens);
  if (sentences_.count(hash_range(hashes, 0, hashes.size()))) return true;
  if (hashes.size() < kExclusionNgram) return false;
  const size_t total = hashes.size() - kExclusionNgram + 1;
  size_t shared = 0;
  for (size_t i = 0; i < total; ++i) shared += ngrams_.count(hash_range(hashes, i, i + kExclusionNgram));
  return shared * 2 >= total;
}

// ---------------------------------------------------------------------------------------
// k-means

std::vector<uint32_t> cluster_detail::kmeans(const std::vector<float>& vectors, size_t dim,
                                             const std::vector<uint32_t>& members, uint32_t k, int iterations,
                                             std::mt19937_64& rng) {
  const size_t n = members.size();
  if (k < 1 || k > n) throw std::invalid_argument("kmeans: k must be between 1 and the number of points");
  auto row = [&](size_t i) { return &vectors[static_cast<size_t>(members[i]) * dim]; };
  auto squared_distance = [&](const float* a, const float* b) {
    double d = 0;
    for (size_t x = 0; x < dim; ++x) d += static_cast<double>(a[x] - b[x]) * (a[x] - b[x]);
    return d;
  };

  // k-means++ seeding: each next centre drawn with probability proportional to the
  // squared distance to the nearest centre chosen so far.
  std::vector<float> centroids(static_cast<size_t>(k) * dim);
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  size_t chosen = uniform_index(rng, n);
  for (uint32_t c = 0; c < k; ++c) {
    std::copy(row(chosen), row(chosen) + dim, &centroids[c * dim]);
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      nearest[i] = std::min(nearest[i], squared_distance(row(i), &centroids[c * dim]));
      total += nearest[i];
    }
    if (c + 1 == k) break;
    if (total <= 0) {
      chosen = uniform_index(rng, n);  // every point sits on a centre already
      continue;
    }
    const double target = uniform01(rng) * total;
    double cumulative = 0;
    chosen = n;
    for (size_t i = 0; i < n && chosen == n; ++i) {
      cumulative += nearest[i];
      if (cumulative > target && nearest[i] > 0) chosen = i;
    }
    if (chosen == n)  // rounding at the very end of the sum: take the last candidate
      for (size_t i = n; i-- > 0 && chosen == n;)
        if (nearest[i] > 0) chosen = i;
  }

  // Lloyd rounds. Scores are computed against the transposed centroids (dim x k) so the
  // inner loop runs over clusters: it vectorizes without reordering any float sum, and
  // the result is the same with or without SIMD.
  std::vector<uint32_t> assignment(n, UINT32_MAX);
  std::vector<float> transposed(static_cast<size_t>(k) * dim);
  std::vector<float> centroid_norm(k);
  std::vector<float> score(k);
  std::vector<double> distance(n);
  std::vector<double> sums(static_cast<size_t>(k) * dim);
  std::vector<size_t> sizes(k);
  for (int iteration = 0; iteration < iterations; ++iteration) {
    for (uint32_t c = 0; c < k; ++c) {
      float norm = 0;
      for (size_t x = 0; x < dim; ++x) {
        transposed[x * k + c] = centroids[c * dim + x];
        norm += centroids[c * dim + x] * centroids[c * dim + x];
      }
      centroid_norm[c] = norm;
    }
    bool changed = false;
    std::fill(sizes.begin(), sizes.end(), 0);
    for (size_t i = 0; i < n; ++i) {
      const float* v = row(i);
      std::copy(centroid_norm.begin(), centroid_norm.end(), score.begin());  // |c|^2 - 2 v.c
      for (size_t x = 0; x < dim; ++x) {
        const float twice = 2.0f * v[x];
        const float* t = &transposed[x * k];
        for (uint32_t c = 0; c < k; ++c) score[c] -= twice * t[c];
      }
      const uint32_t best = static_cast<uint32_t>(std::min_element(score.begin(), score.end()) - score.begin());
      distance[i] = score[best];
      if (best != assignment[i]) changed = true;
      assignment[i] = best;
      ++sizes[best];
    }
    // An empty cluster takes the member farthest from its centroid (in a cluster that
    // keeps at least one member).
    for (uint32_t c = 0; c < k; ++c) {
      if (sizes[c] != 0) continue;
      size_t far = n;
      for (size_t i = 0; i < n; ++i)
        if (sizes[assignment[i]] > 1 && (far == n || distance[i] > distance[far])) far = i;
      if (far == n) break;
      --sizes[assignment[far]];
      assignment[far] = c;
      sizes[c] = 1;
      distance[far] = -std::numeric_limits<double>::infinity();
      changed = true;
    }
    if (!changed) break;
    std::fill(sums.begin(), sums.end(), 0.0);
    for (size_t i = 0; i < n; ++i) {
      const float* v = row(i);
      double* s = &sums[static_cast<size_t>(assignment[i]) * dim];
      for (size_t x = 0; x < dim; ++x) s[x] += v[x];
    }
    for (uint32_t c = 0; c < k; ++c)
      for (size_t x = 0; x < dim; ++x)
        centroids[c * dim + x] = static_cast<float>(sums[c * dim + x] / static_cast<double>(sizes[c]));
  }
  return assignment;
}

// ---------------------------------------------------------------------------------------
// Raw text

std::vector<std::string> read_raw_text_lines(const std::string& path) {
  std::unique_ptr<ByteSource> source = ByteSource::open(path);
  std::vector<std::string> texts;
  std::string_view line;
  while (source->read_line(line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    size_t added = 0;
    if (line.find('\t') != std::string_view::npos) {
      size_t start = line.find('\t') + 1;  // after the PMID
      while (start <= line.size()) {
        size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) tab = line.size();
        std::string_view field = line.substr(start, tab - start);
        if (field.find_first_not_of(' ') != std::string_view::npos) {
          texts.emplace_back(field);
          ++added;
        }
        start = tab + 1;
      }
    } else {
      const size_t space = line.find(' ');
      if (space != std::string_view::npos && line.find_first_not_of(' ', space) != std::string_view::npos) {
        texts.emplace_back(line.substr(space + 1));
        ++added;
      }
    }
    if (added == 0)
      throw InputError(source->name(), source->line_number(),
                       "expected 'ID text' or 'PMID<TAB>title<TAB>abstract', found no text", false);
  }
  return texts;
}

// ---------------------------------------------------------------------------------------
// Training

WordClusters train_word_clusters(const std::vector<Document>& docs, const ClusterTrainingOptions& options,
                                 std::ostream& log) {
  return train_word_clusters(docs, {}, options, log);
}

WordClusters train_word_clusters(const std::vector<Document>& docs, const std::vector<std::string>& extra_texts,
                                 const ClusterTrainingOptions& options, std::ostream& log) {
  validate(options);
  const auto start = std::chrono::steady_clock::now();

  // 1. The training text: one normalized sentence per line, each distinct sentence once.
  TempFile text_file(options.temp_dir);
  uint64_t written = 0, duplicates = 0, excluded_sentences = 0, excluded_docs = 0, tokens_written = 0;
  {
    std::ofstream out(text_file.path(), std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(text_file.path() + ": cannot write the training text");
    std::unordered_set<uint64_t> seen;
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    std::vector<std::string> words;
    std::string line;
    auto write_text = [&](std::string_view text) {
      for_each_normalized_sentence(text, tokens, sentences, words, [&](const std::vector<std::string>& w) {
        line.clear();
        for (const std::string& word : w) {
          if (!line.empty()) line += ' ';
          line += word;
        }
        if (!seen.insert(fnv1a64(line)).second) {
          ++duplicates;
          return;
        }
        if (options.exclusion.excludes_sentence(w)) {
          ++excluded_sentences;
          return;
        }
        line += '\n';
        out << line;
        ++written;
        tokens_written += w.size();
      });
    };
    for (const Document& doc : docs) {
      if (options.exclusion.excludes_id(doc.id)) {
        ++excluded_docs;
        continue;
      }
      for (const Passage& passage : doc.passages) write_text(passage.text);
    }
    for (const std::string& text : extra_texts) write_text(text);
    out.flush();
    if (!out) throw std::runtime_error(text_file.path() + ": write failed");
  }
  log << "clusters: " << written << " sentences, " << tokens_written << " tokens (skipped " << duplicates
      << " duplicate sentences, " << excluded_docs << " excluded documents, " << excluded_sentences
      << " sentences of excluded text)\n";
  if (tokens_written == 0) throw std::runtime_error("cluster training: no text to train on");

  // 2. Skipgram vectors.
  fasttext::Args args;
  args.input = text_file.path();
  args.model = fasttext::model_name::sg;
  args.loss = fasttext::loss_name::ns;
  args.dim = options.dim;
  args.ws = options.window;
  args.epoch = options.epochs;
  args.minCount = options.min_count;
  args.minn = options.min_subword;
  args.maxn = options.max_subword;
  args.bucket = options.max_subword == 0 ? 0 : options.buckets;
  args.thread = options.threads;
  args.t = options.subsample_threshold;
  args.lr = options.learning_rate;
  args.seed = static_cast<int>(options.seed & 0x7fffffff);
  args.verbose = 0;
  fasttext::FastText fasttext_model;
  try {
    fasttext_model.train(args);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cluster training: fastText failed: ") + e.what());
  }
  const double fasttext_seconds = seconds_since(start);

  // 3. Normalized vectors of the vocabulary (fastText's end-of-line token left out).
  const auto dictionary = fasttext_model.getDictionary();
  const size_t dim = static_cast<size_t>(options.dim);
  std::vector<std::string> vocabulary;
  std::vector<float> vectors;
  fasttext::Vector vec(options.dim);
  for (int32_t i = 0; i < dictionary->nwords(); ++i) {
    std::string word = dictionary->getWord(i);
    if (word == fasttext::Dictionary::EOS) continue;
    fasttext_model.getWordVector(vec, word);
    double norm = 0;
    for (size_t x = 0; x < dim; ++x) norm += static_cast<double>(vec[x]) * vec[x];
    if (norm <= 0) continue;  // cannot happen for a trained word; skip rather than divide by 0
    const double scale = 1.0 / std::sqrt(norm);
    for (size_t x = 0; x < dim; ++x) vectors.push_back(static_cast<float>(vec[x] * scale));
    vocabulary.push_back(std::move(word));
  }
  if (vocabulary.empty())
    throw std::runtime_error("cluster training: no word occurs min_count (" + std::to_string(options.min_count) +
                             ") times");
  log << "clusters: fastText skipgram (dim " << options.dim << ", " << options.epochs << " epochs) gave "
      << vocabulary.size() << " words in " << fasttext_seconds << " s\n";

  // 4. Clusters.
  std::vector<uint32_t> actual_counts;
  const auto ids = cluster_hierarchically(vectors, dim, vocabulary.size(), options.cluster_counts,
                                          options.kmeans_iterations, options.seed, actual_counts);
  WordClusters clusters(actual_counts);
  std::vector<uint16_t> word_ids(actual_counts.size());
  for (size_t w = 0; w < vocabulary.size(); ++w) {
    for (size_t level = 0; level < actual_counts.size(); ++level) word_ids[level] = ids[level][w];
    clusters.add(vocabulary[w], word_ids.data());
  }
  log << "clusters:";
  for (uint32_t k : actual_counts) log << ' ' << k;
  log << " clusters of " << vocabulary.size() << " words; total " << seconds_since(start) << " s\n";
  return clusters;
}

}  // namespace biotator
