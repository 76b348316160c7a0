// libFuzzer target: the format guesser and the reader it picks (what `biotator
// annotate` does with an input of unknown format). The first byte picks the source
// name's extension, which the guesser falls back on, and text's line mode.
#include "format.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace biotator;
  if (size == 0) return 0;
  static const char* const kNames[] = {"in.pubtator", "in.xml", "in.json", "in.txt", "in.biocjson.gz", "-", "in", "x.XML"};
  const std::string name = kNames[data[0] % 8];
  ReaderOptions options;
  options.text_lines = (data[0] & 8) != 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto source = ByteSource::from_string(std::string(bytes), name);
  const Format format = guess_input_format(*source);
  if (!parse_format(format_name(format))) std::abort();
  // The guess only peeks: the reader must still see every byte.
  auto reader = make_reader(format, std::move(source), options);
  const fuzz::ReadResult result = fuzz::read_all(*reader, bytes.size() + 2);
  for (const Document& doc : result.documents) fuzz::check_document(doc);
  return 0;
}
