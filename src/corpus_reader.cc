#include "corpus_reader.h"

#include <sstream>
#include <stdexcept>

#include "byte_source.h"
#include "input_error.h"

namespace biotator {

namespace {

// Reads every document of one open input into `result`; sets result.failed when reading
// must stop.
void read_input(std::unique_ptr<ByteSource> source, const CorpusReadOptions& options,
                const std::function<void(Document&)>& on_document, std::ostream& errors, CorpusReadResult& result) {
  std::unique_ptr<DocumentReader> reader;
  try {
    Format format = options.format ? *options.format : guess_input_format(*source);
    reader = make_reader(format, std::move(source), options.reader);
  } catch (const std::exception& e) {
    errors << "biotator: " << e.what() << "\n";
    result.failed = true;
    return;
  }
  Document doc;
  for (;;) {
    try {
      if (!reader->next(doc)) break;
    } catch (const InputError& e) {
      errors << "biotator: " << e.what();
      if (!e.document_id().empty()) errors << " (document " << e.document_id() << ")";
      errors << "\n";
      if (options.keep_going && e.recoverable()) {
        ++result.skipped;
        continue;
      }
      result.failed = true;
      return;
    } catch (const std::runtime_error& e) {  // I/O errors: corrupt gzip, unreadable file
      errors << "biotator: " << e.what() << "\n";
      result.failed = true;
      return;
    }
    ++result.documents;
    on_document(doc);
  }
  const auto& deleted = reader->deleted_ids();
  result.deleted_ids.insert(result.deleted_ids.end(), deleted.begin(), deleted.end());
}

}  // namespace

CorpusReadResult read_corpus(const std::vector<std::string>& inputs, const CorpusReadOptions& options,
                             const std::function<void(Document&)>& on_document, std::ostream& errors) {
  CorpusReadResult result;
  for (const std::string& path : inputs) {
    std::unique_ptr<ByteSource> source;
    try {
      source = ByteSource::open(path);
    } catch (const std::exception& e) {
      errors << "biotator: " << e.what() << "\n";
      result.failed = true;
      return result;
    }
    read_input(std::move(source), options, on_document, errors, result);
    if (result.failed) return result;
  }
  return result;
}

CorpusReadResult read_source(std::unique_ptr<ByteSource> source, const CorpusReadOptions& options,
                             const std::function<void(Document&)>& on_document, std::ostream& errors) {
  CorpusReadResult result;
  read_input(std::move(source), options, on_document, errors, result);
  return result;
}

std::vector<Document> load_documents(const std::vector<std::string>& inputs, const CorpusReadOptions& options) {
  std::vector<Document> docs;
  std::ostringstream errors;
  CorpusReadResult r = read_corpus(inputs, options, [&](Document& d) { docs.push_back(std::move(d)); }, errors);
  if (r.failed) {
    // The lines say "biotator: FILE:LINE: reason"; the caller that reports the exception
    // names the program itself.
    std::string message;
    std::istringstream lines(errors.str());
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("biotator: ")) line.erase(0, 10);
      if (!message.empty()) message += '\n';
      message += line;
    }
    throw std::runtime_error(message);
  }
  return docs;
}

}  // namespace biotator
