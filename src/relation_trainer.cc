#include "relation_trainer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "ascii.h"
#include "byte_source.h"
#include "evaluator.h"
#include "hashing.h"
#include "input_error.h"
#include "lexicon_builder.h"
#include "relation_extractor.h"
#include "tree_trainer.h"
#include "text_analysis.h"
#include "utf8.h"

namespace biotator {

namespace {

// Fisher-Yates with our own index draw: std::shuffle's use of the engine is
// implementation-defined, this is the same on every platform.
void portable_shuffle(std::vector<uint32_t>& order, std::mt19937_64& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
}

bool allowed_class(ClassPair pair, int k) { return k == 0 || relation_type_allowed(pair, k - 1); }

// AdaGrad on the multinomial (softmax) log-loss over the classes the pair allows.
void train_type_model(const std::vector<RelationExample>& examples, const std::vector<uint32_t>& subset,
                      const RelationTrainingOptions& options, RelationModel& model) {
  std::vector<float>& w = model.weights();
  std::vector<float> sum_sq(w.size(), 0.0f);
  std::vector<uint32_t> order = subset;
  std::mt19937_64 rng(options.seed);
  std::array<double, kRelationClassCount> probs;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    portable_shuffle(order, rng);
    for (uint32_t i : order) {
      const RelationExample& ex = examples[i];
      model.class_probabilities(ex.type_features(), ex.class_pair, probs);
      for (uint32_t f : ex.type_features()) {
        float* wf = &w[size_t{f} * kRelationClassCount];
        float* gf = &sum_sq[size_t{f} * kRelationClassCount];
        for (int k = 0; k < kRelationClassCount; ++k) {
          if (!allowed_class(ex.class_pair, k)) continue;
          const double g = ex.weight * (probs[k] - (k == ex.label ? 1.0 : 0.0)) + options.l2 * wf[k];
          gf[k] += static_cast<float>(g * g);
          wf[k] -= static_cast<float>(options.learning_rate * g / std::sqrt(gf[k] + 1e-8));
        }
      }
    }
  }
}

void train_novelty_model(const std::vector<RelationExample>& examples, const std::vector<uint32_t>& subset,
                         const RelationTrainingOptions& options, RelationModel& model) {
  std::vector<float>& w = model.novelty_weights();
  std::vector<float> sum_sq(w.size(), 0.0f);
  std::vector<uint32_t> order;
  for (uint32_t i : subset)
    if (examples[i].novelty >= 0) order.push_back(i);
  std::mt19937_64 rng(options.seed + 1);
  for (int epoch = 0; epoch < options.novelty_epochs; ++epoch) {
    portable_shuffle(order, rng);
    for (uint32_t i : order) {
      const RelationExample& ex = examples[i];
      const double p = model.novelty_probability(ex.features);
      for (uint32_t f : ex.features) {
        const double g = p - ex.novelty + options.l2 * w[f];
        sum_sq[f] += static_cast<float>(g * g);
        w[f] -= static_cast<float>(options.learning_rate * g / std::sqrt(sum_sq[f] + 1e-8));
      }
    }
  }
}

// `options.seeds` models trained on different shuffles, their weights averaged (less
// shuffle noise: BioRED Dev with gold entities, 4 seeds: pair +0.4, +type +0.8,
// +novelty +1.5 over one).
void train_averaged(const std::vector<RelationExample>& examples, const std::vector<uint32_t>& subset,
                    const RelationTrainingOptions& options, RelationModel& model) {
  const int seeds = std::max(1, options.seeds);
  for (int k = 0; k < seeds; ++k) {
    RelationTrainingOptions o = options;
    o.seed = options.seed + 1000 * static_cast<uint64_t>(k);
    RelationModel m(options.hash_bits);
    train_type_model(examples, subset, o, m);
    train_novelty_model(examples, subset, o, m);
    if (k == 0) {
      model.weights() = std::move(m.weights());
      model.novelty_weights() = std::move(m.novelty_weights());
      continue;
    }
    for (size_t i = 0; i < model.weights().size(); ++i) model.weights()[i] += m.weights()[i];
    for (size_t i = 0; i < model.novelty_weights().size(); ++i) model.novelty_weights()[i] += m.novelty_weights()[i];
  }
  if (seeds == 1) return;
  const float share = 1.0f / static_cast<float>(seeds);
  for (float& w : model.weights()) w *= share;
  for (float& w : model.novelty_weights()) w *= share;
}

double f1(double tp, double fp, double fn) { return tp == 0 ? 0.0 : 2 * tp / (2 * tp + fp + fn); }

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", 100 * v);
  return buf;
}

