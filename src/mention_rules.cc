#include "mention_rules.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

#include "hashing.h"
#include "lexicon.h"

namespace biotator {

namespace {

// Whether [b, e) starts at a token's first byte and ends at a token's last.
bool token_aligned(const AnalyzedText& analysis, uint32_t b, uint32_t e) {
  const auto& tokens = analysis.tokens;
  const auto starts =
      std::lower_bound(tokens.begin(), tokens.end(), b, [](const Token& t, uint32_t pos) { return t.begin < pos; });
  if (starts == tokens.end() || starts->begin != b) return false;
  const auto ends =
      std::lower_bound(starts, tokens.end(), e, [](const Token& t, uint32_t pos) { return t.end < pos; });
  return ends != tokens.end() && ends->end == e;
}

// The token that starts at byte `begin`, or null when none does.
const Token* token_starting_at(const AnalyzedText& analysis, uint32_t begin) {
  const auto t = std::lower_bound(analysis.tokens.begin(), analysis.tokens.end(), begin,
                                  [](const Token& token, uint32_t pos) { return token.begin < pos; });
  return t != analysis.tokens.end() && t->begin == begin ? &*t : nullptr;
}

// The lexicon's match over exactly the bytes [b, e), or null: the matcher keeps the
// longest term starting at each token, so there is at most one.
const LexiconMatch* lexicon_match_spanning(const AnalyzedText& analysis, uint32_t b, uint32_t e) {
  const Token* t = token_starting_at(analysis, b);
  if (t == nullptr) return nullptr;
  const auto first = static_cast<uint32_t>(t - analysis.tokens.data());
  const auto lm = std::lower_bound(analysis.lexicon_matches.begin(), analysis.lexicon_matches.end(), first,
                                   [](const LexiconMatch& x, uint32_t tok) { return x.first_token < tok; });
  return lm != analysis.lexicon_matches.end() && lm->first_token == first && analysis.tokens[lm->end_token - 1].end == e
             ? &*lm
             : nullptr;
}

// The first mention ending after `pos` (mentions sorted, not overlapping).
std::vector<EntityMention>::iterator first_ending_after(std::vector<EntityMention>& mentions, uint32_t pos) {
  return std::lower_bound(mentions.begin(), mentions.end(), pos,
                          [](const EntityMention& m, uint32_t p) { return m.end <= p; });
}

// The mentions inside one of the `covering` spans give way to it; of covering spans that
// overlap, the one starting first (the longest among equals) is kept. `mentions` stays
// sorted. No-op when `covering` is empty.
void replace_by_covering_spans(std::vector<EntityMention>& mentions, std::vector<EntityMention>& covering) {
  if (covering.empty()) return;
  std::sort(covering.begin(), covering.end(), [](const EntityMention& x, const EntityMention& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  size_t kept = 0;  // drop repeats and spans overlapping an earlier one
  for (const EntityMention& c : covering)
    if (kept == 0 || covering[kept - 1].end <= c.begin) covering[kept++] = c;
  covering.resize(kept);
  std::erase_if(mentions, [&](const EntityMention& m) {
    const auto it = std::upper_bound(covering.begin(), covering.end(), m.begin,
                                     [](uint32_t pos, const EntityMention& c) { return pos < c.begin; });
    return it != covering.begin() && std::prev(it)->end >= m.end;
  });
  mentions.insert(mentions.end(), covering.begin(), covering.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// Where `word` (written with its leading space, " virus") ends when the text has it as a
// whole word right at `pos`; 0 otherwise ("virusoid", "genes").
uint32_t end_of_word_at(std::string_view text, uint32_t pos, std::string_view word) {
  if (text.substr(pos, word.size()) != word) return 0;
  const auto end = static_cast<uint32_t>(pos + word.size());
  return end < text.size() && is_word_byte(text[end]) ? 0 : end;
}

// Chemical element symbols (through plutonium).
bool is_element_symbol(std::string_view s) {
  static constexpr std::string_view kSymbols[] = {
      "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si", "P",  "S",  "Cl", "Ar",
      "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
      "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe",
      "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf",
      "Ta", "W",  "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th",
      "Pa", "U",  "Np", "Pu"};
  return std::find(std::begin(kSymbols), std::end(kSymbols), s) != std::end(kSymbols);
}

// The end of a formula with a parenthesized subscript starting at `b` ("CaCl(2)",
// "Na(2)HPO(4)"), or 0 when the text there is not one.
uint32_t formula_with_subscript_end(std::string_view text, uint32_t b) {
  const auto n = static_cast<uint32_t>(text.size());
  auto digit = [&](uint32_t i) { return i < n && std::isdigit(static_cast<unsigned char>(text[i])); };
  uint32_t pos = b, symbols = 0;
  bool two_letter = false, parenthesized = false;
  while (pos < n && std::isupper(static_cast<unsigned char>(text[pos]))) {
    if (pos + 1 < n && std::islower(static_cast<unsigned char>(text[pos + 1])) &&
        is_element_symbol(text.substr(pos, 2))) {
      pos += 2;
      two_letter = true;
    } else if (is_element_symbol(text.substr(pos, 1))) {
      pos += 1;
    } else {
      return 0;
    }
    ++symbols;
    if (digit(pos)) {
      while (digit(pos)) ++pos;
    } else if (pos < n && text[pos] == '(' && digit(pos + 1)) {
      uint32_t close = pos + 1;
      while (digit(close)) ++close;
      if (close < n && text[close] == ')') {
        pos = close + 1;
        parenthesized = true;
      }
    }
  }
  if (!parenthesized || symbols < 2 || (!two_letter && symbols < 3)) return 0;
  // The formula must end the word: "CaCl(2)-treated" is fine, "CaCl(2)x" or "SO(4)(2-)" not.
  if (pos < n && (is_word_byte(text[pos]) || text[pos] == '(')) return 0;
  return pos;
}

}  // namespace

void join_formula_subscripts(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  const std::string_view text = analysis.text;
  for (const Token& t : analysis.tokens) {
    // The first token of such a formula ends at its first "(": "CaCl" of "CaCl(2)",
    // "Na2HPO" of "Na2HPO(4)". Checking that first keeps the rule off ordinary words.
    if (t.end + 1 >= text.size() || text[t.end] != '(' || !std::isdigit(static_cast<unsigned char>(text[t.end + 1])))
      continue;
    if (!t.is_word || !std::isupper(static_cast<unsigned char>(text[t.begin]))) continue;
    if (t.begin > 0 && std::isalnum(static_cast<unsigned char>(text[t.begin - 1]))) continue;
    const uint32_t b = t.begin, e = formula_with_subscript_end(text, b);
    if (e == 0 || !token_aligned(analysis, b, e)) continue;
    // Mentions inside the formula give way to it; one reaching outside it keeps its say.
    auto first = first_ending_after(mentions, b), last = first;
    while (last != mentions.end() && last->begin < e) ++last;
    if (std::any_of(first, last, [&](const EntityMention& m) { return m.begin < b || m.end > e; })) continue;
    if (last - first == 1 && first->begin == b && first->end == e) {
      first->type = EntityType::kChemical;
      continue;
    }
    const auto at = mentions.erase(first, last);
    mentions.insert(at, EntityMention{b, e, EntityType::kChemical});
  }
}

void tag_element_symbols(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  struct Element {
    std::string_view symbol, name;
  };
  static constexpr Element kElements[] = {
      {"Li", "lithium"},   {"Na", "sodium"},    {"Mg", "magnesium"}, {"Ca", "calcium"},   {"Fe", "iron"},
      {"Zn", "zinc"},      {"Cu", "copper"},    {"Pb", "lead"},      {"Hg", "mercury"},   {"Cd", "cadmium"},
      {"Mn", "manganese"}, {"Al", "aluminum"},  {"As", "arsenic"},   {"Se", "selenium"},  {"Co", "cobalt"},
      {"Ni", "nickel"},    {"Cr", "chromium"},  {"Ag", "silver"},    {"Au", "gold"},      {"Pt", "platinum"},
      {"Sr", "strontium"}, {"Ba", "barium"},    {"Cs", "cesium"},    {"Tl", "thallium"},  {"Gd", "gadolinium"}};
  const std::string_view text = analysis.text;
  std::vector<EntityMention> added;
  int8_t named_state[std::size(kElements)];  // -1 not looked at yet, else 0 / 1
  std::fill(std::begin(named_state), std::end(named_state), int8_t{-1});
  for (const Token& t : analysis.tokens) {
    if (t.end - t.begin != 2 || !std::isupper(static_cast<unsigned char>(text[t.begin])) ||
        !std::islower(static_cast<unsigned char>(text[t.begin + 1])))
      continue;
    // Stand-alone: "Li/DVP", "sodium (Na)", not "Na-K-ATPase" nor "Ca(2+)".
    if (t.begin > 0 && (is_word_byte(text[t.begin - 1]) || text[t.begin - 1] == '-')) continue;
    if (t.end < text.size() && (is_word_byte(text[t.end]) || text[t.end] == '-' || text[t.end] == '(')) continue;
    const std::string_view symbol = text.substr(t.begin, 2);
    const auto element = std::find_if(std::begin(kElements), std::end(kElements),
                                      [&](const Element& e) { return e.symbol == symbol; });
    if (element == std::end(kElements)) continue;
    const auto next = first_ending_after(mentions, t.begin);
    if (next != mentions.end() && next->begin < t.end) continue;
    // Whether a chemical mention names the element: found once per element and text, not
    // once per occurrence of its symbol (each look is a scan of all mentions).
    int8_t& named = named_state[element - std::begin(kElements)];
    if (named < 0)
      named = std::any_of(mentions.begin(), mentions.end(), [&](const EntityMention& m) {
        if (m.type != EntityType::kChemical || m.end - m.begin < element->name.size()) return false;
        const std::string_view mention = text.substr(m.begin, m.end - m.begin);
        for (size_t i = 0; i + element->name.size() <= mention.size(); ++i)
          if (std::equal(element->name.begin(), element->name.end(), mention.begin() + i,
                         [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
            return true;
        return false;
      });
    if (named) added.push_back({t.begin, t.end, EntityType::kChemical});
  }
  if (added.empty()) return;
  mentions.insert(mentions.end(), added.begin(), added.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

// BioRED Dev Species +2 true mentions ("hepatitis A virus"), Disease -2 false; Train
// has no such case (the tagger learned "hepatitis B virus" whole).
void name_viruses_after_diseases(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  const std::string_view text = analysis.text;
  for (size_t i = 0; i < mentions.size(); ++i) {
    EntityMention& m = mentions[i];
    if (m.type != EntityType::kDisease) continue;
    const uint32_t end = end_of_word_at(text, m.end, " virus");  // not "virusoid"
    if (end == 0) continue;
    if (i + 1 < mentions.size() && mentions[i + 1].begin < end) continue;  // "virus" is another mention's
    m.end = end;
    m.type = EntityType::kSpecies;
  }
}

// BioRED Train: of the mentions directly followed by " gene", 282 are genes and one is a
// disease ("glaucoma genes", plural); the tagger's Dev slips: "ALD gene" x2, "BMD gene",
// "Becker muscular dystrophy gene" (Gene +4 true mentions, Disease -4 false), and "CF
// gene therapy", which BioRED keeps a disease. tmVar3 Train: Gene +11 true mentions ("NF2
// gene", "APC gene", "MEN1 gene"); its "beta-thalassaemia gene" stays a disease (one
// word, but no symbol).
void name_genes_after_diseases(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  static constexpr std::string_view kAboutTheDisease[] = {" therapy", " therapies", " transfer", " delivery"};
  const std::string_view text = analysis.text;
  for (size_t i = 0; i < mentions.size(); ++i) {
    EntityMention& m = mentions[i];
    if (m.type != EntityType::kDisease) continue;
    const uint32_t end = end_of_word_at(text, m.end, " gene");  // not "genes", "genetic"
    if (end == 0) continue;
    if (std::any_of(std::begin(kAboutTheDisease), std::end(kAboutTheDisease),
                    [&](std::string_view w) { return text.substr(end, w.size()) == w; }))
      continue;
    if (i + 1 < mentions.size() && mentions[i + 1].begin < end) continue;  // "gene" is another mention's
    const std::string_view name = text.substr(m.begin, m.end - m.begin);
    if (name.find(' ') != std::string_view::npos) {
      m.end = end;
    } else if (!std::any_of(name.begin() + 1, name.end(), [](char c) {
                 return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
               })) {
      continue;  // a one-word disease name, not a symbol ("beta-thalassaemia gene")
    }
    m.type = EntityType::kGene;
  }
}

// BioRED Dev: Disease +1 true mention ("OMIM 138040", tagged Chemical before), Chemical
// -1 false; Train unchanged (the tagger had its four).
void tag_omim_references(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  constexpr std::string_view kOmim = "OMIM ";
  constexpr size_t kDigits = 6;
  const std::string_view text = analysis.text;
  std::vector<EntityMention> found;
  for (size_t pos = text.find(kOmim); pos != std::string_view::npos; pos = text.find(kOmim, pos + 1)) {
    const size_t digits = pos + kOmim.size();
    const size_t end = digits + kDigits;
    if (pos > 0 && is_word_byte(text[pos - 1])) continue;
    if (end > text.size() || (end < text.size() && is_word_byte(text[end]))) continue;
    if (!std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits), text.begin() + static_cast<std::ptrdiff_t>(end),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    found.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(end), EntityType::kDisease});
  }
  if (found.empty()) return;
  std::erase_if(mentions, [&](const EntityMention& m) {
    return std::any_of(found.begin(), found.end(), [&](const EntityMention& f) { return m.begin < f.end && f.begin < m.end; });
  });
  mentions.insert(mentions.end(), found.begin(), found.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

// BioRED Train, tmVar3, BC5CDR: unchanged (the tagger never tags these there); BioRED
// Dev -1 false mention ("kb" as a chemical), NLM-Gene -1, GNormPlus -2.
void drop_non_entity_names(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  // Names of databases and tools, of clinical measures, and of procedures and methods
  // (IVF, PCI, PET, RCT, ELISA: in ../shared's 2016 MEDLINE sample the tagger called
  // IVF a gene 8 times, PET twice), and the Gene Ontology (GO) and protein-protein
  // interactions (PPI) of network-pharmacology abstracts ("GO" was Graves'
  // ophthalmopathy in PubTator3's export 37026113), that mean nothing else unless the
  // text defines them, and units (kb, kDa, bp, CFU); no corpus annotates any of them.
  // Left out: the ones that are also entities (TTD is trichothiodystrophy and a
  // gene's alias; GEO, STRING as words; HR is also a gene and BMI a gene's alias, both
  // annotated so in the corpora; CT, OCT).
  // Sorted (bytewise), for a binary search per mention.
  static constexpr std::string_view kNames[] = {
      "AUC", "CABG", "CFU", "ChEMBL", "ClinVar", "Cytoscape", "DBP", "Da", "DisGeNET", "DrugBank", "ECG", "EEG",
      "EKG", "ELISA", "EMG", "Embase", "Ensembl", "FEV1", "FVC", "GO", "GWAS", "GenBank", "GeneCards",
      "HOMA-IR", "ICSI", "ICU", "IUI", "IVF", "KEGG", "LVEF", "MEDLINE", "MMSE", "MRI", "MalaCards", "NIHSS",
      "OMIM", "PCI", "PCR", "PET", "PPI", "PharmGKB", "PharmGkb", "PubChem", "PubMed", "QTc", "RCT", "RT-PCR",
      "SBP", "SwissTargetPrediction", "TCGA", "TCMSP", "UniProt", "bp", "cfu", "dbSNP", "eGFR", "fMRI", "kD",
      "kDa", "kb", "qPCR"};
  static_assert(std::is_sorted(std::begin(kNames), std::end(kNames)));
  const std::string_view text = analysis.text;
  // A Greek letter alone ("β" of "β-hemolysin/cytolysin (β-h/c)", "μ" before "opioid
  // receptor") is a piece of a name, not a name: no corpus in ../shared annotates one.
  // (Greek letters are two bytes in UTF-8, U+0391 to U+03C9: 0xCE or 0xCF, then one.)
  const auto greek_letter = [](std::string_view s) {
    return s.size() == 2 && (static_cast<unsigned char>(s[0]) == 0xCE || static_cast<unsigned char>(s[0]) == 0xCF);
  };
  // A study arm or a class named by a letter ("Group B (bupivacaine)", "Group C"), which
  // the tagger called a gene 12 times in the 2016 MEDLINE sample; no corpus annotates
  // one ("group 3" of NLM-Gene is a gene, in lowercase and with a number).
  const auto lettered_group = [](std::string_view s) {
    return s.size() == 7 && s.starts_with("Group ") && s[6] >= 'A' && s[6] <= 'Z';
  };
  // A name the text defines as an abbreviation is whatever its long form is ("Graves'
  // ophthalmopathy (GO)", "polyethylene terephthalate (PET)"): kept.
  const auto defined = [&](std::string_view name) {
    return std::any_of(analysis.abbreviations.begin(), analysis.abbreviations.end(),
                       [&](const AbbreviationPair& a) { return a.short_form(text) == name; });
  };
  std::erase_if(mentions, [&](const EntityMention& m) {
    const std::string_view name = text.substr(m.begin, m.end - m.begin);
    return greek_letter(name) || lettered_group(name) ||
           (std::binary_search(std::begin(kNames), std::end(kNames), name) && !defined(name));
  });
}

// BioRED Dev Gene +4 true mentions ("ARKO" x3, "DAT(-/-)"), -4 false; Train unchanged.
void trim_knockout_marks(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  const std::string_view text = analysis.text;
  for (EntityMention& m : mentions) {
    if (m.type != EntityType::kGene) continue;
    const std::string_view name = text.substr(m.begin, m.end - m.begin);
    uint32_t cut = 0;
    for (std::string_view mark : {std::string_view("(-/-)"), std::string_view("-/-")})
      if (name.size() > mark.size() + 1 && name.ends_with(mark)) {
        cut = static_cast<uint32_t>(mark.size());
        break;
      }
    if (cut == 0 && name.size() >= 4 && name.ends_with("KO") && is_word_byte(name[name.size() - 3])) {
      // The rest must occur on its own: as a whole token somewhere else in the text.
      const std::string_view rest = name.substr(0, name.size() - 2);
      for (const Token& t : analysis.tokens)
        if (t.end - t.begin == rest.size() && text.substr(t.begin, rest.size()) == rest) {
          cut = 2;
          break;
        }
    }
    m.end -= cut;
  }
}

// The tagger learned that a chemical name is a Chemical, and misses the longer disease
// name around it. BioRED Dev Disease +6 true mentions (4 "iron overload", 2 "apparent
// mineralocorticoid excess"), Chemical -6 false; Train unchanged. Without the guards
// (reaching beyond the chemicals, not a substance-use name) Train lost 3 Chemical
// mentions to false Diseases ("tempol", "cocaine dependence", "Amphetamine abuse").
// Linear: one pass over the lexicon matches, a binary search each.
void extend_chemicals_to_disease_names(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  static constexpr std::string_view kSubstanceUse[] = {"abuse", "dependence", "addiction", "misuse"};
  const std::string_view text = analysis.text;
  std::vector<EntityMention> covering;
  for (const LexiconMatch& lm : analysis.lexicon_matches) {
    if (!(lm.classes & EntityClass::kDisease) || (lm.classes & (EntityClass::kChemical | EntityClass::kGene))) continue;
    const uint32_t b = analysis.tokens[lm.first_token].begin, e = analysis.tokens[lm.end_token - 1].end;
    const Token& head = analysis.tokens[lm.end_token - 1];
    if (std::find(std::begin(kSubstanceUse), std::end(kSubstanceUse), text.substr(head.begin, e - head.begin)) !=
        std::end(kSubstanceUse))
      continue;
    auto it = first_ending_after(mentions, b);
    bool chemical = false, inside = true, whole = false;
    for (; it != mentions.end() && it->begin < e; ++it) {
      if (it->begin < b || it->end > e || it->type != EntityType::kChemical) inside = false;
      if (it->begin == b && it->end == e) whole = true;
      chemical = true;
    }
    if (chemical && inside && !whole) covering.push_back({b, e, EntityType::kDisease});
  }
  replace_by_covering_spans(mentions, covering);
}

namespace {

// Whether `gap` joins two items of a list: ", ", " and ", ", and ", " or ", "/".
bool list_separator(std::string_view gap) {
  auto skip_spaces = [&] {
    while (!gap.empty() && gap.front() == ' ') gap.remove_prefix(1);
  };
  if (gap == "/") return true;
  bool joined = false;
  if (gap.starts_with(",")) {
    gap.remove_prefix(1);
    joined = true;
  }
  skip_spaces();
  for (std::string_view word : {std::string_view("and "), std::string_view("or ")})
    if (gap.starts_with(word)) {
      gap.remove_prefix(word.size());
      joined = true;
      break;
    }
  skip_spaces();
  return joined && gap.empty();
}

}  // namespace

// BioRED Dev Gene +1 true mention, Disease -1 false ("..., TBC1D12, and VHL"); Train
// has no such slip, and its three disease names inside gene lists are multi-word
// ("age-related macular degeneration"), which the symbol shape leaves alone. Linear:
// a walk stops at the first non-gene, so each gene is walked over at most twice.
void retype_symbols_in_gene_lists(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  const std::string_view text = analysis.text;
  auto symbol = [&](const EntityMention& m) {
    const std::string_view s = text.substr(m.begin, m.end - m.begin);
    return s.size() >= 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
           std::all_of(s.begin(), s.end(), [](char c) {
             return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                    c == '-';
           });
  };
  auto gap = [&](size_t left) {
    return text.substr(mentions[left].end, mentions[left + 1].begin - mentions[left].end);
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].type != EntityType::kDisease || !symbol(mentions[i])) continue;
    int genes = 0;
    bool mixed = false;
    for (size_t j = i; j > 0 && !mixed && list_separator(gap(j - 1)); --j) {
      if (mentions[j - 1].type == EntityType::kGene) ++genes;
      else mixed = true;
    }
    for (size_t j = i; j + 1 < mentions.size() && !mixed && list_separator(gap(j)); ++j) {
      if (mentions[j + 1].type == EntityType::kGene) ++genes;
      else mixed = true;
    }
    if (!mixed && genes >= 2) mentions[i].type = EntityType::kGene;
  }
}

void unify_chemical_types(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  const std::string_view text = analysis.text;
  auto surface = [&](const EntityMention& m) { return text.substr(m.begin, m.end - m.begin); };
  thread_local std::vector<uint32_t> order;
  order.resize(mentions.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const std::string_view x = surface(mentions[a]), y = surface(mentions[b]);
    return x != y ? x < y : a < b;
  });
  for (size_t first = 0; first < order.size();) {
    const std::string_view name = surface(mentions[order[first]]);
    size_t last = first + 1;
    while (last < order.size() && surface(mentions[order[last]]) == name) ++last;
    const bool specific = name.size() >= 10 || std::any_of(name.begin(), name.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    if (specific && last - first > 1) {
      int count[kEntityTypeCount] = {};
      for (size_t k = first; k < last; ++k) ++count[static_cast<int>(mentions[order[k]].type)];
      const int chemical = count[static_cast<int>(EntityType::kChemical)];
      for (size_t k = first; k < last; ++k) {
        EntityMention& m = mentions[order[k]];
        if (m.type != EntityType::kVariant && count[static_cast<int>(m.type)] < chemical) m.type = EntityType::kChemical;
      }
    }
    first = last;
  }
}

void extend_chemicals_to_protein_heads(const AnalyzedText& analysis, std::vector<EntityMention>& mentions) {
  static constexpr std::string_view kHeads[] = {"receptors", "receptor", "synthases",        "synthase",
                                                "symporters", "symporter", "kinases",        "kinase",
                                                "binding proteins", "binding protein"};
  const std::string_view text = analysis.text;
  for (size_t i = 0; i < mentions.size(); ++i) {
    EntityMention& m = mentions[i];
    if (m.type != EntityType::kChemical || m.end + 1 >= text.size()) continue;
    if (text[m.end] != ' ' && text[m.end] != '-') continue;
    const std::string_view rest = text.substr(m.end + 1);
    for (std::string_view head : kHeads) {
      if (!rest.starts_with(head)) continue;
      if (rest.size() > head.size() && is_word_byte(rest[head.size()])) break;  // "receptorial", "kinase5"
      const auto end = static_cast<uint32_t>(m.end + 1 + head.size());
      if (i + 1 < mentions.size() && mentions[i + 1].begin < end) break;  // the head is another mention's
      m.end = end;
      m.type = EntityType::kGene;
      break;
    }
  }
}

void propagate_surfaces(const AnalyzedText& analysis, std::vector<EntityMention>& mentions, uint32_t type_mask) {
  if (mentions.empty()) return;
  const std::string& text = analysis.text;
  std::vector<EntityMention> added;
  auto overlaps = [&](uint32_t b, uint32_t e) {
    const auto it = first_ending_after(mentions, b);
    if (it != mentions.end() && it->begin < e) return true;
    for (const auto& m : added)
      if (m.begin < e && b < m.end) return true;
    return false;
  };
  // Occurrences can only start where a token starts (they must be token-aligned). In a
  // long text the token starts are indexed by their token's text, so that each surface
  // is looked for at the starts of its first token: a search through the whole text per
  // surface costs quadratic time there (16 % of recognition on texts of 32 abstracts,
  // 12.6 % less with the index). An abstract is searched directly: building the index
  // costs it more (+1.5 % of recognition) than the searches. Both find the same places.
  constexpr size_t kIndexedTextBytes = 8192;
  thread_local std::vector<std::pair<uint64_t, uint32_t>> starts_by_token;  // (hash of the token, its begin)
  starts_by_token.clear();
  const bool indexed = text.size() >= kIndexedTextBytes;
  if (indexed) {
    for (const Token& t : analysis.tokens) starts_by_token.emplace_back(fnv1a64(t.text(text)), t.begin);
    std::sort(starts_by_token.begin(), starts_by_token.end());
  }
  // A gene name before "cell(s)" names cells ("gammadelta T cells" aside, "Th1 cells",
  // "Clara cells", "Caki-2 cells"): where the tagger took one such name for a gene, its
  // repeats there are not copied (NLM-Gene Train: 30 such false genes spread otherwise).
  auto names_cells = [&](uint32_t e, EntityType type) {
    if (type != EntityType::kGene) return false;
    std::string_view after = std::string_view(text).substr(e, 8);
    if (after.starts_with(" T ") || after.starts_with(" B ")) after.remove_prefix(2);
    if (!after.starts_with(" cell")) return false;
    return after.size() == 5 || !is_word_byte(after[5]) || after[5] == 's';
  };
  // `first_token_bytes`: the length of the surface's first token (the same for its case variants).
  auto copy_occurrences = [&](std::string_view surface, size_t first_token_bytes, EntityType type) {
    if (!indexed || first_token_bytes == 0) {  // (0: a mention that does not start a token)
      for (size_t pos = text.find(surface); pos != std::string::npos; pos = text.find(surface, pos + 1)) {
        const auto b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(pos + surface.size());
        if (b > 0 && is_word_byte(text[b - 1])) continue;
        if (e < text.size() && is_word_byte(text[e])) continue;
        if (!token_aligned(analysis, b, e) || overlaps(b, e) || names_cells(e, type)) continue;
        added.push_back({b, e, type});
      }
      return;
    }
    const uint64_t key = fnv1a64(surface.substr(0, first_token_bytes));
    auto it = std::lower_bound(starts_by_token.begin(), starts_by_token.end(), std::make_pair(key, uint32_t{0}));
    for (; it != starts_by_token.end() && it->first == key; ++it) {
      const uint32_t b = it->second;
      if (text.compare(b, surface.size(), surface) != 0) continue;
      const auto e = static_cast<uint32_t>(b + surface.size());
      if (b > 0 && is_word_byte(text[b - 1])) continue;
      if (e < text.size() && is_word_byte(text[e])) continue;
      if (!token_aligned(analysis, b, e) || overlaps(b, e) || names_cells(e, type)) continue;
      added.push_back({b, e, type});
    }
  };
  auto first_token_bytes_at = [&](uint32_t begin) -> size_t {
    const Token* t = token_starting_at(analysis, begin);
    return t ? t->end - t->begin : 0;
  };
  // A short form defined in the text ("optical coherence tomography (OCT)") whose long
  // form is not a mention of the type is a tagging slip, not a name to spread.
  auto undefined_by_its_long_form = [&](std::string_view surface, EntityType type) {
    for (const AbbreviationPair& a : analysis.abbreviations) {
      if (a.short_form(text) != surface) continue;
      const auto it = first_ending_after(mentions, a.long_begin);
      if (it == mentions.end() || it->begin != a.long_begin || it->end != a.long_end || it->type != type) return true;
    }
    return false;
  };
  // Whether the mention is exactly a vocabulary name of its own class and of no other
  // ("succimer": Chemical only), which makes a shorter lowercase word safe to copy: from
  // 8 bytes, BioRED Dev Chemical +6 true mentions ("succimer" x4, "foscarnet",
  // "Androgens"), +1 false, Disease +1 false; Train +1 false ("Estrogen"); bc5cdr Dev
  // Disease +1 true, +1 false each. From 6 bytes, Train +7 and bc5cdr +5 false
  // ("lactate", "glucose", "cancer", "opioid") for no more on Dev.
  auto vocabulary_name_of_type_only = [&](const EntityMention& m) {
    uint8_t own = 0;
    if (m.type == EntityType::kChemical) own = EntityClass::kChemical;
    else if (m.type == EntityType::kDisease) own = EntityClass::kDisease;
    if (own == 0) return false;
    const LexiconMatch* lm = lexicon_match_spanning(analysis, m.begin, m.end);
    return lm != nullptr && lm->classes == own;
  };
  std::vector<std::string_view> done;
  std::string lowered;
  const size_t original = mentions.size();
  for (size_t i = 0; i < original; ++i) {
    const EntityMention m = mentions[i];
    if (!(type_mask & (1u << static_cast<int>(m.type)))) continue;
    const std::string_view surface = std::string_view(text).substr(m.begin, m.end - m.begin);
    // Short texts and plain lowercase words are too ambiguous to copy blindly; names
    // with capitals or digits ("TNF", "5-FU") are not, nor long lowercase names
    // ("depsipeptide", "contrast media": BioRED Dev +3 Chemical mentions, Train +1 and
    // one false "antioxidant", F1 the same).
    if (surface.size() < 3) continue;
    const bool marked = std::any_of(surface.begin(), surface.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
    });
    if (!marked && surface.size() < 10 && !(surface.size() >= 8 && vocabulary_name_of_type_only(m))) continue;
    if (std::find(done.begin(), done.end(), surface) != done.end()) continue;
    done.push_back(surface);
    if (undefined_by_its_long_form(surface, m.type)) continue;
    const size_t first_token_bytes = first_token_bytes_at(m.begin);
    copy_occurrences(surface, first_token_bytes, m.type);
    if (!marked) {  // and capitalized at a sentence start
      lowered.assign(surface);
      lowered[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(lowered[0])));
      copy_occurrences(lowered, first_token_bytes, m.type);
      continue;
    }
    // A name capitalized only because it starts a sentence ("Maltolyl p-coumarate was
    // ...") recurs in lower case; long or multi-word ones are safe to copy so ("fat" is
    // not). BioRED Dev +7 Chemical mentions, Train unchanged.
    const bool sentence_case = std::isupper(static_cast<unsigned char>(surface[0])) &&
                               std::none_of(surface.begin() + 1, surface.end(), [](char c) {
                                 return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
                               });
    if (sentence_case && (surface.size() >= 10 || surface.find(' ') != std::string_view::npos)) {
      lowered.assign(surface);
      lowered[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lowered[0])));
      copy_occurrences(lowered, first_token_bytes, m.type);
    }
  }
  if (added.empty()) return;
  mentions.insert(mentions.end(), added.begin(), added.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

void apply_abbreviation_consistency(const AnalyzedText& analysis, std::vector<EntityMention>& mentions,
                                    bool chemical_short_forms_elsewhere) {
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
  // Neither form is tagged where the abbreviation is defined ("contrast media (CM)"),
  // but the tagger called the short form a chemical twice or more elsewhere, and never
  // anything else: both forms are that chemical. BioRED Dev: Chemical +6 mentions and
  // no false one; Train unchanged. Chemicals only: with every type, +2 false Gene and
  // +2 false Species as well. A single tag elsewhere is too weak: one slip ("OCT" for
  // "optical coherence tomography") then spreads over the text (bc5cdr Dev).
  auto chemical_short_form_elsewhere = [&](const AbbreviationPair& a) {
    if (overlaps_any(a.long_begin, a.long_end) || overlaps_any(a.short_begin, a.short_end)) return false;
    const std::string_view sf = a.short_form(analysis.text);
    int chemical = 0;
    for (size_t pos = analysis.text.find(sf); pos != std::string::npos; pos = analysis.text.find(sf, pos + 1))
      if (const EntityMention* m = find_exact(static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + sf.size()))) {
        if (m->type != EntityType::kChemical) return false;
        ++chemical;
      }
    return chemical >= 2;
  };
  // A short form's occurrence that holds only pieces of it tagged ("GEP" of "GEP-NETs",
  // after "gastroenteropancreatic neuroendocrine tumors (GEP-NETs)"): the tagger split a
  // name the text defined whole. BioRED Dev Disease +3 true mentions and -2 false
  // ("GEP-NETs"); Gene +2 true and -2 false ("MMP-2/-9"), but also -2 true and +2 false
  // where the gene is rightly apart ("VWF" of "VWF:RCo", "DAT" of "DAT(-/-)"), -1 false
  // ("GEP" tagged Gene); Train unchanged.
  auto holds_only_parts = [&](uint32_t b, uint32_t e) {
    for (auto it = first_ending_after(b); it != mentions.end() && it->begin < e; ++it)
      if (it->begin < b || it->end > e) return false;
    return true;
  };
  // A long form that is a level word and a chemical ("high glucose (HG)", "high-salt
  // (HS)", "low-salt (LS)"): its short form spells the level word too, so it names the
  // condition, not the chemical. BioRED, bc5cdr and NLM-Chem never tag such a short form
  // where only the chemical is tagged, and tag it where its letters spell the chemical
  // alone ("elevated dopamine (DA)", "high-dose tranexamic acid (TXA)": the abbreviation
  // finder then leaves the level word out of the long form). Chemicals only, and only a
  // level word right before the chemical: names that start with such a word are left
  // alone ("High mobility group box 1 protein (HMGB1)", "low-substituted hydroxypropyl
  // cellulose (L-HPC)"). BioRED Dev: -5 false mentions ("HG"), NLM-Gene -17 (three
  // abstracts), no true mention lost; BioRED Train, bc5cdr Dev, NCBI-disease, tmVar3,
  // GNormPlus and ../shared's 2016 MEDLINE sample unchanged.
  auto level_of_a_chemical = [&](const AbbreviationPair& a, const EntityMention& short_form) {
    if (short_form.type != EntityType::kChemical) return false;
    const std::string_view long_text =
        std::string_view(analysis.text).substr(a.long_begin, a.long_end - a.long_begin);
    for (std::string_view word : {"high", "low", "elevated", "increased", "decreased", "reduced", "excess"}) {
      if (long_text.size() <= word.size() + 1 ||
          !std::equal(word.begin(), word.end(), long_text.begin(), [](char w, char c) { return w == ascii_lower(c); }) ||
          (long_text[word.size()] != ' ' && long_text[word.size()] != '-'))
        continue;
      const EntityMention* chemical = find_exact(a.long_begin + static_cast<uint32_t>(word.size()) + 1, a.long_end);
      return chemical && chemical->type == EntityType::kChemical;
    }
    return false;
  };
  std::vector<EntityMention> added, covering;
  std::vector<std::pair<uint32_t, uint32_t>> dropped;  // spans of the mentions to drop
  // Every tagged occurrence of the pair's short form is to be dropped.
  auto drop_short_form = [&](const AbbreviationPair& a) {
    const std::string_view sf = a.short_form(analysis.text);
    for (size_t pos = analysis.text.find(sf); pos != std::string::npos; pos = analysis.text.find(sf, pos + 1))
      if (find_exact(static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + sf.size())))
        dropped.emplace_back(static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + sf.size()));
  };
  for (const AbbreviationPair& a : analysis.abbreviations) {
    const EntityMention* long_form = find_exact(a.long_begin, a.long_end);
    const EntityMention* short_form = find_exact(a.short_begin, a.short_end);
    if (!long_form && short_form && level_of_a_chemical(a, *short_form)) {
      drop_short_form(a);
      continue;
    }
    EntityType type;
    if (long_form) type = long_form->type;
    else if (short_form) type = short_form->type;
    else if (chemical_short_forms_elsewhere && chemical_short_form_elsewhere(a)) type = EntityType::kChemical;
    else {
      // Neither form is tagged where the text defines the abbreviation, and the
      // chemical rule above does not apply: what the letters stand for is no entity
      // ("blood-brain barrier (BBB)", "hemodialysis (HD)", "intraocular lens (IOL)"),
      // so the short form's mentions elsewhere are the tagger's slips (BBB as a gene, HD
      // as Huntington disease), unless the long form is a vocabulary name the tagger
      // missed. BioRED Dev NER false positives 310 -> 308 and no true mention lost;
      // Train unchanged; bc5cdr Dev -4 false, tmVar3, NLM-Gene and GNormPlus -2 false
      // each, no true mention lost; ../shared's 2016 MEDLINE sample loses 52 mentions
      // (APRV as a species x10, rCBF, IOL, CABG, UVB, GWAS, ...), all wrong but "MCM" of
      // "minichromosome maintenance (MCM) helicase".
      // (A long form that is exactly a vocabulary name is one the tagger missed:
      // "Tumor necrosis factor (TNF)".)
      if (!overlaps_any(a.long_begin, a.long_end) && !overlaps_any(a.short_begin, a.short_end) &&
          lexicon_match_spanning(analysis, a.long_begin, a.long_end) == nullptr)
        drop_short_form(a);
      continue;
    }
    // The long form is labelled when its short form is: BioRED annotates both.
    if (!long_form && !overlaps_any(a.long_begin, a.long_end)) added.push_back({a.long_begin, a.long_end, type});
    // Every occurrence of the short form takes the type, those before the definition too:
    // a title uses the abbreviation its abstract defines ("VWF" in the title, "von
    // Willebrand factor (VWF)" after; "SLE-GIOP" in PubTator3's export 37026113). BioRED
    // Dev: Gene +1 true mention, Chemical -1 false; Train and tmVar3 unchanged.
    const std::string_view sf = a.short_form(analysis.text);
    for (size_t pos = analysis.text.find(sf); pos != std::string::npos;
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
      else if (holds_only_parts(b, e)) covering.push_back({b, e, type});
    }
  }
  replace_by_covering_spans(mentions, covering);
  if (!dropped.empty()) {
    // Sorted, for a binary search per mention.
    std::sort(dropped.begin(), dropped.end());
    std::erase_if(mentions, [&](const EntityMention& m) {
      return std::binary_search(dropped.begin(), dropped.end(), std::make_pair(m.begin, m.end));
    });
  }
  if (added.empty()) return;
  for (const auto& m : added)
    if (!overlaps_any(m.begin, m.end)) mentions.push_back(m);
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& x, const EntityMention& y) { return x.begin < y.begin; });
}

}  // namespace biotator
