// BioRED-compatible scoring, exactly as ../shared/docs/EVALUATION.md specifies:
// NER (strict and relaxed, per type and micro), normalization (mention and concept
// level) and document-level relations (pair, +type, +novelty).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "entity_types.h"

namespace biotator {

struct Counts {
  int64_t tp = 0;
  int64_t fp = 0;
  int64_t fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
  Counts& operator+=(const Counts& o);
};

// Per-type counts plus "micro" (the sum over all types).
using TypedCounts = std::map<std::string, Counts>;

struct EvalReport {
  TypedCounts ner_strict;
  TypedCounts ner_relaxed;
  TypedCounts norm_mention;
  TypedCounts norm_concept;
  Counts relation_pair;
  Counts relation_type;
  Counts relation_novelty;
};


// Normalizes one identifier for comparison: strips "MESH:", writes Cellosaurus IDs as
// "CVCL_…", and reduces a variant record to its rs ID (else its tmVar form).
std::string normalize_id(std::string_view id);

// Scores `predicted` against `gold`. Documents are matched by id; a gold document
// missing from the prediction counts as all false negatives.
EvalReport evaluate(const std::vector<Document>& gold, const std::vector<Document>& predicted);

// Human-readable table.
std::string format_report_text(const EvalReport& report);
// The JSON shape of issue #2: {"ner": {"strict": {...}, "relaxed": {...}},
// "normalization": {"mention": {...}, "concept": {...}}, "relations": {"pair", "type", "novelty"}}.
std::string format_report_json(const EvalReport& report);

}  // namespace biotator
