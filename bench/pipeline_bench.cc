// The whole `biotator annotate` pipeline on BioRED Dev with the model bundle in
// models/ (run from the repository root, or set BIOTATOR_MODELS): tokenize, recognize,
// variants, normalize, relations. One thread. Also the bundle's load time.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>

#include "annotation_pipeline.h"
#include "bench_data.h"
#include "model_bundle.h"

namespace {

using namespace biotator;


void BM_Pipeline(benchmark::State& state) {
  const auto& docs = bench::dev_documents();
  ModelBundle bundle;
  if (std::string error; !bench::load_dev_and_models(bundle, error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  AnnotationPipeline pipeline(bundle);
  size_t annotations = 0, relations = 0;
  for (auto _ : state) {
    annotations = relations = 0;
    for (const Document& d : docs) {
      Document copy = d;
      pipeline.annotate(copy);
      annotations += copy.annotations.size();
      relations += copy.relations.size();
    }
  }
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(docs.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["annotations"] = static_cast<double>(annotations);
  state.counters["relations"] = static_cast<double>(relations);
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_Pipeline)->Unit(benchmark::kMillisecond);

void BM_LoadBundle(benchmark::State& state) {
  for (auto _ : state) {
    try {
      ModelBundle bundle = ModelBundle::load(bench::model_dir());
      benchmark::DoNotOptimize(bundle.ner.get());
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      return;
    }
  }
}
BENCHMARK(BM_LoadBundle)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
