// BioRED-compatible scoring (../shared/docs/EVALUATION.md). Choices the document
// leaves open, made here and mirrored by tools/reference_eval.py:
//  - Mentions are compared as sets: two lines with the same (document, start, end,
//    unified type) are one mention (this is what the BioRED scorer does). A mention's
//    span is its first start to its last end.
//  - Relaxed NER: a prediction and a gold mention can pair when they have the same type
//    and their spans overlap; each gold mention and each prediction pairs at most once.
//    TP is the size of a maximum matching, so the count does not depend on line order
//    (a greedy pass could miss pairs that a different order would find).
//  - Mention-level normalization: the IDs of all lines with the same key are pooled.
//    A prediction with the right span and type but no common ID is a FP, and the gold
//    mention is then a FN.
//  - Per-type rows exist for every unified type seen in gold or prediction; "micro" is
//    their sum and is always present.
//  - Relations: an ID's entity class is the unified type of the first mention (in
//    document order) carrying it in the same file and document; an ID no mention
//    carries has no class and its relations are kept.
//  - A document id given twice in one file is read as one document (its mentions and
//    relations are pooled).
#include "evaluator.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace biotator {

double Counts::precision() const { return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }

double Counts::recall() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }

double Counts::f1() const {
  const int64_t denominator = 2 * tp + fp + fn;
  return denominator == 0 ? 0.0 : 2.0 * static_cast<double>(tp) / static_cast<double>(denominator);
}

Counts& Counts::operator+=(const Counts& o) {
  tp += o.tp;
  fp += o.fp;
  fn += o.fn;
  return *this;
}


namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_on(std::string_view s, std::string_view separators) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find_first_of(separators, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

bool is_mesh_id(std::string_view s) {
  s = trim(s);
  if (s.starts_with("MESH:")) s.remove_prefix(5);
  if (s.size() < 2 || (s[0] != 'D' && s[0] != 'C')) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string rs_id(std::string_view value) {
  value = trim(value);
  if (value.starts_with("rs")) return std::string(value);
  return "rs" + std::string(value);
}

}  // namespace

std::string normalize_id(std::string_view raw) {
  std::string_view id = trim(raw);
  if (id.find(';') != std::string_view::npos && looks_like_variant_id(id)) {
    // A variant record: PubTator3 "tmVar:p|SUB|V|600|E;HGVS:...;RS#:113488022;..." or
    // tmVar3 "c|SUB|T|920|G;Gene:23417;RS#:...". BioRED names a variant by its dbSNP
    // ID when it has one, else by its tmVar form.
    const std::vector<std::string_view> parts = split_on(id, ";");
    for (std::string_view part : parts) {
      part = trim(part);
      if (part.starts_with("RS#:") && part.size() > 4) return rs_id(part.substr(4));
    }
    id = trim(parts.front());
  }
  if (id.starts_with("tmVar:")) return std::string(trim(id.substr(6)));
  if (id.starts_with("RS#:")) return rs_id(id.substr(4));
  if (id.starts_with("MESH:")) return std::string(trim(id.substr(5)));
  if (id.starts_with("CVCL:")) return "CVCL_" + std::string(trim(id.substr(5)));
  // GNormPlus writes a gene's taxon after it: "155971(Tax:11676)" is gene 155971.
  if (const size_t tax = id.find("(Tax:"); tax != std::string_view::npos && tax > 0 && id.back() == ')')
    return std::string(trim(id.substr(0, tax)));
  return std::string(id);
}

namespace {

// The normalized, non-null IDs of a mention. Annotation::ids is usually split already
// (split_id_field); splitting again here makes the scorer independent of how a reader
// filled the field (e.g. one BioC "identifier" infon "D001,D002").
std::vector<std::string> mention_ids(const Annotation& a) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view id) {
    id = trim(id);
    if (!is_null_id(id)) out.push_back(normalize_id(id));
  };
  for (const std::string& field : a.ids) {
    std::string_view f = trim(field);
    if (looks_like_variant_id(f)) {
      // A variant record keeps its ';' and '|'; BioRED lists several variants with ','.
      if (f.find(';') != std::string_view::npos) add(f);
      else
        for (std::string_view part : split_on(f, ",")) add(part);
      continue;
    }
    for (std::string_view part : split_on(f, ",;")) {
      const std::vector<std::string_view> bars = split_on(part, "|");
      const bool mesh_composite =
          bars.size() > 1 && std::all_of(bars.begin(), bars.end(), [](std::string_view b) {
            return is_mesh_id(b) || is_null_id(trim(b));
          });
      if (mesh_composite)
        for (std::string_view b : bars) add(b);
      else
        add(part);
    }
  }
  return out;
}

