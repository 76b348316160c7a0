#include "pubmed_xml.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "input_error.h"
#include "test_paths.h"
#include "utf8.h"

namespace biotator {
namespace {

using testing::shared_available;
using testing::shared_dir;
using testing::test_data;

std::unique_ptr<DocumentReader> open_reader(const std::string& path) {
  return make_pubmed_xml_reader(ByteSource::open(path));
}

std::unique_ptr<DocumentReader> string_reader(std::string xml) {
  return make_pubmed_xml_reader(ByteSource::from_string(std::move(xml), "mem.xml"));
}

std::vector<Document> read_all(DocumentReader& reader) {
  std::vector<Document> docs;
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

std::string infon(const Document& doc, const char* key) {
  const std::string* value = find_infon(doc.infons, key);
  return value ? *value : "<none>";
}

// The text at code points [start, end) of the document.
std::string slice(const Document& doc, int64_t start, int64_t end) {
  std::string text = doc.full_text();
  size_t from = utf8_byte_offset(text, start);
  return text.substr(from, utf8_byte_offset(text, end) - from);
}

TEST(PubmedXml, CurrentDtdTitleAndLabelledAbstract) {
  auto reader = open_reader(test_data("pubmed_current.xml"));
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 4u);

  const Document& first = docs[0];
  EXPECT_EQ(first.id, "11111111");
  EXPECT_EQ(first.source_line, 5u);
  ASSERT_EQ(first.passages.size(), 2u);
  EXPECT_EQ(first.passages[0].type, "title");
  EXPECT_EQ(first.passages[0].offset, 0);
  // <i> removed without added spaces, &amp; and &#x3b1; decoded.
  EXPECT_EQ(first.passages[0].text, "Role of BRCA1 & TNF-\u03b1 in \u00b5-opioid signalling.");
  EXPECT_EQ(first.passages[1].type, "abstract");
  // 45 code points (47 bytes: α and µ take two each) + the joining space.
  EXPECT_EQ(first.passages[1].offset, 46);
  // Labels as PubMed shows them; the indentation newline inside the second part is one space.
  EXPECT_EQ(first.passages[1].text,
            "OBJECTIVE: Iodide transport defect in SLC5A5 carriers. PATIENT: We describe a patient "
            "with x2 < 5 and IL-1\u03b2 levels. CONCLUSIONS: Done.");
  EXPECT_EQ(first.passages[1].text.find_first_of("\n\r\t"), std::string::npos);
  EXPECT_EQ(infon(first, "journal"), "Journal of Test Medicine");
  EXPECT_EQ(infon(first, "year"), "2019");
}

TEST(PubmedXml, OffsetsCountCodePointsAfterMarkup) {
  auto reader = open_reader(test_data("pubmed_current.xml"));
  Document doc;
  ASSERT_TRUE(reader->next(doc));
  // "signalling" comes after <i>BRCA1</i>, α and µ: code point 34, byte 36.
  EXPECT_EQ(slice(doc, 34, 44), "signalling");
  EXPECT_EQ(slice(doc, 8, 13), "BRCA1");
  // In the abstract: after an <i>…</i> and, for "levels", after <sup>2</sup> and β.
  const int64_t abstract_start = doc.passages[1].offset;
  EXPECT_EQ(slice(doc, abstract_start + 38, abstract_start + 44), "SLC5A5");
  EXPECT_EQ(slice(doc, abstract_start + 108, abstract_start + 114), "levels");
}

TEST(PubmedXml, MissingAbstractVernacularTitleAndBookArticle) {
  auto reader = open_reader(test_data("pubmed_current.xml"));
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 4u);

  EXPECT_EQ(docs[1].id, "22222222");
  EXPECT_EQ(docs[1].source_line, 25u);
  EXPECT_EQ(docs[1].passages[0].text, "A title without abstract.");
  ASSERT_EQ(docs[1].passages.size(), 2u);  // PubTator still writes "PMID|a|"
  EXPECT_EQ(docs[1].passages[1].text, "");
  EXPECT_EQ(docs[1].passages[1].offset, 26);
  EXPECT_EQ(infon(docs[1], "journal"), "Short J");
  EXPECT_EQ(infon(docs[1], "year"), "1998");

  EXPECT_EQ(docs[2].id, "55555555");
  EXPECT_EQ(docs[2].source_line, 30u);
  EXPECT_EQ(docs[2].passages[0].text, "\u00c9tude des g\u00e8nes.");
  EXPECT_EQ(docs[2].passages[1].offset, 17);
  // Unlabelled parts joined by one space; the space between two <i> elements is kept.
  EXPECT_EQ(docs[2].passages[1].text, "First part. Second part here.");

