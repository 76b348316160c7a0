#include "entity_recognizer.h"

#include <algorithm>
#include <cctype>

namespace biotator {

std::string output_type_name(EntityType type, std::string_view mention, TypeNames names) {
  if (names == TypeNames::kBioRED) return std::string(biored_type_name(type));
  if (type != EntityType::kVariant) return std::string(entity_type_name(type));
  // tmVar's subtypes, from the shape of the mention alone (the variant stage of issue
  // #5 replaces this with its grammar).
  if (mention.size() > 2 && (mention[0] == 'r' || mention[0] == 'R') && (mention[1] == 's' || mention[1] == 'S') &&
      std::isdigit(static_cast<unsigned char>(mention[2])))
    return "SNP";
  if (mention.starts_with("c.") || mention.starts_with("g.") || mention.starts_with("m.") ||
      mention.starts_with("n.") || mention.starts_with("IVS") || mention.find('>') != std::string_view::npos)
    return "DNAMutation";
  return "ProteinMutation";
}

EntityRecognizer::EntityRecognizer(const Lexicon* lexicon, const SequenceModel* model, RecognizerOptions options,
                                   const WordClusters* clusters)
    : lexicon_(lexicon), model_(model), options_(options), features_(clusters) {}

void EntityRecognizer::recognize(const AnalyzedText& analysis, std::vector<EntityMention>& out) const {
  out.clear();
  thread_local std::vector<NerFeatureExtractor::TokenInfo> info;
  thread_local FeatureSequence seq;
  thread_local std::vector<uint8_t> labels;
  features_.prepare(analysis, info);
  for (const Sentence& s : analysis.sentences) {
    features_.extract(info, s.token_begin, s.token_end, seq);
    model_->decode(seq, labels);
    for (uint32_t i = 0; i < labels.size(); ++i) {
      const int label = labels[i];
      if (label == 0) continue;
      const int pos = BioesLabels::position_of(label);
      if (pos != 0 && pos != 3) continue;  // mentions start at B or S
      uint32_t j = i;
      if (pos == 0)
        while (j + 1 < labels.size() && BioesLabels::position_of(labels[j + 1]) != 2) ++j;
      if (pos == 0 && j + 1 < labels.size()) ++j;  // include the E
      const Token& first = analysis.tokens[s.token_begin + i];
      const Token& last = analysis.tokens[s.token_begin + j];
      out.push_back({first.begin, last.end, static_cast<EntityType>(BioesLabels::type_of(label))});
      i = j;
    }
  }
  if (options_.abbreviation_consistency) apply_abbreviation_consistency(analysis, out);
  if (options_.surface_consistency) apply_surface_consistency(analysis, out);
}

void EntityRecognizer::apply_surface_consistency(const AnalyzedText& analysis,
                                                 std::vector<EntityMention>& mentions) const {
  if (mentions.empty()) return;
  const std::string& text = analysis.text;
  // Token start/end positions, for alignment checks by binary search.
  auto aligned = [&](uint32_t b, uint32_t e) {
    auto it = std::lower_bound(analysis.tokens.begin(), analysis.tokens.end(), b,
                               [](const Token& t, uint32_t x) { return t.begin < x; });
    if (it == analysis.tokens.end() || it->begin != b) return false;
    auto jt = std::lower_bound(it, analysis.tokens.end(), e, [](const Token& t, uint32_t x) { return t.end < x; });
    return jt != analysis.tokens.end() && jt->end == e;
  };
  auto is_word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); };
  std::vector<EntityMention> added;
  auto overlaps = [&](uint32_t b, uint32_t e) {
    auto check = [&](const std::vector<EntityMention>& v) {
      for (const auto& m : v)
        if (m.begin < e && b < m.end) return true;
      return false;
    };
    return check(mentions) || check(added);
  };
  std::vector<std::string_view> done;
  for (const EntityMention& m : mentions) {
    const std::string_view surface = std::string_view(text).substr(m.begin, m.end - m.begin);
    // Short texts and plain lowercase words are too ambiguous to copy blindly; names
    // with capitals or digits ("TNF", "5-FU") are not.
    if (surface.size() < 3) continue;
    if (!std::any_of(surface.begin(), surface.end(),
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    if (std::find(done.begin(), done.end(), surface) != done.end()) continue;
    done.push_back(surface);
    for (size_t pos = text.find(surface); pos != std::string::npos; pos = text.find(surface, pos + 1)) {
      const auto b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(pos + surface.size());
      if (b > 0 && is_word_char(text[b - 1])) continue;
      if (e < text.size() && is_word_char(text[e])) continue;
      if (!aligned(b, e) || overlaps(b, e)) continue;
      added.push_back({b, e, m.type});
    }
  }
  if (added.empty()) return;
  mentions.insert(mentions.end(), added.begin(), added.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

void EntityRecognizer::apply_abbreviation_consistency(const AnalyzedText& analysis,
                                                      std::vector<EntityMention>& mentions) const {
  if (analysis.abbreviations.empty()) return;
  // Mentions are sorted and do not overlap, tokens likewise: every lookup below is a
  // binary search, so long texts with many abbreviations stay linear.
  auto first_ending_after = [&](uint32_t b) {
    return std::lower_bound(mentions.begin(), mentions.end(), b,
                            [](const EntityMention& m, uint32_t pos) { return m.end <= pos; });
  };
  auto overlaps_any = [&](uint32_t b, uint32_t e) {
    const auto it = first_ending_after(b);
    return it != mentions.end() && it->begin < e;
  };
  auto find_exact = [&](uint32_t b, uint32_t e) -> EntityMention* {
    const auto it = first_ending_after(b);
    return it != mentions.end() && it->begin == b && it->end == e ? &*it : nullptr;
  };
  auto token_aligned = [&](uint32_t b, uint32_t e) {
    const auto& tokens = analysis.tokens;
    const auto starts = std::lower_bound(tokens.begin(), tokens.end(), b,
                                         [](const Token& t, uint32_t pos) { return t.begin < pos; });
    const auto ends = std::lower_bound(tokens.begin(), tokens.end(), e,
                                       [](const Token& t, uint32_t pos) { return t.end < pos; });
    return starts != tokens.end() && starts->begin == b && ends != tokens.end() && ends->end == e;
  };
  std::vector<EntityMention> added;
  for (const AbbreviationPair& a : analysis.abbreviations) {
    const EntityMention* long_form = find_exact(a.long_begin, a.long_end);
    const EntityMention* short_form = find_exact(a.short_begin, a.short_end);
    EntityType type;
    if (long_form) type = long_form->type;
    else if (short_form) type = short_form->type;
    else continue;
    // The long form is labelled when its short form is: BioRED annotates both.
    if (!long_form && !overlaps_any(a.long_begin, a.long_end)) added.push_back({a.long_begin, a.long_end, type});
    // Every occurrence of the short form takes the type.
    const std::string_view sf = a.short_form(analysis.text);
    for (size_t pos = analysis.text.find(sf, a.short_begin); pos != std::string::npos;
         pos = analysis.text.find(sf, pos + 1)) {
      const auto b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(pos + sf.size());
      if (!token_aligned(b, e)) continue;
      // Must stand alone: not glued to letters or digits on either side.
      if (b > 0 && std::isalnum(static_cast<unsigned char>(analysis.text[b - 1]))) continue;
      if (e < analysis.text.size() && std::isalnum(static_cast<unsigned char>(analysis.text[e]))) continue;
      if (EntityMention* m = find_exact(b, e)) {
        m->type = type;
        continue;
      }
      if (!overlaps_any(b, e)) added.push_back({b, e, type});
    }
  }
  if (added.empty()) return;
  for (const auto& m : added)
    if (!overlaps_any(m.begin, m.end)) mentions.push_back(m);
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

void append_mentions(const AnalyzedText& analysis, const std::vector<EntityMention>& mentions, TypeNames names,
                     Document& doc) {
  for (const EntityMention& m : mentions) {
    Annotation a;
    a.spans.push_back({static_cast<int64_t>(analysis.index.codepoint_of_byte(m.begin)),
                       static_cast<int64_t>(analysis.index.codepoint_of_byte(m.end))});
    a.text = analysis.text.substr(m.begin, m.end - m.begin);
    a.type = output_type_name(m.type, a.text, names);
    doc.annotations.push_back(std::move(a));
  }
}

void EntityRecognizer::annotate(Document& doc, TypeNames names) const {
  thread_local AnalyzedText analysis;
  thread_local std::vector<EntityMention> mentions;
  analyze_document(doc, lexicon_, analysis);
  recognize(analysis, mentions);
  append_mentions(analysis, mentions, names, doc);
}

}  // namespace biotator
