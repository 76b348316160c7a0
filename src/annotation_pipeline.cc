#include "annotation_pipeline.h"

#include <algorithm>
#include <map>

#include "text_analysis.h"
#include "variant_recognizer.h"

namespace biotator {

AnnotationPipeline::AnnotationPipeline(const ModelBundle& bundle, PipelineOptions options)
    : bundle_(bundle), options_(options), recognizer_(bundle.lexicon.get(), bundle.ner.get(), options.recognizer) {}

namespace {

// The identifier PubTator3 writes for a variant, or BioRED's (rs ID, else tmVar form).
std::string variant_id(const VariantMention& v, int group, TypeNames names) {
  if (names == TypeNames::kBioRED) return v.rs.empty() ? v.tmvar : v.rs;
  std::string id = "tmVar:" + v.tmvar;
  if (!v.hgvs.empty()) id += ";HGVS:" + v.hgvs;
  id += ";VariantGroup:" + std::to_string(group);
  if (!v.rs.empty()) id += ";RS#:" + v.rs.substr(2);
  return id;
}

}  // namespace

void AnnotationPipeline::annotate(Document& doc) const {
  doc.annotations.clear();
  doc.relations.clear();
  thread_local AnalyzedText analysis;
  thread_local std::vector<EntityMention> mentions;
  thread_local std::vector<VariantMention> variants;
  analyze_document(doc, bundle_.lexicon.get(), analysis);
  recognizer_.recognize(analysis, mentions);
  variants.clear();
  find_variants(analysis.text, variants);

  // A cell line can look like a nucleotide change ("T98G"): where the tagger, which
  // sees the context ("T98G cells"), calls exactly that span a cell line, it wins.
  std::erase_if(variants, [&](const VariantMention& v) {
    for (const EntityMention& m : mentions)
      if (m.type == EntityType::kCellLine && m.begin == v.begin && m.end == v.end) return true;
    return false;
  });
  // Otherwise the grammar decides what is a variant: tagger mentions overlapping a
  // grammar variant give way, and the tagger's own variants go unless asked to stay.
  auto overlaps_variant = [&](const EntityMention& m) {
    for (const VariantMention& v : variants)
      if (v.begin < m.end && m.begin < v.end) return true;
    return false;
  };
  std::erase_if(mentions, [&](const EntityMention& m) {
    return (m.type == EntityType::kVariant && !options_.keep_tagger_variants) || overlaps_variant(m);
  });

  // Merge in text order.
  struct Item {
    uint32_t begin, end;
    const EntityMention* entity;
    const VariantMention* variant;
  };
  std::vector<Item> items;
  items.reserve(mentions.size() + variants.size());
  for (const EntityMention& m : mentions) items.push_back({m.begin, m.end, &m, nullptr});
  for (const VariantMention& v : variants) items.push_back({v.begin, v.end, nullptr, &v});
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.begin < b.begin; });

  std::map<std::string, int> variant_groups;  // same normalized variant, same group
  for (const Item& item : items) {
    Annotation a;
    a.spans.push_back({static_cast<int64_t>(analysis.index.codepoint_of_byte(item.begin)),
                       static_cast<int64_t>(analysis.index.codepoint_of_byte(item.end))});
    a.text = analysis.text.substr(item.begin, item.end - item.begin);
    if (item.entity) {
      a.type = output_type_name(item.entity->type, a.text, options_.type_names);
    } else {
      const VariantMention& v = *item.variant;
      a.type = options_.type_names == TypeNames::kBioRED ? std::string(biored_type_name(EntityType::kVariant))
                                                          : std::string(variant_kind_name(v.kind));
      const auto group = variant_groups.emplace(v.tmvar, static_cast<int>(variant_groups.size())).first->second;
      a.ids.push_back(variant_id(v, group, options_.type_names));
    }
    doc.annotations.push_back(std::move(a));
  }
}

}  // namespace biotator
