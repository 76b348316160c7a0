#include "text_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "input_error.h"
#include "test_paths.h"
#include "utf8.h"

namespace biotator {
namespace {

using testing::test_data;

std::vector<Document> read_all(DocumentReader& reader) {
  std::vector<Document> docs;
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

std::vector<Document> read_string(std::string text, bool lines, std::string name = "in.txt") {
  auto reader = make_text_reader(ByteSource::from_string(std::move(text), std::move(name)), lines);
  return read_all(*reader);
}

// --- whole-file mode ---

TEST(TextReaderWhole, FirstLineIsTitleRestIsAbstract) {
  auto reader = make_text_reader(ByteSource::open(test_data("text_whole.txt")), false);
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 1u);
  const Document& doc = docs[0];
  EXPECT_EQ(doc.id, "text_whole");
  ASSERT_EQ(doc.passages.size(), 2u);
  EXPECT_EQ(doc.passages[0].type, "title");
  EXPECT_EQ(doc.passages[0].offset, 0);
  EXPECT_EQ(doc.passages[0].text, "Aspirin and \u00b5-opioid receptors");
  EXPECT_EQ(doc.passages[1].type, "abstract");
  EXPECT_EQ(doc.passages[1].offset, 31);  // 30 code points (31 bytes: µ) + the newline
  // Tab and the CRLF become single spaces; the trailing blank lines are dropped.
  EXPECT_EQ(doc.passages[1].text, "Aspirin reduces pain. It also binds \u03b1-receptors.");
  // full_text() is the file's text with its line breaks as spaces: offsets line up.
  const std::string file = "Aspirin and \u00b5-opioid receptors\nAspirin\treduces pain.\nIt also binds \u03b1-receptors.";
  std::string expected = file;
  for (char& c : expected)
    if (c == '\n' || c == '\t') c = ' ';
  EXPECT_EQ(doc.full_text(), expected);
  EXPECT_EQ(utf8_length(doc.full_text()), utf8_length(file));
}

TEST(TextReaderWhole, CrlfFile) {
  auto reader = make_text_reader(ByteSource::open(test_data("text_crlf.txt")), false);
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, "text_crlf");
  EXPECT_EQ(docs[0].passages[0].text, "Line one title");
  EXPECT_EQ(docs[0].passages[1].text, "Second line.");
  EXPECT_EQ(docs[0].passages[1].offset, 15);
}

TEST(TextReaderWhole, SingleLineIsTitleOnly) {
  std::vector<Document> docs = read_string("Just one line", false);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].passages[0].text, "Just one line");
  EXPECT_EQ(docs[0].passages[1].text, "");
  EXPECT_EQ(docs[0].passages[1].offset, 14);
}

TEST(TextReaderWhole, DocumentIdFromFileName) {
  EXPECT_EQ(read_string("x", false, "/some/dir/paper.v2.txt.gz")[0].id, "paper.v2");
  EXPECT_EQ(read_string("x", false, "notes")[0].id, "notes");
  EXPECT_EQ(read_string("x", false, "-")[0].id, "stdin");
}

TEST(TextReaderWhole, InvalidUtf8NamesTheLine) {
  auto reader = make_text_reader(ByteSource::from_string("ok\nstill ok\nbad \xC3\x28 byte\n", "bad.txt"), false);
  Document doc;
  try {
    reader->next(doc);
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), "bad.txt");
    EXPECT_EQ(error.line(), 3u);
    EXPECT_NE(error.reason().find("UTF-8"), std::string::npos);
  }
  EXPECT_FALSE(reader->next(doc));
}

// --- line mode ---

TEST(TextReaderLines, TwoAndThreeFieldLines) {
  auto reader = make_text_reader(ByteSource::open(test_data("text_lines.tsv")), true);
  std::vector<Document> docs = read_all(*reader);
  ASSERT_EQ(docs.size(), 3u);  // the empty and the whitespace-only lines are skipped

  EXPECT_EQ(docs[0].id, "12345");
  EXPECT_EQ(docs[0].source_line, 1u);
  EXPECT_EQ(docs[0].passages[0].text, "A title only");  // CR stripped
  EXPECT_EQ(docs[0].passages[1].text, "");
  EXPECT_EQ(docs[0].passages[1].offset, 13);

  EXPECT_EQ(docs[1].id, "67890");
  EXPECT_EQ(docs[1].source_line, 4u);
  EXPECT_EQ(docs[1].passages[0].text, "Title with \u03b1");
  EXPECT_EQ(docs[1].passages[1].offset, 13);  // 12 code points, 13 bytes
  EXPECT_EQ(docs[1].passages[1].text, "Abstract with \u00b5.");

  EXPECT_EQ(docs[2].id, "abc-1");
  EXPECT_EQ(docs[2].passages[0].text, "");
  EXPECT_EQ(docs[2].passages[1].offset, 1);
  EXPECT_EQ(docs[2].passages[1].text, "Abstract without title.");
}

void expect_line_error(const std::string& input, uint64_t line, const std::string& reason_part) {
  auto reader = make_text_reader(ByteSource::from_string(input, "ids.tsv"), true);
  Document doc;
  std::vector<std::string> ids;
  bool failed = false;
  for (;;) {
    try {
      if (!reader->next(doc)) break;
      ids.push_back(doc.id);
    } catch (const InputError& error) {
      ASSERT_FALSE(failed) << "only one error expected";
      failed = true;
      EXPECT_TRUE(error.recoverable());
      EXPECT_EQ(error.line(), line);
      EXPECT_NE(error.reason().find(reason_part), std::string::npos) << error.reason();
      EXPECT_NE(std::string(error.what()).find("ids.tsv:" + std::to_string(line) + ": "), std::string::npos);
    }
  }
  EXPECT_TRUE(failed);
  // The bad line is skipped and reading goes on with the next.
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "3"}));
}

TEST(TextReaderLines, MissingTab) {
  expect_line_error("1\tfine\r\n2 no tab here\r\n3\tfine too\r\n", 2, "expected ID<TAB>TEXT");
}

TEST(TextReaderLines, InvalidUtf8) {
  expect_line_error("1\tfine\n2\tbad \xFF byte\n3\tfine too\n", 2, "UTF-8");
}

TEST(TextReaderLines, TooManyFieldsAndEmptyId) {
  expect_line_error("1\tfine\n2\ta\tb\tc\n3\tfine too\n", 2, "4 tab-separated fields");
  expect_line_error("1\tfine\n\n\tno id\n3\tfine too\n", 3, "empty document ID");
}

}  // namespace
}  // namespace biotator
