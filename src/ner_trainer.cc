#include "ner_trainer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <iomanip>

#include "entity_types.h"
#include "evaluator.h"
#include "text_analysis.h"

namespace biotator {

namespace {

std::vector<std::string> type_names() {
  std::vector<std::string> names;
  for (int t = 0; t < kEntityTypeCount; ++t) names.emplace_back(entity_type_name(static_cast<EntityType>(t)));
  return names;
}

}  // namespace

uint32_t annotated_types_of(const std::vector<Document>& docs) {
  uint32_t bits = 0;
  for (const Document& d : docs)
    for (const Annotation& a : d.annotations)
      if (auto t = entity_type_of(a.type)) bits |= 1u << static_cast<int>(*t);
  return bits;
}

size_t make_training_sequences(const Document& doc, const Lexicon* lexicon, std::vector<TrainingSequence>& out,
                               uint32_t annotated_types, const WordClusters* clusters) {
  const bool partial = (annotated_types & 0x3F) != 0x3F;
  // Labels a token outside every gold mention may take: O, or any label of a type the
  // corpus does not annotate.
  uint32_t outside_mask = 1;
  for (int t = 0; t < kEntityTypeCount; ++t)
    if (!(annotated_types & (1u << t)))
      for (int p = 0; p < 4; ++p) outside_mask |= 1u << BioesLabels::label(t, p);
  AnalyzedText analysis;
  analyze_document(doc, lexicon, analysis);
  const size_t n = analysis.tokens.size();
  std::vector<uint8_t> labels(n, 0);
  std::vector<bool> taken(n, false);

  struct Gold {
    uint32_t begin, end;
    EntityType type;
  };
  std::vector<Gold> gold;
  std::vector<uint32_t> unknown_spans;  // byte ranges of mentions of other types (FamilyName...)
  for (const Annotation& a : doc.annotations) {
    auto type = entity_type_of(a.type);
    if (!type && partial && !a.spans.empty() && static_cast<size_t>(a.end()) <= analysis.index.size()) {
      unknown_spans.push_back(static_cast<uint32_t>(analysis.index.byte_offset(static_cast<size_t>(a.start()))));
      unknown_spans.push_back(static_cast<uint32_t>(analysis.index.byte_offset(static_cast<size_t>(a.end()))));
    }
    if (!type || a.spans.empty()) continue;
    const auto b = static_cast<size_t>(a.start()), e = static_cast<size_t>(a.end());
    if (e > analysis.index.size() || b >= e) continue;
    gold.push_back({static_cast<uint32_t>(analysis.index.byte_offset(b)),
                    static_cast<uint32_t>(analysis.index.byte_offset(e)), *type});
  }
  std::sort(gold.begin(), gold.end(), [](const Gold& x, const Gold& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  size_t unaligned = 0;
  for (const Gold& g : gold) {
    // Tokens inside the mention.
    auto first = std::lower_bound(analysis.tokens.begin(), analysis.tokens.end(), g.begin,
                                  [](const Token& t, uint32_t b) { return t.begin < b; });
    size_t i = static_cast<size_t>(first - analysis.tokens.begin());
    size_t j = i;
    while (j < n && analysis.tokens[j].end <= g.end) ++j;
    if (i >= j || analysis.tokens[i].begin != g.begin || analysis.tokens[j - 1].end != g.end) ++unaligned;
    if (i >= j) continue;
    bool free = true;
    for (size_t k = i; k < j; ++k) free = free && !taken[k];
    if (!free) continue;
    const int type = static_cast<int>(g.type);
    if (j - i == 1) {
      labels[i] = static_cast<uint8_t>(BioesLabels::label(type, 3));
    } else {
      labels[i] = static_cast<uint8_t>(BioesLabels::label(type, 0));
      for (size_t k = i + 1; k + 1 < j; ++k) labels[k] = static_cast<uint8_t>(BioesLabels::label(type, 1));
      labels[j - 1] = static_cast<uint8_t>(BioesLabels::label(type, 2));
    }
    for (size_t k = i; k < j; ++k) taken[k] = true;
  }

  // Partial annotation: gold mentions are fixed, the rest may be O or an unannotated type;
  // inside mentions of types outside the six classes, anything goes.
  std::vector<uint32_t> allowed;
  if (partial) {
    allowed.assign(n, outside_mask);
    for (size_t k = 0; k < n; ++k)
      if (taken[k]) allowed[k] = 1u << labels[k];
    for (size_t u = 0; u + 1 < unknown_spans.size(); u += 2)
      for (size_t k = 0; k < n; ++k)
        if (!taken[k] && analysis.tokens[k].begin < unknown_spans[u + 1] && unknown_spans[u] < analysis.tokens[k].end)
          allowed[k] = 0xFFFFFFFFu;
  }

  NerFeatureExtractor features(clusters);
  std::vector<NerFeatureExtractor::TokenInfo> info;
  features.prepare(analysis, info);
  for (const Sentence& s : analysis.sentences) {
    TrainingSequence seq;
    features.extract(info, s.token_begin, s.token_end, seq.features);
    seq.labels.assign(labels.begin() + s.token_begin, labels.begin() + s.token_end);
    if (partial) seq.allowed.assign(allowed.begin() + s.token_begin, allowed.begin() + s.token_end);
    // A mention cut by a sentence break would leave an unfinished BIOES run: repair the
    // edges so the sequence stays valid.
    if (!seq.labels.empty()) {
      auto& f = seq.labels.front();
      if (f != 0 && (BioesLabels::position_of(f) == 1 || BioesLabels::position_of(f) == 2))
        f = static_cast<uint8_t>(BioesLabels::label(BioesLabels::type_of(f), BioesLabels::position_of(f) == 1 ? 0 : 3));
      auto& l = seq.labels.back();
      if (l != 0 && (BioesLabels::position_of(l) == 0 || BioesLabels::position_of(l) == 1))
        l = static_cast<uint8_t>(BioesLabels::label(BioesLabels::type_of(l), BioesLabels::position_of(l) == 0 ? 3 : 2));
      if (partial) {
        seq.allowed.front() = seq.allowed.front() == 0xFFFFFFFFu ? seq.allowed.front() : (seq.allowed.front() | (1u << f));
        seq.allowed.back() = seq.allowed.back() == 0xFFFFFFFFu ? seq.allowed.back() : (seq.allowed.back() | (1u << l));
      }
    }
    out.push_back(std::move(seq));
  }
  return unaligned;
}

std::vector<Document> recognize_copies(const std::vector<Document>& docs, const EntityRecognizer& recognizer) {
  std::vector<Document> out;
  out.reserve(docs.size());
  for (const Document& d : docs) {
    Document copy;
    copy.id = d.id;
    copy.passages = d.passages;
    recognizer.annotate(copy);
    out.push_back(std::move(copy));
  }
  return out;
}

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

}  // namespace

size_t apply_primary_conventions(std::vector<NerCorpus>& corpora, int min_occurrences) {
  // Surfaces the extra corpora annotate, and how the primary corpora treat them.
  std::map<std::string, std::array<int, kEntityTypeCount>> annotated;  // surface → count per type (primary)
  std::map<std::string, int> occurrences;                              // surface → stand-alone occurrences (primary)
  for (const NerCorpus& c : corpora) {
    if (c.primary) continue;
    for (const Document& d : c.documents)
      for (const Annotation& a : d.annotations)
        if (entity_type_of(a.type)) occurrences.emplace(lower_ascii(a.text), 0);
  }
  if (occurrences.empty()) return 0;
  for (const NerCorpus& c : corpora) {
    if (!c.primary) continue;
    for (const Document& d : c.documents) {
      const std::string text = lower_ascii(d.full_text());
      for (auto& [surface, count] : occurrences) {
        if (surface.empty()) continue;
        for (size_t pos = text.find(surface); pos != std::string::npos; pos = text.find(surface, pos + 1)) {
          const size_t end = pos + surface.size();
          if ((pos == 0 || !word_char(text[pos - 1])) && (end == text.size() || !word_char(text[end]))) ++count;
        }
      }
      for (const Annotation& a : d.annotations)
        if (auto t = entity_type_of(a.type)) {
          auto it = occurrences.find(lower_ascii(a.text));
          if (it != occurrences.end()) ++annotated[it->first][static_cast<int>(*t)];
        }
    }
  }
  size_t changed = 0;
  for (NerCorpus& c : corpora) {
    if (c.primary) continue;
    for (Document& d : c.documents)
      for (Annotation& a : d.annotations) {
        auto t = entity_type_of(a.type);
        if (!t) continue;
        const std::string surface = lower_ascii(a.text);
        if (occurrences[surface] < min_occurrences) continue;
        auto it = annotated.find(surface);
        if (it != annotated.end() && it->second[static_cast<int>(*t)] > 0) continue;
        a.type = "UnknownConvention";
        ++changed;
      }
  }
  return changed;
}

SequenceModel train_ner(const std::vector<NerCorpus>& train, const std::vector<Document>& dev, const Lexicon* lexicon,
                        const NerTrainingOptions& options, std::ostream& log, const WordClusters* clusters) {
  std::vector<TrainingSequence> data;
  for (const NerCorpus& corpus : train) {
    size_t unaligned = 0, before = data.size(), tokens = 0;
    for (const Document& d : corpus.documents)
      unaligned += make_training_sequences(d, lexicon, data, corpus.annotated_types, clusters);
    for (size_t i = before; i < data.size(); ++i) tokens += data[i].labels.size();
    log << "train ner: " << corpus.name << ": " << corpus.documents.size() << " documents, " << data.size() - before
        << " sentences, " << tokens << " tokens, types";
    for (int t = 0; t < kEntityTypeCount; ++t)
      if (corpus.annotated_types & (1u << t)) log << " " << entity_type_name(static_cast<EntityType>(t));
    log << ", " << unaligned << " mentions not on token boundaries\n";
  }

  PerceptronOptions p;
  p.epochs = options.epochs;
  p.seed = options.seed;
  p.min_feature_count = options.min_feature_count;
  auto dev_f1 = [&](const SequenceModel& model) {
    EntityRecognizer recognizer(lexicon, &model, options.recognizer, clusters);
    return evaluate(dev, recognize_copies(dev, recognizer)).ner_strict.at("micro");
  };
  auto prune = [&](const SequenceModel& model) {
    SequenceModel pruned = model.pruned(options.prune_below);
    log << "  pruned weights below " << options.prune_below << ": " << model.feature_count() << " -> "
        << pruned.feature_count() << " features, " << model.weight_count() << " -> " << pruned.weight_count()
        << " weights\n";
    return pruned;
  };
  if (options.seeds > 1) {
    std::vector<SequenceModel> models;
    for (int k = 0; k < options.seeds; ++k) {
      p.seed = options.seed + static_cast<uint64_t>(k);
      models.push_back(train_perceptron(data, type_names(), p));
      if (!dev.empty())
        log << "  seed " << p.seed << ": dev NER strict micro F1 " << std::fixed << std::setprecision(2)
            << 100 * dev_f1(models.back()).f1() << "\n";
    }
    SequenceModel averaged = SequenceModel::average(models);
    if (options.prune_below > 0) averaged = prune(averaged);
    if (!dev.empty()) {
      const Counts micro = dev_f1(averaged);
      log << "  average of " << options.seeds << ": dev NER strict micro P " << std::fixed << std::setprecision(2)
          << 100 * micro.precision() << " R " << 100 * micro.recall() << " F1 " << 100 * micro.f1() << "\n";
    }
    return averaged;
  }
  if (!dev.empty()) {
    p.evaluate = [&](const SequenceModel& model, int epoch) {
      EntityRecognizer recognizer(lexicon, &model, options.recognizer, clusters);
      const EvalReport report = evaluate(dev, recognize_copies(dev, recognizer));
      const Counts& micro = report.ner_strict.at("micro");
      log << "  epoch " << std::setw(2) << epoch << ": dev NER strict micro P " << std::fixed << std::setprecision(2)
          << 100 * micro.precision() << " R " << 100 * micro.recall() << " F1 " << 100 * micro.f1() << "\n";
      log.flush();
      return micro.f1();
    };
  }
  SequenceModel model = train_perceptron(data, type_names(), p);
  if (options.prune_below > 0) {
    model = prune(model);
    if (!dev.empty()) {
      const Counts micro = dev_f1(model);
      log << "  pruned: dev NER strict micro P " << std::fixed << std::setprecision(2) << 100 * micro.precision()
          << " R " << 100 * micro.recall() << " F1 " << 100 * micro.f1() << "\n";
    }
  }
  return model;
}

}  // namespace biotator
