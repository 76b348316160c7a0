#include "bioc_xml.h"

#include <gtest/gtest.h>

#include "bioc_test_support.h"
#include "test_paths.h"

namespace biotator {
namespace {

using testing::expect_same_pubtator_content;
using testing::plain_document;
using testing::read_all;
using testing::read_keep_going;
using testing::rich_document;
using testing::write_all;

std::vector<Document> read_xml(std::string data) { return read_all(make_bioc_xml_reader, std::move(data)); }
std::string write_xml(const std::vector<Document>& docs) { return write_all(make_bioc_xml_writer, docs); }

// One-line BioC document with a single passage and annotation, for error tests.
std::string xml_document(const std::string& id, const std::string& text, const std::string& mention, int offset) {
  return "<document><id>" + id + "</id><passage><infon key=\"type\">title</infon><offset>0</offset><text>" + text +
         "</text><annotation id=\"0\"><infon key=\"type\">Chemical</infon><location offset=\"" +
         std::to_string(offset) + "\" length=\"" + std::to_string(utf8_length(mention)) + "\"/><text>" + mention +
         "</text></annotation></passage></document>\n";
}

const std::string kHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection><source>x</source>\n";

TEST(BiocXml, PubTatorDocumentsRoundTrip) {
  const std::vector<Document> docs = {rich_document(), plain_document()};
  ASSERT_EQ(validate_annotations(docs[0]), "");
  const std::string xml = write_xml(docs);
  const std::vector<Document> back = read_xml(xml);
  ASSERT_EQ(back.size(), 2u);
  expect_same_pubtator_content(docs[0], back[0]);
  expect_same_pubtator_content(docs[1], back[1]);
  // Writing what was read gives the same bytes again.
  EXPECT_EQ(write_xml(back), xml);
}

TEST(BiocXml, WritesTheBiocLayout) {
  const std::string xml = write_xml({rich_document()});
  EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE collection SYSTEM \"BioC.dtd\">\n"
                              "<collection><source>BioTator</source><date></date><key>BioC.key</key>\n<document>"));
  EXPECT_TRUE(xml.ends_with("</document>\n</collection>\n"));
  // Offsets count code points: "😀 " then "Dopamine" starts at 2, not at byte 5.
  EXPECT_NE(xml.find("<annotation id=\"0\"><infon key=\"type\">Chemical</infon><infon key=\"identifier\">MESH:D004298"
                     "</infon><location offset=\"2\" length=\"8\"/><text>Dopamine</text></annotation>"),
            std::string::npos);
  EXPECT_NE(xml.find("<infon key=\"pubtator_column_7\">Parkinson|disease</infon>"), std::string::npos);
  EXPECT_NE(xml.find("with BRAF p.V600E &amp; 5–10"), std::string::npos);
  // The species mention has no ID column, so no identifier infon.
  EXPECT_NE(xml.find("<infon key=\"type\">Species</infon><location"), std::string::npos);
  EXPECT_NE(xml.find("<relation id=\"R2\"><infon key=\"type\">Positive_Correlation</infon><infon key=\"entity1\">6622"
                     "</infon><infon key=\"entity2\">D010300</infon><infon key=\"novel\">No</infon><infon "
                     "key=\"score\">0.9521</infon></relation>"),
            std::string::npos);
  // Annotations sit in the passage holding their start: the title has 5 of them.
  const size_t abstract_at = xml.find("<infon key=\"type\">abstract</infon>");
  ASSERT_NE(abstract_at, std::string::npos);
  size_t in_title = 0;
  for (size_t p = xml.find("<annotation "); p < abstract_at; p = xml.find("<annotation ", p + 1)) ++in_title;
  EXPECT_EQ(in_title, 5u);
}

TEST(BiocXml, EmptyOutputIsAnEmptyCollection) {
  const std::string xml = write_xml({});
  EXPECT_TRUE(xml.ends_with("<key>BioC.key</key>\n</collection>\n"));
  EXPECT_TRUE(read_xml(xml).empty());
}

