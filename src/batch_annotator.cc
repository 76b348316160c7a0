#include "batch_annotator.h"

#include <atomic>
#include <exception>
#include <thread>

namespace biotator {

BatchAnnotator::BatchAnnotator(const ModelBundle& bundle, const PipelineOptions& options, int threads) {
  for (int i = 0; i < std::max(1, threads); ++i) pipelines_.push_back(std::make_unique<AnnotationPipeline>(bundle, options));
}

namespace {

void run(const AnnotationPipeline& pipeline, Document& doc, AnnotateMode mode) {
  switch (mode) {
    case AnnotateMode::kFull: pipeline.annotate(doc); break;
    case AnnotateMode::kLinkInputMentions: pipeline.link_existing(doc); break;
    case AnnotateMode::kEntitiesFromInput: pipeline.relate_existing(doc); break;
  }
}

}  // namespace

void BatchAnnotator::annotate_with(int worker, Document& doc, AnnotateMode mode) {
  run(*pipelines_.at(static_cast<size_t>(worker)), doc, mode);
}

void BatchAnnotator::annotate(std::vector<Document>& docs, AnnotateMode mode) {
  const size_t workers = std::min(pipelines_.size(), docs.size());
  if (workers <= 1) {
    for (Document& d : docs) run(*pipelines_[0], d, mode);
    return;
  }
  // Documents are handed out one at a time from a shared counter: uneven lengths
  // balance themselves, and each result lands in its own slot, so order is kept.
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> errors(workers);
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (size_t i = next++; i < docs.size(); i = next++) run(*pipelines_[w], docs[i], mode);
      } catch (...) {
        errors[w] = std::current_exception();
        next = docs.size();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace biotator
