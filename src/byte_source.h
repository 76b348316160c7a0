// Buffered, streaming input from a file, a gzip file or stdin ("-"). Gzip is detected
// from the content, so `x.xml.gz`, `x.xml` and a gzipped stdin all read the same way.
// Nothing is ever loaded whole: readers pull lines or chunks as they go.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace biotator {

class ByteSource {
 public:
  // Opens `path` ("-" = stdin). Throws std::runtime_error naming the path on failure.
  static std::unique_ptr<ByteSource> open(const std::string& path);
  // Reads from an in-memory string (tests, services).
  static std::unique_ptr<ByteSource> from_string(std::string data, std::string name = "<memory>");

  virtual ~ByteSource() = default;

  const std::string& name() const { return name_; }

  // Reads one line without its '\n' (a trailing '\r' is kept: it is part of the bytes).
  // Returns false at end of input. The view is valid until the next call.
  bool read_line(std::string_view& line);
  // True when the last line returned by read_line ended with '\n'.
  bool last_line_had_newline() const { return last_had_newline_; }
  // 1-based number of the line last returned by read_line.
  uint64_t line_number() const { return line_number_; }

  // Reads up to `n` bytes; returns the count (0 at end).
  size_t read(char* out, size_t n);
  // Returns up to `n` bytes from the start of the unread input without consuming them.
  std::string_view peek(size_t n);

 protected:
  explicit ByteSource(std::string name) : name_(std::move(name)) {}
  // Fills `out` with up to `n` raw bytes; returns 0 at end. Throws on I/O errors.
  virtual size_t fill(char* out, size_t n) = 0;

 private:
  bool refill();  // moves unread bytes to the front and reads more; false if nothing more

  std::string name_;
  std::string buffer_;
  size_t begin_ = 0;  // first unread byte
  size_t end_ = 0;    // one past the last valid byte
  bool eof_ = false;
  bool last_had_newline_ = false;
  uint64_t line_number_ = 0;
};

}  // namespace biotator
