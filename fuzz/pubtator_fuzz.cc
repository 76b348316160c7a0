// libFuzzer target: the PubTator reader, with a PubTator round trip.
#include "fuzz_support.h"
#include "pubtator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace biotator;
  fuzz::fuzz_reader(
      std::string_view(reinterpret_cast<const char*>(data), size),
      [](std::unique_ptr<ByteSource> s) { return std::make_unique<PubTatorReader>(std::move(s)); },
      [](std::ostream& out) { return std::make_unique<PubTatorWriter>(out); });
  return 0;
}
