#include "bioc_xml.h"

#include "format.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

#include "bioc_common.h"
#include "input_error.h"
#include "utf8.h"

namespace biotator {

namespace {

constexpr size_t kReadChunk = 1 << 20;

size_t count_newlines(std::string_view s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

bool is_tag_name_end(char c) { return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// ---------------------------------------------------------------------------------------
// Reading

// Concatenated character data of an element (text and CDATA children), exactly as read.
std::string element_text(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
  return out;
}

class BiocXmlReader final : public DocumentReader {
 public:
  BiocXmlReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options)
      : source_(std::move(source)), options_(options) {}

  bool next(Document& doc) override;

 private:
  enum class Markup { kNeedMore, kDocumentStart, kDocumentEnd, kCollectionStart, kCollectionEnd, kOther };
  struct Found {
    Markup kind;
    size_t begin;  // position of '<' (kNeedMore: where scanning must resume)
    size_t end;    // one past the markup's name or its terminator
  };

  Found next_markup(size_t from) const;
  bool fill();
  uint64_t line_at(size_t pos);
  void compact();
  void parse_document(std::string_view fragment, uint64_t first_line, Document& doc);
  [[noreturn]] void fail_fatal(uint64_t line, const std::string& reason, const std::string& doc_id = {});

  std::unique_ptr<ByteSource> source_;
  ReaderOptions options_;
  std::string buffer_;
  size_t scan_ = 0;            // where the markup scan resumes
  bool in_document_ = false;   // a <document> start tag was seen at document_begin_
  size_t document_begin_ = 0;
  uint64_t document_line_ = 0;
  size_t line_pos_ = 0;        // line_at() cache: buffer position and its line number
  uint64_t line_no_ = 1;
  bool eof_ = false;
  bool done_ = false;
  bool saw_collection_ = false;
  bool saw_collection_end_ = false;
  bool saw_content_ = false;    // any byte other than white space
  uint64_t documents_seen_ = 0;
};

BiocXmlReader::Found BiocXmlReader::next_markup(size_t from) const {
  const std::string_view buf(buffer_);
  for (size_t i = from;;) {
    i = buf.find('<', i);
    if (i == std::string_view::npos) return {Markup::kNeedMore, buf.size(), 0};
    const std::string_view rest = buf.substr(i);
    // Constructs whose content may contain "<document" as text are skipped whole.
    size_t skip_to = std::string_view::npos;
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<!--", "-->"},
                               {"<![CDATA[", "]]>"},
                               {"<?", "?>"}}) {
      if (rest.starts_with(open)) {
        size_t end = buf.find(close, i + open.size());
        if (end == std::string_view::npos) return {Markup::kNeedMore, i, 0};
        skip_to = end + close.size();
        break;
      }
      if (open.starts_with(rest) && !eof_) return {Markup::kNeedMore, i, 0};  // cut by the chunk end
    }
    if (skip_to != std::string_view::npos) {
      i = skip_to;
      continue;
    }
    constexpr size_t kLongestName = 13;  // "</collection" plus one character
    if (rest.size() < kLongestName && !eof_) return {Markup::kNeedMore, i, 0};
    auto is_tag = [&](std::string_view name) {
      return rest.starts_with(name) && rest.size() > name.size() && is_tag_name_end(rest[name.size()]);
    };
    if (is_tag("<document")) return {Markup::kDocumentStart, i, i + 9};
    if (is_tag("</document")) {
      size_t close = buf.find('>', i);
      if (close == std::string_view::npos) return {Markup::kNeedMore, i, 0};
      return {Markup::kDocumentEnd, i, close + 1};
    }
    if (is_tag("<collection")) return {Markup::kCollectionStart, i, i + 11};
    if (is_tag("</collection")) return {Markup::kCollectionEnd, i, i + 12};
    // Any other tag: '<' cannot occur inside it, so the scan simply moves on.
    i += 1;
  }
}

// Reads more input. Returns false when there is nothing new to scan; reaching the end
// counts as new once, because the scan then stops waiting for bytes that cannot come.
bool BiocXmlReader::fill() {
  if (eof_) return false;
  compact();
  const size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  const size_t got = source_->read(buffer_.data() + old, kReadChunk);
  buffer_.resize(old + got);
  if (got == 0) eof_ = true;
  if (!saw_content_) saw_content_ = buffer_.find_first_not_of(" \t\r\n", old) != std::string::npos;
  return true;
}

// Drops the bytes no longer needed so the buffer holds about one document at a time.
void BiocXmlReader::compact() {
  const size_t keep_from = in_document_ ? document_begin_ : scan_;
  if (keep_from < kReadChunk) return;
  line_at(keep_from);
  buffer_.erase(0, keep_from);
  scan_ -= keep_from;
  if (in_document_) document_begin_ -= keep_from;
  line_pos_ -= keep_from;
}

uint64_t BiocXmlReader::line_at(size_t pos) {
  if (pos >= line_pos_) {
    line_no_ += count_newlines(std::string_view(buffer_).substr(line_pos_, pos - line_pos_));
  } else {
    line_no_ -= count_newlines(std::string_view(buffer_).substr(pos, line_pos_ - pos));
  }
  line_pos_ = pos;
  return line_no_;
}

void BiocXmlReader::fail_fatal(uint64_t line, const std::string& reason, const std::string& doc_id) {
  done_ = true;
  throw InputError(source_->name(), line, reason, /*recoverable=*/false, doc_id);
}

bool BiocXmlReader::next(Document& doc) {
  doc = Document();
  if (done_) return false;
  for (;;) {
    if (!in_document_) {
      const Found f = next_markup(scan_);
      switch (f.kind) {
        case Markup::kNeedMore:
          scan_ = f.begin;
          if (fill()) continue;
          done_ = true;
          if (saw_collection_ && !saw_collection_end_)
            fail_fatal(line_at(buffer_.size()), "truncated BioC XML: no closing </collection>");
          if (!saw_collection_ && documents_seen_ == 0 && saw_content_)
            fail_fatal(1, "not BioC XML: no <collection> or <document> element");
          return false;
        case Markup::kDocumentStart:
          in_document_ = true;
          ++documents_seen_;
          document_begin_ = f.begin;
          document_line_ = line_at(f.begin);
          scan_ = f.end;
          continue;
        case Markup::kCollectionStart: saw_collection_ = true; break;
        case Markup::kCollectionEnd: saw_collection_end_ = true; break;
        case Markup::kDocumentEnd:
          fail_fatal(line_at(f.begin), "</document> without a matching <document>");
        case Markup::kOther: break;
      }
      scan_ = f.end;
      continue;
    }
    const Found f = next_markup(scan_);
    if (f.kind == Markup::kNeedMore) {
      scan_ = f.begin;
      if (fill()) continue;
      fail_fatal(document_line_, "truncated BioC XML: <document> has no closing </document>");
    }
    scan_ = f.end;
    if (f.kind == Markup::kDocumentStart || f.kind == Markup::kCollectionEnd)
      fail_fatal(document_line_, "<document> has no closing </document> before line " +
                                     std::to_string(line_at(f.begin)));
    if (f.kind != Markup::kDocumentEnd) continue;
    in_document_ = false;
    // The document has been consumed whatever happens next, so errors below are recoverable.
    parse_document(std::string_view(buffer_).substr(document_begin_, f.end - document_begin_), document_line_,
                   doc);
    return true;
  }
}

// Converts one <document> element. Throws a recoverable InputError naming the line.
void BiocXmlReader::parse_document(std::string_view fragment, uint64_t first_line, Document& doc) {
  doc.source = source_->name();
  doc.source_line = first_line;
  auto line_of_offset = [&](ptrdiff_t offset) -> uint64_t {
    if (offset < 0) return first_line;
    return first_line + count_newlines(fragment.substr(0, std::min(static_cast<size_t>(offset), fragment.size())));
  };
  auto fail = [&](ptrdiff_t offset, const std::string& reason) {
    throw InputError(source_->name(), line_of_offset(offset), reason, /*recoverable=*/true, doc.id);
  };

  size_t bad_byte = 0;
  if (!utf8_valid(fragment, &bad_byte)) fail(static_cast<ptrdiff_t>(bad_byte), "invalid UTF-8");

  pugi::xml_document xml;
  const pugi::xml_parse_result parsed =
      xml.load_buffer(fragment.data(), fragment.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                      pugi::encoding_utf8);
  if (!parsed) fail(parsed.offset, std::string("malformed BioC document: ") + parsed.description());
  const pugi::xml_node root = xml.child("document");
  doc.id = element_text(root.child("id"));

  std::vector<uint64_t> annotation_offsets;
  auto read_infon = [&](pugi::xml_node node, Infons& infons) {
    infons.emplace_back(node.attribute("key").value(), element_text(node));
  };
  auto read_offset = [&](pugi::xml_node parent) -> int64_t {
    const pugi::xml_node node = parent.child("offset");
    if (!node) fail(parent.offset_debug(), std::string("<") + parent.name() + "> has no <offset>");
    int64_t value = 0;
    if (!bioc::parse_int64(element_text(node), value) || value < 0)
      fail(node.offset_debug(), "bad offset \"" + element_text(node) + "\"");
    return value;
  };
  auto read_annotation = [&](pugi::xml_node node) {
    Annotation a;
    a.bioc_id = node.attribute("id").value();
    Infons infons;
    std::vector<bioc::Location> locations;
    for (pugi::xml_node child : node.children()) {
      const std::string_view name = child.name();
      if (name == "infon") {
        read_infon(child, infons);
      } else if (name == "location") {
        bioc::Location l;
        if (!bioc::parse_int64(child.attribute("offset").value(), l.offset) ||
            !bioc::parse_int64(child.attribute("length").value(), l.length))
          fail(child.offset_debug(), "bad <location> offset or length");
        locations.push_back(l);
      } else if (name == "text") {
        a.text = element_text(child);
      }
    }
    bioc::annotation_from_infons(std::move(infons), a);
    if (std::string reason = bioc::spans_from_locations(std::move(locations), a.spans); !reason.empty())
      fail(node.offset_debug(), reason);
    doc.annotations.push_back(std::move(a));
    // Byte offsets for now; turned into a line only if the annotation is reported.
    annotation_offsets.push_back(static_cast<uint64_t>(std::max<ptrdiff_t>(node.offset_debug(), 0)));
  };
  auto read_relation = [&](pugi::xml_node node) {
    Relation r;
    r.bioc_id = node.attribute("id").value();
    Infons infons;
    for (pugi::xml_node child : node.children("infon")) read_infon(child, infons);
    bioc::relation_from_infons(std::move(infons), r);
    doc.relations.push_back(std::move(r));
  };
  auto read_passage = [&](pugi::xml_node node) {
    Passage p;
    p.offset = read_offset(node);
    Infons infons;
    bool has_text = false;
    for (pugi::xml_node child : node.children()) {
      const std::string_view name = child.name();
      if (name == "infon") read_infon(child, infons);
      else if (name == "text") {
        p.text = element_text(child);
        has_text = true;
      } else if (name == "annotation") read_annotation(child);
      else if (name == "relation") read_relation(child);
      else if (name == "sentence") {
        // Passages split into sentences carry their text and annotations there.
        const int64_t offset = read_offset(child);
        if (!has_text) bioc::append_sentence_text(p, offset, element_text(child.child("text")));
        for (pugi::xml_node a : child.children("annotation")) read_annotation(a);
        for (pugi::xml_node r : child.children("relation")) read_relation(r);
      }
    }
    bioc::passage_from_infons(std::move(infons), p);
    doc.passages.push_back(std::move(p));
  };

  for (pugi::xml_node child : root.children()) {
    const std::string_view name = child.name();
    if (name == "infon") read_infon(child, doc.infons);
    else if (name == "passage") read_passage(child);
    else if (name == "relation") read_relation(child);
    else if (name == "annotation") read_annotation(child);  // not in the DTD, but never drop one
  }

  bioc::order_annotations(doc, annotation_offsets);
  size_t bad = 0;
  std::vector<std::pair<size_t, std::string>> tolerated;
  if (std::string reason =
          validate_annotations(doc, &bad, options_.allow_mismatched_mentions ? &tolerated : nullptr);
      !reason.empty())
    fail(bad < annotation_offsets.size() ? static_cast<ptrdiff_t>(annotation_offsets[bad]) : 0,
         "annotation " + doc.annotations[bad].bioc_id + ": " + reason);
  if (options_.warnings)
    for (const auto& [i, why] : tolerated)
      *options_.warnings << "biotator: warning: " << source_->name() << ":"
                         << line_of_offset(i < annotation_offsets.size() ? static_cast<ptrdiff_t>(annotation_offsets[i]) : 0)
                         << ": annotation " << doc.annotations[i].bioc_id << ": " << why << " (kept as written)\n";
}

// ---------------------------------------------------------------------------------------
// Writing

// Appends `s` escaped for XML text (or, with `attribute`, for a double-quoted attribute).
// Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage
// return; U+FFFE, U+FFFF) become a space or U+FFFD: one code point for one, so that every
// offset stays right. Everything else is written byte for byte.
void append_escaped(std::string& out, std::string_view s, bool attribute) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"':
        if (attribute) out += "&quot;";
        else out += c;
        continue;
      // A literal CR would be normalized away by any XML parser; tab and newline would be
      // normalized to spaces inside attributes.
      case '\r': out += "&#13;"; continue;
      case '\t':
        if (attribute) out += "&#9;";
        else out += c;
        continue;
      case '\n':
        if (attribute) out += "&#10;";
        else out += c;
        continue;
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else if (c == '\xEF' && i + 2 < s.size() && s[i + 1] == '\xBF' && (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
      out += "\xEF\xBF\xBD";
      i += 2;
    } else {
      out += c;
    }
  }
}