TEST(BiocXml, DocumentWithoutPassagesStaysSo) {
  Document empty;
  empty.id = "5";
  empty.infons = {{"note", "no text"}};
  const auto back = read_xml(write_xml({empty}));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(back[0].passages.empty());
  EXPECT_EQ(back[0].infons, empty.infons);
}

TEST(BiocXml, EscapesMarkupAndKeepsBytes) {
  Document doc = testing::pubtator_document("1", "a<b & \"c\" 'd' >e\r\nf\tg ", "x\x01y\xEF\xBF\xBEz");
  testing::annotate(doc, "<b & \"c\"", "Chemical", "A&B<C>");
  testing::annotate(doc, "y", "Chemical", "-");
  Relation r;
  r.type = "Assoc<iation>";
  r.arg1 = "A&B<C>";
  r.arg2 = "\"q\"";
  r.infons = {{"key with \"quotes\"\tand tab", "v"}};
  doc.relations.push_back(r);
  const std::string xml = write_xml({doc});
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find('\r'), std::string::npos);  // written as &#13; so parsers keep it
  const std::vector<Document> back = read_xml(xml);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].passages[0].text, "a<b & \"c\" 'd' >e\r\nf\tg ");
  // Characters XML 1.0 cannot hold become one character each, so offsets still hold.
  EXPECT_EQ(back[0].passages[1].text, "x y\xEF\xBF\xBDz");
  EXPECT_EQ(back[0].annotations[0].text, "<b & \"c\"");
  EXPECT_EQ(back[0].annotations[0].id_field(), "A&B<C>");
  EXPECT_EQ(back[0].annotations[1].spans, doc.annotations[1].spans);
  EXPECT_EQ(back[0].relations[0].type, "Assoc<iation>");
  EXPECT_EQ(back[0].relations[0].arg2, "\"q\"");
  EXPECT_EQ(back[0].relations[0].infons, r.infons);
}

TEST(BiocXml, ReadsHandWrittenFixture) {
  const auto docs = read_all(make_bioc_xml_reader, testing::read_file(testing::test_data("bioc_two_passages.xml")),
                             "bioc_two_passages.xml");
  ASSERT_EQ(docs.size(), 2u);
  const Document& d = docs[0];
  EXPECT_EQ(d.id, "10001");
  EXPECT_EQ(d.source_line, 8u);
  EXPECT_EQ(d.infons, (Infons{{"license", "CC BY"}}));
  ASSERT_EQ(d.passages.size(), 2u);
  EXPECT_EQ(d.passages[0].type, "title");
  EXPECT_EQ(d.passages[0].infons, (Infons{{"section_type", "TITLE"}}));
  EXPECT_EQ(d.passages[1].type, "abstract");
  EXPECT_EQ(d.passages[1].offset, 41);
  // Text and CDATA join into the exact text; "</document>" inside CDATA is only text.
  EXPECT_EQ(d.passages[1].text, "Insulin & </document> and glucagon secretion fell in type 2 diabetes.");

  ASSERT_EQ(d.annotations.size(), 4u);  // ids are not numbers: document order is kept
  EXPECT_EQ(d.annotations[0].bioc_id, "T1");
  EXPECT_EQ(d.annotations[0].text, "Tumour necrosis factor α");
  EXPECT_EQ(d.annotations[0].spans, (std::vector<Span>{{0, 24}}));
  const Annotation& glucagon = d.annotations[1];
  EXPECT_EQ(glucagon.bioc_id, "T3");
  EXPECT_FALSE(glucagon.has_id_field);
  EXPECT_EQ(glucagon.id_field(), "-");
  const Annotation& insulin = d.annotations[2];
  EXPECT_EQ(insulin.bioc_id, "T2");
  EXPECT_EQ(insulin.spans, (std::vector<Span>{{41, 48}, {76, 85}}));  // locations put in text order
  EXPECT_EQ(insulin.text, "Insulin secretion");
  EXPECT_EQ(insulin.ids, (std::vector<std::string>{"3630"}));
  const Annotation& diabetes = d.annotations[3];
  EXPECT_EQ(diabetes.type, "Disease");
  EXPECT_EQ(diabetes.ids, (std::vector<std::string>{"MESH:D003924"}));
  EXPECT_EQ(diabetes.infons, (Infons{{"database", "ncbi_mesh"}}));

  ASSERT_EQ(d.relations.size(), 2u);  // the one inside the passage is read too
  EXPECT_EQ(d.relations[0].bioc_id, "R1");
  EXPECT_EQ(d.relations[0].type, "Association");
  EXPECT_EQ(d.relations[0].arg1, "3630");
  EXPECT_EQ(d.relations[0].arg2, "MESH:D003924");
  EXPECT_EQ(d.relations[0].novelty, "Novel");
  EXPECT_EQ(d.relations[1].type, "Positive_Correlation");
  EXPECT_EQ(d.relations[1].arg1, "7124");
  EXPECT_EQ(d.relations[1].arg2, "MESH:D003924");
  EXPECT_EQ(d.relations[1].novelty, "No");
  EXPECT_EQ(d.relations[1].infons, (Infons{{"annotator", "expert"}}));

  EXPECT_EQ(docs[1].id, "10002");
  EXPECT_EQ(docs[1].source_line, 63u);
  EXPECT_TRUE(docs[1].annotations.empty());
}

