#include "annotate_options.h"

#include <stdexcept>

namespace biotator {

void validate(const AnnotateOptions& options) {
  if (options.link_input_mentions && options.entities_from_input)
    throw std::invalid_argument("--link-input-mentions and --entities-from-input exclude each other");
  if (!can_write(options.output_format))
    throw std::invalid_argument(std::string(format_name(options.output_format)) +
                                " is an input-only format; write " + format_names(true));
}

PipelineOptions pipeline_options(const AnnotateOptions& options) {
  PipelineOptions p;
  p.type_names = options.type_names;
  p.id_style = options.id_style.value_or(options.type_names == TypeNames::kBioRED ? IdStyle::kBioRED : IdStyle::kPubTator3);
  p.recognizer.abbreviation_consistency = !options.no_abbreviation_consistency;
  p.recognizer.surface_consistency = options.surface_consistency;
  p.keep_tagger_variants = options.keep_tagger_variants;
  p.relation_novelty = options.novelty;
  p.variant_rs_lookup = options.variant_rs_lookup;
  p.relation_scores = options.scores;
  p.min_relation_score = options.min_score;
  return p;
}

AnnotateMode annotate_mode(const AnnotateOptions& options) {
  return options.link_input_mentions   ? AnnotateMode::kLinkInputMentions
         : options.entities_from_input ? AnnotateMode::kEntitiesFromInput
                                       : AnnotateMode::kFull;
}

CorpusReadOptions read_options(const AnnotateOptions& options, std::ostream* warnings) {
  CorpusReadOptions read;
  read.format = options.input_format;
  read.reader.text_lines = options.text_lines;
  read.reader.text_document_id = options.text_document_id;
  read.reader.allow_mismatched_mentions =
      options.allow_mismatched_mentions || !(options.link_input_mentions || options.entities_from_input);
  read.reader.warnings = warnings;
  read.keep_going = options.keep_going;
  return read;
}

}  // namespace biotator