// Out-of-fold counts at a model's thresholds (BioRED examples only).
struct OutOfFold {
  double tp = 0, fp = 0, typed_tp = 0, novel_tp = 0;
  std::array<double, kClassPairCount> cp_gold{}, cp_predicted{}, cp_typed{};
};

OutOfFold out_of_fold(const std::vector<RelationExample>& examples, const std::vector<OutOfFoldPrediction>& held,
                      const RelationModel& thresholds) {
  OutOfFold o;
  for (size_t i = 0; i < examples.size(); ++i) {
    const RelationExample& ex = examples[i];
    if (ex.auxiliary) continue;
    const auto cp = static_cast<size_t>(ex.class_pair);
    o.cp_gold[cp] += ex.label != 0;
    if (held[i].relation_probability < thresholds.relation_threshold) continue;
    ++o.cp_predicted[cp];
    if (ex.label == 0) {
      ++o.fp;
      continue;
    }
    ++o.tp;
    if (held[i].type + 1 != ex.label) continue;
    ++o.typed_tp;
    ++o.cp_typed[cp];
    o.novel_tp += (held[i].novelty_probability >= thresholds.novelty_threshold_for(ex.class_pair)) == (ex.novelty == 1);
  }
  return o;
}

// "pair P, +type T, +novelty N": the out-of-fold F1 scores of `o` against `gold` relations.
std::string out_of_fold_scores(const OutOfFold& o, double gold) {
  return "pair " + percent(f1(o.tp, o.fp, gold - o.tp)) + ", +type " +
         percent(f1(o.typed_tp, o.tp + o.fp - o.typed_tp, gold - o.typed_tp)) + ", +novelty " +
         percent(f1(o.novel_tp, o.tp + o.fp - o.novel_tp, gold - o.novel_tp));
}

}  // namespace

void choose_relation_thresholds(const std::vector<RelationExample>& examples,
                                const std::vector<OutOfFoldPrediction>& held, double gold_relations,
                                RelationModel& model) {
  // The relation threshold maximizing the mean of pair and pair+type F1.
  double best = -1;
  double chosen = model.relation_threshold;
  for (int step = 5; step <= 95; ++step) {
    model.relation_threshold = step / 100.0;
    const OutOfFold o = out_of_fold(examples, held, model);
    const double gold = gold_relations;
    const double v = (f1(o.tp, o.fp, gold - o.tp) + f1(o.typed_tp, o.tp + o.fp - o.typed_tp, gold - o.typed_tp)) / 2;
    if (v > best + 1e-12) {
      best = v;
      chosen = model.relation_threshold;
    }
  }
  model.relation_threshold = chosen;
  // The novelty thresholds: most novelty labels right on the pairs predicted at that
  // threshold with their right type (what pair+type+novelty counts; choosing it on all
  // related pairs instead: out of fold +novelty 39.20 -> 39.13, Dev 42.71 -> 42.46), over
  // all class pairs, then per class pair that has kMinPairRelations related pairs.
  const auto best_novelty = [&](int cp) {
    double best_correct = -1, threshold = 0.5;
    for (int step = 5; step <= 95; ++step) {
      const double t = step / 100.0;
      double correct = 0;
      for (size_t i = 0; i < examples.size(); ++i) {
        const RelationExample& ex = examples[i];
        if (ex.novelty < 0 || ex.auxiliary || (cp >= 0 && static_cast<int>(ex.class_pair) != cp) ||
            held[i].relation_probability < model.relation_threshold || held[i].type + 1 != ex.label)
          continue;
        correct += (held[i].novelty_probability >= t) == (ex.novelty == 1);
      }
      if (correct > best_correct) {
        best_correct = correct;
        threshold = t;
      }
    }
    return threshold;
  };
  model.novelty_threshold = best_novelty(-1);
  model.pair_novelty_threshold.fill(-1.0);
  const OutOfFold counts = out_of_fold(examples, held, model);
  for (size_t cp = 0; cp < kClassPairCount; ++cp)
    if (counts.cp_gold[cp] >= kMinPairRelations) model.pair_novelty_threshold[cp] = best_novelty(static_cast<int>(cp));
}

