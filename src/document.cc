#include "document.h"

#include <algorithm>
#include <cctype>

#include "utf8.h"

namespace biotator {

const std::string* find_infon(const Infons& infons, std::string_view key) {
  for (const auto& [k, v] : infons)
    if (k == key) return &v;
  return nullptr;
}

void set_infon(Infons& infons, std::string_view key, std::string value) {
  for (auto& [k, v] : infons) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  infons.emplace_back(std::string(key), std::move(value));
}

std::string Annotation::id_field() const {
  if (ids.empty()) return "-";
  std::string out = ids.front();
  for (size_t i = 1; i < ids.size(); ++i) {
    out.push_back(id_separator);
    out += ids[i];
  }
  return out;
}

std::string Document::full_text() const {
  std::string out;
  int64_t length = 0;  // code points written so far
  for (const Passage& p : passages) {
    if (p.offset > length) {
      out.append(static_cast<size_t>(p.offset - length), ' ');
      length = p.offset;
    }
    out += p.text;
    length += static_cast<int64_t>(utf8_length(p.text));
  }
  return out;
}

const Passage* Document::passage(std::string_view type) const {
  for (const Passage& p : passages)
    if (p.type == type) return &p;
  return nullptr;
}

bool is_null_id(std::string_view id) { return id.empty() || id == "-" || id == "-1"; }

namespace {

bool is_mesh_id(std::string_view s) {
  if (s.starts_with("MESH:")) s.remove_prefix(5);
  if (s.size() < 2 || (s[0] != 'D' && s[0] != 'C')) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

void split_on(std::string_view field, char sep, std::vector<std::string>& out) {
  size_t start = 0;
  for (;;) {
    size_t pos = field.find(sep, start);
    out.emplace_back(field.substr(start, pos == std::string_view::npos ? field.npos : pos - start));
    if (pos == std::string_view::npos) return;
    start = pos + 1;
  }
}

}  // namespace

bool looks_like_variant_id(std::string_view f) {
  if (f.starts_with("tmVar:") || f.starts_with("HGVS:") || f.starts_with("RS#:") ||
      f.starts_with("CorrespondingGene:"))
    return true;
  // tmVar normalized forms: "p|SUB|V|600|E", "c|DEL|4153|A", "g|...", "r|...", "m|...".
  if (f.size() >= 3 && f[1] == '|' && std::string_view("pcgrmn").find(f[0]) != std::string_view::npos)
    return true;
  // dbSNP IDs, possibly with a record after them.
  if (f.size() > 2 && f[0] == 'r' && f[1] == 's' && std::isdigit(static_cast<unsigned char>(f[2]))) return true;
  return false;
}

std::vector<std::string> split_id_field(std::string_view field, char* separator) {
  std::vector<std::string> out;
  if (separator) *separator = ';';
  if (field.empty()) {  // an empty ID column is kept as one empty ID so it round-trips
    out.emplace_back();
    return out;
  }
  // A variant record keeps its ';' and '|' inside. BioRED may still list several
  // variant IDs with ','.
  if (looks_like_variant_id(field)) {
    if (field.find(';') != std::string_view::npos) {
      out.emplace_back(field);
      return out;
    }
    split_on(field, ',', out);
    if (separator) *separator = ',';
    return out;
  }
  // Pick the separator the field uses; a field uses one kind.
  char sep = 0;
  if (field.find(';') != std::string_view::npos) sep = ';';
  else if (field.find(',') != std::string_view::npos) sep = ',';
  else if (field.find('|') != std::string_view::npos) {
    // '|' separates only MeSH IDs (bc5cdr composites).
    bool all_mesh = true;
    size_t start = 0;
    for (;;) {
      size_t pos = field.find('|', start);
      std::string_view part = field.substr(start, pos == std::string_view::npos ? field.npos : pos - start);
      if (!is_mesh_id(part) && !is_null_id(part)) all_mesh = false;
      if (pos == std::string_view::npos) break;
      start = pos + 1;
    }
    if (all_mesh) sep = '|';
  }
  if (sep == 0) {
    out.emplace_back(field);
    return out;
  }
  split_on(field, sep, out);
  if (separator) *separator = sep;
  return out;
}

}  // namespace biotator

namespace biotator {

std::string validate_annotation(const Annotation& a, std::string_view text, const CodepointIndex& index,
                                bool* text_mismatch) {
  if (text_mismatch) *text_mismatch = false;
  const auto length = static_cast<int64_t>(index.size());
  if (a.spans.empty()) return "annotation has no span";
  int64_t prev_end = 0;
  for (const Span& s : a.spans) {
    if (s.start < 0) return "negative offset " + std::to_string(s.start);
    if (s.end < s.start) return "end " + std::to_string(s.end) + " before start " + std::to_string(s.start);
    if (s.start < prev_end) return "spans overlap or are out of order";
    if (s.end > length) {
      if (text_mismatch) *text_mismatch = true;  // a shifted span, as in the corpora
      return "offset " + std::to_string(s.end) + " past the end of the text (" + std::to_string(length) +
             " characters)";
    }
    prev_end = s.end;
  }
  if (a.spans.size() == 1) {
    const size_t b = index.byte_offset(static_cast<size_t>(a.spans[0].start));
    const size_t e = index.byte_offset(static_cast<size_t>(a.spans[0].end));
    std::string_view slice = text.substr(b, e - b);
    if (slice != a.text) {
      if (text_mismatch) *text_mismatch = true;
      return "mention \"" + a.text + "\" does not match the text at " + std::to_string(a.spans[0].start) + "-" +
             std::to_string(a.spans[0].end) + " (\"" + std::string(slice) + "\")";
    }
  }
  return {};
}

std::string validate_annotations(const Document& doc, size_t* bad_index,
                                 std::vector<std::pair<size_t, std::string>>* tolerated) {
  if (bad_index) *bad_index = 0;
  if (doc.annotations.empty()) return {};
  const std::string text = doc.full_text();
  const CodepointIndex index(text);
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    bool mismatch = false;
    std::string reason = validate_annotation(doc.annotations[i], text, index, &mismatch);
    if (!reason.empty() && mismatch && tolerated) {
      tolerated->emplace_back(i, std::move(reason));
      continue;
    }
    if (!reason.empty()) {
      if (bad_index) *bad_index = i;
      return reason;
    }
  }
  return {};
}

}  // namespace biotator
