// Helpers shared by the BioC XML and BioC JSON tests: PubTator-like documents built in
// code, and a field-by-field comparison of everything PubTator carries.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "format.h"
#include "byte_source.h"
#include "document.h"
#include "document_io.h"
#include "input_error.h"
#include "utf8.h"

namespace biotator::testing {

// A title/abstract document in PubTator's layout: the abstract starts one character
// after the title.
inline Document pubtator_document(std::string id, std::string title, std::string abstract) {
  Document doc;
  doc.id = std::move(id);
  const auto title_length = static_cast<int64_t>(utf8_length(title));
  doc.passages.push_back({"title", 0, std::move(title), {}});
  doc.passages.push_back({"abstract", title_length + 1, std::move(abstract), {}});
  return doc;
}

// Adds an annotation on the `occurrence`-th occurrence of `mention`, with offsets in
// code points, and the ID field split the way the PubTator reader splits it.
inline Annotation& annotate(Document& doc, const std::string& mention, const std::string& type,
                            const std::string* id_field, int occurrence = 0) {
  const std::string text = doc.full_text();
  size_t byte = text.find(mention);
  for (int i = 0; i < occurrence && byte != std::string::npos; ++i) byte = text.find(mention, byte + 1);
  EXPECT_NE(byte, std::string::npos) << mention;
  Annotation a;
  const auto start = static_cast<int64_t>(utf8_length(std::string_view(text).substr(0, byte)));
  a.spans.push_back({start, start + static_cast<int64_t>(utf8_length(mention))});
  a.text = mention;
  a.type = type;
  if (id_field) {
    a.ids = split_id_field(*id_field, &a.id_separator);
  } else {
    a.has_id_field = false;
  }
  doc.annotations.push_back(std::move(a));
  return doc.annotations.back();
}

inline Annotation& annotate(Document& doc, const std::string& mention, const std::string& type,
                            const std::string& id_field, int occurrence = 0) {
  return annotate(doc, mention, type, &id_field, occurrence);
}

// Everything a PubTator file carries, with non-ASCII text (an emoji before annotations
// so that code points and bytes differ), multi-ID fields with each separator, a line
// without an ID column, a bc5cdr extra column, variant records and relations with and
// without novelty and score.
inline Document rich_document() {
  Document doc = pubtator_document(
      "31415926", "😀 Dopamine, α-synuclein and µ-opioid receptors – in Parkinson disease",
      "Human patients (n = 12) with BRAF p.V600E & 5–10 µg/kg of L-DOPA showed no tremor. ");
  annotate(doc, "Dopamine", "Chemical", "MESH:D004298");
  annotate(doc, "α-synuclein", "Gene", "6622;6623");
  annotate(doc, "µ-opioid receptors", "Gene", "4988,4987");
  Annotation& composite = annotate(doc, "Parkinson disease", "Disease", "D010300|D020734");
  composite.extra_columns = {"Parkinson|disease"};
  annotate(doc, "Human", "Species", nullptr);
  annotate(doc, "BRAF", "Gene", "673");
  annotate(doc, "p.V600E", "ProteinMutation", "tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0;RS#:113488022");
  annotate(doc, "L-DOPA", "Chemical", "-");
  annotate(doc, "tremor", "Disease", "");
  // Out of text order on purpose: the readers must give back the order they were given.
  annotate(doc, "µg", "Chemical", "-1");
  annotate(doc, "receptors", "Gene", "4988");  // in the title, after abstract mentions
  doc.relations.push_back({"", "Association", "MESH:D004298", "6622", "Novel", "", {}});
  doc.relations.push_back({"", "CID", "D004298", "D010300", "", "", {}});
  doc.relations.push_back({"", "Positive_Correlation", "6622", "D010300", "No", "0.9521", {}});
  doc.relations.push_back({"", "Negative_Correlation", "673", "D010300", "", "0.5", {}});
  return doc;
}

inline Document plain_document() {
  Document doc = pubtator_document("27182818", "Aspirin and headache.", "Aspirin relieves headache.");
  annotate(doc, "Aspirin", "Chemical", "MESH:D001241");
  annotate(doc, "headache", "Disease", "MESH:D006261");
  annotate(doc, "Aspirin", "Chemical", "MESH:D001241", 1);
  annotate(doc, "headache", "Disease", "MESH:D006261", 1);
  return doc;
}

// Compares what PubTator would write for the two documents (BioC ids are not part of it).
inline void expect_same_pubtator_content(const Document& expected, const Document& actual) {
  EXPECT_EQ(expected.id, actual.id);
  ASSERT_EQ(expected.passages.size(), actual.passages.size());
  for (size_t i = 0; i < expected.passages.size(); ++i) {
    EXPECT_EQ(expected.passages[i].type, actual.passages[i].type) << "passage " << i;
    EXPECT_EQ(expected.passages[i].offset, actual.passages[i].offset) << "passage " << i;
    EXPECT_EQ(expected.passages[i].text, actual.passages[i].text) << "passage " << i;
    EXPECT_EQ(expected.passages[i].infons, actual.passages[i].infons) << "passage " << i;
  }
  ASSERT_EQ(expected.annotations.size(), actual.annotations.size());
  for (size_t i = 0; i < expected.annotations.size(); ++i) {
    const Annotation& e = expected.annotations[i];
    const Annotation& a = actual.annotations[i];
    EXPECT_EQ(e.spans, a.spans) << "annotation " << i;
    EXPECT_EQ(e.text, a.text) << "annotation " << i;
    EXPECT_EQ(e.type, a.type) << "annotation " << i;
    EXPECT_EQ(e.ids, a.ids) << "annotation " << i;
    EXPECT_EQ(e.id_separator, a.id_separator) << "annotation " << i;
    EXPECT_EQ(e.has_id_field, a.has_id_field) << "annotation " << i;
    EXPECT_EQ(e.id_field(), a.id_field()) << "annotation " << i;
    EXPECT_EQ(e.extra_columns, a.extra_columns) << "annotation " << i;
    EXPECT_EQ(e.infons, a.infons) << "annotation " << i;
  }
  ASSERT_EQ(expected.relations.size(), actual.relations.size());
  for (size_t i = 0; i < expected.relations.size(); ++i) {
    const Relation& e = expected.relations[i];
    const Relation& a = actual.relations[i];
    EXPECT_EQ(e.type, a.type) << "relation " << i;
    EXPECT_EQ(e.arg1, a.arg1) << "relation " << i;
    EXPECT_EQ(e.arg2, a.arg2) << "relation " << i;
    EXPECT_EQ(e.novelty, a.novelty) << "relation " << i;
    EXPECT_EQ(e.score, a.score) << "relation " << i;
    EXPECT_EQ(e.infons, a.infons) << "relation " << i;
  }
  EXPECT_EQ(expected.infons, actual.infons);
}

using WriterFactory = std::unique_ptr<DocumentWriter> (*)(std::ostream&);
using ReaderFactory = std::unique_ptr<DocumentReader> (*)(std::unique_ptr<ByteSource>, const ReaderOptions&);

inline std::string write_all(WriterFactory make_writer, const std::vector<Document>& docs) {
  std::ostringstream out;
  auto writer = make_writer(out);
  for (const Document& d : docs) writer->write(d);
  writer->finish();
  return out.str();
}

inline std::vector<Document> read_all(ReaderFactory make_reader, std::string data, const std::string& name = "mem") {
  auto reader = make_reader(ByteSource::from_string(std::move(data), name), ReaderOptions{});
  std::vector<Document> docs;
  Document doc;
  while (reader->next(doc)) docs.push_back(doc);
  return docs;
}

// Reads everything, collecting documents and the errors thrown along the way; stops at
// the first unrecoverable error.
struct ReadOutcome {
  std::vector<Document> docs;
  std::vector<InputError> errors;
};

inline ReadOutcome read_keep_going(ReaderFactory make_reader, std::string data, const std::string& name = "mem") {
  ReadOutcome out;
  auto reader = make_reader(ByteSource::from_string(std::move(data), name), ReaderOptions{});
  Document doc;
  for (;;) {
    try {
      if (!reader->next(doc)) break;
      out.docs.push_back(doc);
    } catch (const InputError& e) {
      out.errors.push_back(e);
      if (!e.recoverable()) break;
    }
  }
  return out;
}

}  // namespace biotator::testing
