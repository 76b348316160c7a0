// Shared harness for the reader fuzz targets: read every document from the fuzzer's
// bytes, accept InputError (malformed input is expected), and check what was read.
//
// A crash, a sanitizer report or one of the invariant failures below is a bug:
//  - every document read passes validate_annotations (spans ordered, inside the text,
//    single-span mentions equal to the slice they name) and has valid UTF-8 passages;
//  - a recoverable InputError really lets reading go on (bounded by a document cap, so
//    a reader that throws forever without consuming input shows up as a failure);
//  - with a writer, the written document reads back as exactly one document and writing
//    that gives the same bytes again (write(read(write(doc))) == write(doc)).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "byte_source.h"
#include "document.h"
#include "document_io.h"
#include "input_error.h"
#include "utf8.h"

namespace biotator::fuzz {

using ReaderFactory = std::function<std::unique_ptr<DocumentReader>(std::unique_ptr<ByteSource>)>;
using WriterFactory = std::function<std::unique_ptr<DocumentWriter>(std::ostream&)>;

[[noreturn]] inline void invariant_failed(const std::string& what, const Document& doc) {
  std::fprintf(stderr, "INVARIANT FAILED (document \"%s\"): %s\n", doc.id.c_str(), what.c_str());
  std::abort();
}

inline void check_document(const Document& doc) {
  for (const Passage& p : doc.passages) {
    size_t bad = 0;
    if (!utf8_valid(p.text, &bad)) invariant_failed("passage text is not valid UTF-8 at byte " + std::to_string(bad), doc);
    if (p.offset < 0) invariant_failed("negative passage offset", doc);
  }
  if (std::string reason = validate_annotations(doc); !reason.empty())
    invariant_failed("reader returned an invalid annotation: " + reason, doc);
  (void)doc.full_text();
}

struct ReadResult {
  std::vector<Document> documents;
  size_t errors = 0;
  bool fatal = false;
};

// Reads everything `reader` gives. Each recoverable error must be followed by progress.
inline ReadResult read_all(DocumentReader& reader, size_t max_steps) {
  ReadResult result;
  for (size_t step = 0;; ++step) {
    if (step == max_steps) {
      std::fprintf(stderr, "INVARIANT FAILED: reader still going after %zu steps\n", max_steps);
      std::abort();
    }
    Document doc;
    try {
      if (!reader.next(doc)) break;
      result.documents.push_back(std::move(doc));
    } catch (const InputError& e) {
      ++result.errors;
      if (e.file().empty()) {
        std::fprintf(stderr, "INVARIANT FAILED: InputError without a file name: %s\n", e.what());
        std::abort();
      }
      if (!e.recoverable()) {
        result.fatal = true;
        break;
      }
    }
  }
  return result;
}

inline std::string write_one(const WriterFactory& make_writer, const Document& doc) {
  std::ostringstream out;
  auto writer = make_writer(out);
  writer->write(doc);
  writer->finish();
  return out.str();
}

inline void round_trip(const Document& doc, const ReaderFactory& make_reader, const WriterFactory& make_writer,
                       const std::string& name) {
  const std::string first = write_one(make_writer, doc);
  auto reader = make_reader(ByteSource::from_string(first, name));
  Document again;
  try {
    if (!reader->next(again)) invariant_failed("written document reads back as nothing:\n" + first, doc);
    Document extra;
    if (reader->next(extra)) invariant_failed("written document reads back as two:\n" + first, doc);
  } catch (const InputError& e) {
    invariant_failed(std::string("written document does not read back: ") + e.what() + "\n" + first, doc);
  }
  check_document(again);
  const std::string second = write_one(make_writer, again);
  if (second != first) invariant_failed("write(read(write(doc))) differs:\n--- first\n" + first + "\n--- second\n" + second, doc);
}

// The whole target: documents read from `bytes` are checked and (with a writer)
// round-tripped. `name` is the source name (some readers use it, e.g. for the ID).
inline void fuzz_reader(std::string_view bytes, const ReaderFactory& make_reader, const WriterFactory& make_writer,
                        const std::string& name = "fuzz-input") {
  auto reader = make_reader(ByteSource::from_string(std::string(bytes), name));
  // Every document and every error consumes at least one byte (or line) of input.
  const ReadResult result = read_all(*reader, bytes.size() + 2);
  for (const Document& doc : result.documents) {
    check_document(doc);
    if (make_writer) round_trip(doc, make_reader, make_writer, name);
  }
}

}  // namespace biotator::fuzz
