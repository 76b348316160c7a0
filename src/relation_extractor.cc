#include "relation_extractor.h"

#include <charconv>

namespace biotator {

void RelationExtractor::extract(Document& doc, const AnalyzedText& analysis, double min_score) {
  doc.relations.clear();
  features_.extract(doc, analysis, candidates_);
  model_.predict_document(candidates_.candidates, predictions_);
  for (size_t i = 0; i < candidates_.candidates.size(); ++i) {
    const RelationCandidate& c = candidates_.candidates[i];
    const RelationPrediction& p = predictions_[i];
    if (p.type < 0 || p.score < min_score) continue;
    Relation r;
    r.type = std::string(relation_type_name(p.type));
    r.arg1 = candidates_.concepts[c.first].id;
    r.arg2 = candidates_.concepts[c.second].id;
    r.novelty = p.novel ? "Novel" : "No";
    // std::to_chars in fixed form writes what printf's "%.4f" writes, without the locale
    // and format parsing (2 % of the relation stage).
    char score[32];
    r.score.assign(score, std::to_chars(score, score + sizeof score, p.score, std::chars_format::fixed, 4).ptr);
    doc.relations.push_back(std::move(r));
  }
}

void RelationExtractor::extract(Document& doc, double min_score) {
  analyze_document(doc, nullptr, analysis_);
  extract(doc, analysis_, min_score);
}

void extract_relations(const RelationModel& model, Document& doc, double min_score) {
  RelationExtractor(model).extract(doc, min_score);
}

EvalReport evaluate_relations_with_gold_entities(const RelationModel& model, const std::vector<Document>& gold,
                                                 double min_score) {
  std::vector<Document> predicted = gold;
  RelationExtractor extractor(model);
  for (Document& d : predicted) extractor.extract(d, min_score);
  return evaluate(gold, predicted);
}

}  // namespace biotator
