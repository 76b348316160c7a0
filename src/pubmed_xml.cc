// PubMed XML reader.
//
// Baseline files hold tens of thousands of records, so the file is never parsed whole:
// a small scanner walks the top level of the set (<PubmedArticleSet> or the 2016-era
// <MedlineCitationSet>), cuts out one record element at a time as raw bytes and hands
// only that fragment to pugixml. Because the scanner jumps over whole records, the
// <MedlineCitation> nested inside a <PubmedArticle> is never mistaken for a record.
#include "pubmed_xml.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "input_error.h"
#include "utf8.h"

namespace biotator {

namespace {

constexpr size_t kReadChunk = 1 << 20;
constexpr size_t npos = std::string::npos;

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_record_name(std::string_view name) {
  return name == "PubmedArticle" || name == "MedlineCitation" || name == "PubmedBookArticle" ||
         name == "DeleteCitation";
}

// Appends the text of every descendant text node in document order: inline markup
// (<i>, <sup>, MathML, ...) disappears while its text stays, with nothing added.
void append_text_content(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        out += child.value();
        break;
      case pugi::node_element:
        append_text_content(child, out);
        break;
      default:
        break;
    }
  }
}

// PubTator lines cannot hold newlines or tabs, so text is made single-line here.
// A whitespace run that contains a newline, CR or tab becomes one space: such runs
// come from pretty-printed XML (pubmed-29768149.xml indents "&#946;\n\t\t<sub>2</sub>")
// and are layout, not text. Runs of plain spaces are kept byte for byte. Leading and
// trailing whitespace is trimmed, as PubMed displays it.
std::string single_line(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    if (!is_xml_space(raw[i])) {
      out += raw[i++];
      continue;
    }
    size_t run_end = i;
    bool layout = false;
    while (run_end < raw.size() && is_xml_space(raw[run_end])) {
      layout = layout || raw[run_end] != ' ';
      ++run_end;
    }
    if (layout)
      out += ' ';
    else
      out.append(raw.substr(i, run_end - i));
    i = run_end;
  }
  size_t first = out.find_first_not_of(' ');
  if (first == npos) return {};
  size_t last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

std::string element_text(const pugi::xml_node& node) {
  std::string raw;
  append_text_content(node, raw);
  return single_line(raw);
}

// Abstract parts joined the way PubMed and PubTator show them:
// "BACKGROUND: text METHODS: text", unlabelled parts joined by a single space.
std::string abstract_text(const pugi::xml_node& abstract) {
  std::string out;
  for (pugi::xml_node part : abstract.children("AbstractText")) {
    std::string text = element_text(part);
    std::string label = single_line(part.attribute("Label").value());
    std::string piece = label.empty() ? text : text.empty() ? label + ":" : label + ": " + text;
    if (piece.empty()) continue;
    if (!out.empty()) out += ' ';
    out += piece;
  }
  return out;
}

std::string publication_year(const pugi::xml_node& pub_date) {
  std::string year = single_line(pub_date.child_value("Year"));
  if (!year.empty()) return year;
  // MedlineDate is free text such as "1998 Dec-1999 Jan": its first four digits.
  std::string medline_date = pub_date.child_value("MedlineDate");
  for (size_t i = 0; i + 4 <= medline_date.size(); ++i) {
    if (std::all_of(medline_date.begin() + i, medline_date.begin() + i + 4,
                    [](char c) { return c >= '0' && c <= '9'; }))
      return medline_date.substr(i, 4);
  }
  return {};
}

class PubmedXmlReader final : public DocumentReader {
 public:
  explicit PubmedXmlReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}

  bool next(Document& doc) override;
  const std::vector<std::string>& deleted_ids() const override { return deleted_ids_; }

 private:
  // --- buffer handling: buffer_[pos_] is the first unconsumed byte, on line line_ ---
  bool read_more();
  bool ensure(size_t absolute_end);  // true when buffer_ holds bytes up to absolute_end
  size_t find(std::string_view needle, size_t from);
  // The '>' that closes a tag, skipping quoted values and, for <!DOCTYPE>, the [subset].
  size_t find_tag_end(size_t from, bool skip_subset = false);
  size_t find_close_tag(std::string_view name, size_t from);  // one past "</name>"
  void advance(size_t to);
  void compact();

  [[noreturn]] void fail(uint64_t line, const std::string& reason, bool recoverable,
                         const std::string& doc_id = {}) const {
    throw InputError(source_->name(), line, reason, recoverable, doc_id);
  }
  [[noreturn]] void truncated(uint64_t line, const std::string& what) const {
    fail(line, "truncated PubMed XML: " + what + " is never closed", false);
  }

  // Parses one record; returns true when it produced a document (DeleteCitation does not).
  bool parse_record(std::string_view name, std::string_view fragment, uint64_t line, Document& doc);
  void fill_document(const pugi::xml_node& pmid, const pugi::xml_node& article_title,
                     const pugi::xml_node& fallback_title, const pugi::xml_node& abstract,
                     const pugi::xml_node& journal, uint64_t line, Document& doc) const;

  std::unique_ptr<ByteSource> source_;
  std::string buffer_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
  bool eof_ = false;
  int open_sets_ = 0;  // set elements (<PubmedArticleSet>, ...) opened and not closed
  uint64_t set_line_ = 0;
  std::vector<std::string> deleted_ids_;
};