TEST(BiocXml, NumericIdsRestoreAnnotationOrder) {
  const std::string xml = kHead +
                          "<document><id>1</id><passage><offset>0</offset><text>ab cd</text>"
                          "<annotation id=\"10\"><location offset=\"0\" length=\"2\"/><text>ab</text></annotation>"
                          "<annotation id=\"9\"><location offset=\"3\" length=\"2\"/><text>cd</text></annotation>"
                          "</passage></document></collection>";
  const auto docs = read_xml(xml);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].annotations.size(), 2u);
  EXPECT_EQ(docs[0].annotations[0].text, "cd");
  EXPECT_EQ(docs[0].annotations[1].text, "ab");
}

TEST(BiocXml, TruncatedDocumentIsFatal) {
  const std::string xml = kHead + xml_document("1", "aspirin", "aspirin", 0) + "\n" +
                          "<document><id>2</id>\n<passage><offset>0</offset><text>cut here";
  const auto outcome = read_keep_going(make_bioc_xml_reader, xml, "cut.xml");
  ASSERT_EQ(outcome.docs.size(), 1u);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_FALSE(outcome.errors[0].recoverable());
  EXPECT_EQ(outcome.errors[0].file(), "cut.xml");
  EXPECT_EQ(outcome.errors[0].line(), 5u);  // where the unclosed <document> starts
  EXPECT_NE(outcome.errors[0].reason().find("</document>"), std::string::npos);
}

TEST(BiocXml, MissingCollectionEndIsFatal) {
  const auto outcome = read_keep_going(make_bioc_xml_reader, kHead + xml_document("1", "aspirin", "aspirin", 0));
  ASSERT_EQ(outcome.docs.size(), 1u);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_FALSE(outcome.errors[0].recoverable());
  EXPECT_NE(outcome.errors[0].reason().find("</collection>"), std::string::npos);
}

