#include "variant_filter_trainer.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <random>
#include <set>
#include <utility>

#include "entity_types.h"
#include "hashing.h"
#include "utf8.h"

namespace biotator {

namespace {

// Fisher-Yates with our own index draw: std::shuffle's use of the engine differs
// between standard libraries, and the model must rebuild byte-identically.
void portable_shuffle(std::vector<uint32_t>& order, std::mt19937_64& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
}

void fit(const std::vector<VariantFilterExample>& examples, const std::vector<uint32_t>& subset,
         const VariantFilterTrainingOptions& options, VariantFilter& model) {
  std::vector<float>& w = model.weights();
  std::vector<float> squared(w.size(), 0.0f);  // AdaGrad: sum of squared gradients per weight
  std::vector<uint32_t> order = subset;
  std::mt19937_64 rng(options.seed);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    portable_shuffle(order, rng);
    for (uint32_t i : order) {
      const VariantFilterExample& e = examples[i];
      const double p = model.probability(e.features);
      const double g = p - (e.positive ? 1.0 : 0.0);  // d(log loss)/dz
      for (uint32_t f : e.features) {
        const double grad = g + options.l2 * w[f];
        squared[f] += static_cast<float>(grad * grad);
        w[f] -= static_cast<float>(options.learning_rate * grad / (std::sqrt(squared[f]) + 1e-8));
      }
    }
  }
}

struct Counts {
  size_t kept_true = 0, kept = 0, gold = 0;
  double precision() const { return kept ? static_cast<double>(kept_true) / static_cast<double>(kept) : 0.0; }
  double recall() const { return gold ? static_cast<double>(kept_true) / static_cast<double>(gold) : 0.0; }
  double f1() const { return kept + gold ? 2.0 * static_cast<double>(kept_true) / static_cast<double>(kept + gold) : 0.0; }
};

void log_counts(std::ostream& log, const std::string& what, const Counts& c) {
  log << "  " << what << ": P " << std::fixed << std::setprecision(2) << 100 * c.precision() << " R "
      << 100 * c.recall() << " F1 " << 100 * c.f1() << " (" << c.kept_true << " of " << c.kept << " kept right, "
      << c.gold << " gold)\n";
}

// Counts of the candidates kept at `threshold` (all when `scores` is empty).
Counts count_kept(const std::vector<VariantFilterExample>& examples, const std::vector<double>& scores,
                  double threshold, size_t gold) {
  Counts c;
  c.gold = gold;
  for (size_t i = 0; i < examples.size(); ++i) {
    if (!scores.empty() && scores[i] < threshold) continue;
    ++c.kept;
    c.kept_true += examples[i].positive;
  }
  return c;
}

}  // namespace

std::vector<VariantFilterExample> build_variant_filter_examples(const std::vector<Document>& docs, uint32_t hash_bits,
                                                                size_t* gold_mentions, uint32_t first_document) {
  std::vector<VariantFilterExample> examples;
  size_t gold_total = 0;
  std::vector<VariantMention> candidates;
  for (size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d];
    // The same text the annotation pipeline gives find_variants.
    const std::string text = doc.full_text();
    const CodepointIndex index(text);
    std::set<std::pair<uint32_t, uint32_t>> gold;  // byte spans
    for (const Annotation& a : doc.annotations) {
      if (entity_type_of(a.type) != EntityType::kVariant || a.spans.empty()) continue;
      if (a.spans.size() > 1 || a.start() < 0 || static_cast<size_t>(a.end()) > index.size() || a.start() >= a.end()) {
        ++gold_total;  // a discontinuous or broken mention no candidate can match: still a miss
        continue;
      }
      gold.emplace(static_cast<uint32_t>(index.byte_offset(static_cast<size_t>(a.start()))),
                   static_cast<uint32_t>(index.byte_offset(static_cast<size_t>(a.end()))));
    }
    gold_total += gold.size();
    candidates.clear();
    find_variants(text, candidates);
    if (candidates.empty()) continue;
    const VariantFilterContext context = variant_filter_context(text, candidates);
    for (size_t k = 0; k < candidates.size(); ++k) {
      VariantFilterExample e;
      variant_filter_features(text, candidates, k, context, hash_bits, e.features);
      e.positive = gold.count({candidates[k].begin, candidates[k].end}) > 0;
      e.document = first_document + static_cast<uint32_t>(d);
      examples.push_back(std::move(e));
    }
  }
  if (gold_mentions) *gold_mentions = gold_total;
  return examples;
}

VariantFilter fit_variant_filter(const std::vector<VariantFilterExample>& examples,
                                 const VariantFilterTrainingOptions& options) {
  VariantFilter model(options.hash_bits);
  std::vector<uint32_t> all(examples.size());
  for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  fit(examples, all, options, model);
  return model;
}

