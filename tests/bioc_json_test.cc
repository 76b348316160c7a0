#include "bioc_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

std::vector<Document> read_json(std::string data) { return read_all(make_bioc_json_reader, std::move(data)); }
std::string write_json(const std::vector<Document>& docs) { return write_all(make_bioc_json_writer, docs); }

// A one-passage document with one annotation, as compact JSON.
std::string json_document(const std::string& id, const std::string& text, const std::string& mention, int offset) {
  nlohmann::ordered_json d = {
      {"id", id},
      {"passages",
       {{{"infons", {{"type", "title"}}},
         {"offset", 0},
         {"text", text},
         {"annotations",
          {{{"id", "0"},
            {"infons", {{"type", "Chemical"}}},
            {"text", mention},
            {"locations", {{{"offset", offset}, {"length", utf8_length(mention)}}}}}}}}}}};
  return d.dump();
}

TEST(BiocJson, PubTatorDocumentsRoundTrip) {
  const std::vector<Document> docs = {rich_document(), plain_document()};
  ASSERT_EQ(validate_annotations(docs[0]), "");
  const std::string json = write_json(docs);
  const std::vector<Document> back = read_json(json);
  ASSERT_EQ(back.size(), 2u);
  expect_same_pubtator_content(docs[0], back[0]);
  expect_same_pubtator_content(docs[1], back[1]);
  EXPECT_EQ(write_json(back), json);
}

TEST(BiocJson, WritesOneDocumentPerLine) {
  const std::string json = write_json({plain_document(), rich_document()});
  EXPECT_TRUE(json.starts_with(
      "{\"source\":\"BioTator\",\"date\":\"\",\"key\":\"BioC.key\",\"infons\":{},\"documents\":[\n{\"id\":\"27182818\""));
  EXPECT_TRUE(json.ends_with("}\n]}\n"));
  EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), 4);
  const auto parsed = nlohmann::json::parse(json);
  ASSERT_EQ(parsed["documents"].size(), 2u);
  const auto& title = parsed["documents"][1]["passages"][0];
  EXPECT_EQ(title["infons"]["type"], "title");
  // Offsets count code points: "😀 " then "Dopamine" starts at 2.
  EXPECT_EQ(title["annotations"][0]["locations"][0]["offset"], 2);
  EXPECT_EQ(title["annotations"][0]["infons"]["identifier"], "MESH:D004298");
  EXPECT_EQ(title["annotations"][3]["infons"]["pubtator_column_7"], "Parkinson|disease");
  const auto& species = parsed["documents"][1]["passages"][1]["annotations"][0];
  EXPECT_EQ(species["text"], "Human");
  EXPECT_FALSE(species["infons"].contains("identifier"));
  const auto& relation = parsed["documents"][1]["relations"][1];
  EXPECT_EQ(relation["id"], "R1");
  EXPECT_EQ(relation["infons"], nlohmann::json({{"type", "CID"}, {"entity1", "D004298"}, {"entity2", "D010300"}}));
  EXPECT_EQ(write_json({}), "{\"source\":\"BioTator\",\"date\":\"\",\"key\":\"BioC.key\",\"infons\":{},\"documents\":[\n\n]}\n");
  EXPECT_TRUE(read_json(write_json({})).empty());
}

