// Speed of the entity lexicon: longest-match lookup over the BioRED Dev abstracts
// (the NER's budget is 500 abstracts/s per core for everything, so matching must
// take well under 50 µs per abstract), plus saving and loading the compiled lexicon.
// The lexicon is built once from the shared vocabularies (a few seconds).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "byte_source.h"
#include "lexicon.h"
#include "lexicon_builder.h"
#include "pubtator.h"
#include "tokenizer.h"

namespace {

using namespace biotator;

const std::string kSharedDir = BIOTATOR_SHARED_DIR;
const std::string kDevPath = kSharedDir + "/corpora/biored/Dev.PubTator";

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::vector<Token>> tokens;
};

const Corpus& dev_corpus() {
  static const Corpus corpus = [] {
    Corpus c;
    if (!std::filesystem::exists(kDevPath)) return c;
    PubTatorReader reader(ByteSource::open(kDevPath));
    Document doc;
    while (reader.next(doc)) {
      c.texts.push_back(doc.full_text());
      c.tokens.push_back(tokenize(c.texts.back()));
    }
    return c;
  }();
  return corpus;
}

const Lexicon& shared_lexicon() {
  static const Lexicon lexicon = [] {
    Lexicon lex;
    if (std::filesystem::exists(kSharedDir + "/kb")) {
      add_shared_vocabularies(lex, kSharedDir);
      lex.finalize();
    }
    return lex;
  }();
  return lexicon;
}

bool ready(benchmark::State& state) {
  if (dev_corpus().texts.empty() || shared_lexicon().size() == 0) {
    state.SkipWithError(("missing " + kDevPath + " or " + kSharedDir + "/kb").c_str());
    return false;
  }
  return true;
}

// Matching one abstract (what the NER calls): token keys (normalization + hashing)
// and the longest-match scan. Tokenizing is not included.
void BM_LexiconMatch(benchmark::State& state) {
  if (!ready(state)) return;
  const Corpus& corpus = dev_corpus();
  const Lexicon& lexicon = shared_lexicon();
  std::vector<LexiconMatch> matches;
  size_t tokens = 0;
  size_t found = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < corpus.texts.size(); ++i) {
      lexicon.match(corpus.texts[i], corpus.tokens[i], matches);
      tokens += corpus.tokens[i].size();
      found += matches.size();
      benchmark::DoNotOptimize(matches.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));  // abstracts
  state.counters["tokens_per_abstract"] = static_cast<double>(tokens) / (state.iterations() * corpus.texts.size());
  state.counters["matches_per_abstract"] = static_cast<double>(found) / (state.iterations() * corpus.texts.size());
  state.counters["us_per_abstract"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.texts.size()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}
BENCHMARK(BM_LexiconMatch)->Unit(benchmark::kMillisecond);

// Only the longest-match scan, from token keys computed beforehand (match() minus
// normalization and hashing).
void BM_LexiconScanOnly(benchmark::State& state) {
  if (!ready(state)) return;
  const Corpus& corpus = dev_corpus();
  const Lexicon& lexicon = shared_lexicon();
  std::vector<std::vector<Lexicon::TokenKey>> keys(corpus.texts.size());
  for (size_t i = 0; i < corpus.texts.size(); ++i) {
    for (const Token& t : corpus.tokens[i]) keys[i].push_back(Lexicon::token_key(t.text(corpus.texts[i])));
  }
  std::vector<LexiconMatch> matches;
  for (auto _ : state) {
    for (const auto& document_keys : keys) {
      lexicon.match_keys(document_keys, matches);
      benchmark::DoNotOptimize(matches.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.texts.size()));
  state.counters["us_per_abstract"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.texts.size()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}
BENCHMARK(BM_LexiconScanOnly)->Unit(benchmark::kMillisecond);

void BM_LexiconSaveLoad(benchmark::State& state) {
  if (!ready(state)) return;
  const std::string path = (std::filesystem::temp_directory_path() / "biotator_lexicon_bench.lex").string();
  const bool load = state.range(0) == 1;
  shared_lexicon().save(path);
  for (auto _ : state) {
    if (load) {
      Lexicon lexicon = Lexicon::load(path);
      benchmark::DoNotOptimize(lexicon.size());
    } else {
      shared_lexicon().save(path);
    }
  }
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  state.counters["terms"] = static_cast<double>(shared_lexicon().size());
  state.counters["keys"] = static_cast<double>(shared_lexicon().key_count());
  state.counters["memory_MB"] = static_cast<double>(shared_lexicon().memory_bytes()) / 1e6;
  std::filesystem::remove(path);
}
BENCHMARK(BM_LexiconSaveLoad)->Arg(0)->Arg(1)->ArgNames({"load"})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