  EXPECT_EQ(docs[3].id, "66666666");
  EXPECT_EQ(docs[3].source_line, 43u);
  EXPECT_EQ(docs[3].passages[0].text, "GeneReviews");
  EXPECT_EQ(docs[3].passages[1].text, "SUMMARY: A book chapter.");
  EXPECT_EQ(infon(docs[3], "year"), "1993");
}

TEST(PubmedXml, DeleteCitationIdsAreCollected) {
  auto reader = open_reader(test_data("pubmed_current.xml"));
  read_all(*reader);
  EXPECT_EQ(reader->deleted_ids(), (std::vector<std::string>{"33333333", "44444444"}));
}

TEST(PubmedXml, Medline2016CitationSet) {
  auto reader = open_reader(test_data("pubmed_medline2016.xml"));
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "17942999");  // not the PMID inside CommentsCorrections
  EXPECT_EQ(docs[0].source_line, 5u);
  EXPECT_EQ(docs[0].passages[0].text, "Neuroplasticity in the processing of pitch dimensions.");
  EXPECT_EQ(docs[0].passages[1].text, "PURPOSE: An auditory study. METHODS: Mismatch negativity.");
  EXPECT_EQ(infon(docs[0], "journal"), "Restorative neurology and neuroscience");
  EXPECT_EQ(docs[1].id, "17943000");
  EXPECT_EQ(docs[1].source_line, 22u);
  EXPECT_EQ(docs[1].passages[1].text, "");
  EXPECT_EQ(reader->deleted_ids(), std::vector<std::string>{"26432306"});
}

TEST(PubmedXml, TruncatedFileIsNotRecoverable) {
  auto reader = open_reader(test_data("pubmed_truncated.xml"));
  Document doc;
  ASSERT_TRUE(reader->next(doc));
  EXPECT_EQ(doc.id, "100");
  try {
    reader->next(doc);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_FALSE(error.recoverable());
    EXPECT_EQ(error.line(), 4u);
    EXPECT_NE(std::string(error.what()).find("pubmed_truncated.xml:4: "), std::string::npos) << error.what();
    EXPECT_NE(error.reason().find("<PubmedArticle>"), std::string::npos) << error.reason();
  }
}

TEST(PubmedXml, UnclosedSetAfterLastRecordIsNotRecoverable) {
  auto reader = string_reader("<PubmedArticleSet>\n<PubmedArticle><MedlineCitation><PMID>1</PMID>"
                              "</MedlineCitation></PubmedArticle>\n");
  Document doc;
  ASSERT_TRUE(reader->next(doc));
  try {
    reader->next(doc);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_FALSE(error.recoverable());
    EXPECT_EQ(error.line(), 1u);
  }
}

TEST(PubmedXml, BadRecordsAreSkippedWithRecoverableErrors) {
  auto reader = open_reader(test_data("pubmed_bad_records.xml"));
  Document doc;
  try {
    reader->next(doc);
    FAIL() << "expected an InputError for the record without PMID";
  } catch (const InputError& error) {
    EXPECT_TRUE(error.recoverable());
    EXPECT_EQ(error.line(), 3u);
    EXPECT_NE(error.reason().find("PMID"), std::string::npos) << error.reason();
  }
  try {
    reader->next(doc);
    FAIL() << "expected an InputError for the malformed record";
  } catch (const InputError& error) {
    EXPECT_TRUE(error.recoverable());
    EXPECT_EQ(error.line(), 11u);  // the line of the mismatched tag inside the record
    EXPECT_EQ(error.document_id(), "202");
    EXPECT_NE(error.reason().find("malformed XML"), std::string::npos) << error.reason();
  }
  ASSERT_TRUE(reader->next(doc));
  EXPECT_EQ(doc.id, "203");
  EXPECT_EQ(doc.source_line, 14u);
  EXPECT_FALSE(reader->next(doc));
}

TEST(PubmedXml, RecordsSpanningReadChunksAndMarkupEdgeCases) {
  // Enough records to cross the reader's 1 MiB chunk boundary several times.
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY x \"y>\"> ]>\n<PubmedArticleSet>\n";
  const int count = 12000;
  for (int i = 0; i < count; ++i) {
    xml += "<PubmedArticle>\n<MedlineCitation><PMID>" + std::to_string(i + 1) +
           "</PMID><Article><ArticleTitle>Title " + std::to_string(i) + " with <sub>sub</sub>script" +
           std::string(60, '.') + "</ArticleTitle><Abstract><AbstractText><![CDATA[a<b]]> " +
           std::string(40, 'z') + "</AbstractText></Abstract></Article></MedlineCitation>\n</PubmedArticle >\n";
  }
  xml += "</PubmedArticleSet>\n";
  auto reader = string_reader(xml);
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    ASSERT_EQ(docs[i].id, std::to_string(i + 1));
    ASSERT_EQ(docs[i].source_line, 4u + 3u * i);
  }
  EXPECT_EQ(docs[7].passages[0].text, "Title 7 with subscript" + std::string(60, '.'));
  EXPECT_EQ(docs[7].passages[1].text, "a<b " + std::string(40, 'z'));
}

