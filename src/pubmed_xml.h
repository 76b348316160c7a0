// NLM PubMed XML (baseline/update files, current PubmedArticleSet and the older
// MedlineCitationSet DTD), gzip or plain. Input only.
#pragma once

#include <memory>

#include "byte_source.h"
#include "document_io.h"

namespace biotator {

std::unique_ptr<DocumentReader> make_pubmed_xml_reader(std::unique_ptr<ByteSource> source);

}  // namespace biotator
