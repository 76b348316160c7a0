#include "output_file.h"

#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace biotator {

std::optional<Compression> parse_compression(std::string_view name) {
  if (name == "none") return Compression::kNone;
  if (name == "gz" || name == "gzip") return Compression::kGzip;
  if (name == "zst" || name == "zstd") return Compression::kZstd;
  return std::nullopt;
}

std::string_view compression_extension(Compression c) {
  switch (c) {
    case Compression::kNone: return "";
    case Compression::kGzip: return ".gz";
    case Compression::kZstd: return ".zst";
  }
  return "";
}

Compression compression_of_path(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::kGzip;
  if (path.ends_with(".zst")) return Compression::kZstd;
  return Compression::kNone;
}

// Collects what the stream writes in a buffer and hands it, compressed or not, to the
// FILE. Errors are remembered and reported by finish().
class OutputFile::Buffer : public std::streambuf {
 public:
  Buffer(const std::string& path, Compression compression) : compression_(compression), pending_(1 << 17) {
    if (path.empty() || path == "-") {
      file_ = stdout;
    } else {
      file_ = std::fopen(path.c_str(), "wb");
      if (!file_) throw std::runtime_error(path + ": cannot open for writing: " + std::strerror(errno));
      owns_file_ = true;
    }
    if (compression_ == Compression::kGzip) {
      // 15 + 16: a gzip header and trailer around the deflate stream, as gzip(1) writes.
      if (deflateInit2(&zlib_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        fail_open(path, "cannot start gzip compression");
      zlib_started_ = true;
    } else if (compression_ == Compression::kZstd) {
      zstd_ = ZSTD_createCCtx();
      if (!zstd_) fail_open(path, "cannot start zstd compression");
    }
    if (compression_ != Compression::kNone) compressed_.resize(1 << 17);
    setp(pending_.data(), pending_.data() + pending_.size());
  }

  ~Buffer() override {
    if (zlib_started_) deflateEnd(&zlib_);
    if (zstd_) ZSTD_freeCCtx(zstd_);
    if (owns_file_ && file_) std::fclose(file_);
  }

  bool finish(bool sync) {
    bool ok = drain(true);
    ok = std::fflush(file_) == 0 && ok;
    if (sync && owns_file_) ok = ::fsync(fileno(file_)) == 0 && ok;
    if (owns_file_) {
      ok = std::fclose(file_) == 0 && ok;
      file_ = nullptr;
    }
    return ok && !failed_;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain(false)) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  int sync() override { return drain(false) && std::fflush(file_) == 0 ? 0 : -1; }

 private:
  void fail_open(const std::string& path, const char* what) {
    if (owns_file_) std::fclose(file_);
    file_ = nullptr;
    throw std::runtime_error(path + ": " + what);
  }

  // Passes the buffered bytes on; `end` also closes the compressed stream.
  bool drain(bool end) {
    const char* data = pbase();
    const size_t size = static_cast<size_t>(pptr() - pbase());
    setp(pending_.data(), pending_.data() + pending_.size());
    if (failed_) return false;
    switch (compression_) {
      case Compression::kNone: failed_ = !write_raw(data, size); break;
      case Compression::kGzip: failed_ = !deflate_chunk(data, size, end); break;
      case Compression::kZstd: failed_ = !zstd_chunk(data, size, end); break;
    }
    return !failed_;
  }

  bool write_raw(const char* data, size_t size) {
    return size == 0 || std::fwrite(data, 1, size, file_) == size;
  }

  bool deflate_chunk(const char* data, size_t size, bool end) {
    zlib_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    zlib_.avail_in = static_cast<uInt>(size);
    for (;;) {
      zlib_.next_out = reinterpret_cast<Bytef*>(compressed_.data());
      zlib_.avail_out = static_cast<uInt>(compressed_.size());
      const int rc = deflate(&zlib_, end ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) return false;
      if (!write_raw(compressed_.data(), compressed_.size() - zlib_.avail_out)) return false;
      if (end ? rc == Z_STREAM_END : zlib_.avail_out != 0) return true;
    }
  }

  bool zstd_chunk(const char* data, size_t size, bool end) {
    ZSTD_inBuffer in{data, size, 0};
    for (;;) {
      ZSTD_outBuffer out{compressed_.data(), compressed_.size(), 0};
      const size_t remaining = ZSTD_compressStream2(zstd_, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(remaining)) return false;
      if (!write_raw(compressed_.data(), out.pos)) return false;
      if (end ? remaining == 0 : in.pos == in.size) return true;
    }
  }

  Compression compression_;
  std::vector<char> pending_;     // what the stream wrote, not yet passed on
  std::vector<char> compressed_;  // compressor output, written to the file at once
  FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool failed_ = false;
  z_stream zlib_{};
  bool zlib_started_ = false;
  ZSTD_CCtx* zstd_ = nullptr;
};

OutputFile::OutputFile(const std::string& path, Compression compression)
    : buffer_(std::make_unique<Buffer>(path, compression)), stream_(buffer_.get()) {}

OutputFile::~OutputFile() = default;

bool OutputFile::close(bool sync) {
  if (closed_) return true;
  closed_ = true;
  stream_.flush();
  const bool stream_ok = !stream_.fail();
  return buffer_->finish(sync) && stream_ok;
}

}  // namespace biotator
