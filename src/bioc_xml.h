// BioC XML in and out (pugixml). Reading streams: the input is cut at </document>
// boundaries and each document is parsed on its own, so memory stays bounded.
#pragma once

#include <memory>
#include <ostream>

#include "byte_source.h"
#include "document_io.h"
#include "format.h"

namespace biotator {

std::unique_ptr<DocumentReader> make_bioc_xml_reader(std::unique_ptr<ByteSource> source,
                                                     const ReaderOptions& options = {});
std::unique_ptr<DocumentWriter> make_bioc_xml_writer(std::ostream& out);

}  // namespace biotator