std::vector<RelationExample> build_relation_examples(const std::vector<Document>& docs, uint32_t hash_bits,
                                                     size_t* unreachable) {
  std::vector<RelationExample> examples;
  RelationFeatureExtractor extractor(hash_bits);
  AnalyzedText analysis;
  DocumentCandidates cands;
  size_t missed = 0;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    analyze_document(docs[d], nullptr, analysis);
    extractor.extract(docs[d], analysis, cands);
    // Gold relations by unordered normalized pair.
    std::map<std::pair<std::string, std::string>, std::pair<int, int>> gold;
    for (const Relation& r : docs[d].relations) {
      std::string a = normalize_id(r.arg1), b = normalize_id(r.arg2);
      if (b < a) std::swap(a, b);
      const auto type = relation_type_index(r.type);
      if (!type) {
        // A type outside the eight: the pair is related, but not in a way the model
        // knows; learn nothing from it (rather than "none").
        ++missed;
        gold.emplace(std::make_pair(std::move(a), std::move(b)), std::make_pair(-1, -1));
        continue;
      }
      const int novelty = r.novelty == "Novel" ? 1 : r.novelty == "No" ? 0 : -1;
      gold.emplace(std::make_pair(std::move(a), std::move(b)), std::make_pair(*type + 1, novelty));
    }
    size_t matched = 0;
    for (RelationCandidate& c : cands.candidates) {
      RelationExample ex;
      ex.class_pair = c.class_pair;
      ex.document = d;
      std::string a = cands.concepts[c.first].key, b = cands.concepts[c.second].key;
      if (b < a) std::swap(a, b);
      if (auto it = gold.find({a, b}); it != gold.end()) {
        if (it->second.first < 0) continue;
        ++matched;
        if (relation_type_allowed(c.class_pair, it->second.first - 1)) {
          ex.label = it->second.first;
          ex.novelty = it->second.second;
        } else {
          ++missed;  // a type the table does not allow: learn nothing from this pair
          continue;
        }
      }
      ex.shares_sentence = c.stats.same_sentence_count > 0;
      ex.stats = c.stats;
      ex.first = c.first;
      ex.second = c.second;
      ex.type_feature_count = c.type_feature_count;
      ex.features = std::move(c.features);
      examples.push_back(std::move(ex));
    }
    size_t untyped = 0;
    for (const auto& [pair, label] : gold) untyped += label.first < 0;
    missed += gold.size() - untyped - matched;
  }
  if (unreachable) *unreachable = missed;
  return examples;
}

namespace {

// DrugProt's relation types in BioRED's Chemical-Gene terms (see read_drugprot_corpus).
std::string_view biored_type_of_drugprot(std::string_view type) {
  for (std::string_view t : {"INHIBITOR", "ANTAGONIST", "INDIRECT-DOWNREGULATOR"})
    if (type == t) return "Negative_Correlation";
  for (std::string_view t : {"ACTIVATOR", "AGONIST", "AGONIST-ACTIVATOR", "INDIRECT-UPREGULATOR"})
    if (type == t) return "Positive_Correlation";
  return "Association";
}

std::string drugprot_concept_key(std::string_view text) {
  std::string key;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ascii_lower(ch));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += static_cast<char>(c);
  }
  return key;
}

}  // namespace

