#include "format.h"

#include <stdexcept>
#include <vector>

#include "bioc_json.h"
#include "bioc_xml.h"
#include "pubmed_xml.h"
#include "pubtator.h"
#include "text_reader.h"

namespace biotator {

constexpr Format kFormats[] = {Format::kPubTator,      Format::kBioCXml,   Format::kBioCJson,
                               Format::kPubTator3Json, Format::kPubMedXml, Format::kText};

std::string_view format_name(Format f) {
  switch (f) {
    case Format::kPubTator: return "pubtator";
    case Format::kBioCXml: return "bioc-xml";
    case Format::kBioCJson: return "bioc-json";
    case Format::kPubTator3Json: return "pubtator3-json";
    case Format::kPubMedXml: return "pubmed-xml";
    case Format::kText: return "text";
  }
  return "?";
}

std::optional<Format> parse_format(std::string_view name) {
  for (Format f : kFormats)
    if (format_name(f) == name) return f;
  return std::nullopt;
}

bool can_write(Format f) {
  return f == Format::kPubTator || f == Format::kBioCXml || f == Format::kBioCJson || f == Format::kPubTator3Json;
}

std::string format_names(bool writable_only) {
  std::vector<std::string_view> names;
  for (Format f : kFormats)
    if (!writable_only || can_write(f)) names.push_back(format_name(f));
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char a = s[s.size() - suffix.size() + i], b = suffix[i];
    if (std::tolower(static_cast<unsigned char>(a)) != b) return false;
  }
  return true;
}

std::string_view strip_gz(std::string_view path) {
  if (ends_with_ci(path, ".gz")) path.remove_suffix(3);
  return path;
}

}  // namespace

Format guess_input_format(ByteSource& source) {
  // Content first: extensions lie (ncbi-disease ships PubTator as .txt).
  std::string_view head = source.peek(8192);
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte order mark
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string_view body = head.substr(i);
  if (!body.empty() && body[0] == '<') {
    if (body.find("<PubmedArticleSet") != std::string_view::npos ||
        body.find("<MedlineCitationSet") != std::string_view::npos ||
        body.find("<PubmedArticle") != std::string_view::npos ||
        body.find("<MedlineCitation") != std::string_view::npos ||
        body.find("<PubmedBookArticle") != std::string_view::npos ||
        body.find("<DeleteCitation") != std::string_view::npos)
      return Format::kPubMedXml;
    return Format::kBioCXml;
  }
  if (!body.empty() && (body[0] == '{' || body[0] == '[')) return Format::kBioCJson;
  // A PubTator document starts with "ID|t|" or "ID|a|".
  size_t eol = body.find('\n');
  std::string_view first = body.substr(0, eol);
  size_t bar = first.find('|');
  if (bar != std::string_view::npos && bar + 2 < first.size() && first[bar + 2] == '|' &&
      (first[bar + 1] == 't' || first[bar + 1] == 'a') && first.substr(0, bar).find_first_of("\t ") == std::string_view::npos)
    return Format::kPubTator;
  std::string_view name = strip_gz(source.name());
  if (ends_with_ci(name, ".pubtator")) return Format::kPubTator;
  if (ends_with_ci(name, ".json") || ends_with_ci(name, ".biocjson")) return Format::kBioCJson;
  if (ends_with_ci(name, ".xml")) return Format::kBioCXml;
  return Format::kText;
}

Format guess_output_format(std::string_view path) {
  path = strip_gz(path);
  if (ends_with_ci(path, ".xml")) return Format::kBioCXml;
  if (ends_with_ci(path, ".json") || ends_with_ci(path, ".biocjson")) return Format::kBioCJson;
  return Format::kPubTator;
}

std::unique_ptr<DocumentReader> make_reader(Format f, std::unique_ptr<ByteSource> source,
                                            const ReaderOptions& options) {
  switch (f) {
    case Format::kPubTator: return std::make_unique<PubTatorReader>(std::move(source), options);
    case Format::kBioCXml: return make_bioc_xml_reader(std::move(source), options);
    case Format::kBioCJson:
    case Format::kPubTator3Json: return make_bioc_json_reader(std::move(source), options);
    case Format::kPubMedXml: return make_pubmed_xml_reader(std::move(source));
    case Format::kText: return make_text_reader(std::move(source), options.text_lines, options.text_document_id);
  }
  throw std::logic_error("unknown format");
}

std::unique_ptr<DocumentWriter> make_writer(Format f, std::ostream& out) {
  switch (f) {
    case Format::kPubTator: return std::make_unique<PubTatorWriter>(out);
    case Format::kBioCXml: return make_bioc_xml_writer(out);
    case Format::kBioCJson: return make_bioc_json_writer(out);
    case Format::kPubTator3Json: return make_pubtator3_json_writer(out);
    case Format::kPubMedXml:
    case Format::kText: break;
  }
  throw std::invalid_argument(std::string(format_name(f)) + " is an input-only format");
}

}  // namespace biotator
