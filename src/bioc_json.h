// BioC JSON in and out (nlohmann-json), including PubTator3's {"PubTator3": [...]}
// wrapper. Reading streams document by document.
#pragma once

#include <memory>
#include <ostream>

#include "byte_source.h"
#include "document_io.h"
#include "format.h"

namespace biotator {

std::unique_ptr<DocumentReader> make_bioc_json_reader(std::unique_ptr<ByteSource> source,
                                                     const ReaderOptions& options = {});
std::unique_ptr<DocumentWriter> make_bioc_json_writer(std::ostream& out);

}  // namespace biotator
