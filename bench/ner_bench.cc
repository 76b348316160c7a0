// Entity recognition throughput on BioRED Dev with the model bundle in models/:
// tokenization, sentence splitting, abbreviations, lexicon matching, features and
// Viterbi, i.e. everything `biotator annotate` does per document. One thread.
// Run from the repository root (or set BIOTATOR_MODELS).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>

#include "entity_recognizer.h"
#include "model_bundle.h"
#include "bench_data.h"
#include "pubtator.h"

namespace {

using namespace biotator;

const std::vector<Document>& load_dev() { return bench::dev_documents(); }


void BM_Ner(benchmark::State& state) {
  const auto& docs = load_dev();
  ModelBundle bundle;
  if (std::string error; !bench::load_dev_and_models(bundle, error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  EntityRecognizer recognizer(bundle.lexicon.get(), bundle.ner.get(), {}, bundle.clusters.get());
  size_t mentions = 0;
  for (auto _ : state) {
    mentions = 0;
    for (const Document& d : docs) {
      Document copy = d;
      recognizer.annotate(copy);
      mentions += copy.annotations.size();
    }
  }
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(docs.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["mentions"] = static_cast<double>(mentions);
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_Ner)->Unit(benchmark::kMillisecond);

}  // namespace



namespace {

// The recognizer's parts, to see where the time goes.
void BM_NerStages(benchmark::State& state) {
  const auto& docs = load_dev();
  ModelBundle bundle;
  if (std::string error; !bench::load_dev_and_models(bundle, error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  const int stage = static_cast<int>(state.range(0));
  NerFeatureExtractor features(bundle.clusters.get());
  std::vector<AnalyzedText> analyses(docs.size());
  std::vector<std::vector<NerFeatureExtractor::TokenInfo>> infos(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    analyze_document(docs[i], bundle.lexicon.get(), analyses[i]);
    features.prepare(analyses[i], infos[i]);
  }
  FeatureSequence seq;
  std::vector<uint8_t> labels;
  std::vector<float> emissions;
  for (auto _ : state) {
    for (size_t i = 0; i < docs.size(); ++i) {
      if (stage == 0) {
        analyze_document(docs[i], bundle.lexicon.get(), analyses[i]);
      } else if (stage == 1) {
        features.prepare(analyses[i], infos[i]);
      } else {
        for (const Sentence& s : analyses[i].sentences) {
          features.extract(infos[i], s.token_begin, s.token_end, seq);
          if (stage >= 3) bundle.ner->emission_scores(seq, emissions);
          if (stage >= 4) bundle.ner->viterbi(emissions, seq.size(), labels);
        }
      }
    }
  }
  state.SetLabel(stage == 0 ? "analyze (tokens, sentences, abbreviations, lexicon)"
                 : stage == 1 ? "token attributes"
                 : stage == 2 ? "feature extraction"
                 : stage == 3 ? "features + emission scores"
                              : "features + emissions + Viterbi");
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(docs.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_NerStages)->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
