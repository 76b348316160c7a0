// PubTator, the field's line format, in every dialect found in the corpora:
// PubTator3 exports (4-column relations), BioRED (5-column relations with novelty),
// bc5cdr (7-column composite entity lines, CID relations), NCBI-disease subtypes,
// entity lines without an ID column, multi-ID fields and tmVar variant records.
// Reading then writing well-formed input gives back the same bytes.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "byte_source.h"
#include "document_io.h"
#include "format.h"

namespace biotator {

class PubTatorReader final : public DocumentReader {
 public:
  explicit PubTatorReader(std::unique_ptr<ByteSource> source, const ReaderOptions& options = {});
  bool next(Document& doc) override;

 private:
  [[noreturn]] void fail(const std::string& reason, const std::string& doc_id);
  void skip_rest_of_document();

  std::unique_ptr<ByteSource> source_;
  ReaderOptions options_;
};

// Appends `doc` in PubTator form (text lines, entity lines, relation lines, blank line).
void append_pubtator(std::string& out, const Document& doc);

class PubTatorWriter final : public DocumentWriter {
 public:
  explicit PubTatorWriter(std::ostream& out) : out_(out) {}
  void write(const Document& doc) override;

 private:
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace biotator
