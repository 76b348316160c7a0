// Reading and writing PubTator: BioRED Train read from memory and written back.
// Reported as bytes/s of PubTator text (the target: >= 50 MB/s).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "pubtator.h"

namespace {

std::string load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_PubTatorReadWrite(benchmark::State& state) {
  const std::string text = load(std::string(BIOTATOR_SHARED_DIR) + "/corpora/biored/Train.PubTator");
  if (text.empty()) {
    state.SkipWithError("BioRED Train not found under ../shared");
    return;
  }
  std::string out;
  size_t docs = 0;
  for (auto _ : state) {
    biotator::PubTatorReader reader(biotator::ByteSource::from_string(text, "Train.PubTator"));
    biotator::Document doc;
    out.clear();
    docs = 0;
    while (reader.next(doc)) {
      biotator::append_pubtator(out, doc);
      ++docs;
    }
    benchmark::DoNotOptimize(out.data());
  }
  if (out != text) state.SkipWithError("round trip differs");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["docs"] = static_cast<double>(docs);
}
BENCHMARK(BM_PubTatorReadWrite)->Unit(benchmark::kMillisecond);

void BM_PubTatorRead(benchmark::State& state) {
  const std::string text = load(std::string(BIOTATOR_SHARED_DIR) + "/corpora/biored/Train.PubTator");
  if (text.empty()) {
    state.SkipWithError("BioRED Train not found under ../shared");
    return;
  }
  for (auto _ : state) {
    biotator::PubTatorReader reader(biotator::ByteSource::from_string(text, "Train.PubTator"));
    biotator::Document doc;
    while (reader.next(doc)) benchmark::DoNotOptimize(doc.id.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_PubTatorRead)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
