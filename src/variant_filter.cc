#include "variant_filter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "hashing.h"
#include "model_file.h"

namespace biotator {

namespace {

constexpr std::string_view kMagic = "BTVFLT01";
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kMaxFeatureText = 24;  // longer words and shapes are cut (they are rare and specific)

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Lower case with every digit written 0: "Figure", "figure" and "FIGURE" are one word,
// and so are "T315" and "T790".
std::string fold(std::string_view s) {
  std::string out;
  const size_t n = std::min(s.size(), kMaxFeatureText);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9') c = '0';
    out += c;
  }
  return out;
}

// "Val600Glu" → "Aa0Aa" (collapsed) and "Aaa000Aaa" (full, cut at 24).
void shapes(std::string_view s, std::string& collapsed, std::string& full) {
  collapsed.clear();
  full.clear();
  for (char c : s) {
    char k;
    if (c >= 'A' && c <= 'Z') k = 'A';
    else if (c >= 'a' && c <= 'z') k = 'a';
    else if (c >= '0' && c <= '9') k = '0';
    else if (static_cast<unsigned char>(c) >= 0x80) k = 'U';
    else k = c;
    if (full.size() < kMaxFeatureText) full += k;
    if (collapsed.empty() || collapsed.back() != k) collapsed += k;
  }
}

// The character touching the candidate on one side: start/end of text, white space,
// a letter or digit (the candidate is glued inside a longer token) or the punctuation
// mark itself.
std::string_view neighbour_class(std::string_view text, size_t at, bool exists) {
  if (!exists) return "^$";
  const char c = text[at];
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return "_";
  if (is_word_byte(c)) return "w";
  return text.substr(at, 1);
}

// The `n`-th word before byte `begin` (n = 1: the nearest), folded; "<s>" when none.
std::string word_before(std::string_view text, size_t begin, int n) {
  size_t i = begin;
  for (int k = 0; k < n; ++k) {
    while (i > 0 && !is_word_byte(text[i - 1])) --i;
    if (i == 0) return "<s>";
    const size_t end = i;
    while (i > 0 && is_word_byte(text[i - 1])) --i;
    if (k + 1 == n) return fold(text.substr(i, end - i));
  }
  return "<s>";
}

// The `n`-th word after byte `end`, folded; "</s>" when none.
std::string word_after(std::string_view text, size_t end, int n) {
  size_t i = end;
  for (int k = 0; k < n; ++k) {
    while (i < text.size() && !is_word_byte(text[i])) ++i;
    if (i == text.size()) return "</s>";
    const size_t begin = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    if (k + 1 == n) return fold(text.substr(begin, i - begin));
  }
  return "</s>";
}

std::string_view bucket(size_t n, std::span<const size_t> limits, std::span<const std::string_view> names) {
  for (size_t i = 0; i < limits.size(); ++i)
    if (n <= limits[i]) return names[i];
  return names.back();
}

std::string_view count_bucket(size_t n) {
  static constexpr std::array<size_t, 3> kLimits = {0, 1, 2};
  static constexpr std::array<std::string_view, 4> kNames = {"0", "1", "2", "3+"};
  return bucket(n, kLimits, kNames);
}

// The tmVar form's coordinate system and change type: "p|SUB", "c|DEL"; "rs" for SNPs.
std::string_view change_type(const VariantMention& m) {
  if (m.kind == VariantKind::kSNP) return "rs";
  const size_t first = m.tmvar.find('|');
  if (first == std::string::npos) return m.tmvar;
  const size_t second = m.tmvar.find('|', first + 1);
  return std::string_view(m.tmvar).substr(0, second);
}

class FeatureSink {
 public:
  FeatureSink(uint32_t hash_bits, std::vector<uint32_t>& out)
      : mask_(static_cast<uint32_t>((uint64_t{1} << hash_bits) - 1)), out_(out) {}
  void add(std::string_view name, std::string_view value) {
    out_.push_back(static_cast<uint32_t>(mix64(fnv1a64(value, fnv1a64(name) * 31 + 0x3d)) & mask_));
  }
  void add(std::string_view name, std::string_view a, std::string_view b) {
    out_.push_back(
        static_cast<uint32_t>(mix64(fnv1a64(b, fnv1a64(a, fnv1a64(name) * 31 + 0x3d) * 31 + 0x7c)) & mask_));
  }

 private:
  uint32_t mask_;
  std::vector<uint32_t>& out_;
};

}  // namespace

