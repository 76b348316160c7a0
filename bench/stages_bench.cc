// Per-stage throughput of `biotator annotate` on BioRED Dev (100 abstracts), one thread,
// with the model bundle in models/ (run from the repository root, or set
// BIOTATOR_MODELS): read (PubTator parse from memory), analyze (tokens, sentences,
// abbreviations, lexicon), recognize (tagger), variants (grammar), normalize (linker),
// relations, write (PubTator). Each stage gets exactly the input the pipeline gives it:
// the inputs are prepared once, outside the timed loop. Also a document-length sweep:
// documents made of 1 to 32 Dev abstracts. The cost per character grows while the
// relation stage's candidate window (1,000 tokens, about three abstracts) fills, and is
// flat beyond it: the pipeline is linear in text size.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "annotation_pipeline.h"
#include "bench_data.h"
#include "byte_source.h"
#include "entity_linker.h"
#include "entity_recognizer.h"
#include "pubtator.h"
#include "relation_extractor.h"
#include "text_analysis.h"
#include "variant_recognizer.h"

namespace {

using namespace biotator;

// The bundle and Dev, annotated once by the whole pipeline: the inputs of the later stages.
struct Prepared {
  ModelBundle bundle;
  std::string error;
  std::vector<Document> annotated;    // pipeline output (IDs, relations)
  std::vector<Document> unlinked;     // pipeline mentions with IDs removed, no relations
  std::vector<AnalyzedText> analyses;  // analyze_document of every Dev document
  std::string dev_bytes;              // the Dev file as read from disk
};

const Prepared& prepared() {
  static const Prepared p = [] {
    Prepared p;
    if (!bench::load_dev_and_models(p.bundle, p.error)) return p;
    std::ifstream in(bench::dev_path(), std::ios::binary);
    p.dev_bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    AnnotationPipeline pipeline(p.bundle);
    for (const Document& d : bench::dev_documents()) {
      Document doc = d;
      pipeline.annotate(doc);
      p.annotated.push_back(doc);
      for (Annotation& a : doc.annotations) a.ids = {"-"};
      doc.relations.clear();
      p.unlinked.push_back(std::move(doc));
      AnalyzedText analysis;
      analyze_document(d, p.bundle.lexicon.get(), analysis);
      p.analyses.push_back(std::move(analysis));
    }
    return p;
  }();
  return p;
}

bool ready(benchmark::State& state) {
  if (!prepared().error.empty()) {
    state.SkipWithError(prepared().error.c_str());
    return false;
  }
  return true;
}

void per_abstract(benchmark::State& state, size_t documents) {
  state.counters["abstracts/s"] =
      benchmark::Counter(static_cast<double>(documents), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_StageRead(benchmark::State& state) {
  if (!ready(state)) return;
  size_t n = 0;
  for (auto _ : state) {
    PubTatorReader reader(ByteSource::from_string(prepared().dev_bytes));
    Document doc;
    n = 0;
    while (reader.next(doc)) ++n;
  }
  per_abstract(state, n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * prepared().dev_bytes.size()));
}
BENCHMARK(BM_StageRead)->Unit(benchmark::kMillisecond);

void BM_StageAnalyze(benchmark::State& state) {
  if (!ready(state)) return;
  AnalyzedText analysis;
  for (auto _ : state)
    for (const Document& d : bench::dev_documents()) analyze_document(d, prepared().bundle.lexicon.get(), analysis);
  per_abstract(state, bench::dev_documents().size());
}
BENCHMARK(BM_StageAnalyze)->Unit(benchmark::kMillisecond);

void BM_StageRecognize(benchmark::State& state) {
  if (!ready(state)) return;
  const ModelBundle& b = prepared().bundle;
  EntityRecognizer recognizer(b.lexicon.get(), b.ner.get(), {}, b.clusters.get());
  std::vector<EntityMention> mentions;
  for (auto _ : state)
    for (const AnalyzedText& a : prepared().analyses) recognizer.recognize(a, mentions);
  per_abstract(state, prepared().analyses.size());
}
BENCHMARK(BM_StageRecognize)->Unit(benchmark::kMillisecond);

void BM_StageVariants(benchmark::State& state) {
  if (!ready(state)) return;
  std::vector<VariantMention> variants;
  for (auto _ : state)
    for (const AnalyzedText& a : prepared().analyses) {
      variants.clear();
      find_variants(a.text, variants);
    }
  per_abstract(state, prepared().analyses.size());
}
BENCHMARK(BM_StageVariants)->Unit(benchmark::kMillisecond);

void BM_StageNormalize(benchmark::State& state) {
  if (!ready(state)) return;
  if (!prepared().bundle.kb) {
    state.SkipWithError("no models/kb.bt");
    return;
  }
  EntityLinker linker(prepared().bundle.kb.get());
  std::vector<Document> docs;
  for (auto _ : state) {
    state.PauseTiming();
    docs = prepared().unlinked;
    state.ResumeTiming();
    // With the analysis, as the pipeline links.
    for (size_t i = 0; i < docs.size(); ++i) linker.link_document(docs[i], &prepared().analyses[i]);
  }
  per_abstract(state, docs.size());
}
BENCHMARK(BM_StageNormalize)->Unit(benchmark::kMillisecond);

void BM_StageRelations(benchmark::State& state) {
  if (!ready(state)) return;
  if (!prepared().bundle.relations) {
    state.SkipWithError("no models/relations.bt");
    return;
  }
  RelationExtractor extractor(*prepared().bundle.relations);
  std::vector<Document> docs = prepared().annotated;
  for (auto _ : state)
    for (size_t i = 0; i < docs.size(); ++i) extractor.extract(docs[i], prepared().analyses[i]);
  per_abstract(state, docs.size());
}
BENCHMARK(BM_StageRelations)->Unit(benchmark::kMillisecond);

void BM_StageWrite(benchmark::State& state) {
  if (!ready(state)) return;
  size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    PubTatorWriter writer(out);
    for (const Document& d : prepared().annotated) writer.write(d);
    writer.finish();
    bytes = out.str().size();
  }
  per_abstract(state, prepared().annotated.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_StageWrite)->Unit(benchmark::kMillisecond);

// The whole pipeline on documents of k abstracts each (the same 100 abstracts in all, so
// every run annotates the same text): time per character should not grow with k.
void BM_LengthSweep(benchmark::State& state) {
  if (!ready(state)) return;
  const size_t k = static_cast<size_t>(state.range(0));
  std::vector<Document> docs;
  const auto& dev = bench::dev_documents();
  for (size_t i = 0; i < dev.size(); i += k) {
    Document doc;
    doc.id = dev[i].id;
    Passage p;
    p.type = "abstract";
    for (size_t j = i; j < std::min(dev.size(), i + k); ++j) {
      if (!p.text.empty()) p.text += ' ';
      p.text += dev[j].full_text();
    }
    doc.passages.push_back(std::move(p));
    docs.push_back(std::move(doc));
  }
  size_t chars = 0;
  for (const Document& d : docs) chars += d.passages.front().text.size();
  AnnotationPipeline pipeline(prepared().bundle);
  for (auto _ : state)
    for (const Document& d : docs) {
      Document copy = d;
      pipeline.annotate(copy);
      benchmark::DoNotOptimize(copy.annotations.data());
    }
  state.counters["documents"] = static_cast<double>(docs.size());
  // Rate of (kB / 1e6) inverted: microseconds per kB of text.
  state.counters["us_per_kB"] = benchmark::Counter(static_cast<double>(chars) / 1000.0 * 1e-6,
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
}
BENCHMARK(BM_LengthSweep)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Arg(16)->Arg(32)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
