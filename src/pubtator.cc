#include "pubtator.h"

#include <cctype>
#include <charconv>
#include <string_view>
#include <vector>

#include "input_error.h"
#include "utf8.h"

namespace biotator {

namespace {

// Splits on '\t' into `fields` (views into `line`).
void split_tabs(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  size_t start = 0;
  for (;;) {
    size_t pos = line.find('\t', start);
    if (pos == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return;
    }
    fields.push_back(line.substr(start, pos - start));
    start = pos + 1;
  }
}

bool parse_int(std::string_view s, int64_t& value) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  double v;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// "PMID|t|TEXT" or "PMID|a|TEXT": returns the kind ('t' or 'a') and splits the parts.
char text_line_kind(std::string_view line, std::string_view& id, std::string_view& text) {
  size_t bar = line.find('|');
  if (bar == std::string_view::npos || bar + 2 >= line.size() || line[bar + 2] != '|') return 0;
  char kind = line[bar + 1];
  if (kind != 't' && kind != 'a') return 0;
  id = line.substr(0, bar);
  if (id.find('\t') != std::string_view::npos) return 0;
  text = line.substr(bar + 3);
  return kind;
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ptr);
}

// PubTator holds one line per passage: a line break inside text would break the
// format, and so would a tab inside an entity line's field. Replacing such a character
// by a space keeps every offset valid. Tabs inside a passage are harmless (the line is
// recognised by its "PMID|t|" prefix) and are kept, as the corpora have them.
void append_single_line(std::string& out, std::string_view text, bool replace_tabs) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r' || (c == '\t' && replace_tabs)) {
      out.append(text.substr(start, i - start));
      out.push_back(' ');
      start = i + 1;
    }
  }
  out.append(text.substr(start));
}

}  // namespace

PubTatorReader::PubTatorReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options)
    : source_(std::move(source)), options_(options) {}

void PubTatorReader::fail(const std::string& reason, const std::string& doc_id) {
  uint64_t line = source_->line_number();
  skip_rest_of_document();
  throw InputError(source_->name(), line, reason, /*recoverable=*/true, doc_id);
}

void PubTatorReader::skip_rest_of_document() {
  std::string_view line;
  while (source_->read_line(line)) {
    if (line.empty() || line == "\r") return;
  }
}

bool PubTatorReader::next(Document& doc) {
  doc = Document();
  doc.source = source_->name();
  std::string_view line;
  // Skip blank lines before the document.
  for (;;) {
    if (!source_->read_line(line)) return false;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) break;
  }
  doc.source_line = source_->line_number();

  std::string_view id, text;
  char kind = text_line_kind(line, id, text);
  if (kind == 0) {
    std::string id_guess(line.substr(0, line.find_first_of("\t|")));
    fail("expected a title line \"PMID|t|TEXT\", found \"" + std::string(line.substr(0, 80)) + "\"", id_guess);
  }
  doc.id = std::string(id);
  std::vector<uint64_t> annotation_lines;
  auto check_utf8 = [&](std::string_view s) {
    size_t bad = 0;
    if (!utf8_valid(s, &bad)) fail("invalid UTF-8 at byte " + std::to_string(bad) + " of the line", doc.id);
  };
  // Text lines: a title, then an abstract (each optional, in this order).
  int64_t next_offset = 0;
  for (;;) {
    check_utf8(text);
    if (id != doc.id) fail("text line for \"" + std::string(id) + "\" inside document \"" + doc.id + "\"", doc.id);
    Passage p;
    p.type = kind == 't' ? "title" : "abstract";
    p.offset = next_offset;
    p.text = std::string(text);
    next_offset += static_cast<int64_t>(utf8_length(text)) + 1;
    doc.passages.push_back(std::move(p));
    if (!source_->read_line(line)) {
      line = {};
      break;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    kind = text_line_kind(line, id, text);
    if (kind == 0) break;
    if (kind == 't' || doc.passages.size() >= 2 || doc.passages.back().type == "abstract")
      fail("unexpected text line \"" + std::string(line.substr(0, 60)) + "\" (missing blank line between documents?)",
           doc.id);
  }

  std::vector<std::string_view> fields;
  while (!line.empty()) {
    check_utf8(line);
    split_tabs(line, fields);
    if (fields.size() < 4) {
      std::string_view dummy_id, dummy_text;
      if (text_line_kind(line, dummy_id, dummy_text))
        fail("text line \"" + std::string(line.substr(0, 60)) + "\" after annotations (missing blank line?)", doc.id);
      fail("unknown line shape (expected an entity or relation line with tab-separated fields): \"" +
               std::string(line.substr(0, 80)) + "\"",
           doc.id);
    }
    if (fields[0] != doc.id)
      fail("line for document \"" + std::string(fields[0]) + "\" inside document \"" + doc.id + "\"", doc.id);
    int64_t start = 0, end = 0;
    // An entity line has a numeric start; a relation line has a type there. A start
    // that is a number followed by junk ("12a") is reported as a bad offset.
    const bool start_numeric = parse_int(fields[1], start);
    const bool start_looks_numeric = !fields[1].empty() && std::isdigit(static_cast<unsigned char>(fields[1][0]));
    if (start_looks_numeric || fields[1].empty()) {
      // Entity line: PMID START END MENTION TYPE [ID [EXTRA...]]
      if (!start_numeric) fail("non-numeric start offset \"" + std::string(fields[1]) + "\"", doc.id);
      if (!parse_int(fields[2], end)) fail("non-numeric end offset \"" + std::string(fields[2]) + "\"", doc.id);
      if (fields.size() < 5) fail("entity line has " + std::to_string(fields.size()) + " fields, expected at least 5", doc.id);
      if (start < 0) fail("negative start offset " + std::to_string(start), doc.id);
      if (end < start) fail("end " + std::to_string(end) + " before start " + std::to_string(start), doc.id);
      Annotation a;
      a.spans.push_back({start, end});
      a.text = std::string(fields[3]);
      a.type = std::string(fields[4]);
      if (fields.size() >= 6) {
        a.ids = split_id_field(fields[5], &a.id_separator);
        for (size_t i = 6; i < fields.size(); ++i) a.extra_columns.emplace_back(fields[i]);
      } else {
        a.has_id_field = false;
      }
      doc.annotations.push_back(std::move(a));
      annotation_lines.push_back(source_->line_number());
    } else {
      // Relation line: PMID TYPE ID1 ID2 [NOVELTY] [SCORE]
      if (fields.size() > 6) fail("relation line has " + std::to_string(fields.size()) + " fields, expected 4 to 6", doc.id);
      Relation r;
      r.type = std::string(fields[1]);
      r.arg1 = std::string(fields[2]);
      r.arg2 = std::string(fields[3]);
      if (r.type.empty() || r.arg1.empty() || r.arg2.empty()) fail("relation line with an empty field", doc.id);
      if (fields.size() == 5) {
        if (is_number(fields[4])) r.score = std::string(fields[4]);
        else r.novelty = std::string(fields[4]);
      } else if (fields.size() == 6) {
        r.novelty = std::string(fields[4]);
        if (!is_number(fields[5])) fail("non-numeric relation score \"" + std::string(fields[5]) + "\"", doc.id);
        r.score = std::string(fields[5]);
      }
      doc.relations.push_back(std::move(r));
    }
    if (!source_->read_line(line)) break;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  }

  std::vector<std::pair<size_t, std::string>> tolerated;
  size_t bad = 0;
  std::string reason =
      validate_annotations(doc, &bad, options_.allow_mismatched_mentions ? &tolerated : nullptr);
  // The document has been read to its end already: report the line and move on.
  if (!reason.empty()) throw InputError(source_->name(), annotation_lines[bad], reason, /*recoverable=*/true, doc.id);
  if (options_.warnings)
    for (const auto& [i, why] : tolerated)
      *options_.warnings << "biotator: warning: " << source_->name() << ":" << annotation_lines[i] << ": " << why
                         << " (kept as written)\n";
  return true;
}

