// Throughput of the variant stage (recognition + normalization + rs linking) over the
// BioRED Dev abstracts on one thread, without and with the learned filter
// (models/variant_filter.bt, or $BIOTATOR_MODELS/). Target: at least 10,000 abstracts/s.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "byte_source.h"
#include "bench_data.h"
#include "pubtator.h"
#include "variant_filter.h"
#include "variant_recognizer.h"

namespace {

using namespace biotator;

using bench::dev_texts;
const std::string& kDevPath = bench::dev_path();

void BM_FindVariants(benchmark::State& state) {
  const auto& texts = dev_texts();
  if (texts.empty()) {
    state.SkipWithError(("missing " + kDevPath).c_str());
    return;
  }
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  std::vector<VariantMention> mentions;
  size_t found = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      mentions.clear();
      find_variants(t, mentions);
      found += mentions.size();
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));  // abstracts/s
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["mentions_per_pass"] =
      static_cast<double>(found) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_FindVariants)->Unit(benchmark::kMillisecond);

void BM_FindVariantsFiltered(benchmark::State& state) {
  const auto& texts = dev_texts();
  const std::string model_path = bench::model_dir() + "/variant_filter.bt";
  if (texts.empty() || !std::filesystem::exists(model_path)) {
    state.SkipWithError(("missing " + (texts.empty() ? kDevPath : model_path)).c_str());
    return;
  }
  const VariantFilter filter = VariantFilter::load(model_path);
  std::vector<VariantMention> mentions;
  size_t found = 0, dropped = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      mentions.clear();
      find_variants(t, mentions);
      dropped += filter.filter(t, mentions);
      found += mentions.size();
    }
    benchmark::DoNotOptimize(found);
  }
  const double passes = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));  // abstracts/s
  state.counters["mentions_per_pass"] = static_cast<double>(found) / passes;
  state.counters["dropped_per_pass"] = static_cast<double>(dropped) / passes;
}
BENCHMARK(BM_FindVariantsFiltered)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
