#include "byte_source.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <unistd.h>

namespace biotator {

namespace {

constexpr size_t kChunk = 1 << 18;

// zlib's gz* functions read gzip and plain files alike, which is exactly the
// transparency we want for "file or file.gz or stdin".
class GzSource final : public ByteSource {
 public:
  GzSource(const std::string& path) : ByteSource(path) {
    if (path == "-") {
      file_ = gzdopen(dup(fileno(stdin)), "rb");
    } else {
      file_ = gzopen(path.c_str(), "rb");
    }
    if (file_ == nullptr)
      throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
    gzbuffer(file_, 1 << 17);
  }
  ~GzSource() override {
    if (file_) gzclose(file_);
  }

 protected:
  size_t fill(char* out, size_t n) override {
    int got = gzread(file_, out, static_cast<unsigned>(n));
    if (got < 0) {
      int err = 0;
      const char* msg = gzerror(file_, &err);
      throw std::runtime_error(name() + ": read error: " + (msg ? msg : "unknown"));
    }
    if (got == 0) {
      int err = 0;
      const char* msg = gzerror(file_, &err);
      if (err != Z_OK && err != Z_STREAM_END)
        throw std::runtime_error(name() + ": read error: " + (msg ? msg : "unknown"));
    }
    return static_cast<size_t>(got);
  }

 private:
  gzFile file_ = nullptr;
};

class StringSource final : public ByteSource {
 public:
  StringSource(std::string data, std::string name) : ByteSource(std::move(name)), data_(std::move(data)) {}

 protected:
  size_t fill(char* out, size_t n) override {
    size_t take = std::min(n, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, take);
    pos_ += take;
    return take;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> ByteSource::open(const std::string& path) {
  return std::make_unique<GzSource>(path);
}

std::unique_ptr<ByteSource> ByteSource::from_string(std::string data, std::string name) {
  return std::make_unique<StringSource>(std::move(data), std::move(name));
}

bool ByteSource::refill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kChunk) buffer_.resize(std::max(buffer_.size() * 2, end_ + kChunk));
  size_t got = fill(buffer_.data() + end_, buffer_.size() - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool ByteSource::read_line(std::string_view& line) {
  size_t scan_from = begin_;
  for (;;) {
    const char* start = buffer_.data() + scan_from;
    const void* nl = std::memchr(start, '\n', end_ - scan_from);
    if (nl != nullptr) {
      size_t pos = static_cast<const char*>(nl) - buffer_.data();
      line = std::string_view(buffer_.data() + begin_, pos - begin_);
      begin_ = pos + 1;
      last_had_newline_ = true;
      ++line_number_;
      return true;
    }
    size_t scanned = end_ - begin_;
    if (!refill()) {
      if (begin_ == end_) return false;
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      last_had_newline_ = false;
      ++line_number_;
      return true;
    }
    scan_from = begin_ + scanned;
  }
}

size_t ByteSource::read(char* out, size_t n) {
  if (begin_ == end_ && !refill()) return 0;
  size_t take = std::min(n, end_ - begin_);
  std::memcpy(out, buffer_.data() + begin_, take);
  begin_ += take;
  return take;
}

std::string_view ByteSource::peek(size_t n) {
  while (end_ - begin_ < n && refill()) {
  }
  return std::string_view(buffer_.data() + begin_, std::min(n, end_ - begin_));
}

}  // namespace biotator
