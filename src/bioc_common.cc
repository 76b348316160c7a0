#include "bioc_common.h"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "utf8.h"

namespace biotator::bioc {

namespace {

constexpr std::string_view kExtraColumnPrefix = "pubtator_column_";
constexpr int kFirstExtraColumn = 7;  // PMID, start, end, mention, type, ID come first

// Column number of an infon key "pubtator_column_N" (N >= 7), or -1.
int extra_column_number(std::string_view key) {
  if (!key.starts_with(kExtraColumnPrefix)) return -1;
  key.remove_prefix(kExtraColumnPrefix.size());
  int n = 0;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), n);
  if (ec != std::errc() || end != key.data() + key.size() || n < kFirstExtraColumn || n > 10000) return -1;
  return n;
}

bool is_decimal(std::string_view s) {
  return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Appends the infons of `extra` whose keys the writer does not produce itself.
void append_other(Infons& out, const Infons& extra, std::initializer_list<std::string_view> reserved) {
  for (const auto& [k, v] : extra) {
    if (std::find(reserved.begin(), reserved.end(), k) != reserved.end()) continue;
    if (extra_column_number(k) >= 0) continue;
    out.emplace_back(k, v);
  }
}

}  // namespace

std::vector<std::vector<size_t>> annotations_by_passage(const Document& doc) {
  // Annotations with no passage to hold them get one (see the writers); a document with
  // neither keeps having no passage.
  std::vector<std::vector<size_t>> out(doc.passages.empty() && !doc.annotations.empty() ? 1 : doc.passages.size());
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    const int64_t start = doc.annotations[i].start();
    size_t target = 0;
    for (size_t p = 0; p < doc.passages.size(); ++p)
      if (doc.passages[p].offset <= start) target = p;
    out[target].push_back(i);
  }
  return out;
}

std::vector<std::string> annotation_ids(const Document& doc) {
  std::vector<std::string> ids;
  ids.reserve(doc.annotations.size());
  std::vector<size_t> made_up;
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    const std::string& id = doc.annotations[i].bioc_id;
    if (id.empty()) made_up.push_back(i);
    ids.push_back(id.empty() ? std::to_string(i) : id);
  }
  // Readers put annotations in id order when every id is decimal (order_annotations).
  // Index ids mixed with ids read from a file ("3", "1", then one added without an id)
  // could reorder the annotations, so then the made-up ids are made non-decimal.
  if (made_up.empty() || made_up.size() == ids.size() || !std::all_of(ids.begin(), ids.end(), is_decimal)) return ids;
  std::vector<int64_t> keys(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) parse_int64(ids[i], keys[i]);
  if (std::is_sorted(keys.begin(), keys.end())) return ids;
  for (size_t i : made_up) ids[i] = std::string("a").append(ids[i]);
  return ids;
}

std::string relation_id(const Relation& r, size_t index) {
  if (!r.bioc_id.empty()) return r.bioc_id;
  std::string id = "R";  // appended rather than concatenated: GCC 12 warns falsely on "R" + s
  id += std::to_string(index);
  return id;
}

Infons passage_infons(const Passage& p) {
  Infons out;
  if (!p.type.empty()) out.emplace_back("type", p.type);
  for (const auto& [k, v] : p.infons)
    if (k != "type") out.emplace_back(k, v);
  return out;
}

Infons annotation_infons(const Annotation& a) {
  Infons out;
  if (!a.type.empty()) out.emplace_back("type", a.type);
  if (a.has_id_field) out.emplace_back("identifier", a.id_field());
  for (size_t i = 0; i < a.extra_columns.size(); ++i)
    out.emplace_back(std::string(kExtraColumnPrefix) + std::to_string(kFirstExtraColumn + i), a.extra_columns[i]);
  append_other(out, a.infons, {"type", "identifier"});
  return out;
}

Infons relation_infons(const Relation& r) {
  Infons out;
  if (!r.type.empty()) out.emplace_back("type", r.type);
  out.emplace_back("entity1", r.arg1);
  out.emplace_back("entity2", r.arg2);
  if (!r.novelty.empty()) out.emplace_back("novel", r.novelty);
  if (!r.score.empty()) out.emplace_back("score", r.score);
  append_other(out, r.infons, {"type", "entity1", "entity2", "novel", "score"});
  return out;
}

