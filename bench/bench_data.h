// The data every benchmark reads: BioRED Dev from ../shared, loaded once.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "byte_source.h"
#include "document.h"
#include "model_bundle.h"
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

// The model bundle: $BIOTATOR_MODELS, else models/ of the working directory (run the
// benchmarks from the repository root).
inline std::string model_dir() {
  const char* env = std::getenv("BIOTATOR_MODELS");
  return env ? env : "models";
}

// Dev documents and a bundle with an entity recognizer, or a reason to skip (returned
// through `error`).
inline bool load_dev_and_models(ModelBundle& bundle, std::string& error) {
  if (dev_documents().empty()) {
    error = "BioRED Dev not found under ../shared";
    return false;
  }
  try {
    bundle = ModelBundle::load(model_dir());
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  if (!bundle.ner) {
    error = "no models/ner.bt (run from the repository root or set BIOTATOR_MODELS)";
    return false;
  }
  return true;
}

}  // namespace biotator::bench
