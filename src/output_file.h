// An output stream to a file or stdout, optionally gzip (zlib) or zstd compressed.
// close() reports every write error, so a full disk is never mistaken for success,
// and can fsync first so that a file renamed into place afterwards is complete on disk.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace biotator {

enum class Compression { kNone, kGzip, kZstd };

// "none", "gz", "zst".
std::optional<Compression> parse_compression(std::string_view name);
// ".gz", ".zst" or "".
std::string_view compression_extension(Compression c);
// From a file name's extension (".gz", ".zst"), kNone otherwise.
Compression compression_of_path(std::string_view path);

class OutputFile {
 public:
  // Opens `path` for writing ("-" or empty: stdout), truncating it. Throws
  // std::runtime_error naming the path when it cannot be opened.
  OutputFile(const std::string& path, Compression compression);
  ~OutputFile();  // closes without reporting; call close() to know whether all was written
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return stream_; }
  // Flushes, ends the compressed stream and closes the file (stdout is flushed only).
  // Returns false when anything failed to be written. With `sync`, fsyncs before closing.
  bool close(bool sync = false);

 private:
  class Buffer;
  std::unique_ptr<Buffer> buffer_;
  std::ostream stream_;
  bool closed_ = false;
};

}  // namespace biotator
