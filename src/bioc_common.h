// The mapping between the Document model and BioC, shared by the BioC XML and BioC JSON
// readers and writers so that both formats carry exactly the same fields:
//
//   passage     infon "type" = Passage::type, then Passage::infons
//   annotation  id = bioc_id, or its index in the document ("0", "1", ...; see annotation_ids)
//               infons "type", "identifier" (only when has_id_field), extra PubTator
//               columns as "pubtator_column_7", "pubtator_column_8", ..., then the rest
//               locations = spans (absolute code-point offset, length in code points)
//   relation    id = bioc_id or "R<index>"; infons "type", "entity1", "entity2",
//               "novel" and "score" (when not empty), then the rest
//
// Reading accepts what other producers write as well: role1/role2 (PubTator3) for the
// relation arguments and "novelty" for "novel".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "document.h"

namespace biotator::bioc {

// ---- writing ----

// For each passage, the indices of the annotations written inside it: an annotation goes
// to the last passage whose offset is <= its start (the first passage when none is).
// When the document has annotations but no passage, there is one entry, for a passage
// the writer must make up.
std::vector<std::vector<size_t>> annotations_by_passage(const Document& doc);

// Ids of the document's annotations, in document order: bioc_id, or the index ("a<index>"
// when a decimal index, mixed with other decimal ids, would change the order readers restore).
std::vector<std::string> annotation_ids(const Document& doc);
std::string relation_id(const Relation& r, size_t index);
Infons passage_infons(const Passage& p);
Infons annotation_infons(const Annotation& a);
Infons relation_infons(const Relation& r);

// ---- reading ----

// Takes the infons a BioC element carried and fills the model's fields from them;
// whatever the model has no field for stays in the element's infons, in order.
void passage_from_infons(Infons infons, Passage& p);
void annotation_from_infons(Infons infons, Annotation& a);
void relation_from_infons(Infons infons, Relation& r);

// A BioC location: absolute offset and length in code points.
struct Location {
  int64_t offset = 0;
  int64_t length = 0;
};
// Spans in text order (BioC does not require locations to be ordered). Returns "" or the
// reason the locations are unusable (negative offset or length).
std::string spans_from_locations(std::vector<Location> locations, std::vector<Span>& spans);

// Puts the document's annotations in their original order: by id when every id is a
// decimal integer (what the writers produce), otherwise as read. `positions` (one entry
// per annotation, where it was read) is permuted along with them.
void order_annotations(Document& doc, std::vector<uint64_t>& positions);

// Builds a passage's text from its sentences when the passage has no text of its own:
// each sentence at its offset, gaps filled with spaces.
void append_sentence_text(Passage& p, int64_t sentence_offset, const std::string& sentence_text);

// Parses a whole decimal integer (surrounding spaces allowed); false when `s` is not one.
bool parse_int64(std::string_view s, int64_t& out);

}  // namespace biotator::bioc
