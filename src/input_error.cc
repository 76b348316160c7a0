#include "input_error.h"

namespace biotator {

namespace {
std::string format_message(const std::string& file, uint64_t line, const std::string& reason) {
  return file + ":" + std::to_string(line) + ": " + reason;
}
}  // namespace

InputError::InputError(std::string file, uint64_t line, std::string reason, bool recoverable,
                       std::string document_id)
    : std::runtime_error(format_message(file, line, reason)),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)),
      recoverable_(recoverable),
      document_id_(std::move(document_id)) {}

}  // namespace biotator