std::vector<Document> read_drugprot_corpus(const std::string& abstracts_path) {
  const std::string suffix = "_abstracs.tsv";
  if (!abstracts_path.ends_with(suffix))
    throw std::invalid_argument("DrugProt: expected a *" + suffix + " file, got " + abstracts_path);
  const std::string stem = abstracts_path.substr(0, abstracts_path.size() - suffix.size());
  std::string relations_path = stem + "_relations.tsv";
  if (!std::filesystem::exists(relations_path)) relations_path = stem + "_relations-no-false.tsv";

  std::vector<Document> docs;
  std::unordered_map<std::string, size_t> doc_of_pmid;
  for_each_tsv_row(abstracts_path, 3, {}, [&](const std::vector<std::string_view>& f, ByteSource&) {
    Document d;
    d.id = std::string(f[0]);
    d.source = abstracts_path;
    d.passages.push_back({"title", 0, std::string(f[1]), {}});
    d.passages.push_back({"abstract", static_cast<int64_t>(CodepointIndex(f[1]).size()) + 1, std::string(f[2]), {}});
    doc_of_pmid.emplace(d.id, docs.size());
    docs.push_back(std::move(d));
  });
  // Per document, the concept identifier of each DrugProt term id ("T12").
  std::vector<std::unordered_map<std::string, std::string>> concept_of_term(docs.size());
  std::vector<std::string> texts(docs.size());
  std::vector<CodepointIndex> indexes(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    texts[i] = docs[i].full_text();
    indexes[i] = CodepointIndex(texts[i]);
  }
  for_each_tsv_row(stem + "_entities.tsv", 6, {}, [&](const std::vector<std::string_view>& f, ByteSource& source) {
    const auto it = doc_of_pmid.find(std::string(f[0]));
    if (it == doc_of_pmid.end()) return;
    Document& d = docs[it->second];
    if (!all_digits(f[3]) || !all_digits(f[4]) || f[3].size() > 9 || f[4].size() > 9)
      throw InputError(source.name(), source.line_number(), "entity offsets are not numbers", false);
    const int64_t start = std::stoll(std::string(f[3])), end = std::stoll(std::string(f[4]));
    const CodepointIndex& index = indexes[it->second];
    if (start < 0 || end <= start || static_cast<size_t>(end) > index.size()) return;
    const size_t b0 = index.byte_offset(static_cast<size_t>(start)), b1 = index.byte_offset(static_cast<size_t>(end));
    if (std::string_view(texts[it->second]).substr(b0, b1 - b0) != f[5]) return;
    const std::string key = drugprot_concept_key(f[5]);
    if (key.empty()) return;  // no ASCII letter or digit: nothing to tell concepts apart by
    const bool chemical = f[2] == "CHEMICAL";
    Annotation a;
    a.spans.push_back({start, end});
    a.text = std::string(f[5]);
    a.type = chemical ? "ChemicalEntity" : "GeneOrGeneProduct";
    a.ids.push_back(std::string(chemical ? "DrugProt:C:" : "DrugProt:G:") + key);
    concept_of_term[it->second].emplace(std::string(f[1]), a.ids.front());
    d.annotations.push_back(std::move(a));
  });
  for (Document& d : docs)
    std::stable_sort(d.annotations.begin(), d.annotations.end(),
                     [](const Annotation& x, const Annotation& y) { return x.start() < y.start(); });
  // Votes per concept pair, pairs in order of first appearance.
  std::vector<std::vector<std::pair<std::pair<std::string, std::string>, std::array<int, 3>>>> votes(docs.size());
  for_each_tsv_row(relations_path, 4, {}, [&](const std::vector<std::string_view>& f, ByteSource&) {
    const auto it = doc_of_pmid.find(std::string(f[0]));
    if (it == doc_of_pmid.end() || !f[2].starts_with("Arg1:") || !f[3].starts_with("Arg2:")) return;
    const auto& terms = concept_of_term[it->second];
    const auto a1 = terms.find(std::string(f[2].substr(5))), a2 = terms.find(std::string(f[3].substr(5)));
    if (a1 == terms.end() || a2 == terms.end()) return;
    const std::string_view type = biored_type_of_drugprot(f[1]);
    const int slot = type == "Negative_Correlation" ? 0 : type == "Positive_Correlation" ? 1 : 2;
    auto& v = votes[it->second];
    auto pair = std::make_pair(a1->second, a2->second);
    auto found = std::find_if(v.begin(), v.end(), [&](const auto& e) { return e.first == pair; });
    if (found == v.end()) found = v.insert(v.end(), {std::move(pair), {0, 0, 0}});
    ++found->second[static_cast<size_t>(slot)];
  });
  static constexpr std::array<std::string_view, 3> kSlotTypes = {"Negative_Correlation", "Positive_Correlation",
                                                                 "Association"};
  for (size_t i = 0; i < docs.size(); ++i)
    for (const auto& [pair, count] : votes[i]) {
      size_t best = 0;
      for (size_t k = 1; k < count.size(); ++k)
        if (count[k] > count[best]) best = k;
      Relation r;
      r.type = std::string(kSlotTypes[best]);
      r.arg1 = pair.first;
      r.arg2 = pair.second;
      docs[i].relations.push_back(std::move(r));
    }
  return docs;
}

