// The container of BioTator's binary model files: an 8-byte magic naming the kind of
// model, the uncompressed size, then a zstd-compressed body. Plus little helpers to
// append and read fixed-size values and strings in the body (little-endian hosts).
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace biotator {

// Writes `body` compressed to `path` (atomically: a temporary file is renamed).
// `magic` must be 8 characters. Throws std::runtime_error naming the path.
void save_model_file(const std::string& path, std::string_view magic, std::string_view body, int level = 19);
// Reads and decompresses a file written by save_model_file, checking its magic.
std::string load_model_file(const std::string& path, std::string_view magic);

class BodyWriter {
 public:
  template <typename T>
  void put(const T& v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void put_string(std::string_view s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  template <typename T>
  void put_array(const T* data, size_t n) {
    out_.append(reinterpret_cast<const char*>(data), n * sizeof(T));
  }
  // Strictly increasing row indices of a sparse table: their count, then the deltas
  // (small numbers, which compress better).
  void put_row_indices(const std::vector<uint32_t>& rows) {
    put<uint32_t>(static_cast<uint32_t>(rows.size()));
    uint32_t previous = 0;
    for (uint32_t row : rows) {
      put<uint32_t>(row - previous);
      previous = row;
    }
  }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

class BodyReader {
 public:
  BodyReader(std::string_view body, std::string name) : body_(body), name_(std::move(name)) {}
  template <typename T>
  T get() {
    T v;
    need(sizeof(T));
    std::memcpy(&v, body_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string get_string() {
    auto n = get<uint32_t>();
    need(n);
    std::string s(body_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  template <typename T>
  void get_array(T* data, size_t n) {
    need(n * sizeof(T));
    std::memcpy(data, body_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
  }
  // What put_row_indices wrote; throws "NAME: WHAT is corrupt (...)" unless the indices
  // are strictly increasing and below `limit`.
  std::vector<uint32_t> get_row_indices(size_t limit, std::string_view what) {
    const auto count = get<uint32_t>();
    if (count > limit) throw std::runtime_error(name_ + ": " + std::string(what) + " is corrupt (row count)");
    std::vector<uint32_t> rows(count);
    uint32_t row = 0;
    for (uint32_t i = 0; i < count; ++i) {
      row += get<uint32_t>();
      if (row >= limit || (i > 0 && row <= rows[i - 1]))
        throw std::runtime_error(name_ + ": " + std::string(what) + " is corrupt (rows)");
      rows[i] = row;
    }
    return rows;
  }
  bool done() const { return pos_ == body_.size(); }

 private:
  void need(size_t n) const {
    if (pos_ + n > body_.size()) throw std::runtime_error(name_ + ": model file is truncated or corrupt");
  }
  std::string_view body_;
  std::string name_;
  size_t pos_ = 0;
};

}  // namespace biotator
