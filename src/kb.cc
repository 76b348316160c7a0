#include "kb.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <stdexcept>

#include "lexicon.h"
#include "model_file.h"

namespace biotator {
namespace {

constexpr uint32_t kFormatVersion = 3;
constexpr uint32_t kFormatVersionWithoutOrthologs = 2;
constexpr uint8_t kSynonymRole = 2;


bool is_word_unit(std::string_view unit) {
  // Letters, digits, spelled Greek letters and non-ASCII letters (lowercased Latin-1);
  // a unit made only of ASCII punctuation is not a word.
  return std::any_of(unit.begin(), unit.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
  });
}

bool is_function_word(std::string_view unit) {
  // Not "a": it is alpha's letter ("HIF-1a", "receptor a") more often than an article.
  static constexpr std::array<std::string_view, 12> kWords = {"of", "the", "an", "in",   "with", "to",
                                                              "for", "on", "by", "at", "from", "s"};
  return std::find(kWords.begin(), kWords.end(), unit) != kWords.end();
}

// Greek letters are often written as their Latin initial ("HIF-1a", "PPARg", "1b").
std::string_view greek_to_latin(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kLetters = {{
      {"alpha", "a"}, {"beta", "b"}, {"gamma", "g"}, {"delta", "d"}, {"kappa", "k"}, {"epsilon", "e"},
  }};
  for (const auto& [greek, latin] : kLetters) {
    if (unit == greek) return latin;
  }
  return unit;
}

std::string_view roman_to_arabic(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kNumerals = {{
      {"i", "1"}, {"ii", "2"}, {"iii", "3"}, {"iv", "4"}, {"v", "5"}, {"vi", "6"},
      {"vii", "7"}, {"viii", "8"}, {"ix", "9"}, {"x", "10"}, {"xi", "11"}, {"xii", "12"},
  }};
  for (const auto& [roman, arabic] : kNumerals) {
    if (unit == roman) return arabic;
  }
  return unit;
}

bool all_ascii_letters(std::string_view unit) {
  return !unit.empty() && std::all_of(unit.begin(), unit.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Plural to singular and British to American spelling, on a lowercase ASCII word.
// The rules only need to agree between a name and a mention, not to be good English.
std::string canonical_word(std::string_view unit) {
  std::string w(unit);
  if (!all_ascii_letters(w)) return w;
  if (w.size() >= 5) {
    for (size_t pos = 1; pos + 1 < w.size(); ++pos) {  // haemorrhage, oedema, leukaemia
      if ((w[pos] == 'a' || w[pos] == 'o') && w[pos + 1] == 'e' && w[pos - 1] != 'a' && w[pos - 1] != 'o' &&
          w[pos - 1] != 'e') {
        w.erase(pos, 1);
      }
    }
    if (const size_t p = w.find("sulph"); p != std::string::npos) w.replace(p, 5, "sulf");
  }
  if (w.size() >= 4) {
    if (w.ends_with("ies") && w.size() > 4) w.replace(w.size() - 3, 3, "y");
    else if (w.ends_with("uses") || w.ends_with("sses")) w.resize(w.size() - 2);
    else if (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")) w.pop_back();
  }
  if (w.size() >= 5 && w.ends_with("our")) w.erase(w.size() - 2, 1);  // tumour, colour
  // goitre, fibre: -re after t or b is -er ("nodular goitre", Goiter, Nodular).
  if (w.size() >= 5 && (w.ends_with("tre") || w.ends_with("bre"))) std::swap(w[w.size() - 2], w[w.size() - 1]);
  return w;
}

bool is_generic_word(std::string_view unit) {
  static constexpr std::array<std::string_view, 8> kWords = {"disease", "syndrome", "disorder", "gene",
                                                             "protein", "cell",     "line",     "mrna"};
  return std::find(kWords.begin(), kWords.end(), unit) != kWords.end();
}

std::string join_sorted(std::vector<std::string>& units) {
  std::sort(units.begin(), units.end());
  std::string out;
  for (const std::string& u : units) {
    if (!out.empty()) out.push_back(' ');
    out += u;
  }
  return out;
}

// Identifier order (the last tie-break of the ranking): MeSH descriptors, MeSH
// supplementary concepts, OMIM, Cellosaurus, numeric IDs (genes, taxa), anything else;
// single identifiers before joined ones; shorter numbers first.
std::tuple<int, size_t, std::string_view> concept_order(std::string_view id) {
  int rank = 5;
  if (id.starts_with("MESH:D")) rank = 0;
  else if (id.starts_with("MESH:C")) rank = 1;
  else if (id.starts_with("OMIM:")) rank = 2;
  else if (id.starts_with("CVCL:")) rank = 3;
  else if (!id.empty() && id.front() >= '0' && id.front() <= '9') rank = 4;
  if (id.find(';') != std::string_view::npos) rank += 8;
  return {rank, id.size(), id};
}

// What a vocabulary name is worth next to corpus counts: a preferred name outweighs
// two stray corpus mentions of another concept (BC5CDR linking "multidrug-resistant
// tuberculosis" to Tuberculosis once must not beat MeSH's own entry term), while one
// BioRED Train mention (weight 4) outweighs any vocabulary name.
uint32_t role_bonus(uint8_t role) {
  static constexpr uint32_t kBonus[] = {3, 2, 1, 0, 0};
  return role < std::size(kBonus) ? kBonus[role] : 0;
}

}  // namespace

std::vector<std::string_view> split_units(std::string_view key) {
  std::vector<std::string_view> units;
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    if (end > start) units.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return units;
}

std::string kb_exact_key(std::string_view name) { return Lexicon::normalize(name); }

std::string kb_omim_name(std::string_view number) { return "OMIM " + std::string(number); }

std::string kb_loose_key(std::string_view exact_key) {
  std::vector<std::string> units;
  for (std::string_view unit : split_units(exact_key)) {
    if (!is_word_unit(unit) || is_function_word(unit)) continue;
    units.push_back(canonical_word(roman_to_arabic(greek_to_latin(unit))));
  }
  return join_sorted(units);
}

std::string kb_loosest_key(std::string_view loose_key) {
  std::vector<std::string> units;
  for (std::string_view unit : split_units(loose_key)) {
    if (!is_generic_word(unit)) units.emplace_back(unit);
  }
  return join_sorted(units);
}

std::span<const KbCandidate> KnowledgeBase::lookup(KbLevel level, std::string_view query) const {
  std::string wanted;
  wanted.reserve(query.size() + 1);
  wanted.push_back(static_cast<char>('0' + static_cast<int>(level)));
  wanted.append(query);
  size_t lo = 0, hi = key_ends_.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (key(mid) < wanted) lo = mid + 1;
    else hi = mid;
  }
  if (lo == key_ends_.size() || key(lo) != wanted) return {};
  const uint32_t begin = lo == 0 ? 0 : candidate_ends_[lo - 1];
  return std::span<const KbCandidate>(candidates_.data() + begin, candidate_ends_[lo] - begin);
}

std::string_view KnowledgeBase::concept_id(uint32_t concept_index) const {
  const uint32_t begin = concept_index == 0 ? 0 : concept_id_ends_[concept_index - 1];
  return std::string_view(concept_ids_).substr(begin, concept_id_ends_[concept_index] - begin);
}

int64_t KnowledgeBase::find_concept(std::string_view id) const {
  // Concepts are sorted by concept_order(), which binary search can follow.
  size_t lo = 0, hi = concept_taxa_.size();
  const auto wanted = concept_order(id);
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (concept_order(concept_id(static_cast<uint32_t>(mid))) < wanted) lo = mid + 1;
    else hi = mid;
  }
  if (lo < concept_taxa_.size() && concept_id(static_cast<uint32_t>(lo)) == id) return static_cast<int64_t>(lo);
  return -1;
}

int64_t KnowledgeBase::ortholog(uint32_t concept_index, uint32_t taxon) const {
  if (concept_taxa_[concept_index] == taxon) return concept_index;
  if (ortholog_next_.empty()) return -1;
  for (uint32_t c = ortholog_next_[concept_index]; c != concept_index; c = ortholog_next_[c]) {
    if (concept_taxa_[c] == taxon) return c;
  }
  return -1;
}

size_t KnowledgeBase::ortholog_group_members() const {
  size_t n = 0;
  for (size_t i = 0; i < ortholog_next_.size(); ++i) n += ortholog_next_[i] != i;
  return n;
}

size_t KnowledgeBase::memory_bytes() const {
  return keys_.capacity() + key_ends_.capacity() * 4 + candidate_ends_.capacity() * 4 +
         candidates_.capacity() * sizeof(KbCandidate) + concept_ids_.capacity() + concept_id_ends_.capacity() * 4 +
         concept_taxa_.capacity() * 4 + concept_flags_.capacity() + ortholog_next_.capacity() * 4;
}

std::string KnowledgeBase::serialize() const {
  BodyWriter out;
  out.put<uint32_t>(kFormatVersion);
  out.put<uint64_t>(keys_.size());
  out.put<uint64_t>(key_ends_.size());
  out.put<uint64_t>(candidates_.size());
  out.put<uint64_t>(concept_ids_.size());
  out.put<uint64_t>(concept_taxa_.size());
  // Keys front-coded (bytes shared with the previous key, then the rest): sorted keys
  // share most of their bytes, and the file shrinks by a third.
  std::vector<uint8_t> shared(key_ends_.size());
  std::vector<uint16_t> rest_lengths(key_ends_.size());
  std::string rests;
  std::string_view previous;
  for (size_t i = 0; i < key_ends_.size(); ++i) {
    const std::string_view k = key(i);
    size_t n = 0;
    while (n < 255 && n < k.size() && n < previous.size() && k[n] == previous[n]) ++n;
    if (k.size() - n > std::numeric_limits<uint16_t>::max()) throw std::runtime_error("knowledge base key too long");
    shared[i] = static_cast<uint8_t>(n);
    rest_lengths[i] = static_cast<uint16_t>(k.size() - n);
    rests.append(k.substr(n));
    previous = k;
  }
  out.put<uint64_t>(rests.size());
  out.put_array(shared.data(), shared.size());
  out.put_array(rest_lengths.data(), rest_lengths.size());
  out.put_array(rests.data(), rests.size());
  out.put_array(candidate_ends_.data(), candidate_ends_.size());
  // Candidates field by field: columns compress better than interleaved records.
  std::vector<uint32_t> concepts(candidates_.size());
  std::vector<uint16_t> priors(candidates_.size());
  std::vector<uint8_t> classes(candidates_.size()), roles(candidates_.size());
  for (size_t i = 0; i < candidates_.size(); ++i) {
    concepts[i] = candidates_[i].concept_index;
    priors[i] = candidates_[i].prior;
    classes[i] = candidates_[i].classes;
    roles[i] = candidates_[i].role;
  }
  out.put_array(concepts.data(), concepts.size());
  out.put_array(priors.data(), priors.size());
  out.put_array(classes.data(), classes.size());
  out.put_array(roles.data(), roles.size());
  out.put_array(concept_ids_.data(), concept_ids_.size());
  out.put_array(concept_id_ends_.data(), concept_id_ends_.size());
  out.put_array(concept_taxa_.data(), concept_taxa_.size());
  out.put_array(concept_flags_.data(), concept_flags_.size());
  // The ring as offsets to the next member (0 outside any group: a column of zeros).
  std::vector<uint32_t> ortholog_steps(concept_taxa_.size(), 0);
  for (size_t i = 0; i < ortholog_next_.size(); ++i) ortholog_steps[i] = ortholog_next_[i] - static_cast<uint32_t>(i);
  out.put_array(ortholog_steps.data(), ortholog_steps.size());
  return out.str();
}

void KnowledgeBase::save(const std::string& path) const {
  // zstd level 19 takes 45 s for 1.5 MB less than level 12 (12.5 vs 14 MB).
  constexpr int kCompressionLevel = 12;
  save_model_file(path, kMagic, serialize(), kCompressionLevel);
}

KnowledgeBase KnowledgeBase::load(const std::string& path) {
  const std::string body = load_model_file(path, kMagic);
  BodyReader in(body, path);
  const auto version = in.get<uint32_t>();
  if (version != kFormatVersion && version != kFormatVersionWithoutOrthologs) {
    throw std::runtime_error(path + ": unsupported knowledge base version");
  }
  const auto key_bytes = in.get<uint64_t>();
  const auto key_count = in.get<uint64_t>();
  const auto candidate_count = in.get<uint64_t>();
  const auto concept_bytes = in.get<uint64_t>();
  const auto concept_count = in.get<uint64_t>();
  // Sizes are checked against the body before anything is allocated.
  const uint64_t need = key_count * 7 + candidate_count * 8 + concept_bytes + concept_count * (version == kFormatVersionWithoutOrthologs ? 9 : 13);
  if (need > body.size() || key_bytes > (uint64_t{1} << 32)) {
    throw std::runtime_error(path + ": model file is truncated or corrupt");
  }
  KnowledgeBase kb;
  const auto rest_bytes = in.get<uint64_t>();
  if (rest_bytes > body.size() || key_count > body.size()) throw std::runtime_error(path + ": model file is corrupt");
  std::vector<uint8_t> shared(key_count);
  std::vector<uint16_t> rest_lengths(key_count);
  std::string rests(rest_bytes, '\0');
  in.get_array(shared.data(), key_count);
  in.get_array(rest_lengths.data(), key_count);
  in.get_array(rests.data(), rest_bytes);
  kb.keys_.reserve(key_bytes);
  kb.key_ends_.resize(key_count);
  size_t rest_offset = 0;
  size_t previous_begin = 0;
  for (size_t i = 0; i < key_count; ++i) {
    const size_t previous_length = kb.keys_.size() - previous_begin;
    if (shared[i] > previous_length || rest_offset + rest_lengths[i] > rest_bytes) {
      throw std::runtime_error(path + ": model file is corrupt (keys)");
    }
    const size_t begin = kb.keys_.size();
    kb.keys_.append(kb.keys_, previous_begin, shared[i]);
    kb.keys_.append(rests, rest_offset, rest_lengths[i]);
    rest_offset += rest_lengths[i];
    previous_begin = begin;
    kb.key_ends_[i] = static_cast<uint32_t>(kb.keys_.size());
  }
  if (kb.keys_.size() != key_bytes || rest_offset != rest_bytes) {
    throw std::runtime_error(path + ": model file is corrupt (keys)");
  }
  kb.candidate_ends_.resize(key_count);
  in.get_array(kb.candidate_ends_.data(), key_count);
  std::vector<uint32_t> concepts(candidate_count);
  std::vector<uint16_t> priors(candidate_count);
  std::vector<uint8_t> classes(candidate_count), roles(candidate_count);
  in.get_array(concepts.data(), candidate_count);
  in.get_array(priors.data(), candidate_count);
  in.get_array(classes.data(), candidate_count);
  in.get_array(roles.data(), candidate_count);
  kb.candidates_.resize(candidate_count);
  for (size_t i = 0; i < candidate_count; ++i) {
    if (concepts[i] >= concept_count) throw std::runtime_error(path + ": model file is corrupt (concept_index index)");
    kb.candidates_[i] = {concepts[i], priors[i], classes[i], roles[i]};
  }
  kb.concept_ids_.resize(concept_bytes);
  in.get_array(kb.concept_ids_.data(), concept_bytes);
  kb.concept_id_ends_.resize(concept_count);
  in.get_array(kb.concept_id_ends_.data(), concept_count);
  kb.concept_taxa_.resize(concept_count);
  in.get_array(kb.concept_taxa_.data(), concept_count);
  kb.concept_flags_.resize(concept_count);
  in.get_array(kb.concept_flags_.data(), concept_count);
  if (version == kFormatVersion) {
    std::vector<uint32_t> steps(concept_count);
    in.get_array(steps.data(), concept_count);
    kb.ortholog_next_.resize(concept_count);
    // A permutation, so that every walk from a concept comes back to it.
    std::vector<uint8_t> reached(concept_count, 0);
    for (size_t i = 0; i < concept_count; ++i) {
      const uint32_t next = static_cast<uint32_t>(i) + steps[i];
      if (next >= concept_count || reached[next]) throw std::runtime_error(path + ": model file is corrupt (orthologs)");
      reached[next] = 1;
      kb.ortholog_next_[i] = next;
    }
  }
  if (!in.done()) throw std::runtime_error(path + ": model file has trailing data");
  // Offsets must be monotone and inside their arrays, or lookups would read out of bounds.
  auto monotone = [](const std::vector<uint32_t>& ends, uint64_t limit) {
    uint32_t previous = 0;
    for (uint32_t e : ends) {
      if (e < previous || e > limit) return false;
      previous = e;
    }
    return ends.empty() || ends.back() == limit;
  };
  if (!monotone(kb.key_ends_, key_bytes) || !monotone(kb.candidate_ends_, candidate_count) ||
      !monotone(kb.concept_id_ends_, concept_bytes)) {
    throw std::runtime_error(path + ": model file is corrupt (offsets)");
  }
  return kb;
}

void KnowledgeBaseBuilder::add_alias(std::string_view alias, std::string_view id) {
  auto [it, inserted] = aliases_.try_emplace(std::string(alias), std::string(id));
  if (!inserted && it->second != id) it->second.clear();
}

uint32_t KnowledgeBaseBuilder::intern_concept(std::string_view id, uint32_t taxon, uint8_t flags) {
  if (const auto alias = aliases_.find(std::string(id)); alias != aliases_.end() && !alias->second.empty()) {
    id = alias->second;
  }
  auto [it, inserted] = concept_index_.try_emplace(std::string(id), static_cast<uint32_t>(concepts_.size()));
  if (inserted) {
    concepts_.push_back({std::string(id), taxon, flags, {}});
  } else {
    Concept& c = concepts_[it->second];
    if (c.taxon == 0) c.taxon = taxon;
    c.flags |= flags;
  }
  return it->second;
}

void KnowledgeBaseBuilder::add_keys(std::string_view name, uint32_t concept_index, uint8_t classes, uint8_t role,
                                    uint32_t prior) {
  std::string exact = kb_exact_key(name);
  if (exact.empty()) return;
  std::string loose = kb_loose_key(exact);
  entries_.push_back({'0' + exact, concept_index, prior, classes, role});
  if (loose.empty()) return;
  std::string loosest = kb_loosest_key(loose);
  if (!loosest.empty() && loosest != loose) entries_.push_back({'2' + loosest, concept_index, prior, classes, role});
  entries_.push_back({'1' + std::move(loose), concept_index, prior, classes, role});
}

bool KnowledgeBaseBuilder::add_name(std::string_view name, uint32_t concept_index, uint8_t classes, uint8_t role) {
  const size_t before = entries_.size();
  add_keys(name, concept_index, classes, role, 0);
  return entries_.size() > before;
}

void KnowledgeBaseBuilder::set_gene_symbol(uint32_t concept_index, std::string_view symbol) {
  if (concepts_[concept_index].symbol.empty()) concepts_[concept_index].symbol = symbol;
}

bool KnowledgeBaseBuilder::add_mention(std::string_view mention, uint32_t concept_index, uint8_t classes, uint16_t weight) {
  const size_t before = entries_.size();
  add_keys(mention, concept_index, classes, kKbCorpusRole, weight);
  return entries_.size() > before;
}

std::vector<uint32_t> KnowledgeBaseBuilder::ortholog_ring() const {
  const size_t n = concepts_.size();
  // Groups of symbols, case ignored; a taxon with two genes of one symbol stays out.
  std::map<std::string, std::vector<uint32_t>> by_symbol;
  for (uint32_t i = 0; i < n; ++i) {
    const Concept& c = concepts_[i];
    if (c.symbol.empty() || c.taxon == 0) continue;
    std::string upper = c.symbol;
    for (char& ch : upper) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    by_symbol[upper].push_back(i);
  }
  std::vector<std::vector<uint32_t>> groups;
  std::vector<int32_t> group_of(n, -1);
  for (auto& [symbol, members] : by_symbol) {
    std::map<uint32_t, size_t> per_taxon;
    for (uint32_t m : members) ++per_taxon[concepts_[m].taxon];
    std::erase_if(members, [&](uint32_t m) { return per_taxon[concepts_[m].taxon] > 1; });
    if (members.empty()) continue;
    for (uint32_t m : members) group_of[m] = static_cast<int32_t>(groups.size());
    groups.push_back(std::move(members));
  }
  // Genes only corpora know join the group whose symbol, full name or synonym (one
  // group's, at the exact key) the corpora write for them, weighted by their counts.
  auto corpus_only = [&](uint32_t i) {
    const Concept& c = concepts_[i];
    return c.symbol.empty() && c.taxon != 0 && group_of[i] < 0 && c.id.find(';') == std::string::npos &&
           !c.id.empty() && c.id.front() >= '0' && c.id.front() <= '9';
  };
  std::map<uint32_t, std::map<int32_t, uint64_t>> votes;  // concept -> group -> weight
  for (size_t begin = 0; begin < entries_.size();) {
    size_t end = begin;
    while (end < entries_.size() && entries_[end].key == entries_[begin].key) ++end;
    if (entries_[begin].key[0] == '0') {
      int32_t group = -1;
      bool unique = true;
      for (size_t i = begin; i < end; ++i) {
        const Entry& e = entries_[i];
        if (e.role > kSynonymRole || !(e.classes & kGene) || group_of[e.concept_index] < 0) continue;
        if (group >= 0 && group != group_of[e.concept_index]) unique = false;
        group = group_of[e.concept_index];
      }
      if (group >= 0 && unique) {
        for (size_t i = begin; i < end; ++i) {
          const Entry& e = entries_[i];
          if (e.role == kKbCorpusRole && (e.classes & kGene) && corpus_only(e.concept_index)) {
            votes[e.concept_index][group] += e.prior;
          }
        }
      }
    }
    begin = end;
  }
  // Each such gene's best group; per group and taxon, the gene with the most weight.
  std::map<std::pair<int32_t, uint32_t>, std::pair<uint64_t, uint32_t>> best;  // (group, taxon) -> (weight, concept)
  for (const auto& [concept_index, by_group] : votes) {
    int32_t top = -1;
    uint64_t top_weight = 0;
    for (const auto& [group, weight] : by_group) {
      if (weight > top_weight) {
        top = group;
        top_weight = weight;
      }
    }
    if (top < 0) continue;
    const auto key = std::make_pair(top, concepts_[concept_index].taxon);
    auto [it, inserted] = best.try_emplace(key, top_weight, concept_index);
    if (!inserted && top_weight > it->second.first) it->second = {top_weight, concept_index};
  }
  for (const auto& [key, choice] : best) {
    std::vector<uint32_t>& members = groups[static_cast<size_t>(key.first)];
    // (A named copy: clang 14, Debian's, cannot capture a structured binding.)
    const auto taxon = key.second;
    const bool taken =
        std::any_of(members.begin(), members.end(), [&](uint32_t m) { return concepts_[m].taxon == taxon; });
    if (!taken) members.push_back(choice.second);
  }
  std::vector<uint32_t> next(n);
  for (uint32_t i = 0; i < n; ++i) next[i] = i;
  for (const std::vector<uint32_t>& members : groups) {
    for (size_t i = 0; i < members.size(); ++i) next[members[i]] = members[(i + 1) % members.size()];
  }
  return next;
}

KnowledgeBase KnowledgeBaseBuilder::build() {
  // Concepts in identifier order, so that the final index is the tie-break.
  std::vector<uint32_t> order(concepts_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return concept_order(concepts_[a].id) < concept_order(concepts_[b].id);
  });
  std::vector<uint32_t> new_index(concepts_.size());
  KnowledgeBase kb;
  for (uint32_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    const Concept& c = concepts_[order[i]];
    kb.concept_ids_ += c.id;
    kb.concept_id_ends_.push_back(static_cast<uint32_t>(kb.concept_ids_.size()));
    kb.concept_taxa_.push_back(c.taxon);
    kb.concept_flags_.push_back(c.flags);
  }
  // Sorted by key, then concept (the original order: it follows the new one only when
  // it is remapped below, and the ring needs the original indices).
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
    if (int c = a.key.compare(b.key); c != 0) return c < 0;
    return new_index[a.concept_index] < new_index[b.concept_index];
  });
  const std::vector<uint32_t> ring = ortholog_ring();
  kb.ortholog_next_.resize(ring.size());
  for (uint32_t i = 0; i < ring.size(); ++i) kb.ortholog_next_[new_index[i]] = new_index[ring[i]];
  for (Entry& e : entries_) e.concept_index = new_index[e.concept_index];

  std::vector<KbCandidate> group;
  std::vector<uint32_t> group_priors;
  auto flush_group = [&](const std::string& key) {
    std::vector<size_t> idx(group.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      const KbCandidate& x = group[a];
      const KbCandidate& y = group[b];
      const uint64_t score_a = group_priors[a] + role_bonus(x.role);
      const uint64_t score_b = group_priors[b] + role_bonus(y.role);
      if (score_a != score_b) return score_a > score_b;
      if (x.role != y.role) return x.role < y.role;
      const bool weak_x = kb.concept_flags_[x.concept_index] & kConceptWeakGene;
      const bool weak_y = kb.concept_flags_[y.concept_index] & kConceptWeakGene;
      if (weak_x != weak_y) return weak_y;
      return x.concept_index < y.concept_index;
    });
    for (size_t i : idx) kb.candidates_.push_back(group[i]);
    kb.keys_ += key;
    kb.key_ends_.push_back(static_cast<uint32_t>(kb.keys_.size()));
    kb.candidate_ends_.push_back(static_cast<uint32_t>(kb.candidates_.size()));
    group.clear();
    group_priors.clear();
  };
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (i > 0 && e.key != entries_[i - 1].key) flush_group(entries_[i - 1].key);
    if (!group.empty() && group.back().concept_index == e.concept_index) {
      KbCandidate& c = group.back();
      group_priors.back() += e.prior;
      c.prior = static_cast<uint16_t>(std::min<uint32_t>(group_priors.back(), std::numeric_limits<uint16_t>::max()));
      c.classes |= e.classes;
      c.role = std::min(c.role, e.role);
    } else {
      group.push_back({e.concept_index, static_cast<uint16_t>(std::min<uint32_t>(e.prior, 65535)), e.classes, e.role});
      group_priors.push_back(e.prior);
    }
  }
  if (!entries_.empty()) flush_group(entries_.back().key);
  if (kb.keys_.size() > std::numeric_limits<uint32_t>::max() ||
      kb.candidates_.size() > std::numeric_limits<uint32_t>::max()) {
    throw std::runtime_error("knowledge base too large for 32-bit offsets");
  }
  entries_.clear();
  entries_.shrink_to_fit();
  concepts_.clear();
  concept_index_.clear();
  aliases_.clear();
  return kb;
}

}  // namespace biotator