void append_element(std::string& out, std::string_view name, std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  append_escaped(out, text, false);
  out += "</";
  out += name;
  out += '>';
}

void append_infons(std::string& out, const Infons& infons) {
  for (const auto& [key, value] : infons) {
    out += "<infon key=\"";
    append_escaped(out, key, true);
    out += "\">";
    append_escaped(out, value, false);
    out += "</infon>";
  }
}

class BiocXmlWriter final : public DocumentWriter {
 public:
  explicit BiocXmlWriter(std::ostream& out) : out_(out) {}

  void write(const Document& doc) override {
    buffer_.clear();
    if (!header_written_) append_header();
    append_document(doc);
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  }

  void finish() override {
    buffer_.clear();
    if (!header_written_) append_header();
    buffer_ += "</collection>\n";
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    out_.flush();
  }

 private:
  void append_header() {
    buffer_ +=
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE collection SYSTEM \"BioC.dtd\">\n"
        "<collection><source>BioTator</source><date></date><key>BioC.key</key>\n";
    header_written_ = true;
  }

  void append_document(const Document& doc) {
    std::string& out = buffer_;
    out += "<document>";
    append_element(out, "id", doc.id);
    append_infons(out, doc.infons);
    const auto placement = bioc::annotations_by_passage(doc);
    const std::vector<std::string> ids = bioc::annotation_ids(doc);
    for (size_t p = 0; p < placement.size(); ++p) {
      // A document without passages still needs one to hold its annotations (and the
      // DTD requires one): an empty passage at offset 0.
      static const Passage kEmpty;
      const Passage& passage = p < doc.passages.size() ? doc.passages[p] : kEmpty;
      out += "<passage>";
      append_infons(out, bioc::passage_infons(passage));
      append_element(out, "offset", std::to_string(passage.offset));
      append_element(out, "text", passage.text);
      for (size_t index : placement[p]) {
        const Annotation& a = doc.annotations[index];
        out += "<annotation id=\"";
        append_escaped(out, ids[index], true);
        out += "\">";
        append_infons(out, bioc::annotation_infons(a));
        for (const Span& s : a.spans) {
          out += "<location offset=\"" + std::to_string(s.start) + "\" length=\"" +
                 std::to_string(s.end - s.start) + "\"/>";
        }
        append_element(out, "text", a.text);
        out += "</annotation>";
      }
      out += "</passage>";
    }
    for (size_t i = 0; i < doc.relations.size(); ++i) {
      out += "<relation id=\"";
      append_escaped(out, bioc::relation_id(doc.relations[i], i), true);
      out += "\">";
      append_infons(out, bioc::relation_infons(doc.relations[i]));
      out += "</relation>";
    }
    out += "</document>\n";
  }

  std::ostream& out_;
  std::string buffer_;
  bool header_written_ = false;
};

}  // namespace

std::unique_ptr<DocumentReader> make_bioc_xml_reader(std::unique_ptr<ByteSource> source, const ReaderOptions& options) {
  return std::make_unique<BiocXmlReader>(std::move(source), options);
}

std::unique_ptr<DocumentWriter> make_bioc_xml_writer(std::ostream& out) {
  return std::make_unique<BiocXmlWriter>(out);
}

}  // namespace biotator