namespace {

// `docs` less those whose id is that of a document of `a` or `b`; how many were left out
// goes to `*excluded`.
std::vector<Document> without_documents_of(const std::vector<Document>& docs, const std::vector<Document>& a,
                                           const std::vector<Document>& b, size_t* excluded) {
  std::unordered_set<std::string> ids;
  for (const Document& d : a) ids.insert(d.id);
  for (const Document& d : b) ids.insert(d.id);
  std::vector<Document> out;
  *excluded = 0;
  for (const Document& d : docs) {
    if (ids.count(d.id)) {
      ++*excluded;
      continue;
    }
    out.push_back(d);
  }
  return out;
}

// The linear model's outputs for one candidate.
struct LinearOutput {
  std::array<double, kRelationClassCount> probs{};
  double novelty = 0.0;
};

int fold_of(const RelationExample& ex, int folds) {
  return ex.auxiliary ? -1 : static_cast<int>(ex.document % static_cast<uint32_t>(folds));
}

// Out-of-fold linear outputs of the BioRED examples outside fold `skip` (-1: none): for
// each other fold, a model trained on the examples outside it and outside `skip`
// (auxiliary ones always in) predicts it.
void linear_out_of_fold(const std::vector<RelationExample>& examples, const RelationTrainingOptions& options,
                        int skip, std::vector<LinearOutput>& out, std::ostream& log) {
  out.assign(examples.size(), LinearOutput{});
  for (int fold = 0; fold < options.folds; ++fold) {
    if (fold == skip) continue;
    std::vector<uint32_t> fit, test;
    for (uint32_t i = 0; i < examples.size(); ++i) {
      const int f = fold_of(examples[i], options.folds);
      if (f == fold) test.push_back(i);
      else if (f != skip || f < 0) fit.push_back(i);
    }
    RelationModel fold_model(options.hash_bits);
    train_averaged(examples, fit, options, fold_model);
    for (uint32_t i : test) {
      fold_model.class_probabilities(examples[i].type_features(), examples[i].class_pair, out[i].probs);
      out[i].novelty = fold_model.novelty_probability(examples[i].features);
    }
    if (skip < 0) log << "relations: cross-validation fold " << fold + 1 << "/" << options.folds << " done\n";
  }
}

OutOfFoldPrediction held_of(const std::array<double, kRelationClassCount>& probs, double novelty) {
  const int type = most_probable_type(probs);
  return {1.0 - probs[0], type, novelty, probs[static_cast<size_t>(type) + 1]};
}

// The trees' context of every BioRED example from the linear outputs of its document's
// candidates (a document's examples are consecutive).
std::vector<RelationModel::TreeContext> contexts_of(const std::vector<RelationExample>& examples,
                                                    const std::vector<LinearOutput>& linear) {
  std::vector<RelationModel::TreeContext> out(examples.size()), part;
  std::vector<double> related;
  std::vector<uint32_t> first, second;
  for (size_t begin = 0; begin < examples.size();) {
    size_t end = begin;
    while (end < examples.size() && examples[end].document == examples[begin].document &&
           examples[end].auxiliary == examples[begin].auxiliary)
      ++end;
    if (!examples[begin].auxiliary) {
      related.clear();
      first.clear();
      second.clear();
      for (size_t i = begin; i < end; ++i) {
        related.push_back(1.0 - linear[i].probs[0]);
        first.push_back(examples[i].first);
        second.push_back(examples[i].second);
      }
      RelationModel::tree_contexts(related, first, second, part);
      std::copy(part.begin(), part.end(), out.begin() + static_cast<std::ptrdiff_t>(begin));
    }
    begin = end;
  }
  return out;
}

// Trees (relation and/or novelty, as `options` asks) on the examples `subset` with the
// linear outputs `linear` as inputs; sets model.relation_trees, novelty_trees, tree_gate.
void train_tree_models(const std::vector<RelationExample>& examples, const std::vector<uint32_t>& subset,
                       const std::vector<LinearOutput>& linear, const RelationTrainingOptions& options,
                       RelationModel& model) {
  const std::vector<RelationModel::TreeContext> contexts = contexts_of(examples, linear);
  TreeTrainingOptions t = options.trees;
  t.seed = options.seed;
  std::vector<float> rows, labels, novelty_rows, novelty_labels;
  std::array<float, RelationModel::kTreeInputCount> in;
  for (uint32_t i : subset) {
    const RelationExample& ex = examples[i];
    const LinearOutput& l = linear[i];
    if (ex.auxiliary || 1.0 - l.probs[0] < options.tree_gate) continue;
    RelationModel::tree_inputs(l.probs, l.novelty, ex.class_pair, ex.stats, contexts[i], in);
    rows.insert(rows.end(), in.begin(), in.end());
    labels.push_back(static_cast<float>(options.tree_mode == 2 ? (ex.label != 0 ? 1 : 0) : ex.label));
    if (ex.novelty >= 0) {
      novelty_rows.insert(novelty_rows.end(), in.begin(), in.end());
      novelty_labels.push_back(static_cast<float>(ex.novelty));
    }
  }
  model.tree_gate = options.tree_gate;
  model.tree_weight = options.tree_weight;
  if (options.tree_mode != 0) {
    t.classes = options.tree_mode == 2 ? 2 : kRelationClassCount;
    model.relation_trees = train_trees(rows, RelationModel::kTreeInputCount, labels, {}, t);
  }
  if (options.novelty_trees) {
    t.classes = 2;
    model.novelty_trees = train_trees(novelty_rows, RelationModel::kTreeInputCount, novelty_labels, {}, t);
  }
}

// What `model`'s trees predict for example i from its linear outputs.
OutOfFoldPrediction tree_prediction(const RelationModel& model, const RelationExample& ex, const LinearOutput& l,
                                    const RelationModel::TreeContext& context) {
  std::array<double, kRelationClassCount> probs = l.probs;
  double novelty = l.novelty;
  if (1.0 - probs[0] >= model.tree_gate) novelty = model.apply_trees(probs, novelty, ex.class_pair, ex.stats, context);
  return held_of(probs, novelty);
}

}  // namespace