void passage_from_infons(Infons infons, Passage& p) {
  bool have_type = false;
  for (auto& [k, v] : infons) {
    if (k == "type" && !have_type) {
      p.type = std::move(v);
      have_type = true;
    } else {
      p.infons.emplace_back(std::move(k), std::move(v));
    }
  }
}

void annotation_from_infons(Infons infons, Annotation& a) {
  bool have_type = false;
  a.has_id_field = false;
  a.ids.clear();
  a.id_separator = ';';
  for (auto& [k, v] : infons) {
    if (k == "type" && !have_type) {
      a.type = std::move(v);
      have_type = true;
    } else if (k == "identifier" && !a.has_id_field) {
      a.ids = split_id_field(v, &a.id_separator);
      a.has_id_field = true;
    } else if (int column = extra_column_number(k); column >= 0) {
      const size_t index = static_cast<size_t>(column - kFirstExtraColumn);
      if (a.extra_columns.size() <= index) a.extra_columns.resize(index + 1);
      a.extra_columns[index] = std::move(v);
    } else {
      a.infons.emplace_back(std::move(k), std::move(v));
    }
  }
}

void relation_from_infons(Infons infons, Relation& r) {
  // BioRED writes entity1/entity2 and "novel"; PubTator3 writes role1/role2; other tools
  // write "novelty". The first key of each pair that is present wins; the other one, if
  // also present, is kept as an ordinary infon.
  auto first_of = [&](std::string_view preferred, std::string_view fallback) -> const std::string* {
    const std::string* v = find_infon(infons, preferred);
    return v ? v : find_infon(infons, fallback);
  };
  const std::string* type = find_infon(infons, "type");
  const std::string* arg1 = first_of("entity1", "role1");
  const std::string* arg2 = first_of("entity2", "role2");
  const std::string* novelty = first_of("novel", "novelty");
  const std::string* score = find_infon(infons, "score");
  for (auto& entry : infons) {
    std::string* value = &entry.second;
    if (value == type) r.type = std::move(*value);
    else if (value == arg1) r.arg1 = std::move(*value);
    else if (value == arg2) r.arg2 = std::move(*value);
    else if (value == novelty) r.novelty = std::move(*value);
    else if (value == score) r.score = std::move(*value);
    else r.infons.emplace_back(std::move(entry.first), std::move(*value));
  }
}

std::string spans_from_locations(std::vector<Location> locations, std::vector<Span>& spans) {
  std::stable_sort(locations.begin(), locations.end(),
                   [](const Location& a, const Location& b) { return a.offset < b.offset; });
  spans.clear();
  for (const Location& l : locations) {
    if (l.offset < 0) return "negative location offset " + std::to_string(l.offset);
    if (l.length < 0) return "negative location length " + std::to_string(l.length);
    spans.push_back({l.offset, l.offset + l.length});
  }
  return {};
}

void order_annotations(Document& doc, std::vector<uint64_t>& positions) {
  const auto& anns = doc.annotations;
  if (!std::all_of(anns.begin(), anns.end(), [](const Annotation& a) { return is_decimal(a.bioc_id); })) return;
  std::vector<int64_t> keys(anns.size());
  for (size_t i = 0; i < anns.size(); ++i) parse_int64(anns[i].bioc_id, keys[i]);
  std::vector<size_t> order(anns.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  if (std::is_sorted(order.begin(), order.end())) return;
  std::vector<Annotation> sorted;
  std::vector<uint64_t> sorted_positions;
  sorted.reserve(anns.size());
  for (size_t i : order) {
    sorted.push_back(std::move(doc.annotations[i]));
    sorted_positions.push_back(i < positions.size() ? positions[i] : 0);
  }
  doc.annotations = std::move(sorted);
  positions = std::move(sorted_positions);
}

void append_sentence_text(Passage& p, int64_t sentence_offset, const std::string& sentence_text) {
  const int64_t end = p.offset + static_cast<int64_t>(utf8_length(p.text));
  if (sentence_offset > end) p.text.append(static_cast<size_t>(sentence_offset - end), ' ');
  p.text += sentence_text;
}

bool parse_int64(std::string_view s, int64_t& out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace biotator::bioc
