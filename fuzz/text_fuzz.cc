// libFuzzer target: the plain text reader. The first byte picks the mode (odd: one
// document per line, "ID<TAB>TEXT"; even: the whole input is one document). Text
// documents have no writer of their own; they must have the PubTator shape the
// reader promises (title at 0, abstract right after it, no line breaks or tabs).
#include "fuzz_support.h"
#include "text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace biotator;
  if (size == 0) return 0;
  const bool lines = (data[0] & 1) != 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto reader = make_text_reader(ByteSource::from_string(std::string(bytes), "dir/fuzz.txt"), lines);
  const fuzz::ReadResult result = fuzz::read_all(*reader, bytes.size() + 2);
  for (const Document& doc : result.documents) {
    fuzz::check_document(doc);
    if (doc.passages.size() != 2 || doc.passages[0].offset != 0 ||
        doc.passages[1].offset != static_cast<int64_t>(utf8_length(doc.passages[0].text)) + 1)
      fuzz::invariant_failed("text document does not have the title/abstract shape", doc);
    if (!lines && doc.id != "fuzz") fuzz::invariant_failed("whole-file document id is not the file name", doc);
    for (const Passage& p : doc.passages)
      if (p.text.find_first_of("\n\t") != std::string::npos ||
          (!lines && p.text.find('\r') != std::string::npos))
        fuzz::invariant_failed("line break or tab left in a text passage", doc);
  }
  return 0;
}