struct MentionKey {
  int64_t start;
  int64_t end;
  std::string type;
  auto operator<=>(const MentionKey&) const = default;
};

using Pair = std::pair<std::string, std::string>;  // sorted

// What one file says about one document, ready for comparison.
struct DocView {
  std::map<MentionKey, std::set<std::string>> mentions;  // key -> pooled IDs
  std::set<std::pair<std::string, std::string>> concepts;  // (type, ID)
  std::map<std::string, std::string> id_class;             // ID -> unified type
  std::set<Pair> pairs;
  std::set<std::tuple<Pair, std::string>> typed;
  std::set<std::tuple<Pair, std::string, std::string>> novel;  // (pair, type, novelty)
};

bool excluded_pair(const std::string& a, const std::string& b) {
  auto is = [&](const char* x, const char* y) { return (a == x && b == y) || (a == y && b == x); };
  return is("Disease", "Disease") || is("Gene", "Variant") || is("Gene", "Species");
}

void add_document(DocView& view, const Document& doc) {
  for (const Annotation& a : doc.annotations) {
    const std::string type = unify_type(a.type);
    std::set<std::string>& ids = view.mentions[MentionKey{a.start(), a.end(), type}];
    for (std::string& id : mention_ids(a)) {
      view.concepts.emplace(type, id);
      view.id_class.emplace(id, type);  // first mention wins
      ids.insert(std::move(id));
    }
  }
}

void add_relations(DocView& view, const Document& doc) {
  for (const Relation& r : doc.relations) {
    std::string a = normalize_id(r.arg1), b = normalize_id(r.arg2);
    auto ca = view.id_class.find(a), cb = view.id_class.find(b);
    if (ca != view.id_class.end() && cb != view.id_class.end() && excluded_pair(ca->second, cb->second)) continue;
    if (b < a) std::swap(a, b);
    Pair pair{std::move(a), std::move(b)};
    view.pairs.insert(pair);
    view.typed.emplace(pair, r.type);
    view.novel.emplace(pair, r.type, std::string(trim(r.novelty)));
  }
}

// Adds TP/FP/FN of two sets to `counts`, by the type `type_of` gives each element.
template <typename T, typename TypeOf>
void compare_sets(const std::set<T>& gold, const std::set<T>& predicted, TypeOf type_of, TypedCounts& counts) {
  for (const T& p : predicted) {
    Counts& c = counts[type_of(p)];
    if (gold.count(p)) ++c.tp;
    else ++c.fp;
  }
  for (const T& g : gold)
    if (!predicted.count(g)) ++counts[type_of(g)].fn;
}

template <typename T>
Counts compare_sets(const std::set<T>& gold, const std::set<T>& predicted) {
  TypedCounts counts;
  compare_sets(gold, predicted, [](const T&) { return std::string(); }, counts);
  return counts[""];
}

