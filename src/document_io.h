// The two interfaces every format implements: a streaming reader that yields one
// Document at a time and a writer that emits one Document at a time.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "document.h"

namespace biotator {

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Reads the next document into `doc` (cleared first). Returns false at the end.
  // Throws InputError for malformed input; when the error is recoverable the bad
  // document has been skipped and next() can be called again.
  virtual bool next(Document& doc) = 0;
  // PMIDs of DeleteCitation elements seen so far (PubMed XML only).
  virtual const std::vector<std::string>& deleted_ids() const {
    static const std::vector<std::string> none;
    return none;
  }
};

class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  // Writes one document. The whole document is formatted before anything reaches the
  // stream, so a failure never leaves a partial line behind.
  virtual void write(const Document& doc) = 0;
  // Writes whatever closes the output (BioC's closing tags). Call once, at the end.
  virtual void finish() {}
};

}  // namespace biotator