void append_pubtator(std::string& out, const Document& doc) {
  // Title and abstract lines. Documents with other passage layouts (BioC full texts)
  // are written with the first passage as the title and the rest of the text, offsets
  // unchanged, as the abstract.
  const Passage* title = doc.passages.empty() ? nullptr : &doc.passages[0];
  out += doc.id;
  out += "|t|";
  if (title) append_single_line(out, title->text, false);
  out.push_back('\n');
  out += doc.id;
  out += "|a|";
  if (doc.passages.size() == 2 && doc.passages[1].offset == static_cast<int64_t>(utf8_length(title->text)) + 1) {
    append_single_line(out, doc.passages[1].text, false);
  } else if (doc.passages.size() >= 2) {
    const std::string text = doc.full_text();
    const size_t title_bytes = title->text.size();
    if (text.size() > title_bytes) append_single_line(out, std::string_view(text).substr(title_bytes + 1), false);
  }
  out.push_back('\n');

  std::string full_text;  // built only when a discontinuous mention needs it
  for (const Annotation& a : doc.annotations) {
    out += doc.id;
    out.push_back('\t');
    append_int(out, a.start());
    out.push_back('\t');
    append_int(out, a.end());
    out.push_back('\t');
    if (a.spans.size() > 1) {
      // PubTator has one span per line: write the covering span with the text it
      // covers, so that the offsets still slice the mention exactly.
      if (full_text.empty()) full_text = doc.full_text();
      const size_t b = utf8_byte_offset(full_text, static_cast<size_t>(a.start()));
      const size_t e = utf8_byte_offset(full_text, static_cast<size_t>(a.end()));
      append_single_line(out, std::string_view(full_text).substr(b, e - b), true);
    } else {
      append_single_line(out, a.text, true);
    }
    out.push_back('\t');
    out += a.type;
    if (a.has_id_field || !a.extra_columns.empty()) {
      out.push_back('\t');
      out += a.id_field();
    }
    for (const std::string& extra : a.extra_columns) {
      out.push_back('\t');
      out += extra;
    }
    out.push_back('\n');
  }
  for (const Relation& r : doc.relations) {
    out += doc.id;
    out.push_back('\t');
    out += r.type;
    out.push_back('\t');
    out += r.arg1;
    out.push_back('\t');
    out += r.arg2;
    if (!r.novelty.empty()) {
      out.push_back('\t');
      out += r.novelty;
    }
    if (!r.score.empty()) {
      out.push_back('\t');
      out += r.score;
    }
    out.push_back('\n');
  }
  out.push_back('\n');
}

void PubTatorWriter::write(const Document& doc) {
  buffer_.clear();
  append_pubtator(buffer_, doc);
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

}  // namespace biotator