// Size of a maximum matching between predicted and gold spans of one type, an edge
// joining two spans that overlap (Kuhn's augmenting paths; a document has few mentions).
int64_t max_overlap_matching(const std::vector<MentionKey>& gold, const std::vector<MentionKey>& predicted) {
  std::vector<std::vector<size_t>> edges(predicted.size());
  for (size_t p = 0; p < predicted.size(); ++p)
    for (size_t g = 0; g < gold.size(); ++g)
      if (predicted[p].start < gold[g].end && gold[g].start < predicted[p].end) edges[p].push_back(g);
  constexpr size_t kFree = static_cast<size_t>(-1);
  std::vector<size_t> gold_partner(gold.size(), kFree);
  std::vector<char> visited;
  std::function<bool(size_t)> augment = [&](size_t p) {
    for (size_t g : edges[p]) {
      if (visited[g]) continue;
      visited[g] = 1;
      if (gold_partner[g] == kFree || augment(gold_partner[g])) {
        gold_partner[g] = p;
        return true;
      }
    }
    return false;
  };
  int64_t matched = 0;
  for (size_t p = 0; p < predicted.size(); ++p) {
    if (edges[p].empty()) continue;
    visited.assign(gold.size(), 0);
    if (augment(p)) ++matched;
  }
  return matched;
}

void score_document(const DocView& gold, const DocView& pred, EvalReport& report) {
  // NER strict and mention-level normalization.
  for (const auto& [key, pred_ids] : pred.mentions) {
    auto g = gold.mentions.find(key);
    Counts& strict = report.ner_strict[key.type];
    Counts& norm = report.norm_mention[key.type];
    if (g == gold.mentions.end()) {
      ++strict.fp;
      ++norm.fp;
      continue;
    }
    ++strict.tp;
    const std::set<std::string>& gold_ids = g->second;
    bool ids_match = gold_ids.empty() && pred_ids.empty();
    for (const std::string& id : pred_ids)
      if (gold_ids.count(id)) ids_match = true;
    if (ids_match) {
      ++norm.tp;
    } else {
      ++norm.fp;
      ++norm.fn;
    }
  }
  for (const auto& [key, ids] : gold.mentions) {
    if (pred.mentions.count(key)) continue;
    ++report.ner_strict[key.type].fn;
    ++report.norm_mention[key.type].fn;
  }

  // NER relaxed, type by type.
  std::map<std::string, std::pair<std::vector<MentionKey>, std::vector<MentionKey>>> by_type;
  for (const auto& [key, ids] : gold.mentions) by_type[key.type].first.push_back(key);
  for (const auto& [key, ids] : pred.mentions) by_type[key.type].second.push_back(key);
  for (const auto& [type, lists] : by_type) {
    const auto& [gold_keys, pred_keys] = lists;
    const int64_t tp = max_overlap_matching(gold_keys, pred_keys);
    Counts& c = report.ner_relaxed[type];
    c.tp += tp;
    c.fp += static_cast<int64_t>(pred_keys.size()) - tp;
    c.fn += static_cast<int64_t>(gold_keys.size()) - tp;
  }

  // Concept-level normalization.
  compare_sets(gold.concepts, pred.concepts, [](const auto& type_and_id) { return type_and_id.first; }, report.norm_concept);

  // Relations. Novelty is judged only where gold gives one: a prediction whose (pair,
  // type) is gold without novelty has its novelty ignored.
  report.relation_pair += compare_sets(gold.pairs, pred.pairs);
  report.relation_type += compare_sets(gold.typed, pred.typed);
  std::set<std::tuple<Pair, std::string, std::string>> pred_novel;
  for (const auto& [pair, type, novelty] : pred.novel) {
    const bool gold_without_novelty = gold.novel.count({pair, type, std::string()}) > 0;
    pred_novel.emplace(pair, type, gold_without_novelty ? std::string() : novelty);
  }
  report.relation_novelty += compare_sets(gold.novel, pred_novel);
}

void add_micro(TypedCounts& counts) {
  Counts micro;
  for (const auto& [type, c] : counts) micro += c;
  counts["micro"] = micro;
}

}  // namespace

