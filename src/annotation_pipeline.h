// `biotator annotate` as a library call: read → tokenize → recognize (entity tagger,
// then the variant grammar) → normalize (knowledge base) → write. Data flows one way through the stages; each stage
// is a component of its own and this class only wires them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "document.h"
#include "entity_linker.h"
#include "entity_recognizer.h"
#include "model_bundle.h"
#include "variant_recognizer.h"

namespace biotator {

struct PipelineOptions {
  TypeNames type_names = TypeNames::kPubTator3;
  RecognizerOptions recognizer;
  // Variants come from the grammar (src/variant_recognizer.h); the tagger's own
  // Variant mentions are kept only where the grammar found nothing overlapping them.
  bool keep_tagger_variants = false;
};

class AnnotationPipeline {
 public:
  // `bundle` must outlive the pipeline and hold at least the NER model.
  AnnotationPipeline(const ModelBundle& bundle, PipelineOptions options = {});

  // Replaces `doc`'s annotations and relations with BioTator's.
  void annotate(Document& doc) const;
  // Gold-mention mode: keeps the spans and types of `doc`'s annotations and gives
  // each its identifiers (measures normalization apart from recognition).
  void link_existing(Document& doc) const;

 private:
  // Gives each variant annotation its gene (nearest gene mention), dbSNP ID and group.
  void link_variants(Document& doc,
                     const std::vector<std::pair<size_t, const VariantMention*>>& variants) const;

  const ModelBundle& bundle_;
  PipelineOptions options_;
  EntityRecognizer recognizer_;
  EntityLinker linker_;
};

}  // namespace biotator
