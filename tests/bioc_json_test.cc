#include "bioc_json.h"

#include <map>

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


std::unique_ptr<DocumentReader> make_pubtator_reader_for_test(std::unique_ptr<ByteSource> source,
                                                              const ReaderOptions& options) {
  return make_reader(Format::kPubTator, std::move(source), options);
}

std::string write_pubtator3_json(const std::vector<Document>& docs) {
  return write_all(make_pubtator3_json_writer, docs);
}

TEST(PubTator3Json, WritesEntityObjectsAndReadsBack) {
  const std::string json = write_pubtator3_json({rich_document()});
  EXPECT_TRUE(json.starts_with("{\"PubTator3\":[\n{\"id\":\"31415926\",\"pmid\":31415926,"));
  EXPECT_TRUE(json.ends_with("}\n]}\n"));
  const auto parsed = nlohmann::json::parse(json);
  const auto& doc = parsed["PubTator3"][0];
  std::map<std::string, nlohmann::json> by_text;
  for (const auto& passage : doc["passages"])
    for (const auto& a : passage["annotations"]) by_text.emplace(a["text"].get<std::string>(), a["infons"]);
  EXPECT_EQ(by_text["Dopamine"], nlohmann::json({{"type", "Chemical"},
                                                 {"identifier", "MESH:D004298"},
                                                 {"valid", true},
                                                 {"normalized", {"D004298"}},
                                                 {"database", "ncbi_mesh"},
                                                 {"normalized_id", "D004298"},
                                                 {"biotype", "chemical"}}));
  // Gene and taxonomy identifiers are numbers, as PubTator3 writes them; every ID of a
  // composite mention is in "normalized", the first is "normalized_id".
  EXPECT_EQ(by_text["α-synuclein"]["normalized"], nlohmann::json({6622, 6623}));
  EXPECT_EQ(by_text["α-synuclein"]["normalized_id"], 6622);
  EXPECT_EQ(by_text["α-synuclein"]["database"], "ncbi_gene");
  EXPECT_EQ(by_text["Parkinson disease"]["normalized"], nlohmann::json({"D010300", "D020734"}));
  // No identifier: not valid, no database.
  for (const char* text : {"Human", "L-DOPA", "tremor", "µg"}) {
    EXPECT_EQ(by_text[text]["valid"], false) << text;
    EXPECT_FALSE(by_text[text].contains("database")) << text;
  }
  EXPECT_EQ(by_text["Human"]["biotype"], "species");
  // A variant: valid, its record as the identifier; no database claimed.
  EXPECT_EQ(by_text["p.V600E"]["valid"], true);
  EXPECT_EQ(by_text["p.V600E"]["biotype"], "variant");
  EXPECT_FALSE(by_text["p.V600E"].contains("database"));

  const auto& relations = doc["relations"];
  ASSERT_EQ(relations.size(), 4u);
  EXPECT_EQ(relations[2]["infons"]["score"], "0.9521");
  EXPECT_EQ(relations[2]["infons"]["type"], "Positive_Correlation");
  EXPECT_EQ(relations[2]["infons"]["novel"], "No");
  EXPECT_FALSE(relations[2]["infons"].contains("entity1"));
  // A role names one identifier of a composite mention: that identifier alone.
  EXPECT_EQ(relations[2]["infons"]["role1"], nlohmann::json({{"identifier", "6622"},
                                                             {"type", "Gene"},
                                                             {"valid", true},
                                                             {"normalized", {6622}},
                                                             {"database", "ncbi_gene"},
                                                             {"normalized_id", 6622},
                                                             {"biotype", "gene"}}));
  EXPECT_EQ(relations[2]["infons"]["role2"]["normalized_id"], "D010300");
  EXPECT_EQ(relations[0]["infons"]["role1"]["type"], "Chemical");

  // The BioC JSON reader takes it back: same mentions, identifiers and relations, and
  // writing what it read gives the same bytes.
  const std::vector<Document> back = read_json(json);
  ASSERT_EQ(back.size(), 1u);
  const Document original = rich_document();
  ASSERT_EQ(back[0].annotations.size(), original.annotations.size());
  for (size_t i = 0; i < original.annotations.size(); ++i) {
    EXPECT_EQ(back[0].annotations[i].id_field(), original.annotations[i].id_field()) << i;
    EXPECT_EQ(back[0].annotations[i].spans, original.annotations[i].spans) << i;
  }
  ASSERT_EQ(back[0].relations.size(), original.relations.size());
  for (size_t i = 0; i < original.relations.size(); ++i) {
    EXPECT_EQ(back[0].relations[i].arg1, original.relations[i].arg1) << i;
    EXPECT_EQ(back[0].relations[i].arg2, original.relations[i].arg2) << i;
    EXPECT_EQ(back[0].relations[i].novelty, original.relations[i].novelty) << i;
    EXPECT_EQ(back[0].relations[i].score, original.relations[i].score) << i;
  }
  EXPECT_EQ(write_pubtator3_json(back), json);
  EXPECT_EQ(write_pubtator3_json({}), "{\"PubTator3\":[\n\n]}\n");
}

// The entity infons written for PubTator3's own export (its PubTator form) are the ones
// its BioC JSON export carries, for every annotation and relation role.
TEST(PubTator3Json, AgreesWithRealPubTator3Export) {
  if (!testing::shared_available()) GTEST_SKIP() << "shared data not available";
  const std::string base = testing::shared_dir() + "/examples/pubtator3-export-22429397";
  const std::string export_json = testing::read_file(base + ".biocjson");
  const std::string export_pubtator = testing::read_file(base + ".pubtator");
  if (export_json.empty() || export_pubtator.empty()) GTEST_SKIP() << "example not available";
  const auto theirs = nlohmann::json::parse(export_json)["PubTator3"][0];
  const auto ours = nlohmann::json::parse(
      write_pubtator3_json(read_all(make_pubtator_reader_for_test, export_pubtator)))["PubTator3"][0];
  const std::vector<std::string> keys = {"identifier", "type", "valid", "normalized", "database", "normalized_id", "biotype"};
  std::vector<nlohmann::json> their_annotations, our_annotations;
  for (const auto& p : theirs["passages"])
    for (const auto& a : p["annotations"]) their_annotations.push_back(a["infons"]);
  for (const auto& p : ours["passages"])
    for (const auto& a : p["annotations"]) our_annotations.push_back(a["infons"]);
  ASSERT_EQ(our_annotations.size(), their_annotations.size());
  ASSERT_GE(our_annotations.size(), 30u);
  for (size_t i = 0; i < our_annotations.size(); ++i)
    for (const std::string& key : keys) EXPECT_EQ(our_annotations[i][key], their_annotations[i][key]) << i << " " << key;
  ASSERT_EQ(ours["relations"].size(), theirs["relations"].size());
  for (size_t i = 0; i < ours["relations"].size(); ++i)
    for (const char* role : {"role1", "role2"})
      for (const std::string& key : keys)
        EXPECT_EQ(ours["relations"][i]["infons"][role][key], theirs["relations"][i]["infons"][role][key])
            << i << " " << role << " " << key;
}

}  // namespace
}  // namespace biotator
