// Annotates documents on several threads with output identical to one thread: each
// worker owns an AnnotationPipeline (its scratch buffers are not shared), documents are
// independent, and results come back in input order. Memory stays bounded by the batch
// the caller hands over. A streaming run (annotation_run.h) drives the pipelines one
// document at a time from its own worker threads instead.
#pragma once

#include <memory>
#include <vector>

#include "annotation_pipeline.h"

namespace biotator {

enum class AnnotateMode {
  kFull,                // recognize, normalize, relate
  kLinkInputMentions,   // keep input spans and types, give them IDs
  kEntitiesFromInput,   // keep input entities, extract relations
};

class BatchAnnotator {
 public:
  // `threads` >= 1; `bundle` must outlive the annotator.
  BatchAnnotator(const ModelBundle& bundle, const PipelineOptions& options, int threads);

  // Annotates every document of `docs` in place.
  void annotate(std::vector<Document>& docs, AnnotateMode mode);
  // Annotates one document with pipeline `worker` (0 <= worker < threads()). Calls for
  // different workers may run concurrently; calls for the same worker may not.
  void annotate_with(int worker, Document& doc, AnnotateMode mode);

  int threads() const { return static_cast<int>(pipelines_.size()); }

 private:
  std::vector<std::unique_ptr<AnnotationPipeline>> pipelines_;
};

}  // namespace biotator
