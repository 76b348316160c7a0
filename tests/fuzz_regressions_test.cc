// Inputs that made a fuzz target (fuzz/, scripts/fuzz.sh) fail, kept as regression
// tests. Each input lives in tests/data/fuzz_regressions/, named after its target.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bioc_json.h"
#include "bioc_xml.h"
#include "format.h"
#include "test_paths.h"

namespace biotator {
namespace {

std::string regression_input(const std::string& name) {
  return testing::read_file(testing::test_data("fuzz_regressions/" + name));
}

std::vector<Document> read_all(Format format, const std::string& bytes) {
  auto reader = make_reader(format, ByteSource::from_string(bytes, "regression"));
  std::vector<Document> docs;
  for (Document doc; reader->next(doc);) docs.push_back(doc);
  return docs;
}

std::string write_all(Format format, const std::vector<Document>& docs) {
  std::ostringstream out;
  auto writer = make_writer(format, out);
  for (const Document& doc : docs) writer->write(doc);
  writer->finish();
  return out.str();
}

std::vector<std::string> mentions(const Document& doc) {
  std::vector<std::string> out;
  for (const Annotation& a : doc.annotations) out.push_back(a.text);
  return out;
}

// bioc_json_fuzz: annotations with decimal ids ("3", "1") mixed with one without an id.
// The writers made up the id "2" for the latter, so reading the output back sorted the
// annotations by id and writing them again gave different bytes. Made-up ids that would
// reorder annotations are now non-decimal, in both BioC writers.
TEST(FuzzRegressions, MixedDecimalAndMissingAnnotationIdsKeepTheirOrder) {
  const std::vector<Document> read = read_all(Format::kBioCJson, regression_input("bioc_json-mixed-annotation-ids.json"));
  ASSERT_EQ(read.size(), 1u);
  const std::vector<std::string> order = {"leukemia", "Imatinib", "BCR-ABL"};
  ASSERT_EQ(mentions(read[0]), order);
  for (Format format : {Format::kBioCJson, Format::kBioCXml}) {
    SCOPED_TRACE(std::string(format_name(format)));
    const std::string first = write_all(format, read);
    const std::vector<Document> again = read_all(format, first);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(mentions(again[0]), order);
    EXPECT_EQ(again[0].annotations[0].bioc_id, "3");
    EXPECT_EQ(again[0].annotations[1].bioc_id, "1");
    EXPECT_EQ(again[0].annotations[2].bioc_id, "a2");
    EXPECT_EQ(write_all(format, again), first);
  }
}

// Without any id, or with ids that stay in order, annotations keep the index ids.
TEST(FuzzRegressions, MadeUpAnnotationIdsStayDecimalWhenTheyKeepTheOrder) {
  std::vector<Document> docs = read_all(Format::kBioCJson, regression_input("bioc_json-mixed-annotation-ids.json"));
  ASSERT_EQ(docs.size(), 1u);
  docs[0].annotations[0].bioc_id = "0";
  docs[0].annotations[1].bioc_id.clear();
  const std::vector<Document> again = read_all(Format::kBioCXml, write_all(Format::kBioCXml, docs));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].annotations[0].bioc_id, "0");
  EXPECT_EQ(again[0].annotations[1].bioc_id, "1");
  EXPECT_EQ(again[0].annotations[2].bioc_id, "2");
}

}  // namespace
}  // namespace biotator
