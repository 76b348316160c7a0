// Relation stage throughput on BioRED Dev with its gold entities, one thread:
// candidate pairs, features and both logistic models. BM_RelationStage includes the
// document analysis (tokens, sentences) that the pipeline otherwise shares with the
// other stages; BM_RelationExtract starts from a ready analysis.
// Uses models/relations.bt (or $BIOTATOR_MODELS/relations.bt) when present, else trains
// a model on BioRED Train first (a few seconds).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "corpus_reader.h"
#include "relation_extractor.h"
#include "relation_trainer.h"

namespace {

using namespace biotator;

const std::string kBiored = std::string(BIOTATOR_SHARED_DIR) + "/corpora/biored/";

const std::vector<Document>& dev_documents() {
  static const std::vector<Document> docs = [] {
    try {
      return load_documents({kBiored + "Dev.PubTator"});
    } catch (const std::exception&) {
      return std::vector<Document>{};
    }
  }();
  return docs;
}

const RelationModel* model() {
  static const std::unique_ptr<RelationModel> m = []() -> std::unique_ptr<RelationModel> {
    const char* env = std::getenv("BIOTATOR_MODELS");
    const std::string path = std::string(env ? env : "models") + "/relations.bt";
    try {
      if (std::filesystem::exists(path)) return std::make_unique<RelationModel>(RelationModel::load(path));
      RelationTrainingOptions options;
      options.folds = 0;
      return std::make_unique<RelationModel>(
          train_relation_model(load_documents({kBiored + "Train.PubTator"}), {}, options, std::cerr));
    } catch (const std::exception& e) {
      std::cerr << "relation_bench: " << e.what() << "\n";
      return nullptr;
    }
  }();
  return m.get();
}

void BM_RelationStage(benchmark::State& state) {
  const auto& docs = dev_documents();
  const RelationModel* m = model();
  if (docs.empty() || m == nullptr) {
    state.SkipWithError("needs BioRED under ../shared");
    return;
  }
  RelationExtractor extractor(*m);
  std::vector<Document> copies = docs;
  size_t relations = 0;
  for (auto _ : state) {
    relations = 0;
    for (Document& d : copies) {
      extractor.extract(d);
      relations += d.relations.size();
    }
  }
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(docs.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["relations"] = static_cast<double>(relations);
}
BENCHMARK(BM_RelationStage)->Unit(benchmark::kMillisecond);

void BM_RelationExtract(benchmark::State& state) {
  const auto& docs = dev_documents();
  const RelationModel* m = model();
  if (docs.empty() || m == nullptr) {
    state.SkipWithError("needs BioRED under ../shared");
    return;
  }
  RelationExtractor extractor(*m);
  std::vector<Document> copies = docs;
  std::vector<AnalyzedText> analyses(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) analyze_document(docs[i], nullptr, analyses[i]);
  for (auto _ : state)
    for (size_t i = 0; i < copies.size(); ++i) extractor.extract(copies[i], analyses[i]);
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(docs.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RelationExtract)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
