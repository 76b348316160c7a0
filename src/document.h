// The document model every stage of BioTator reads and writes.
//
// A Document is what PubTator, BioC and PubMed all describe: an identifier, passages of
// text at code-point offsets, entity annotations with spans, types and identifiers, and
// document-level relations. It keeps the exact original text and everything the input
// said (infons, extra columns, identifier separators) so that writers can give back the
// bytes they were given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace biotator {

// Free-form key/value pairs (BioC "infons"), in input order.
using Infons = std::vector<std::pair<std::string, std::string>>;

const std::string* find_infon(const Infons& infons, std::string_view key);
void set_infon(Infons& infons, std::string_view key, std::string value);

// Half-open range [start, end) of code points, absolute within the document.
struct Span {
  int64_t start = 0;
  int64_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

struct Passage {
  std::string type;     // "title", "abstract", or a BioC passage type
  int64_t offset = 0;   // code points from the document start
  std::string text;     // exact UTF-8 text
  Infons infons;        // other BioC passage infons, in order
};

struct Annotation {
  std::string bioc_id;              // BioC annotation id; empty when the input had none
  std::vector<Span> spans;          // one span, or several for a discontinuous mention
  std::string text;                 // the mention as it appears in the text
  std::string type;                 // entity type as written (BioRED, PubTator3 or corpus names)
  std::vector<std::string> ids;     // identifiers as written; "-" / "-1" mean "no ID"
  char id_separator = ';';          // how `ids` were joined in the input (';', ',' or '|')
  bool has_id_field = true;         // false: the PubTator line had no ID column
  std::vector<std::string> extra_columns;  // PubTator columns after the ID (bc5cdr 7th column)
  Infons infons;                    // other BioC annotation infons, in order

  int64_t start() const { return spans.empty() ? 0 : spans.front().start; }
  int64_t end() const { return spans.empty() ? 0 : spans.back().end; }
  // The identifier field as PubTator writes it ("-" when there is none).
  std::string id_field() const;
};

struct Relation {
  std::string bioc_id;   // BioC relation id; empty when the input had none
  std::string type;      // Association, Positive_Correlation, ..., or CID
  std::string arg1;      // identifier of the first concept
  std::string arg2;      // identifier of the second concept
  std::string novelty;   // "Novel", "No", or empty when not given
  std::string score;     // score as written (kept as text so it round-trips), or empty
  Infons infons;         // other BioC relation infons, in order
};

struct Document {
  std::string id;
  std::vector<Passage> passages;
  std::vector<Annotation> annotations;
  std::vector<Relation> relations;
  Infons infons;

  // Where the document came from, for error messages.
  std::string source;
  uint64_t source_line = 0;

  // Title + " " + abstract for PubTator documents; in general every passage placed at
  // its offset, gaps filled with spaces.
  std::string full_text() const;
  // Text of the passage of the given type, or nullptr.
  const Passage* passage(std::string_view type) const;
};

// Splits a PubTator/BioC identifier field into identifiers. Variant records
// ("tmVar:p|SUB|V|600|E;HGVS:...", "c|SUB|T|920|G;Gene:23417") are one identifier and
// are never split. Otherwise the field splits on ';' or ',' and, between MeSH IDs, on
// '|' (bc5cdr composites). Returns the separator seen in `*separator`.
std::vector<std::string> split_id_field(std::string_view field, char* separator = nullptr);

// True when the identifier means "no identifier" ("-", "-1" or empty).
bool is_null_id(std::string_view id);

// True when `field` is a variant identifier record (tmVar form, HGVS, rs ID or a
// PubTator3 tmVar record).
bool looks_like_variant_id(std::string_view field);

}  // namespace biotator

namespace biotator {

class CodepointIndex;

// Checks one annotation against the document's full text (and its code point index):
// spans ordered and inside the text, and for a single-span annotation the mention equal
// to the slice it names. Returns "" when all is well, else the reason;
// `*text_mismatch` tells whether the problem is a mention that does not match the
// text (a wrong or shifted span: the mention text differs from its slice or the span
// runs past the end) rather than a malformed span.
std::string validate_annotation(const Annotation& a, std::string_view text, const CodepointIndex& index,
                                bool* text_mismatch = nullptr);

// Checks every annotation of `doc`. Returns "" when all is well, else the first reason;
// `*bad_index` gets the annotation's index. With `tolerated` non-null, mismatched
// mentions (see validate_annotation) are not errors: their indices and reasons are
// appended to `*tolerated` instead.
std::string validate_annotations(const Document& doc, size_t* bad_index = nullptr,
                                 std::vector<std::pair<size_t, std::string>>* tolerated = nullptr);

}  // namespace biotator
