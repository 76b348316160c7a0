// Format names, format guessing and the reader/writer factories the CLI uses.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "byte_source.h"
#include "document_io.h"

namespace biotator {

// kPubTator3Json: PubTator3's export form of BioC JSON (bioc_json.h); written as that,
// read as BioC JSON.
enum class Format { kPubTator, kBioCXml, kBioCJson, kPubTator3Json, kPubMedXml, kText };

// "pubtator", "bioc-xml", "bioc-json", "pubtator3-json", "pubmed-xml", "text".
std::string_view format_name(Format f);
std::optional<Format> parse_format(std::string_view name);
bool can_write(Format f);  // PubMed XML and text are input-only
// The names for messages and help: "pubtator, bioc-xml, bioc-json or pubtator3-json"
// (the writable formats), or all of them.
std::string format_names(bool writable_only);

// Guesses an input's format from its first bytes (gzip already undone by ByteSource),
// falling back on the file name's extension.
Format guess_input_format(ByteSource& source);
// Guesses an output format from a file name (".xml" → bioc-xml, ".json" → bioc-json),
// defaulting to PubTator.
Format guess_output_format(std::string_view path);

struct ReaderOptions {
  bool text_lines = false;  // text: one document per line, "ID<TAB>TEXT"
  // text, whole: the document's ID (empty: from the file name; the local service names
  // a request body's document this way).
  std::string text_document_id;
  // Real corpora carry a few mentions whose text does not match their offsets (a
  // shifted span, a discontinuous mention written as one). By default that is bad
  // input; with this set the annotation is kept as written and a warning goes to
  // `warnings` (when non-null) instead.
  bool allow_mismatched_mentions = false;
  std::ostream* warnings = nullptr;
};

std::unique_ptr<DocumentReader> make_reader(Format f, std::unique_ptr<ByteSource> source,
                                            const ReaderOptions& options = {});
std::unique_ptr<DocumentWriter> make_writer(Format f, std::ostream& out);

}  // namespace biotator
