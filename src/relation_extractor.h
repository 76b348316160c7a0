// The relation stage: from a document whose entity annotations carry normalized IDs to
// its document-level relations (type, arguments in canonical order, novelty, score).
#pragma once

#include <string>
#include <vector>

#include "document.h"
#include "evaluator.h"
#include "relation_model.h"
#include "text_analysis.h"

namespace biotator {

class RelationExtractor {
 public:
  explicit RelationExtractor(const RelationModel& model) : model_(model), features_(model.hash_bits()) {}

  // Replaces doc.relations with the predicted relations whose score is at least
  // `min_score`, in candidate order. Relation::score is written with 4 decimals and
  // Relation::novelty as "Novel" or "No". `analysis` must be analyze_document's result
  // for `doc` (the pipeline computes it once for every stage).
  void extract(Document& doc, const AnalyzedText& analysis, double min_score = 0.0);
  // Same, analyzing the document itself.
  void extract(Document& doc, double min_score = 0.0);

 private:
  const RelationModel& model_;
  RelationFeatureExtractor features_;
  AnalyzedText analysis_;
  DocumentCandidates candidates_;
  std::vector<RelationPrediction> predictions_;
};

// One-call form of RelationExtractor::extract.
void extract_relations(const RelationModel& model, Document& doc, double min_score = 0.0);

// Relation quality with gold entities: copies `gold`, drops the copies' relations,
// extracts relations from the gold entity annotations and scores them with evaluate().
EvalReport evaluate_relations_with_gold_entities(const RelationModel& model, const std::vector<Document>& gold,
                                                 double min_score = 0.0);

}  // namespace biotator
