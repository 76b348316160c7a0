// The data every benchmark reads: BioRED Dev from ../shared, loaded once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "byte_source.h"
#include "document.h"
#include "pubtator.h"

namespace biotator::bench {

inline const std::string& dev_path() {
  static const std::string path = std::string(BIOTATOR_SHARED_DIR) + "/corpora/biored/Dev.PubTator";
  return path;
}

// Every Dev document with its gold annotations and relations removed (empty when the
// file is absent: benchmarks then skip with an error).
inline const std::vector<Document>& dev_documents() {
  static const std::vector<Document> docs = [] {
    std::vector<Document> out;
    if (!std::filesystem::exists(dev_path())) return out;
    PubTatorReader reader(ByteSource::open(dev_path()));
    Document doc;
    while (reader.next(doc)) {
      doc.annotations.clear();
      doc.relations.clear();
      out.push_back(doc);
    }
    return out;
  }();
  return docs;
}

// Full texts (title + " " + abstract) of every Dev document.
inline const std::vector<std::string>& dev_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const Document& d : dev_documents()) out.push_back(d.full_text());
    return out;
  }();
  return texts;
}

}  // namespace biotator::bench
