// Throughput of the NER's text analysis (tokenizer, sentence splitter, abbreviation
// finder) over the BioRED Dev abstracts, separately and together. The NER's budget is
// 500 abstracts/s per core for everything, so these should run far above that.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "abbreviation.h"
#include "byte_source.h"
#include "bench_data.h"
#include "pubtator.h"
#include "sentence_splitter.h"
#include "tokenizer.h"

namespace {

using namespace biotator;

using bench::dev_texts;
const std::string& kDevPath = bench::dev_path();

enum Stage { kTokenize = 1, kSentences = 2, kAbbreviations = 4, kAll = 7 };

void BM_TextAnalysis(benchmark::State& state) {
  const auto& texts = dev_texts();
  if (texts.empty()) {
    state.SkipWithError(("missing " + kDevPath).c_str());
    return;
  }
  const int stages = static_cast<int>(state.range(0));
  // Sentences need tokens: without the tokenizer stage, tokenize once up front.
  std::vector<std::vector<Token>> pretokenized(texts.size());
  if (!(stages & kTokenize)) {
    for (size_t i = 0; i < texts.size(); ++i) tokenize(texts[i], pretokenized[i]);
  }
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  size_t bytes = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < texts.size(); ++i) {
      const std::string& text = texts[i];
      if (stages & kTokenize) tokenize(text, tokens);
      if (stages & kSentences) {
        split_sentences(text, (stages & kTokenize) ? tokens : pretokenized[i], sentences);
        benchmark::DoNotOptimize(sentences.data());
      }
      if (stages & kAbbreviations) benchmark::DoNotOptimize(find_abbreviations(text));
      benchmark::DoNotOptimize(tokens.data());
      bytes += text.size();
    }
  }
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * texts.size()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

}  // namespace

// stages: 1 tokenizer, 2 sentence splitter, 4 abbreviations, 7 all three (the NER's cost).
BENCHMARK(BM_TextAnalysis)->ArgName("stages")->Arg(kTokenize)->Arg(kSentences)->Arg(kAbbreviations)->Arg(kAll);

BENCHMARK_MAIN();
