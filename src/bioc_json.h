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
// PubTator3's export form of BioC JSON ({"PubTator3": [...]}, as
// ../shared/examples/pubtator3-export-*.biocjson): each annotation's infons add "valid",
// "normalized", "database", "normalized_id" and "biotype" (PubTator3's values: ncbi_mesh
// and "D001943", ncbi_gene and 6611, ncbi_taxonomy, cvcl and "0062"); each relation's
// "role1" and "role2" are entity objects, not identifier strings; a numeric document id
// is also written as "pmid". Not written: PubTator3's concept "name" and "accession"
// (no preferred names in the knowledge base) and variants' database and normalized
// form (PubTator3's for variants is not documented here). Read back by the BioC JSON
// reader.
std::unique_ptr<DocumentWriter> make_pubtator3_json_writer(std::ostream& out);

}  // namespace biotator
