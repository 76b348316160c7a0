// The options of one annotation as `biotator annotate`'s flags name them, and the one
// place that turns them into what the pipeline and the run use. `annotate` and the local
// service (annotation_service.h: the server's defaults, a request's parameters) both
// fill this struct, so the same choices give the same bytes in both.
#pragma once

#include <optional>
#include <string>

#include "annotation_pipeline.h"
#include "batch_annotator.h"
#include "corpus_reader.h"
#include "entity_recognizer.h"
#include "format.h"

namespace biotator {

struct AnnotateOptions {
  std::optional<Format> input_format;  // guessed per input when empty
  Format output_format = Format::kPubTator;
  TypeNames type_names = TypeNames::kPubTator3;
  // Empty: BioRED's identifiers with BioRED's type names, else PubTator3's.
  std::optional<IdStyle> id_style;
  bool text_lines = false;  // text input: one "ID<TAB>TEXT" document per line
  std::string text_document_id;  // whole text input: the document's ID (empty: from the file name)
  bool keep_going = false;  // skip bad documents (reported) instead of stopping
  bool no_abbreviation_consistency = false;
  bool surface_consistency = false;
  bool keep_tagger_variants = false;
  bool link_input_mentions = false;
  bool entities_from_input = false;
  bool allow_mismatched_mentions = false;
  bool novelty = false;
  bool scores = false;
  int variant_rs_lookup = 1;  // PipelineOptions::variant_rs_lookup
  double min_score = 0.0;
};

// Throws std::invalid_argument naming the flag for a combination annotate rejects
// (--link-input-mentions with --entities-from-input, an input-only output format).
void validate(const AnnotateOptions& options);

PipelineOptions pipeline_options(const AnnotateOptions& options);
AnnotateMode annotate_mode(const AnnotateOptions& options);
// Reader options and the keep_going policy. Input annotations are dropped when
// recognizing, so their spans do not matter then; the modes that keep them write them
// back, so there a mention its offsets do not slice is bad input unless
// allow_mismatched_mentions (warnings then go to `warnings`, when non-null).
CorpusReadOptions read_options(const AnnotateOptions& options, std::ostream* warnings);

}  // namespace biotator
