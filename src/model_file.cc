#include "model_file.h"

#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace biotator {

void save_model_file(const std::string& path, std::string_view magic, std::string_view body, int level) {
  if (magic.size() != 8) throw std::logic_error("model magic must be 8 bytes");
  std::string compressed(ZSTD_compressBound(body.size()), '\0');
  const size_t n = ZSTD_compress(compressed.data(), compressed.size(), body.data(), body.size(), level);
  if (ZSTD_isError(n)) throw std::runtime_error(path + ": cannot compress: " + ZSTD_getErrorName(n));
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot open for writing");
    const uint64_t size = body.size();
    out.write(magic.data(), 8);
    out.write(reinterpret_cast<const char*>(&size), sizeof size);
    out.write(compressed.data(), static_cast<std::streamsize>(n));
    if (!out) throw std::runtime_error(path + ": write failed");
  }
  std::filesystem::rename(tmp, path);
}

std::string load_model_file(const std::string& path, std::string_view magic) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open model file");
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string file = ss.str();
  if (file.size() < 16 || std::string_view(file).substr(0, 8) != magic)
    throw std::runtime_error(path + ": not a " + std::string(magic) + " model file");
  uint64_t size;
  std::memcpy(&size, file.data() + 8, sizeof size);
  std::string body(size, '\0');
  const size_t got = ZSTD_decompress(body.data(), body.size(), file.data() + 16, file.size() - 16);
  if (ZSTD_isError(got) || got != size) throw std::runtime_error(path + ": model file is corrupt");
  return body;
}

}  // namespace biotator
