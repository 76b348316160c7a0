// Plain text reader.
//
// Both modes give documents the PubTator shape (a "title" passage at offset 0 and an
// "abstract" passage right after it, joined by one space) so that every writer,
// PubTator included, can take them. PubTator lines cannot hold newlines or tabs, so
// those become spaces; nothing else in the text is changed.
//
// Whole-file mode: the first line is the title and the rest the abstract. The newline
// after the title becomes the joining space and every later newline a space, so
// full_text() is the file's text with line breaks turned into spaces and offsets found
// by a tool on the (LF) text still line up. CRLF line ends count as one newline and
// trailing newlines at the end of the file are dropped.
//
// Line mode: each non-blank line is "ID<TAB>TEXT" (title only) or
// "ID<TAB>TITLE<TAB>ABSTRACT".
#include "text_reader.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "input_error.h"
#include "utf8.h"

namespace biotator {

namespace {

void fill_passages(Document& doc, std::string title, std::string abstract) {
  const int64_t abstract_offset = static_cast<int64_t>(utf8_length(title)) + 1;
  doc.passages.push_back(Passage{"title", 0, std::move(title), {}});
  doc.passages.push_back(Passage{"abstract", abstract_offset, std::move(abstract), {}});
}

// "dir/paper.txt.gz" -> "paper", "a.b.txt" -> "a.b", "-" -> "stdin".
std::string document_id_from_path(const std::string& path) {
  if (path == "-") return "stdin";
  std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  if (name.size() > 3 && name.ends_with(".gz")) name.resize(name.size() - 3);
  size_t dot = name.find_last_of('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

uint64_t line_of_byte(std::string_view text, size_t byte) {
  return 1 + std::count(text.begin(), text.begin() + std::min(byte, text.size()), '\n');
}

class WholeTextReader final : public DocumentReader {
 public:
  WholeTextReader(std::unique_ptr<ByteSource> source, std::string document_id)
      : source_(std::move(source)), document_id_(std::move(document_id)) {}

  bool next(Document& doc) override {
    doc = Document{};
    if (done_) return false;
    done_ = true;

    std::string raw;
    char chunk[1 << 16];
    for (size_t got; (got = source_->read(chunk, sizeof chunk)) > 0;) raw.append(chunk, got);
    const std::string id = document_id_.empty() ? document_id_from_path(source_->name()) : document_id_;
    size_t bad_byte = 0;
    if (!utf8_valid(raw, &bad_byte))
      throw InputError(source_->name(), line_of_byte(raw, bad_byte), "invalid UTF-8 (byte offset " +
                       std::to_string(bad_byte) + ")", true, id);

    std::string text;  // CRLF -> LF, trailing newlines removed
    text.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i)
      if (!(raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')) text += raw[i];
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();

    size_t newline = text.find('\n');
    std::string title = text.substr(0, newline);
    std::string abstract = newline == std::string::npos ? std::string() : text.substr(newline + 1);
    for (std::string* part : {&title, &abstract})
      std::replace_if(part->begin(), part->end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');

    doc.id = id;
    doc.source = source_->name();
    doc.source_line = 1;
    fill_passages(doc, std::move(title), std::move(abstract));
    return true;
  }

 private:
  std::unique_ptr<ByteSource> source_;
  std::string document_id_;
  bool done_ = false;
};

class LineTextReader final : public DocumentReader {
 public:
  explicit LineTextReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}

  bool next(Document& doc) override {
    doc = Document{};
    std::string_view line;
    while (source_->read_line(line)) {
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
      const uint64_t line_number = source_->line_number();
      auto fail = [&](const std::string& reason, const std::string& id = {}) {
        throw InputError(source_->name(), line_number, reason, true, id);
      };

      size_t bad_byte = 0;
      if (!utf8_valid(line, &bad_byte)) fail("invalid UTF-8 at byte " + std::to_string(bad_byte + 1) + " of the line");
      std::vector<std::string_view> fields;
      for (size_t start = 0;;) {
        size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (fields.size() < 2) fail("expected ID<TAB>TEXT (no tab in the line)");
      if (fields.size() > 3)
        fail("expected ID<TAB>TEXT or ID<TAB>TITLE<TAB>ABSTRACT, found " + std::to_string(fields.size()) +
             " tab-separated fields");
      if (fields[0].empty()) fail("empty document ID before the tab");

      doc.id = std::string(fields[0]);
      doc.source = source_->name();
      doc.source_line = line_number;
      fill_passages(doc, std::string(fields[1]), fields.size() == 3 ? std::string(fields[2]) : std::string());
      return true;
    }
    return false;
  }

 private:
  std::unique_ptr<ByteSource> source_;
};

}  // namespace

std::unique_ptr<DocumentReader> make_text_reader(std::unique_ptr<ByteSource> source, bool lines,
                                                 std::string document_id) {
  if (lines) return std::make_unique<LineTextReader>(std::move(source));
  return std::make_unique<WholeTextReader>(std::move(source), std::move(document_id));
}

}  // namespace biotator