std::vector<std::pair<float, float>> fit_score_calibration(std::vector<std::pair<double, bool>> scored) {
  std::sort(scored.begin(), scored.end());
  struct Block {
    double raw_sum = 0.0, right = 0.0, count = 0.0;
    double mean() const { return right / count; }
  };
  std::vector<Block> blocks;
  for (const auto& [raw, right] : scored) {
    blocks.push_back({raw, right ? 1.0 : 0.0, 1.0});
    // Pool while the block before has a higher share of right lines (or an equal raw
    // score: one raw value gets one calibrated value).
    while (blocks.size() >= 2) {
      Block& last = blocks.back();
      Block& before = blocks[blocks.size() - 2];
      const bool same_raw = before.raw_sum / before.count == last.raw_sum / last.count;
      if (!(before.mean() >= last.mean()) && !same_raw) break;
      before.raw_sum += last.raw_sum;
      before.right += last.right;
      before.count += last.count;
      blocks.pop_back();
    }
  }
  std::vector<std::pair<float, float>> knots;
  for (const Block& b : blocks) {
    const auto raw = static_cast<float>(b.raw_sum / b.count);
    const auto calibrated = static_cast<float>(b.mean());
    // Knots must rise in raw score; blocks whose means round to one float merge.
    if (!knots.empty() && raw <= knots.back().first) {
      knots.back().second = std::max(knots.back().second, calibrated);
      continue;
    }
    knots.emplace_back(raw, calibrated);
  }
  return knots;
}

namespace {

// (raw score, right) of each out-of-fold line: the BioRED examples predicted related at
// model.relation_threshold, right when their type is the gold one.
std::vector<std::pair<double, bool>> out_of_fold_lines(const std::vector<RelationExample>& examples,
                                                       const std::vector<OutOfFoldPrediction>& held,
                                                       const RelationModel& model) {
  std::vector<std::pair<double, bool>> lines;
  for (size_t i = 0; i < examples.size(); ++i) {
    if (examples[i].auxiliary || held[i].relation_probability < model.relation_threshold ||
        held[i].relation_probability <= 0.0)
      continue;
    lines.emplace_back(held[i].type_probability, held[i].type + 1 == examples[i].label);
  }
  return lines;
}

}  // namespace