bool PubmedXmlReader::read_more() {
  if (eof_) return false;
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + kReadChunk);
  size_t got = source_->read(buffer_.data() + old_size, kReadChunk);
  buffer_.resize(old_size + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool PubmedXmlReader::ensure(size_t absolute_end) {
  while (buffer_.size() < absolute_end)
    if (!read_more()) return false;
  return true;
}

size_t PubmedXmlReader::find(std::string_view needle, size_t from) {
  for (;;) {
    size_t at = buffer_.find(needle, from);
    if (at != npos) return at;
    // Only the last needle.size()-1 bytes can start a match that spans the new chunk.
    from = std::max(from, buffer_.size() >= needle.size() ? buffer_.size() - needle.size() + 1 : 0);
    if (!read_more()) return npos;
  }
}

size_t PubmedXmlReader::find_tag_end(size_t from, bool skip_subset) {
  char quote = 0;
  int subset_depth = 0;
  for (size_t i = from;; ++i) {
    if (!ensure(i + 1)) return npos;
    char c = buffer_[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (skip_subset && c == '[') {
      ++subset_depth;
    } else if (skip_subset && c == ']') {
      --subset_depth;
    } else if (c == '>' && subset_depth <= 0) {
      return i;
    }
  }
}

size_t PubmedXmlReader::find_close_tag(std::string_view name, size_t from) {
  const std::string opener = "</" + std::string(name);
  for (;;) {
    size_t at = find(opener, from);
    if (at == npos) return npos;
    size_t i = at + opener.size();
    // "</PubmedArticle" must be followed by '>' or spaces, not by "Set>".
    while (ensure(i + 1) && is_xml_space(buffer_[i])) ++i;
    if (!ensure(i + 1)) return npos;
    if (buffer_[i] == '>') return i + 1;
    from = at + 1;
  }
}

void PubmedXmlReader::advance(size_t to) {
  line_ += std::count(buffer_.begin() + pos_, buffer_.begin() + to, '\n');
  pos_ = to;
}

void PubmedXmlReader::compact() {
  if (pos_ >= kReadChunk && pos_ * 2 >= buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
}

bool PubmedXmlReader::next(Document& doc) {
  doc = Document{};
  for (;;) {
    compact();
    size_t lt = find("<", pos_);
    size_t text_end = lt == npos ? buffer_.size() : lt;
    for (size_t i = pos_; i < text_end; ++i) {
      if (!is_xml_space(buffer_[i])) {
        advance(i);
        fail(line_, "not PubMed XML: text outside any record", false);
      }
    }
    advance(text_end);
    if (lt == npos) {
      if (open_sets_ > 0) truncated(set_line_, "the record set opened here");
      return false;
    }

    const uint64_t tag_line = line_;
    ensure(pos_ + 9);
    std::string_view head(buffer_.data() + pos_, std::min<size_t>(9, buffer_.size() - pos_));
    if (head.starts_with("<?")) {
      size_t end = find("?>", pos_ + 2);
      if (end == npos) truncated(tag_line, "a processing instruction");
      advance(end + 2);
      continue;
    }
    if (head.starts_with("<!--")) {
      size_t end = find("-->", pos_ + 4);
      if (end == npos) truncated(tag_line, "a comment");
      advance(end + 3);
      continue;
    }
    if (head.starts_with("<!")) {  // <!DOCTYPE ...>, possibly with an [internal subset]
      size_t end = find_tag_end(pos_ + 2, /*skip_subset=*/true);
      if (end == npos) truncated(tag_line, "the DOCTYPE declaration");
      advance(end + 1);
      continue;
    }

    const bool closing = head.starts_with("</");
    size_t name_start = pos_ + (closing ? 2 : 1);
    size_t name_end = name_start;
    while (ensure(name_end + 1) && !is_xml_space(buffer_[name_end]) && buffer_[name_end] != '>' &&
           buffer_[name_end] != '/')
      ++name_end;
    const std::string name = buffer_.substr(name_start, name_end - name_start);
    size_t tag_end = find_tag_end(name_end);
    if (tag_end == npos) truncated(tag_line, "the tag <" + name);

    if (closing) {
      if (open_sets_ == 0) fail(tag_line, "closing tag </" + name + "> without a matching start tag", false);
      --open_sets_;
      advance(tag_end + 1);
      continue;
    }
    const bool self_closing = buffer_[tag_end - 1] == '/';
    if (name.ends_with("Set") && !is_record_name(name)) {
      if (!self_closing) {
        if (open_sets_ == 0) set_line_ = tag_line;
        ++open_sets_;
      }
      advance(tag_end + 1);
      continue;
    }

    size_t record_end = self_closing ? tag_end + 1 : find_close_tag(name, tag_end + 1);
    if (record_end == npos) truncated(tag_line, "<" + name + ">");
    // Copied out because parsing (and a thrown error) must not depend on the buffer.
    const std::string fragment = buffer_.substr(pos_, record_end - pos_);
    advance(record_end);
    if (!is_record_name(name))
      fail(tag_line, "unexpected element <" + name + "> in PubMed XML (skipped)", true);
    if (parse_record(name, fragment, tag_line, doc)) return true;
  }
}

// The PMID of a fragment that pugixml could not parse, so the error can name it.
std::string sniff_pmid(std::string_view fragment) {
  size_t open = fragment.find("<PMID");
  if (open == npos) return {};
  size_t gt = fragment.find('>', open);
  size_t close = fragment.find("</PMID>", open);
  if (gt == npos || close == npos || close < gt) return {};
  return single_line(fragment.substr(gt + 1, close - gt - 1));
}

bool PubmedXmlReader::parse_record(std::string_view name, std::string_view fragment, uint64_t line,
                                   Document& doc) {
  pugi::xml_document xml;
  // parse_ws_pcdata keeps the space in "<i>a</i> <i>b</i>", which is text.
  pugi::xml_parse_result parsed = xml.load_buffer(fragment.data(), fragment.size(),
                                                  pugi::parse_default | pugi::parse_ws_pcdata,
                                                  pugi::encoding_utf8);
  if (!parsed) {
    size_t offset = std::min(static_cast<size_t>(std::max<ptrdiff_t>(parsed.offset, 0)), fragment.size());
    uint64_t error_line = line + std::count(fragment.begin(), fragment.begin() + offset, '\n');
    fail(error_line, "malformed XML in <" + std::string(name) + ">: " + parsed.description(), true,
         sniff_pmid(fragment));
  }
  pugi::xml_node record = xml.document_element();

  if (name == "DeleteCitation") {
    for (pugi::xml_node pmid : record.children("PMID")) {
      std::string id = element_text(pmid);
      if (id.empty()) fail(line, "empty PMID in <DeleteCitation>", true);
      deleted_ids_.push_back(std::move(id));
    }
    return false;
  }
  if (name == "PubmedBookArticle") {
    pugi::xml_node book_document = record.child("BookDocument");
    fill_document(book_document.child("PMID"), book_document.child("ArticleTitle"),
                  book_document.child("Book").child("BookTitle"), book_document.child("Abstract"),
                  pugi::xml_node(), line, doc);
    if (std::string year = publication_year(book_document.child("Book").child("PubDate")); !year.empty())
      set_infon(doc.infons, "year", year);
    return true;
  }
  pugi::xml_node citation = name == "PubmedArticle" ? record.child("MedlineCitation") : record;
  pugi::xml_node article = citation.child("Article");
  fill_document(citation.child("PMID"), article.child("ArticleTitle"), article.child("VernacularTitle"),
                article.child("Abstract"), article.child("Journal"), line, doc);
  return true;
}

void PubmedXmlReader::fill_document(const pugi::xml_node& pmid, const pugi::xml_node& article_title,
                                    const pugi::xml_node& fallback_title, const pugi::xml_node& abstract,
                                    const pugi::xml_node& journal, uint64_t line, Document& doc) const {
  std::string id = element_text(pmid);
  if (id.empty()) fail(line, "record without a PMID (skipped)", true);
  std::string title = element_text(article_title);
  if (title.empty()) title = element_text(fallback_title);
  std::string abstract_part = abstract_text(abstract);
  size_t bad_byte = 0;
  if (!utf8_valid(title, &bad_byte) || !utf8_valid(abstract_part, &bad_byte))
    fail(line, "invalid UTF-8 in the title or abstract", true, id);

  doc.id = std::move(id);
  doc.source = source_->name();
  doc.source_line = line;
  const int64_t abstract_offset = static_cast<int64_t>(utf8_length(title)) + 1;
  doc.passages.push_back(Passage{"title", 0, std::move(title), {}});
  doc.passages.push_back(Passage{"abstract", abstract_offset, std::move(abstract_part), {}});
  if (journal) {
    std::string journal_name = element_text(journal.child("Title"));
    if (journal_name.empty()) journal_name = element_text(journal.child("ISOAbbreviation"));
    if (!journal_name.empty()) set_infon(doc.infons, "journal", journal_name);
    std::string year = publication_year(journal.child("JournalIssue").child("PubDate"));
    if (!year.empty()) set_infon(doc.infons, "year", year);
  }
}

}  // namespace

std::unique_ptr<DocumentReader> make_pubmed_xml_reader(std::unique_ptr<ByteSource> source) {
  return std::make_unique<PubmedXmlReader>(std::move(source));
}

}  // namespace biotator
