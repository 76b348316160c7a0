// Hand-written documents for tests: a title and an abstract, mentions annotated by
// finding their text, relations by their arguments.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "document.h"

namespace biotator::testing {

// A PubTator-like document: title and abstract, mentions found by their text.
struct DocBuilder {
  Document doc;
  DocBuilder(std::string id, const std::string& title, const std::string& abstract) {
    doc.id = std::move(id);
    doc.passages.push_back({"title", 0, title, {}});
    doc.passages.push_back({"abstract", static_cast<int64_t>(title.size()) + 1, abstract, {}});
  }
  // Annotates the `nth` occurrence (0-based) of `mention` in the full text (ASCII only).
  DocBuilder& mention(const std::string& mention, const std::string& type, const std::string& ids, int nth = 0) {
    const std::string text = doc.full_text();
    size_t pos = text.find(mention);
    for (int i = 0; i < nth && pos != std::string::npos; ++i) pos = text.find(mention, pos + 1);
    EXPECT_NE(pos, std::string::npos) << mention;
    Annotation a;
    a.spans.push_back({static_cast<int64_t>(pos), static_cast<int64_t>(pos + mention.size())});
    a.text = mention;
    a.type = type;
    a.ids = split_id_field(ids);
    doc.annotations.push_back(a);
    return *this;
  }
  DocBuilder& relation(const std::string& type, const std::string& a, const std::string& b, const std::string& novelty) {
    doc.relations.push_back({"", type, a, b, novelty, "", {}});
    return *this;
  }
};

}  // namespace biotator::testing