TEST(BiocJson, ReadsPubTator3Fixture) {
  const auto docs =
      read_all(make_bioc_json_reader, testing::read_file(testing::test_data("bioc_pubtator3.json")), "p3.json");
  ASSERT_EQ(docs.size(), 2u);
  const Document& d = docs[0];
  EXPECT_EQ(d.id, "90001");
  EXPECT_EQ(d.source, "p3.json");
  EXPECT_EQ(d.source_line, 3u);
  ASSERT_EQ(d.passages.size(), 2u);
  EXPECT_EQ(d.passages[0].type, "title");
  EXPECT_EQ(d.passages[0].infons,
            (Infons{{"journal", "J Test. 2020;1(2):3."}, {"year", "2020"}, {"authors", "Doe J, Roe R"}}));
  EXPECT_EQ(d.passages[1].offset, 39);
  EXPECT_EQ(d.passages[1].text, "In K562 cells, imatinib (10 µM) lowered ABL1 activity.");

  ASSERT_EQ(d.annotations.size(), 6u);
  // Numeric ids: back in id order, though the file lists "3" first.
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(d.annotations[i].bioc_id, std::to_string(i + 1));
  const Annotation& imatinib = d.annotations[0];
  EXPECT_EQ(imatinib.text, "Imatinib");
  EXPECT_EQ(imatinib.type, "Chemical");
  EXPECT_EQ(imatinib.id_field(), "MESH:D000068877");
  EXPECT_EQ(*find_infon(imatinib.infons, "valid"), "true");
  EXPECT_EQ(*find_infon(imatinib.infons, "normalized"), "[\"D000068877\"]");
  EXPECT_EQ(imatinib.infons.front().first, "valid");  // infon order kept
  const Annotation& bcr_abl = d.annotations[1];
  EXPECT_EQ(bcr_abl.ids, (std::vector<std::string>{"25", "613"}));
  EXPECT_EQ(*find_infon(bcr_abl.infons, "normalized_id"), "25");
  const Annotation& abl1 = d.annotations[5];
  EXPECT_EQ(abl1.ids, (std::vector<std::string>{"25"}));  // a numeric identifier becomes text
  EXPECT_EQ(abl1.spans, (std::vector<Span>{{79, 83}}));

  ASSERT_EQ(d.relations.size(), 2u);
  EXPECT_EQ(d.relations[0].bioc_id, "R1");
  EXPECT_EQ(d.relations[0].type, "Negative_Correlation");
  EXPECT_EQ(d.relations[0].arg1, "MESH:D000068877");  // from the role1 object
  EXPECT_EQ(d.relations[0].arg2, "25");
  EXPECT_EQ(d.relations[0].score, "0.9948");
  EXPECT_EQ(d.relations[0].novelty, "");
  EXPECT_TRUE(d.relations[0].infons.empty());
  EXPECT_EQ(d.relations[1].type, "Association");

  EXPECT_EQ(docs[1].id, "90002");
  EXPECT_EQ(docs[1].source_line, 233u);
}

TEST(BiocJson, ReadsRealPubTator3Export) {
  if (!testing::shared_available()) GTEST_SKIP() << "shared data not available";
  const std::string base = testing::shared_dir() + "/examples/pubtator3-export-22429397";
  const std::string json = testing::read_file(base + ".biocjson");
  if (json.empty()) GTEST_SKIP() << "example not available";
  const auto docs = read_all(make_bioc_json_reader, json);
  ASSERT_EQ(docs.size(), 1u);
  const Document& d = docs[0];
  EXPECT_EQ(d.id, "22429397");
  // Every annotation in the file has exactly one "locations" member.
  size_t in_file = 0;
  for (size_t p = json.find("\"locations\""); p != std::string::npos; p = json.find("\"locations\"", p + 1)) ++in_file;
  EXPECT_EQ(d.annotations.size(), in_file);

  // The same export in PubTator form lists the same mentions, in the same order, and the
  // same relations.
  std::istringstream pubtator(testing::read_file(base + ".pubtator"));
  std::vector<std::vector<std::string>> entity_lines, relation_lines;
  for (std::string line; std::getline(pubtator, line);) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, '\t');) cols.push_back(f);
    if (cols.size() == 6) entity_lines.push_back(cols);
    if (cols.size() == 4) relation_lines.push_back(cols);
  }
  ASSERT_EQ(entity_lines.size(), d.annotations.size());
  for (size_t i = 0; i < entity_lines.size(); ++i) {
    const Annotation& a = d.annotations[i];
    EXPECT_EQ(entity_lines[i][1], std::to_string(a.start())) << i;
    EXPECT_EQ(entity_lines[i][2], std::to_string(a.end())) << i;
    EXPECT_EQ(entity_lines[i][3], a.text) << i;
    EXPECT_EQ(entity_lines[i][4], a.type) << i;
    EXPECT_EQ(entity_lines[i][5], a.id_field()) << i;
  }
  ASSERT_EQ(relation_lines.size(), d.relations.size());
  for (size_t i = 0; i < relation_lines.size(); ++i) {
    EXPECT_EQ(relation_lines[i][1], d.relations[i].type) << i;
    EXPECT_EQ(relation_lines[i][2], d.relations[i].arg1) << i;
    EXPECT_EQ(relation_lines[i][3], d.relations[i].arg2) << i;
  }
}

