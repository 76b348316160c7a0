// Reads documents from many inputs in any format, with BioTator's bad-input policy:
// stop at the first malformed document, or with keep_going skip it, report it and go
// on. Shared by every command that reads documents (convert, eval, annotate, train).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "byte_source.h"
#include "document.h"
#include "format.h"

namespace biotator {

struct CorpusReadOptions {
  std::optional<Format> format;  // guessed per input when empty
  ReaderOptions reader;
  bool keep_going = false;
};

struct CorpusReadResult {
  uint64_t documents = 0;
  uint64_t skipped = 0;  // bad documents skipped under keep_going
  bool failed = false;   // stopped at a bad input (error already reported)
  std::vector<std::string> deleted_ids;  // PubMed DeleteCitation PMIDs
};

// Calls `on_document` for every document of every input in order. Errors go to `errors`
// as "biotator: FILE:LINE: reason".
CorpusReadResult read_corpus(const std::vector<std::string>& inputs, const CorpusReadOptions& options,
                             const std::function<void(Document&)>& on_document, std::ostream& errors);

// The same for one input already open (a service's request body); `source` names it in
// the errors.
CorpusReadResult read_source(std::unique_ptr<ByteSource> source, const CorpusReadOptions& options,
                             const std::function<void(Document&)>& on_document, std::ostream& errors);

// Convenience: every document of the inputs in memory. Throws std::runtime_error on bad input.
std::vector<Document> load_documents(const std::vector<std::string>& inputs,
                                     const CorpusReadOptions& options = {});

}  // namespace biotator