VariantFilter train_variant_filter(const std::vector<VariantFilterCorpus>& train, const std::vector<Document>& held_out,
                                   const VariantFilterTrainingOptions& options, std::ostream& log) {
  std::vector<VariantFilterExample> examples;
  std::vector<std::pair<size_t, size_t>> corpus_ranges;  // examples of each corpus
  std::vector<size_t> corpus_gold;
  std::vector<uint32_t> document_fold;
  for (const VariantFilterCorpus& corpus : train) {
    size_t gold = 0;
    auto part = build_variant_filter_examples(corpus.documents, options.hash_bits, &gold,
                                              static_cast<uint32_t>(document_fold.size()));
    // Folds by document ID: a document two corpora share is held out of both at once.
    for (const Document& d : corpus.documents)
      document_fold.push_back(options.folds >= 2 ? static_cast<uint32_t>(mix64(fnv1a64(d.id)) % options.folds) : 0);
    corpus_ranges.emplace_back(examples.size(), examples.size() + part.size());
    corpus_gold.push_back(gold);
    std::move(part.begin(), part.end(), std::back_inserter(examples));
  }
  size_t positives = 0;
  for (const auto& e : examples) positives += e.positive;
  log << "variant filter: " << examples.size() << " grammar candidates (" << positives << " gold, "
      << examples.size() - positives << " false hits) in " << document_fold.size() << " documents\n";
  if (examples.empty()) throw std::runtime_error("variant filter: the training corpora give no variant candidates");

  VariantFilter model(options.hash_bits);
  if (options.folds >= 2) {
    // Out-of-fold probability of every training candidate.
    std::vector<double> held(examples.size(), 0.0);
    for (int fold = 0; fold < options.folds; ++fold) {
      std::vector<uint32_t> fit_set, test_set;
      for (uint32_t i = 0; i < examples.size(); ++i)
        (document_fold[examples[i].document] == static_cast<uint32_t>(fold) ? test_set : fit_set).push_back(i);
      VariantFilter fold_model(options.hash_bits);
      fit(examples, fit_set, options, fold_model);
      for (uint32_t i : test_set) held[i] = fold_model.probability(examples[i].features);
    }
    // The threshold that maximizes F1 over all training corpora together; among equal
    // F1s the lowest (keep more). Candidates below the threshold go.
    size_t gold_total = 0;
    for (size_t g : corpus_gold) gold_total += g;
    std::vector<uint32_t> by_score(examples.size());
    for (uint32_t i = 0; i < by_score.size(); ++i) by_score[i] = i;
    std::stable_sort(by_score.begin(), by_score.end(), [&](uint32_t a, uint32_t b) { return held[a] < held[b]; });
    size_t kept = examples.size(), kept_true = positives;
    double best_f1 = 2.0 * static_cast<double>(kept_true) / static_cast<double>(kept + gold_total);
    double best_threshold = 0.0;
    for (size_t r = 0; r < by_score.size();) {
      // Drop every candidate scoring held[by_score[r]] at once (ties go together).
      const double s = held[by_score[r]];
      while (r < by_score.size() && held[by_score[r]] == s) {
        --kept;
        kept_true -= examples[by_score[r]].positive;
        ++r;
      }
      if (r == by_score.size()) break;
      const double f1 = 2.0 * static_cast<double>(kept_true) / static_cast<double>(kept + gold_total);
      if (f1 > best_f1 + 1e-12) {
        best_f1 = f1;
        best_threshold = held[by_score[r]];  // the lowest score still kept
      }
    }
    model.threshold = best_threshold;
    log << "variant filter: " << options.folds << "-fold cross-validation on the training documents, threshold "
        << std::setprecision(4) << best_threshold << "\n";
    for (size_t c = 0; c < train.size(); ++c) {
      const auto [from, to] = corpus_ranges[c];
      const std::vector<VariantFilterExample> part(examples.begin() + static_cast<std::ptrdiff_t>(from),
                                                   examples.begin() + static_cast<std::ptrdiff_t>(to));
      const std::vector<double> scores(held.begin() + static_cast<std::ptrdiff_t>(from),
                                       held.begin() + static_cast<std::ptrdiff_t>(to));
      log << " " << train[c].name << "\n";
      log_counts(log, "grammar alone       ", count_kept(part, {}, 0.0, corpus_gold[c]));
      log_counts(log, "grammar + filter, cv", count_kept(part, scores, best_threshold, corpus_gold[c]));
    }
  }
  fit(examples, [&] {
    std::vector<uint32_t> all(examples.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  }(), options, model);

  if (!held_out.empty()) {
    size_t gold = 0;
    const auto dev = build_variant_filter_examples(held_out, options.hash_bits, &gold);
    std::vector<double> scores;
    for (const auto& e : dev) scores.push_back(model.probability(e.features));
    log << " held-out documents (reported only, no decision made on them)\n";
    log_counts(log, "grammar alone       ", count_kept(dev, {}, 0.0, gold));
    log_counts(log, "grammar + filter    ", count_kept(dev, scores, model.threshold, gold));
  }
  return model;
}

}  // namespace biotator
