// libFuzzer target: the PubMed XML reader. Input starting with the gzip magic bytes is
// read through a file descriptor, so ByteSource's gzip path is fuzzed too; its errors
// for corrupt gzip data (std::runtime_error "... read error ...") are expected.
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

#include "fuzz_support.h"
#include "pubmed_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace biotator;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (size < 2 || data[0] != 0x1f || data[1] != 0x8b) {
    fuzz::fuzz_reader(bytes, [](std::unique_ptr<ByteSource> s) { return make_pubmed_xml_reader(std::move(s)); }, {});
    return 0;
  }
  const int fd = memfd_create("pubmed-fuzz", 0);
  if (fd < 0 || write(fd, data, size) != static_cast<ssize_t>(size)) std::abort();
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    auto reader = make_pubmed_xml_reader(ByteSource::open(path));
    const fuzz::ReadResult result = fuzz::read_all(*reader, size * 1100 + 2);  // gzip expands
    for (const Document& doc : result.documents) fuzz::check_document(doc);
  } catch (const InputError&) {
    throw;  // read_all handles every InputError: one escaping is a bug
  } catch (const std::runtime_error& e) {
    if (std::strstr(e.what(), "read error") == nullptr) throw;
  }
  close(fd);
  return 0;
}