std::vector<std::pair<float, float>> score_calibration_of(const std::vector<RelationExample>& examples,
                                                          const std::vector<OutOfFoldPrediction>& held,
                                                          const RelationModel& model) {
  return fit_score_calibration(out_of_fold_lines(examples, held, model));
}

namespace {

// For the log: how many out-of-fold lines the calibration saw, how many were right, and
// their mean raw and calibrated scores.
std::string calibration_summary(const std::vector<RelationExample>& examples,
                                const std::vector<OutOfFoldPrediction>& held, const RelationModel& model) {
  double lines = 0, right = 0, raw = 0, calibrated = 0;
  for (const auto& [score, is_right] : out_of_fold_lines(examples, held, model)) {
    ++lines;
    right += is_right;
    raw += score;
    calibrated += model.calibrated_score(score);
  }
  if (lines == 0) return "no out-of-fold lines";
  char out[160];
  std::snprintf(out, sizeof out, "%.0f out-of-fold lines, %.1f %% right; mean raw score %.3f, calibrated %.3f", lines,
                100.0 * right / lines, raw / lines, calibrated / lines);
  return out;
}

}  // namespace

RelationModel train_relation_model(const std::vector<Document>& train, const std::vector<Document>& dev,
                                   const RelationTrainingOptions& options, std::ostream& log,
                                   const std::vector<Document>& auxiliary_in) {
  size_t unreachable = 0;
  std::vector<RelationExample> examples = build_relation_examples(train, options.hash_bits, &unreachable);
  size_t positives = 0;
  for (const RelationExample& ex : examples) positives += ex.label != 0;
  log << "relations: " << train.size() << " training documents, " << examples.size() << " candidate pairs, "
      << positives << " related, " << unreachable << " gold relations without a candidate\n";
  size_t excluded_auxiliary = 0;
  const std::vector<Document> auxiliary = without_documents_of(auxiliary_in, train, dev, &excluded_auxiliary);
  if (excluded_auxiliary > 0)
    log << "relations: " << excluded_auxiliary << " auxiliary documents left out (id of a training or dev document)\n";
  if (!auxiliary.empty()) {
    std::vector<RelationExample> extra = build_relation_examples(auxiliary, options.hash_bits);
    size_t kept = 0, related = 0;
    for (RelationExample& ex : extra) {
      if (ex.class_pair != ClassPair::kChemicalGene) continue;
      if (ex.label == 0 && !ex.shares_sentence) continue;  // see train_relation_model's `auxiliary`
      ex.auxiliary = true;
      ex.weight = static_cast<float>(options.auxiliary_weight);
      ex.novelty = -1;
      ex.document = static_cast<uint32_t>(train.size()) + ex.document;
      ++kept;
      related += ex.label != 0;
      examples.push_back(std::move(ex));
    }
    log << "relations: " << auxiliary.size() << " auxiliary documents, " << kept
        << " Chemical-Gene candidates (related or sharing a sentence), " << related << " related, weight "
        << options.auxiliary_weight << "\n";
  }

  RelationModel model(options.hash_bits);
  if (options.folds >= 2) {
    // Out-of-fold predictions for every training candidate.
    std::vector<std::vector<LinearOutput>> linear(options.tree_mode != 0 || options.novelty_trees
                                                      ? (options.tree_nested ? options.folds + 1 : 1)
                                                      : 1,
                                                  std::vector<LinearOutput>(examples.size()));
    linear_out_of_fold(examples, options, -1, linear[0], log);
    // Nested (trees only): for each fold, the other folds' out-of-fold outputs computed
    // without it, for the trees that fold's predictions come from.
    for (size_t f = 1; f < linear.size(); ++f) linear_out_of_fold(examples, options, static_cast<int>(f) - 1, linear[f], log);
    std::vector<OutOfFoldPrediction> held(examples.size());
    for (size_t i = 0; i < examples.size(); ++i)
      if (!examples[i].auxiliary) held[i] = held_of(linear[0][i].probs, linear[0][i].novelty);
    const double gold = static_cast<double>(positives + unreachable);
    choose_relation_thresholds(examples, held, gold, model);
    log << "relations: thresholds from cross-validation: relation " << model.relation_threshold << ", novelty "
        << model.novelty_threshold << ", by class pair:";
    for (int cp = 0; cp < kClassPairCount; ++cp)
      if (model.pair_novelty_threshold[static_cast<size_t>(cp)] >= 0)
        log << " " << class_pair_name(static_cast<ClassPair>(cp)) << " " << model.pair_novelty_threshold[static_cast<size_t>(cp)];
    log << "\n";
    // Out-of-fold scores at these thresholds, overall and by class pair (type only; the
    // gold relations without a candidate count as missed overall): the held-out figure
    // that changes to the model are judged by next to Dev.
    {
      const OutOfFold o = out_of_fold(examples, held, model);
      log << "relations: out-of-fold F1 " << out_of_fold_scores(o, gold) << "; type F1 by class pair:";
      for (size_t cp = 0; cp < kClassPairCount; ++cp)
        if (o.cp_gold[cp] > 0)
          log << " " << class_pair_name(static_cast<ClassPair>(cp)) << " "
              << percent(f1(o.cp_typed[cp], o.cp_predicted[cp] - o.cp_typed[cp], o.cp_gold[cp] - o.cp_typed[cp]));
      log << "\n";
    }
    if (options.tree_mode != 0 || options.novelty_trees) {
      // The trees' own out-of-fold predictions: for each fold, trees trained on the other
      // folds' linear out-of-fold outputs (nested: computed without the fold) predict it
      // from its linear out-of-fold outputs.
      std::vector<OutOfFoldPrediction> tree_held(examples.size());
      const std::vector<RelationModel::TreeContext> contexts = contexts_of(examples, linear[0]);
      for (int fold = 0; fold < options.folds; ++fold) {
        std::vector<uint32_t> fit;
        for (uint32_t i = 0; i < examples.size(); ++i)
          if (!examples[i].auxiliary && fold_of(examples[i], options.folds) != fold) fit.push_back(i);
        RelationModel fold_trees;
        train_tree_models(examples, fit, linear[options.tree_nested ? fold + 1 : 0], options, fold_trees);
        for (uint32_t i = 0; i < examples.size(); ++i)
          if (!examples[i].auxiliary && fold_of(examples[i], options.folds) == fold)
            tree_held[i] = tree_prediction(fold_trees, examples[i], linear[0][i], contexts[i]);
      }
      choose_relation_thresholds(examples, tree_held, gold, model);
      const OutOfFold o = out_of_fold(examples, tree_held, model);
      log << "relations: trees: thresholds relation " << model.relation_threshold << ", novelty "
          << model.novelty_threshold << "; out-of-fold F1 " << out_of_fold_scores(o, gold) << "\n";
      std::vector<uint32_t> biored;
      for (uint32_t i = 0; i < examples.size(); ++i)
        if (!examples[i].auxiliary) biored.push_back(i);
      train_tree_models(examples, biored, linear[0], options, model);
      log << "relations: trees: " << model.relation_trees.tree_count() << " relation trees ("
          << model.relation_trees.node_count() << " nodes), " << model.novelty_trees.tree_count() << " novelty trees\n";
      held = std::move(tree_held);
    }
    // The score's calibration, from the out-of-fold predictions the thresholds came from.
    model.score_calibration = score_calibration_of(examples, held, model);
    log << "relations: score calibration: " << model.score_calibration.size() << " knots from "
        << calibration_summary(examples, held, model) << "\n";
  }

  std::vector<uint32_t> all(examples.size());
  for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  train_averaged(examples, all, options, model);

  if (!dev.empty()) {
    const EvalReport r = evaluate_relations_with_gold_entities(model, dev);
    const auto row = [&](const char* name, const Counts& c) {
      log << "relations: dev (gold entities) " << name << " P " << percent(c.precision()) << " R "
          << percent(c.recall()) << " F1 " << percent(c.f1()) << "\n";
    };
    row("pair", r.relation_pair);
    row("pair+type", r.relation_type);
    row("pair+type+novelty", r.relation_novelty);
  }
  return model;
}

}  // namespace biotator