VariantFilterContext variant_filter_context(std::string_view text, std::span<const VariantMention> candidates) {
  VariantFilterContext c;
  c.candidates = static_cast<uint32_t>(candidates.size());
  // Word stems rather than whole words: "mutation", "Mutations", "mutant", "variants".
  static constexpr std::array<std::string_view, 8> kStems = {"utation", "utant",  "ariant", "olymorphi",
                                                             "ubstitut", "SNP", "allele", "genotyp"};
  for (std::string_view stem : kStems)
    if (text.find(stem) != std::string_view::npos) {
      c.mutation_words = true;
      break;
    }
  return c;
}

void variant_filter_features(std::string_view text, std::span<const VariantMention> candidates, size_t k,
                             const VariantFilterContext& context, uint32_t hash_bits, std::vector<uint32_t>& out) {
  const VariantMention& m = candidates[k];
  const std::string_view surface = text.substr(m.begin, m.end - m.begin);
  FeatureSink f(hash_bits, out);
  f.add("bias", "");

  const std::string_view kind = variant_kind_name(m.kind);
  const std::string_view change = change_type(m);
  std::string collapsed, full;
  shapes(surface, collapsed, full);
  const std::string folded = fold(surface);
  f.add("kind", kind);
  f.add("change", change);
  f.add("tmvar", fold(m.tmvar));
  f.add("hgvs", m.hgvs.empty() ? "none" : "some");
  f.add("shape", collapsed);
  f.add("shape.full", full);
  f.add("text", folded);
  f.add("prefix2", folded.substr(0, 2));
  f.add("suffix2", folded.size() >= 2 ? std::string_view(folded).substr(folded.size() - 2) : std::string_view(folded));
  static constexpr std::array<size_t, 5> kLengthLimits = {3, 5, 7, 10, 15};
  static constexpr std::array<std::string_view, 6> kLengthNames = {"<=3", "<=5", "<=7", "<=10", "<=15", "long"};
  f.add("length", bucket(surface.size(), kLengthLimits, kLengthNames));
  const auto digits = static_cast<size_t>(std::count_if(surface.begin(), surface.end(), [](char c) { return c >= '0' && c <= '9'; }));
  static constexpr std::array<size_t, 4> kDigitLimits = {0, 1, 2, 3};
  static constexpr std::array<std::string_view, 5> kDigitNames = {"0", "1", "2", "3", "4+"};
  f.add("digits", bucket(digits, kDigitLimits, kDigitNames));
  const bool has_space = surface.find(' ') != std::string_view::npos;
  const bool has_lower = std::any_of(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  f.add("case", has_space ? "phrase" : has_lower ? "mixed" : "upper");
  f.add("kind|case", kind, has_space ? "phrase" : has_lower ? "mixed" : "upper");

  const std::string_view left = neighbour_class(text, m.begin - (m.begin > 0 ? 1 : 0), m.begin > 0);
  const std::string_view right = neighbour_class(text, m.end, m.end < text.size());
  f.add("left", left);
  f.add("right", right);
  f.add("left|right", left, right);
  f.add("shape|right", collapsed, right);
  // The character after a closing parenthesis or a dash ("S1A)", "T315-"): two of them.
  if (m.end + 1 < text.size()) f.add("right2", text.substr(m.end, 2));

  const std::string before1 = word_before(text, m.begin, 1);
  const std::string before2 = word_before(text, m.begin, 2);
  const std::string after1 = word_after(text, m.end, 1);
  const std::string after2 = word_after(text, m.end, 2);
  f.add("w-1", before1);
  f.add("w-2", before2);
  f.add("w+1", after1);
  f.add("w+2", after2);
  f.add("w-2|w-1", before2, before1);
  f.add("w+1|w+2", after1, after2);
  f.add("w-1|w+1", before1, after1);
  f.add("kind|w-1", kind, before1);
  f.add("kind|w+1", kind, after1);
  f.add("shape|w-1", collapsed, before1);
  f.add("shape|w+1", collapsed, after1);

  // A form that recurs is more likely meant (a variant is discussed; a panel label
  // usually appears once) — but tags recur too, which the weights sort out with the
  // shape.
  size_t same_text = 0, same_form = 0;
  for (size_t j = 0; j < candidates.size(); ++j) {
    if (j == k) continue;
    const VariantMention& o = candidates[j];
    if (text.substr(o.begin, o.end - o.begin) == surface) ++same_text;
    if (o.tmvar == m.tmvar) ++same_form;
  }
  f.add("same.text", count_bucket(same_text));
  f.add("same.form", count_bucket(same_form));
  f.add("shape|same.text", collapsed, count_bucket(same_text));
  static constexpr std::array<size_t, 3> kCandidateLimits = {1, 2, 5};
  static constexpr std::array<std::string_view, 4> kCandidateNames = {"1", "2", "3-5", "6+"};
  f.add("candidates", bucket(context.candidates, kCandidateLimits, kCandidateNames));
  f.add("kind|mutation.words", kind, context.mutation_words ? "yes" : "no");
  f.add("shape|mutation.words", collapsed, context.mutation_words ? "yes" : "no");
}

VariantFilter::VariantFilter(uint32_t hash_bits) : hash_bits_(hash_bits), weights_(size_t{1} << hash_bits, 0.0f) {
  if (hash_bits < 8 || hash_bits > 24) throw std::invalid_argument("variant filter: hash_bits must be in 8..24");
}

double VariantFilter::probability(std::span<const uint32_t> features) const {
  double z = 0.0;
  for (uint32_t f : features) z += weights_[f];
  return 1.0 / (1.0 + std::exp(-z));
}

std::vector<double> VariantFilter::score(std::string_view text, std::span<const VariantMention> candidates) const {
  std::vector<double> out;
  out.reserve(candidates.size());
  if (candidates.empty()) return out;
  const VariantFilterContext context = variant_filter_context(text, candidates);
  std::vector<uint32_t> features;
  for (size_t k = 0; k < candidates.size(); ++k) {
    features.clear();
    variant_filter_features(text, candidates, k, context, hash_bits_, features);
    out.push_back(probability(features));
  }
  return out;
}

size_t VariantFilter::filter(std::string_view text, std::vector<VariantMention>& candidates) const {
  if (candidates.empty() || empty()) return 0;
  // Every candidate is scored against the full list (recurrence features) before any goes.
  const VariantFilterContext context = variant_filter_context(text, candidates);
  thread_local std::vector<uint32_t> features;
  thread_local std::vector<char> keep;
  keep.assign(candidates.size(), 1);
  for (size_t k = 0; k < candidates.size(); ++k) {
    features.clear();
    variant_filter_features(text, candidates, k, context, hash_bits_, features);
    keep[k] = probability(features) >= threshold;
  }
  size_t kept = 0;
  for (size_t k = 0; k < candidates.size(); ++k)
    if (keep[k]) {
      if (kept != k) candidates[kept] = std::move(candidates[k]);
      ++kept;
    }
  const size_t dropped = candidates.size() - kept;
  candidates.resize(kept);
  return dropped;
}

void VariantFilter::save(const std::string& path) const {
  if (empty()) throw std::runtime_error(path + ": cannot save an empty variant filter");
  // Sparse: only the features the training data touched have weights.
  BodyWriter w;
  w.put<uint32_t>(kFormatVersion);
  w.put<uint32_t>(hash_bits_);
  w.put<double>(threshold);
  std::vector<uint32_t> rows;
  for (uint32_t f = 0; f < feature_count(); ++f)
    if (weights_[f] != 0.0f) rows.push_back(f);
  w.put_row_indices(rows);
  for (uint32_t f : rows) w.put<float>(weights_[f]);
  save_model_file(path, kMagic, w.str());
}

VariantFilter VariantFilter::load(const std::string& path) {
  const std::string body = load_model_file(path, kMagic);
  BodyReader r(body, path);
  if (r.get<uint32_t>() != kFormatVersion) throw std::runtime_error(path + ": unsupported variant filter version");
  const auto bits = r.get<uint32_t>();
  if (bits < 8 || bits > 24) throw std::runtime_error(path + ": variant filter is corrupt (hash bits)");
  VariantFilter m(bits);
  m.threshold = r.get<double>();
  if (!(m.threshold >= 0.0 && m.threshold <= 1.0)) throw std::runtime_error(path + ": variant filter is corrupt (threshold)");
  const std::vector<uint32_t> rows = r.get_row_indices(m.feature_count(), "variant filter");
  for (uint32_t row : rows) m.weights_[row] = r.get<float>();
  if (!r.done()) throw std::runtime_error(path + ": variant filter has trailing bytes");
  return m;
}

}  // namespace biotator