TEST(BiocJson, AcceptsEveryContainerShape) {
  const std::string a = json_document("1", "aspirin", "aspirin", 0);
  const std::string b = json_document("2", "µg ibuprofen", "ibuprofen", 3);
  auto ids = [](const std::string& data) {
    std::vector<std::string> out;
    for (const Document& d : read_json(data)) out.push_back(d.id);
    return out;
  };
  const std::vector<std::string> both = {"1", "2"};
  EXPECT_EQ(ids("[" + a + ",\n" + b + "]"), both);
  EXPECT_EQ(ids("  " + a + "\n"), std::vector<std::string>{"1"});
  EXPECT_EQ(ids(a + "\n" + b + "\n"), both);  // JSON lines
  EXPECT_EQ(ids("{\"PubTator3\": [" + a + ", " + b + "]}"), both);
  // Header members of any kind, before and after the documents; numbers are the tricky
  // case because the parser reads one character past them.
  EXPECT_EQ(ids("{\"source\":\"x\",\"date\":20240101,\"key\":null,\"infons\":{\"a\":[1,2]},\"version\":1.5,"
                "\"documents\":[" +
                a + "," + b + "],\"count\":2}"),
            both);
  EXPECT_EQ(ids("{\"documents\":[],\"n\":0}"), std::vector<std::string>{});
  EXPECT_EQ(ids(""), std::vector<std::string>{});
  EXPECT_EQ(ids("\xEF\xBB\xBF[" + a + "]"), std::vector<std::string>{"1"});  // byte order mark
}

TEST(BiocJson, DocumentWithoutPassagesStaysSo) {
  Document empty;
  empty.id = "5";
  empty.infons = {{"note", "no text"}};
  const auto back = read_json(write_json({empty}));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(back[0].passages.empty());
  EXPECT_EQ(back[0].infons, empty.infons);
}

TEST(BiocJson, ObjectThatIsNoDocumentIsAnError) {
  const auto outcome = read_keep_going(make_bioc_json_reader, R"([{"source": "x", "documents": []}])");
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_TRUE(outcome.errors[0].recoverable());
  EXPECT_TRUE(outcome.docs.empty());
}

TEST(BiocJson, ReadsSentencesAndPassageRelations) {
  const std::string doc = R"({"id":"7","passages":[{"infons":{"type":"abstract"},"offset":4,"sentences":[
      {"offset":4,"text":"Aspirin helps.","annotations":[{"id":"1","infons":{"type":"Chemical"},"text":"Aspirin",
        "locations":[{"offset":4,"length":7}]}]},
      {"offset":20,"text":"Headache.","annotations":[{"id":"0","infons":{"type":"Disease","identifier":"D006261"},
        "text":"Headache","locations":[{"offset":"20","length":8}]}],
       "relations":[{"id":"R9","infons":{"type":"Association","entity1":"a","entity2":"b","novelty":"Novel"}}]}]}]})";
  const auto docs = read_json(doc);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].passages[0].text, "Aspirin helps.  Headache.");
  ASSERT_EQ(docs[0].annotations.size(), 2u);
  EXPECT_EQ(docs[0].annotations[0].text, "Headache");
  EXPECT_EQ(docs[0].annotations[1].text, "Aspirin");
  ASSERT_EQ(docs[0].relations.size(), 1u);
  EXPECT_EQ(docs[0].relations[0].novelty, "Novel");
  EXPECT_EQ(docs[0].relations[0].arg1, "a");
}

