#include "annotation_pipeline.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <unordered_map>

#include "text_analysis.h"
#include "utf8.h"
#include "variant_recognizer.h"

namespace biotator {

std::optional<IdStyle> parse_id_style(std::string_view name) {
  if (name == "pubtator3") return IdStyle::kPubTator3;
  if (name == "biored") return IdStyle::kBioRED;
  return std::nullopt;
}

AnnotationPipeline::AnnotationPipeline(const ModelBundle& bundle, PipelineOptions options)
    : bundle_(bundle),
      options_(options),
      recognizer_(bundle.lexicon.get(), bundle.ner.get(), options.recognizer, bundle.clusters.get()),
      linker_(bundle.kb.get()) {
  if (bundle.relations) relation_extractor_ = std::make_unique<RelationExtractor>(*bundle.relations);
}

void AnnotationPipeline::relate(Document& doc, const AnalyzedText& analysis) const {
  doc.relations.clear();
  if (!relation_extractor_) return;
  relation_extractor_->extract(doc, analysis, options_.min_relation_score);
  for (Relation& r : doc.relations) {
    if (!options_.relation_novelty) r.novelty.clear();
    if (!options_.relation_scores) r.score.clear();
  }
}

void AnnotationPipeline::relate_existing(Document& doc) const {
  thread_local AnalyzedText analysis;
  analyze_document(doc, nullptr, analysis);
  relate(doc, analysis);
}

namespace {

// Where a gene named after a variant would start when the words right after the
// variant's end (byte offset `end` of `text`) say whose it is: " polymorphism of the ",
// " mutation in ", " variant of ", ... (ASCII spaces, the noun in either number, case
// ignored); 0 when they do not.
size_t gene_named_after(std::string_view text, size_t end) {
  static constexpr std::string_view kNouns[] = {"polymorphism", "variant",      "mutation", "allele",
                                                "substitution", "snp",          "genotype"};
  size_t i = end;
  const auto spaces = [&] {
    const size_t from = i;
    while (i < text.size() && text[i] == ' ') ++i;
    return i > from;
  };
  const auto word = [&] {
    const size_t from = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string w(text.substr(from, i - from));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return w;
  };
  if (!spaces()) return 0;
  std::string noun = word();
  if (noun.size() > 1 && noun.back() == 's') noun.pop_back();
  if (std::find(std::begin(kNouns), std::end(kNouns), noun) == std::end(kNouns)) return 0;
  if (!spaces()) return 0;
  const std::string preposition = word();
  if (preposition != "of" && preposition != "in") return 0;
  if (!spaces()) return 0;
  const size_t before_article = i;
  if (word() == "the" && spaces()) return i;
  return before_article;
}

// BioRED writes identifiers without "MESH:", Cellosaurus ones as "CVCL_0062", and joins
// several with ','.
void to_biored_ids(Annotation& a) {
  for (std::string& id : a.ids) {
    if (id.starts_with("MESH:")) id.erase(0, 5);
    else if (id.starts_with("CVCL:")) id[4] = '_';
  }
  a.id_separator = ',';
}

}  // namespace

void AnnotationPipeline::link_existing(Document& doc) const {
  doc.relations.clear();
  for (Annotation& a : doc.annotations) {
    a.ids.clear();
    a.has_id_field = true;  // an input line without an ID column gets one now
  }
  if (bundle_.kb) linker_.link_document(doc);
  // Variants are normalized from their own text by the grammar, then read together
  // (rs IDs written next to them, groups) in the document's text.
  const std::string text = doc.full_text();
  const CodepointIndex index(text);
  std::vector<std::pair<size_t, VariantMention>> variants;
  for (size_t i = 0; i < doc.annotations.size(); ++i) {
    const Annotation& a = doc.annotations[i];
    if (entity_type_of(a.type) != EntityType::kVariant) continue;
    // The mention's own text, read in the document where its span matches it.
    std::optional<VariantMention> v;
    if (a.start() >= 0 && a.start() <= a.end() && static_cast<size_t>(a.end()) <= index.size()) {
      const size_t b = index.byte_offset(static_cast<size_t>(a.start())), e = index.byte_offset(static_cast<size_t>(a.end()));
      if (std::string_view(text).substr(b, e - b) == a.text) v = parse_variant_in(text, b, e);
    }
    if (!v) {
      v = parse_variant(a.text);
      if (v) v->begin = v->end = UINT32_MAX;  // not where the text says: read on its own, placed after it
    }
    if (v) variants.emplace_back(i, std::move(*v));
  }
  std::stable_sort(variants.begin(), variants.end(), [](const auto& x, const auto& y) {
    return x.second.begin != y.second.begin ? x.second.begin < y.second.begin : x.second.end < y.second.end;
  });
  std::vector<size_t> annotation_of;
  std::vector<VariantMention> mentions;
  for (auto& [index, v] : variants) {
    annotation_of.push_back(index);
    mentions.push_back(std::move(v));
  }
  link_variants(doc, text, annotation_of, mentions);
  if (options_.id_style == IdStyle::kBioRED)
    for (Annotation& a : doc.annotations)
      if (entity_type_of(a.type) != EntityType::kVariant) to_biored_ids(a);
}

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
  // sees the context ("T98G cells"), calls exactly that span a cell line, it wins; and
  // so it does where it calls the same text a cell line elsewhere in the document (a
  // name means one thing in an abstract): the variant becomes that cell line. BioRED
  // Dev: CellLine +2 true mentions ("T98G glioma cells"), Variant -2 false; BioRED
  // Train and tmVar3 unchanged.
  {
    // (Views into the text itself: analysis.text is a std::string, whose substr() copies.)
    const std::string_view text = analysis.text;
    thread_local std::vector<std::string_view> cell_line_names;
    cell_line_names.clear();
    for (const EntityMention& m : mentions)
      if (m.type == EntityType::kCellLine) cell_line_names.push_back(text.substr(m.begin, m.end - m.begin));
    if (!cell_line_names.empty()) {
      std::sort(cell_line_names.begin(), cell_line_names.end());
      const size_t tagged = mentions.size();
      std::erase_if(variants, [&](const VariantMention& v) {
        const std::string_view name = text.substr(v.begin, v.end - v.begin);
        if (!std::binary_search(cell_line_names.begin(), cell_line_names.end(), name)) return false;
        bool taken = false;  // by another mention of the tagger's (the cell line itself, or not)
        for (size_t i = 0; i < tagged && !taken; ++i) {
          EntityMention& m = mentions[i];
          if (!(m.begin < v.end && v.begin < m.end)) continue;
          // The tagger's own variant reading of the span gives way to the cell line.
          if (m.type == EntityType::kVariant && m.begin == v.begin && m.end == v.end) m.type = EntityType::kCellLine;
          taken = true;
        }
        if (!taken) mentions.push_back({v.begin, v.end, EntityType::kCellLine});
        return true;
      });
      if (mentions.size() > tagged)
        std::sort(mentions.begin(), mentions.end(),
                  [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
    }
  }
  // The learned filter drops the grammar's look-alikes (figure labels, clone names, tags).
  if (bundle_.variant_filter) bundle_.variant_filter->filter(analysis.text, variants);
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

  // The annotation of each variant: items keep the variants' (text) order.
  std::vector<size_t> variant_annotations;
  variant_annotations.reserve(variants.size());
  for (const Item& item : items) {
    Annotation a;
    a.spans.push_back({static_cast<int64_t>(analysis.index.codepoint_of_byte(item.begin)),
                       static_cast<int64_t>(analysis.index.codepoint_of_byte(item.end))});
    a.text = analysis.text.substr(item.begin, item.end - item.begin);
    if (item.entity) {
      a.type = output_type_name(item.entity->type, a.text, options_.type_names);
    } else {
      a.type = options_.type_names == TypeNames::kBioRED ? std::string(biored_type_name(EntityType::kVariant))
                                                          : std::string(variant_kind_name(item.variant->kind));
      variant_annotations.push_back(doc.annotations.size());
    }
    doc.annotations.push_back(std::move(a));
  }
  if (bundle_.kb) linker_.link_document(doc, &analysis);
  link_variants(doc, analysis.text, variant_annotations, variants);
  if (bundle_.kb) drop_unlinked_species(doc.annotations);
  if (bundle_.kb) unify_unlinked_repeats(doc.annotations);
  if (bundle_.kb && options_.id_style == IdStyle::kBioRED)
    for (Annotation& a : doc.annotations)
      if (entity_type_of(a.type) != EntityType::kVariant) to_biored_ids(a);
  relate(doc, analysis);
}

std::optional<std::string> AnnotationPipeline::rs_from_human_reading(
    const std::vector<const Annotation*>& genes, const Annotation& variant, const std::string& tmvar,
    std::unordered_map<std::string, std::vector<std::string>>& human_readings, std::string_view gene,
    std::string_view nearest_gene) const {
  // Genes farther than this are not looked at: an abstract is shorter, and a long text
  // stays linear.
  constexpr int64_t kWindowCharacters = 5000;
  std::vector<std::pair<int64_t, const Annotation*>> near;
  for (const Annotation* g : genes) {
    if (std::none_of(g->ids.begin(), g->ids.end(), [&](const std::string& id) { return id == gene || id == nearest_gene; }))
      continue;
    const int64_t distance = g->end() <= variant.start() ? variant.start() - g->end() : g->start() - variant.end();
    if (std::abs(distance) <= kWindowCharacters) near.emplace_back(std::abs(distance), g);
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  if (!bundle_.kb) return std::nullopt;
  for (const auto& [distance, g] : near) {
    auto it = human_readings.find(g->text);
    if (it == human_readings.end())
      it = human_readings.emplace(g->text, linker_.link(g->text, EntityType::kGene, LinkContext{})).first;
    for (const std::string& id : it->second)
      if (auto found = bundle_.variant_rs->rs_for(tmvar, id)) return found;
  }
  return std::nullopt;
}

void AnnotationPipeline::link_variants(Document& doc, std::string_view text, const std::vector<size_t>& annotation_of,
                                       std::vector<VariantMention>& mentions) const {
  // rs IDs the text writes next to the variants, and which mentions name one variant.
  const std::vector<uint32_t> groups = link_variant_mentions(text, mentions);
  std::vector<const Annotation*> genes;
  for (const Annotation& g : doc.annotations)
    if (entity_type_of(g.type) == EntityType::kGene) genes.push_back(&g);
  std::unordered_map<std::string, std::vector<std::string>> human_readings;  // gene text -> human gene IDs
  std::vector<std::string> gene_of(mentions.size()), rs_of(mentions.size());
  for (size_t k = 0; k < mentions.size(); ++k) {
    const Annotation& a = doc.annotations[annotation_of[k]];
    // The gene a variant belongs to: the nearest gene mention with an ID, preferring
    // one before it (tmVar's CorrespondingGene).
    std::string& gene = gene_of[k];
    int64_t best = INT64_MAX;
    for (const Annotation* g_ptr : genes) {
      const Annotation& g = *g_ptr;
      if (g.ids.empty() || is_null_id(g.ids[0])) continue;
      const int64_t distance = g.end() <= a.start() ? a.start() - g.end() : 2 * (g.start() - a.end()) + 1;
      if (distance >= 0 && distance < best) {
        best = distance;
        gene = g.ids[0];
      }
    }
  }
  // One variant has one gene: the mentions of a group take the gene most of them are
  // nearest to (the first mention's among equals), as tmVar3's annotations do (187 of
  // its 192 groups of several mentions have one gene; the rest miss it on a mention).
  // CorrespondingGene right on tmVar3's gold mentions 77.81 -> 78.54 %; BioRED scores,
  // which do not look at the gene, unchanged. The rs lookup tries the group's gene, then
  // the mention's own nearest one.
  const std::vector<std::string> nearest_gene = gene_of;
  {
    struct Vote {
      int votes = 0;
      size_t first = 0;  // its first mention in the group
    };
    std::map<std::pair<uint32_t, std::string_view>, Vote> votes;
    for (size_t k = 0; k < mentions.size(); ++k) {
      if (nearest_gene[k].empty()) continue;
      Vote& vote = votes[{groups[k], nearest_gene[k]}];
      if (vote.votes++ == 0) vote.first = k;
    }
    std::vector<const std::pair<const std::pair<uint32_t, std::string_view>, Vote>*> winner(mentions.size(), nullptr);
    for (const auto& entry : votes) {
      const auto*& best = winner[entry.first.first];
      if (!best || entry.second.votes > best->second.votes ||
          (entry.second.votes == best->second.votes && entry.second.first < best->second.first))
        best = &entry;
    }
    for (size_t k = 0; k < mentions.size(); ++k)
      if (winner[groups[k]]) gene_of[k] = std::string(winner[groups[k]]->first.second);
  }
  // A variant said to be "of" or "in" the gene named right after it ("the 3435C>T
  // polymorphism of ABCB1", "R1306W mutation in VWF") belongs to that gene, whatever
  // gene is nearer before it; so does every mention of its group. BioRED Train and
  // Dev and tmVar3 Train write the pattern 23, 6 and 13 times, with the gene after it
  // the variant's (tmVar3's CorrespondingGene) each time checked.
  {
    std::vector<std::string_view> stated(mentions.size());
    for (size_t k = 0; k < mentions.size(); ++k) {
      const size_t after = gene_named_after(text, mentions[k].end);
      if (after == 0) continue;
      // The pattern is ASCII: its bytes are its code points.
      const int64_t start = doc.annotations[annotation_of[k]].end() + static_cast<int64_t>(after - mentions[k].end);
      for (const Annotation* g : genes)
        if (g->start() == start && !g->ids.empty() && !is_null_id(g->ids[0])) {
          stated[k] = g->ids[0];
          break;
        }
    }
    // A list of variants shares the gene stated after its last one: "the G12D and G13D
    // mutations of KRAS", "R117H, F508del or G551D variants in CFTR".
    for (size_t k = mentions.size(); k-- > 1;) {
      if (stated[k].empty() || !stated[k - 1].empty() || mentions[k - 1].end > mentions[k].begin) continue;
      const std::string_view between = text.substr(mentions[k - 1].end, mentions[k].begin - mentions[k - 1].end);
      if (between == ", " || between == " and " || between == ", and " || between == " or " || between == ", or " ||
          between == "/" || between == " / ")
        stated[k - 1] = stated[k];
    }
    std::vector<std::string_view> group_gene(mentions.size());
    for (size_t k = 0; k < mentions.size(); ++k)
      if (!stated[k].empty() && group_gene[groups[k]].empty()) group_gene[groups[k]] = stated[k];
    for (size_t k = 0; k < mentions.size(); ++k)
      if (!group_gene[groups[k]].empty()) gene_of[k] = std::string(group_gene[groups[k]]);
  }
  for (size_t k = 0; k < mentions.size(); ++k) {
    const VariantMention& v = mentions[k];
    const Annotation& a = doc.annotations[annotation_of[k]];
    const std::string& gene = gene_of[k];
    std::string& rs = rs_of[k];
    rs = v.rs;
    if (rs.empty() && bundle_.variant_rs && options_.variant_rs_lookup > 0) {
      std::optional<std::string> found;
      if (!gene.empty()) found = bundle_.variant_rs->rs_for(v.tmvar, gene);
      if (!found && !nearest_gene[k].empty() && nearest_gene[k] != gene)
        found = bundle_.variant_rs->rs_for(v.tmvar, nearest_gene[k]);
      // dbSNP records the human gene: the human reading of the gene's name ("podocin"
      // linked to the mouse gene in a mouse study is NPHS2 for dbSNP). The document's
      // other genes are not tried: on BioRED Dev end to end they gave 5 mentions a wrong
      // rs ID for 2 right (Variant mention level 75.86 -> 77.89; gold mentions 76.40 ->
      // 76.80, Train 83.60 -> 83.71). Nor the document's most mentioned gene (GJB2's
      // c.35delG after a GJB3 mention): gold mentions Dev +1, Train -1.
      if (!found) found = rs_from_human_reading(genes, a, v.tmvar, human_readings, gene, nearest_gene[k]);
      if (!found && options_.variant_rs_lookup > 1) found = bundle_.variant_rs->most_frequent_rs(v.tmvar);
      if (found) rs = *found;
    }
  }
  // Mentions of one variant share the rs ID found for it, where those found agree.
  {
    std::vector<std::string_view> group_rs(mentions.size());
    std::vector<char> conflict(mentions.size(), 0);
    for (size_t k = 0; k < mentions.size(); ++k) {
      if (rs_of[k].empty()) continue;
      std::string_view& r = group_rs[groups[k]];
      if (r.empty()) r = rs_of[k];
      else if (r != rs_of[k]) conflict[groups[k]] = 1;
    }
    for (size_t k = 0; k < mentions.size(); ++k)
      if (rs_of[k].empty() && !conflict[groups[k]] && !group_rs[groups[k]].empty())
        rs_of[k] = std::string(group_rs[groups[k]]);
  }
  for (size_t k = 0; k < mentions.size(); ++k) {
    const VariantMention& v = mentions[k];
    const std::string& rs = rs_of[k];
    Annotation& a = doc.annotations[annotation_of[k]];
    a.ids.clear();
    if (options_.id_style == IdStyle::kBioRED) {
      a.ids.push_back(rs.empty() ? v.tmvar : rs);
      continue;
    }
    std::string id = v.tmvar.starts_with("rs") ? v.tmvar : "tmVar:" + v.tmvar;
    if (!v.hgvs.empty()) id += ";HGVS:" + v.hgvs;
    id += ";VariantGroup:" + std::to_string(groups[k]);
    if (!gene_of[k].empty()) id += ";CorrespondingGene:" + gene_of[k];
    if (!rs.empty()) id += ";RS#:" + rs.substr(2);
    // PubTator3 ends the record with the species of the variant's gene.
    if (!gene_of[k].empty() && bundle_.kb) {
      const int64_t gene = bundle_.kb->find_concept(gene_of[k]);
      if (gene >= 0) {
        if (const uint32_t taxon = bundle_.kb->concept_taxon(static_cast<uint32_t>(gene)); taxon != 0)
          id += ";CorrespondingSpecies:" + std::to_string(taxon);
      }
    }
    a.ids.push_back(std::move(id));
  }
}
void unify_unlinked_repeats(std::vector<Annotation>& annotations) {
  const auto linked = [](const Annotation& a) {
    return std::any_of(a.ids.begin(), a.ids.end(), [](const std::string& id) { return !is_null_id(id); });
  };
  // The first linked annotation of each text; only texts with an unlinked annotation matter.
  std::unordered_map<std::string_view, const Annotation*> unlinked_texts;
  for (const Annotation& a : annotations)
    if (!linked(a) && entity_type_of(a.type) != EntityType::kVariant) unlinked_texts.emplace(a.text, nullptr);
  if (unlinked_texts.empty()) return;
  for (const Annotation& a : annotations) {
    if (!linked(a) || entity_type_of(a.type) == EntityType::kVariant) continue;
    auto it = unlinked_texts.find(a.text);
    if (it != unlinked_texts.end() && it->second == nullptr) it->second = &a;
  }
  for (Annotation& a : annotations) {
    if (linked(a) || entity_type_of(a.type) == EntityType::kVariant) continue;
    const Annotation* named = unlinked_texts.at(a.text);
    if (named == nullptr || entity_type_of(named->type) == entity_type_of(a.type)) continue;
    a.type = named->type;
    a.ids = named->ids;
    a.id_separator = named->id_separator;
  }
}

void drop_unlinked_species(std::vector<Annotation>& annotations) {
  std::erase_if(annotations, [](const Annotation& a) {
    return entity_type_of(a.type) == EntityType::kSpecies &&
           std::all_of(a.ids.begin(), a.ids.end(), [](const std::string& id) { return is_null_id(id); });
  });
}

}  // namespace biotator
