// Plain text input: the whole file is one document (id = file name without
// directories and extension), or with `lines` one document per line "ID<TAB>TEXT".
#pragma once

#include <memory>

#include "byte_source.h"
#include "document_io.h"

namespace biotator {

std::unique_ptr<DocumentReader> make_text_reader(std::unique_ptr<ByteSource> source, bool lines);

}  // namespace biotator
