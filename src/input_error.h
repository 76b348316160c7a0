// The error every reader throws for malformed input: it names the file, the line and
// the reason, and says whether reading can go on with the next document.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace biotator {

class InputError : public std::runtime_error {
 public:
  // `recoverable`: the reader has skipped the bad document and next() may be called
  // again (used by --keep-going). Truncated or unparseable containers are not.
  InputError(std::string file, uint64_t line, std::string reason, bool recoverable = true,
             std::string document_id = {});

  const std::string& file() const { return file_; }
  uint64_t line() const { return line_; }
  const std::string& reason() const { return reason_; }
  bool recoverable() const { return recoverable_; }
  const std::string& document_id() const { return document_id_; }

 private:
  std::string file_;
  uint64_t line_;
  std::string reason_;
  bool recoverable_;
  std::string document_id_;
};

}  // namespace biotator