EvalReport evaluate(const std::vector<Document>& gold, const std::vector<Document>& predicted) {
  // Gather both files' documents by id, so that documents missing from either side
  // are scored too.
  std::map<std::string, std::pair<std::vector<const Document*>, std::vector<const Document*>>> by_id;
  for (const Document& d : gold) by_id[d.id].first.push_back(&d);
  for (const Document& d : predicted) by_id[d.id].second.push_back(&d);

  EvalReport report;
  for (const auto& [id, docs] : by_id) {
    DocView gold_view, pred_view;
    // Mentions of every copy first, so that relations see the whole ID-to-class map.
    for (const Document* d : docs.first) add_document(gold_view, *d);
    for (const Document* d : docs.first) add_relations(gold_view, *d);
    for (const Document* d : docs.second) add_document(pred_view, *d);
    for (const Document* d : docs.second) add_relations(pred_view, *d);
    score_document(gold_view, pred_view, report);
  }
  add_micro(report.ner_strict);
  add_micro(report.ner_relaxed);
  add_micro(report.norm_mention);
  add_micro(report.norm_concept);
  return report;
}

namespace {

void append_row(std::string& out, const std::string& name, const Counts& c) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-22s %8lld %8lld %8lld %8.2f %8.2f %8.2f\n", name.c_str(),
                static_cast<long long>(c.tp), static_cast<long long>(c.fp), static_cast<long long>(c.fn),
                100.0 * c.precision(), 100.0 * c.recall(), 100.0 * c.f1());
  out += line;
}

void append_header(std::string& out, const std::string& title) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-22s %8s %8s %8s %8s %8s %8s\n", "", "TP", "FP", "FN", "P", "R", "F1");
  out += title;
  out += '\n';
  out += line;
}

// Types first (alphabetically), then micro.
void append_section(std::string& out, const std::string& title, const TypedCounts& counts) {
  append_header(out, title);
  for (const auto& [type, c] : counts)
    if (type != "micro") append_row(out, type, c);
  auto micro = counts.find("micro");
  append_row(out, "micro", micro == counts.end() ? Counts{} : micro->second);
  out += '\n';
}

nlohmann::ordered_json counts_json(const Counts& c) {
  nlohmann::ordered_json j;
  j["tp"] = c.tp;
  j["fp"] = c.fp;
  j["fn"] = c.fn;
  j["precision"] = c.precision();
  j["recall"] = c.recall();
  j["f1"] = c.f1();
  return j;
}

nlohmann::ordered_json typed_json(const TypedCounts& counts) {
  nlohmann::ordered_json j;
  auto micro = counts.find("micro");
  j["micro"] = counts_json(micro == counts.end() ? Counts{} : micro->second);
  for (const auto& [type, c] : counts)
    if (type != "micro") j[type] = counts_json(c);
  return j;
}

}  // namespace

std::string format_report_text(const EvalReport& report) {
  std::string out;
  append_section(out, "NER strict", report.ner_strict);
  append_section(out, "NER relaxed", report.ner_relaxed);
  append_section(out, "Normalization, mention level", report.norm_mention);
  append_section(out, "Normalization, concept level", report.norm_concept);
  append_header(out, "Relations");
  append_row(out, "pair", report.relation_pair);
  append_row(out, "pair+type", report.relation_type);
  append_row(out, "pair+type+novelty", report.relation_novelty);
  return out;
}

std::string format_report_json(const EvalReport& report) {
  nlohmann::ordered_json j;
  j["ner"]["strict"] = typed_json(report.ner_strict);
  j["ner"]["relaxed"] = typed_json(report.ner_relaxed);
  j["normalization"]["mention"] = typed_json(report.norm_mention);
  j["normalization"]["concept"] = typed_json(report.norm_concept);
  j["relations"]["pair"] = counts_json(report.relation_pair);
  j["relations"]["type"] = counts_json(report.relation_type);
  j["relations"]["novelty"] = counts_json(report.relation_novelty);
  return j.dump(2) + "\n";
}

}  // namespace biotator