TEST(BiocJson, SyntaxErrorsNameTheLine) {
  const std::string a = json_document("1", "aspirin", "aspirin", 0);
  {
    // A missing comma between members on line 4.
    const auto outcome = read_keep_going(
        make_bioc_json_reader, "{\"documents\": [\n" + a + ",\n{\"id\": \"2\",\n\"passages\": []\n\"relations\": []}]}",
        "bad.json");
    ASSERT_EQ(outcome.docs.size(), 1u);
    ASSERT_EQ(outcome.errors.size(), 1u);
    EXPECT_FALSE(outcome.errors[0].recoverable());
    EXPECT_EQ(outcome.errors[0].line(), 5u);  // the parser stops at the unexpected member name
    EXPECT_EQ(std::string(outcome.errors[0].what()).substr(0, 11), "bad.json:5:");
  }
  {
    // Truncated inside the second document.
    const auto outcome =
        read_keep_going(make_bioc_json_reader, "[\n" + a + ",\n{\"id\": \"2\",\n\"passages\": [");
    ASSERT_EQ(outcome.docs.size(), 1u);
    ASSERT_EQ(outcome.errors.size(), 1u);
    EXPECT_FALSE(outcome.errors[0].recoverable());
    EXPECT_EQ(outcome.errors[0].line(), 4u);
  }
  {
    // Truncated between documents.
    const auto outcome = read_keep_going(make_bioc_json_reader, "{\"documents\": [\n" + a + ",\n");
    ASSERT_EQ(outcome.docs.size(), 1u);
    ASSERT_EQ(outcome.errors.size(), 1u);
    EXPECT_FALSE(outcome.errors[0].recoverable());
    EXPECT_EQ(outcome.errors[0].line(), 3u);
    EXPECT_NE(outcome.errors[0].reason().find("truncated"), std::string::npos);
  }
  {
    const auto outcome = read_keep_going(make_bioc_json_reader, "[" + a + "] trailing");
    ASSERT_EQ(outcome.errors.size(), 1u);
    EXPECT_FALSE(outcome.errors[0].recoverable());
  }
  {
    // Invalid UTF-8 inside a string.
    const auto outcome = read_keep_going(make_bioc_json_reader,
                                         "[\n{\"id\":\"1\",\"passages\":[{\"offset\":0,\"text\":\"a\xC3(b\"}]}]");
    ASSERT_EQ(outcome.errors.size(), 1u);
    EXPECT_EQ(outcome.errors[0].line(), 2u);
    EXPECT_NE(outcome.errors[0].reason().find("UTF-8"), std::string::npos);
  }
}

TEST(BiocJson, BadDocumentIsSkipped) {
  const std::string json = "[\n" + json_document("1", "aspirin and ibuprofen", "ibuprofen", 11) + ",\n" +
                           R"({"id": "2", "passages": [{"offset": "zero", "text": "x"}]})" + ",\n" +
                           json_document("3", "µg of aspirin", "aspirin", 6) + "\n]\n";
  const auto outcome = read_keep_going(make_bioc_json_reader, json, "m.json");
  ASSERT_EQ(outcome.errors.size(), 2u);
  EXPECT_TRUE(outcome.errors[0].recoverable());
  EXPECT_EQ(outcome.errors[0].line(), 2u);
  EXPECT_EQ(outcome.errors[0].document_id(), "1");
  EXPECT_NE(outcome.errors[0].reason().find("does not match"), std::string::npos);  // "ibuprofen" is at 12
  EXPECT_TRUE(outcome.errors[1].recoverable());
  EXPECT_EQ(outcome.errors[1].line(), 3u);
  EXPECT_NE(outcome.errors[1].reason().find("offset"), std::string::npos);
  ASSERT_EQ(outcome.docs.size(), 1u);
  EXPECT_EQ(outcome.docs[0].id, "3");
}

// Several megabytes, so documents straddle the reader's chunks.
TEST(BiocJson, StreamsLargeCollections) {
  std::vector<Document> docs;
  for (int i = 0; i < 6000; ++i) {
    Document d = plain_document();
    d.id = std::to_string(i);
    d.passages[1].text += std::string(static_cast<size_t>(i % 700), 'x');
    docs.push_back(std::move(d));
  }
  const std::string json = write_json(docs);
  ASSERT_GT(json.size(), 3u << 20);
  auto reader = make_bioc_json_reader(ByteSource::from_string(json));
  Document doc;
  size_t n = 0;
  while (reader->next(doc)) {
    ASSERT_EQ(doc.id, std::to_string(n));
    ASSERT_EQ(doc.source_line, n + 2);
    ASSERT_EQ(doc.passages[1].text, docs[n].passages[1].text);
    ASSERT_EQ(doc.annotations.size(), 4u);
    ++n;
  }
  EXPECT_EQ(n, docs.size());
}

}  // namespace
}  // namespace biotator