TEST(PubmedXml, NonXmlInputIsRejected) {
  auto reader = string_reader("12345|t|This is PubTator, not XML\n");
  Document doc;
  try {
    reader->next(doc);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_FALSE(error.recoverable());
    EXPECT_EQ(error.line(), 1u);
  }
}

// --- the real NLM files in /work/shared/examples/pubmed-xml ---

std::string example(const std::string& name) { return shared_dir() + "/examples/pubmed-xml/" + name; }

void check_real_documents(const std::vector<Document>& docs) {
  for (const Document& doc : docs) {
    ASSERT_FALSE(doc.id.empty());
    ASSERT_EQ(doc.id.find_first_not_of("0123456789"), std::string::npos) << doc.id;
    ASSERT_EQ(doc.passages.size(), 2u);
    for (const Passage& passage : doc.passages) {
      ASSERT_TRUE(utf8_valid(passage.text)) << doc.id;
      ASSERT_EQ(passage.text.find_first_of("\n\r\t"), std::string::npos) << doc.id;
    }
    ASSERT_EQ(doc.passages[1].offset, static_cast<int64_t>(utf8_length(doc.passages[0].text)) + 1);
  }
}

TEST(PubmedXmlExamples, Medline2016GzipFile) {
  if (!shared_available() || !std::filesystem::exists(example("medline16n0902.xml.gz")))
    GTEST_SKIP() << "shared examples not available";
  auto reader = open_reader(example("medline16n0902.xml.gz"));
  std::vector<Document> docs = read_all(*reader);
  // The README says 604 citations; `zcat | grep -c '<MedlineCitation '` also gives 604,
  // plus one DeleteCitation block at the end naming PMID 26432306.
  ASSERT_EQ(docs.size(), 604u);
  check_real_documents(docs);
  EXPECT_EQ(docs[0].id, "17942999");
  EXPECT_EQ(docs[0].passages[1].text.rfind("PURPOSE: An auditory electrophysiological study", 0), 0u);
  EXPECT_EQ(reader->deleted_ids(), std::vector<std::string>{"26432306"});
  size_t with_title = 0, with_abstract = 0;
  for (const Document& doc : docs) {
    with_title += !doc.passages[0].text.empty();
    with_abstract += !doc.passages[1].text.empty();
  }
  EXPECT_EQ(with_title, docs.size());
  EXPECT_GT(with_abstract, docs.size() / 2);
}

TEST(PubmedXmlExamples, CurrentGzipFile) {
  if (!shared_available() || !std::filesystem::exists(example("test_current_medline.xml.gz")))
    GTEST_SKIP() << "shared examples not available";
  auto reader = open_reader(example("test_current_medline.xml.gz"));
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 4u);  // four <PubmedArticle> records, no DeleteCitation
  check_real_documents(docs);
  EXPECT_EQ(docs[0].id, "36400559");
  EXPECT_EQ(docs[0].passages[0].text, "Back Pain: Differential Diagnosis and Management.");
  // &#xa0; (no-break space) is text and is kept; only newlines and tabs are layout.
  EXPECT_NE(docs[0].passages[1].text.find("6\u00a0weeks"), std::string::npos);
  EXPECT_TRUE(reader->deleted_ids().empty());
}

TEST(PubmedXmlExamples, PrettyPrintedSingleArticle) {
  if (!shared_available() || !std::filesystem::exists(example("pubmed-29768149.xml")))
    GTEST_SKIP() << "shared examples not available";
  auto reader = open_reader(example("pubmed-29768149.xml"));
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 1u);
  check_real_documents(docs);
  EXPECT_EQ(docs[0].id, "29768149");
  EXPECT_EQ(docs[0].source_line, 4u);
  EXPECT_EQ(docs[0].passages[0].text, "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.");
  // The indentation between "&#946;" and "<sub>2</sub>" collapses to one space.
  EXPECT_EQ(docs[0].passages[1].text.rfind(
                "BACKGROUND: In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a "
                "fast-acting \u03b2 2-agonist may be an alternative to conventional treatment strategies. "
                "METHODS: We conducted",
                0),
            0u);
}

}  // namespace
}  // namespace biotator
