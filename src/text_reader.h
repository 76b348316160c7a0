// Plain text input: the whole file is one document (id = `document_id`, else the file
// name without directories and extension, "stdin" for stdin), or with `lines` one
// document per line "ID<TAB>TEXT".
#pragma once

#include <memory>
#include <string>

#include "byte_source.h"
#include "document_io.h"

namespace biotator {

std::unique_ptr<DocumentReader> make_text_reader(std::unique_ptr<ByteSource> source, bool lines,
                                                 std::string document_id = {});

}  // namespace biotator