TEST(BiocXml, MalformedDocumentIsSkipped) {
  const std::string xml = kHead + xml_document("1", "aspirin", "aspirin", 0) +
                          "<document><id>2</id>\n<passage><offset>0</offset>\n<text>a < b</text></passage></document>\n" +
                          xml_document("3", "ibuprofen", "ibuprofen", 0) + "</collection>\n";
  const auto outcome = read_keep_going(make_bioc_xml_reader, xml, "bad.xml");
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_TRUE(outcome.errors[0].recoverable());
  EXPECT_EQ(outcome.errors[0].line(), 6u);  // the line of the stray '<', inside document 2
  EXPECT_EQ(std::string(outcome.errors[0].what()).substr(0, 10), "bad.xml:6:");
  ASSERT_EQ(outcome.docs.size(), 2u);
  EXPECT_EQ(outcome.docs[0].id, "1");
  EXPECT_EQ(outcome.docs[1].id, "3");
}

TEST(BiocXml, MentionNotMatchingOffsetsIsAnError) {
  const std::string xml = kHead + xml_document("1", "aspirin and ibuprofen", "ibuprofen", 11) +
                          "<document><id>2</id><passage><offset>0</offset><text>aspirin</text>\n"
                          "<annotation id=\"0\"><location offset=\"1\" length=\"7\"/><text>aspirin</text>"
                          "</annotation></passage></document>\n" +
                          xml_document("3", "µg of aspirin", "aspirin", 6) + "</collection>\n";
  const auto outcome = read_keep_going(make_bioc_xml_reader, xml);
  ASSERT_EQ(outcome.errors.size(), 2u);
  // Document 1: "ibuprofen" starts at 12, not 11. Document 2: the span runs past the text.
  EXPECT_TRUE(outcome.errors[0].recoverable());
  EXPECT_EQ(outcome.errors[0].document_id(), "1");
  EXPECT_NE(outcome.errors[0].reason().find("does not match"), std::string::npos);
  EXPECT_EQ(outcome.errors[1].document_id(), "2");
  EXPECT_EQ(outcome.errors[1].line(), 5u);  // the annotation's line
  ASSERT_EQ(outcome.docs.size(), 1u);
  EXPECT_EQ(outcome.docs[0].id, "3");
}

TEST(BiocXml, InvalidUtf8IsAnError) {
  const std::string xml = kHead + xml_document("1", "bad \xC3( byte", "bad", 0) +
                          xml_document("2", "good", "good", 0) + "</collection>\n";
  const auto outcome = read_keep_going(make_bioc_xml_reader, xml);
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_TRUE(outcome.errors[0].recoverable());
  EXPECT_EQ(outcome.errors[0].line(), 3u);
  EXPECT_NE(outcome.errors[0].reason().find("UTF-8"), std::string::npos);
  ASSERT_EQ(outcome.docs.size(), 1u);
  EXPECT_EQ(outcome.docs[0].id, "2");
}

TEST(BiocXml, NotBiocIsAnError) {
  const auto outcome = read_keep_going(make_bioc_xml_reader, "123|t|A PubTator title\n");
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_FALSE(outcome.errors[0].recoverable());
  EXPECT_TRUE(read_xml("").empty());
}

// Several megabytes, so documents straddle the reader's chunks and the buffer is compacted.
TEST(BiocXml, StreamsLargeCollections) {
  std::vector<Document> docs;
  for (int i = 0; i < 6000; ++i) {
    Document d = plain_document();
    d.id = std::to_string(i);
    d.passages[1].text += std::string(static_cast<size_t>(i % 700), 'x');
    docs.push_back(std::move(d));
  }
  const std::string xml = write_xml(docs);
  ASSERT_GT(xml.size(), 3u << 20);
  auto reader = make_bioc_xml_reader(ByteSource::from_string(xml));
  Document doc;
  size_t n = 0;
  while (reader->next(doc)) {
    ASSERT_EQ(doc.id, std::to_string(n));
    ASSERT_EQ(doc.source_line, n + 4);  // header lines, then one document per line
    ASSERT_EQ(doc.passages[1].text, docs[n].passages[1].text);
    ASSERT_EQ(doc.annotations.size(), 4u);
    ++n;
  }
  EXPECT_EQ(n, docs.size());
}

}  // namespace
}  // namespace biotator
