// libFuzzer target: the streaming BioC XML reader, with a BioC XML round trip.
#include "bioc_xml.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace biotator;
  fuzz::fuzz_reader(
      std::string_view(reinterpret_cast<const char*>(data), size),
      [](std::unique_ptr<ByteSource> s) { return make_bioc_xml_reader(std::move(s)); },
      [](std::ostream& out) { return make_bioc_xml_writer(out); });
  return 0;
}
