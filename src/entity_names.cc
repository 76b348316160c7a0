#include "entity_names.h"

#include "ascii.h"
#include "hashing.h"
#include "kb.h"

namespace biotator {
namespace {

// Numbers, Greek letters and Roman numerals qualify a name (see usable_subphrase).
constexpr std::string_view kQualifiers[] = {
    "alpha", "beta", "gamma", "delta", "epsilon", "kappa", "lambda", "sigma", "omega", "zeta", "eta", "theta",
    "mu",    "nu",   "pi",    "tau",   "type",    "ii",    "iii",    "iv",    "vi",    "vii",  "viii"};

// Chemical element symbols of two letters as chemists write them ("Pb", not the
// abbreviation "PB" of phosphate buffer), to the element's name, looked up instead. "Cr"
// is left out: it is creatinine as often as chromium.
constexpr std::pair<std::string_view, std::string_view> kElementNames[] = {
    {"Ag", "silver"},    {"Al", "aluminum"},  {"Au", "gold"},      {"Ba", "barium"},   {"Be", "beryllium"},
    {"Bi", "bismuth"},   {"Br", "bromine"},   {"Ca", "calcium"},   {"Cd", "cadmium"},  {"Cl", "chlorine"},
    {"Co", "cobalt"},    {"Cs", "cesium"},    {"Cu", "copper"},    {"Fe", "iron"},
    {"Ga", "gallium"},   {"Gd", "gadolinium"}, {"Hg", "mercury"},  {"Li", "lithium"},  {"Mg", "magnesium"},
    {"Mn", "manganese"}, {"Mo", "molybdenum"}, {"Na", "sodium"},   {"Ni", "nickel"},   {"Pb", "lead"},
    {"Pt", "platinum"},  {"Rb", "rubidium"},  {"Sb", "antimony"},  {"Se", "selenium"}, {"Si", "silicon"},
    {"Sn", "tin"},       {"Sr", "strontium"}, {"Ti", "titanium"},  {"Tl", "thallium"}, {"Zn", "zinc"}};

// Halide anions written as formulas ("I-", "Cl(-)"): their keys are the letters alone,
// which a Roman numeral ("I" -> 1) or another name takes. Iodide, not iodine: the charge
// names the ion (BioRED Dev "I-" is Iodides, D007454; gold mentions +2 on Dev).
constexpr std::pair<std::string_view, std::string_view> kAnionFormulas[] = {
    {"I-", "iodide"},     {"I(-)", "iodide"},     {"Cl-", "chloride"}, {"Cl(-)", "chloride"},
    {"Br-", "bromide"},   {"Br(-)", "bromide"},   {"F-", "fluoride"},  {"F(-)", "fluoride"}};

// Words that name a kind of gene product, not one: alone, with numbers, letters and
// Greek letters, they are no gene name ("receptor 4" of "FGF receptor 4" is no FGFR4,
// "co transporter" of "Na-Cl co-transporter" no ABCC3).
constexpr std::string_view kGenericGeneWords[] = {
    "receptor", "receptors", "factor",  "factors",  "protein",     "proteins", "kinase",  "kinases",
    "gene",     "genes",     "subunit", "subunits", "chain",       "chains",   "family",  "domain",
    "isoform",  "isoforms",  "complex", "channel",  "channels",    "transporter", "transporters",
    "co",       "enzyme",    "enzymes", "ligand",   "ligands",     "hormone",  "antigen", "molecule",
    "type",     "like",      "member",  "homolog",  "polypeptide", "precursor"};

// Words by which a gene name names another gene it relates to (see gene_subphrase).
constexpr std::string_view kRelationWords[] = {
    "receptor",   "receptors", "ligand",    "ligands",  "inhibitor", "inhibitors", "associated", "binding",
    "interacting", "related",  "like",      "dependent", "induced",  "regulated",  "activated",
    "activating", "responsive", "antagonist", "agonist", "converting", "releasing", "stimulating"};

// Words of a disease's course or severity, which leave the disease the same ("chronic
// hypoxia" is hypoxia).
constexpr std::string_view kCourseWords[] = {"chronic", "acute",      "severe",     "mild",      "moderate",
                                             "progressive", "persistent", "recurrent", "transient", "advanced"};

}  // namespace

std::string join_units(const std::vector<std::string_view>& units, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(units[i]);
  }
  return out;
}

bool is_letters(std::string_view unit) {
  return std::all_of(unit.begin(), unit.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || u >= 0x80;
  });
}

bool is_qualifier(std::string_view unit) { return is_one_of(unit, kQualifiers); }

// A sub-phrase of a mention is worth a lookup when it does not start or end with
// punctuation or a function word, and, when it is a single unit, is a word of at least
// three letters (not "53" of "p53", not "s").
bool usable_subphrase(const std::vector<std::string_view>& units, size_t begin, size_t end) {
  static constexpr std::string_view kFunctionWords[] = {"of", "the", "and", "or", "in", "with", "to", "for",
                                                        "a", "an", "on", "by", "at", "from", "s"};
  auto bad_edge = [&](std::string_view u) {
    if (!std::any_of(u.begin(), u.end(), [](char c) {
          const auto b = static_cast<unsigned char>(c);
          return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
        })) {
      return true;
    }
    return std::find(std::begin(kFunctionWords), std::end(kFunctionWords), u) != std::end(kFunctionWords);
  };
  if (begin >= end || bad_edge(units[begin]) || bad_edge(units[end - 1])) return false;
  if (end - begin == 1) return units[begin].size() >= 3 && is_letters(units[begin]);
  // Numbers, Greek letters and Roman numerals qualify a name; alone they are none
  // ("1 beta" of "NRG-1 beta", "type 2"). A letter and a number are a symbol ("D2").
  return std::any_of(units.begin() + static_cast<std::ptrdiff_t>(begin), units.begin() + static_cast<std::ptrdiff_t>(end),
                     [](std::string_view u) {
                       return !std::all_of(u.begin(), u.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                              std::find(std::begin(kQualifiers), std::end(kQualifiers), u) == std::end(kQualifiers) &&
                              std::any_of(u.begin(), u.end(), [](char c) {
                                return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
                              });
                     });
}

SymbolStyle symbol_style(std::string_view text) {
  if (text.size() < 2 || text.size() > 10) return SymbolStyle::kNone;
  size_t upper = 0, lower = 0, digits = 0;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= 'a' && c <= 'z') ++lower;
    else if (c >= '0' && c <= '9') ++digits;
    else if (c != '-') return SymbolStyle::kNone;
  }
  if (lower == 0 && upper >= 2 && text.size() >= 3) return SymbolStyle::kHuman;
  // A capital, then lowercase letters and digits: "Il1", "Socs3", "Shh", "Wnt" (a
  // longer word without digits, "Insulin", is an English word at a sentence start).
  const bool title = text[0] >= 'A' && text[0] <= 'Z' && upper == 1 && lower >= 1 && text.find('-') == std::string_view::npos;
  if (title && text.size() <= 8 && (digits > 0 || text.size() <= 4)) return SymbolStyle::kRodent;
  return SymbolStyle::kNone;
}

// A gene name reduced to its lowercase letters and digits ("MMP-2" -> "mmp2"); other
// bytes (non-ASCII letters) are kept.
std::string family_squeeze(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) out.push_back(c);
  }
  return out;
}

// What a family member adds to the family's name: a number and at most one letter
// ("2" of "MMP-2", "6c" of "Rab6c"), not "r" ("IGF-1R" is IGF-1's receptor).
bool family_member_suffix(std::string_view rest) {
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits == 0) return false;
  if (digits == rest.size()) return true;
  return digits + 1 == rest.size() && rest.back() >= 'a' && rest.back() <= 'z' && rest.back() != 'r';
}

// A sub-phrase of a gene mention that can name a gene: not only generic words,
// numbers, Greek letters and Roman numerals ("receptor 4"), and not a number cut
// from the name it numbers, alone or with one letter ("4 j"; "5 lipoxygenase" of
// "human 5-lipoxygenase" and "1 a receptor" of "type 1a (AT1a) receptor" stay).
// With the relation words (kRelationWords), on BioRED Dev gold mentions: 22 wrong
// identifiers become none, "PAF1c" finds Paf1 instead of C1s1 ("1 c"); held-out Train
// half: 10 wrong identifiers become none, nothing right is lost (end-to-end Gene
// precision 77.1 -> 79.8 on Dev with the other rules of this change).
bool gene_subphrase(const std::vector<std::string_view>& units, size_t begin, size_t end) {
  const bool only_generic = std::all_of(units.begin() + static_cast<std::ptrdiff_t>(begin),
                                        units.begin() + static_cast<std::ptrdiff_t>(end), [](std::string_view u) {
                                          return all_digits(u) || is_one_of(u, kGenericGeneWords) ||
                                                 is_one_of(u, kQualifiers);
                                        });
  if (only_generic) return false;
  // A word that relates a gene to another named before it ("IL-6 receptor", "Fas
  // ligand", "TNFR-associated factor 2", "insulin-like growth factor") is not cut off
  // the words before it: alone they name the partner (IL-6, Fas, TNFR, insulin), a wrong
  // gene ("CXCR 1" after "chemokine receptor 1" stays). Nor is "inducible" cut off what
  // follows it ("inducible NO synthase" is no other NO synthase).
  for (size_t i = end; i < units.size(); ++i) {
    if (is_one_of(units[i], kRelationWords)) return false;
  }
  for (size_t i = 0; i < begin; ++i) {
    if (units[i] == "inducible") return false;
  }
  if (begin > 0 && all_digits(units[begin]) && end - begin <= 2 && (end - begin == 1 || units[begin + 1].size() < 3))
    return false;
  return true;
}

// `text` without its parenthesized parts ("retinoic acid receptor (RAR)a" ->
// "retinoic acid receptor a"); "" when the parentheses do not pair or nothing is left.
std::string without_parentheses(std::string_view text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    else if (c == ')') {
      if (--depth < 0) return {};
    } else if (depth == 0) {
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return depth == 0 ? out : std::string();
}

// The names of the common laboratory mouse strains begin so ("C57BL/6J", "BALB/c").
bool is_mouse_strain(std::string_view text) {
  static constexpr std::string_view kStrains[] = {"C57BL", "BALB/c", "DBA/", "C3H/", "FVB/", "129/Sv", "129S"};
  return std::any_of(std::begin(kStrains), std::end(kStrains), [&](std::string_view s) { return text.starts_with(s); });
}

// The number of an OMIM citation ("OMIM 150800", "MIM #150800", "OMIM: 150800"), or "".
std::string_view omim_number(std::string_view mention) {
  size_t i = 0;
  if (mention.size() > 4 && ascii_lower(mention[0]) == 'o') i = 1;
  if (mention.size() < i + 3 + 6 || ascii_lower(mention[i]) != 'm' || ascii_lower(mention[i + 1]) != 'i' ||
      ascii_lower(mention[i + 2]) != 'm')
    return {};
  i += 3;
  while (i < mention.size() && (mention[i] == ' ' || mention[i] == ':' || mention[i] == '#' || mention[i] == '*')) ++i;
  const std::string_view number = mention.substr(i);
  if (number.size() != 6 || !all_digits(number)) return {};
  return number;
}

// `mention` without its bracketed asides and with the short forms defined in the text
// (`abbreviations`, also in the plural or the singular: "NETs", "GEP-NET") replaced by
// their long forms and the element symbols by their names; "" when nothing changes.
std::string expand_disease_mention(std::string_view mention,
                                   const std::unordered_map<std::string, std::string>& abbreviations) {
  std::string out;
  bool changed = false;
  size_t depth = 0;
  size_t i = 0;
  while (i < mention.size()) {
    const char c = mention[i];
    if (c == '(' || c == '[') {
      ++depth;
      changed = true;
      ++i;
      continue;
    }
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
      ++i;
      continue;
    }
    if (depth > 0) {
      ++i;
      continue;
    }
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      ++i;
      continue;
    }
    size_t end = mention.find_first_of(" ([", i);
    if (end == std::string_view::npos) end = mention.size();
    const std::string word(mention.substr(i, end - i));
    auto it = abbreviations.find(word);
    if (word.size() == mention.size()) it = abbreviations.end();  // link() tried the whole mention
    if (it == abbreviations.end() && word.size() > 2 && word.back() == 's') it = abbreviations.find(word.substr(0, word.size() - 1));
    if (it == abbreviations.end()) it = abbreviations.find(word + "s");  // "GEP-NET" of "GEP-NETs"
    // A chemical element's symbol in its case: "Pb poisoning" is lead poisoning.
    const std::string_view element = mapped(word, kElementNames);
    if (it != abbreviations.end()) {
      out += it->second;
      changed = true;
    } else if (!element.empty() && word.size() < mention.size()) {
      out += element;
      changed = true;
    } else {
      out += word;
    }
    i = end;
  }
  if (depth > 0) return {};  // an unclosed bracket: not an aside
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return changed && !out.empty() ? out : std::string();
}

// `mention` with the short forms defined in the text that it contains as words (split
// at spaces, hyphens and slashes; also in the plural: "FGFs") replaced by their long
// forms ("FGF receptor 4" -> "fibroblast growth factors receptor 4", "inducible NO
// synthase" -> "inducible nitric oxide synthase"); "" when none is found. A word that
// is the whole mention is left to link(), and a short form the mention defines itself
// ("signal transducer and activator of transcription (STAT) 3", "cytochrome P450
// isoenzyme (CYP) 2D6") is kept: its long form may be longer than the name (held-out
// Train half: 1 mention lost without this, Dev 1).
std::string expand_gene_short_forms(std::string_view mention,
                                    const std::unordered_map<std::string, std::string>& abbreviations) {
  // One word is link()'s own lookup; a name without any short form's letters (or its
  // singular's) needs no word-by-word search.
  if (abbreviations.empty() || mention.find_first_of(" -/()") == std::string_view::npos) return {};
  if (std::none_of(abbreviations.begin(), abbreviations.end(), [&](const auto& pair) {
        std::string_view short_form = pair.first;
        if (short_form.size() > 2 && short_form.back() == 's') short_form.remove_suffix(1);
        return mention.find(short_form) != std::string_view::npos;
      }))
    return {};
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < mention.size()) {
    size_t end = mention.find_first_of(" -/()", i);
    // "LH-RH" is one name, not LH's: a hyphen before a capital joins.
    while (end != std::string_view::npos && end + 1 < mention.size() && mention[end] == '-' &&
           mention[end + 1] >= 'A' && mention[end + 1] <= 'Z')
      end = mention.find_first_of(" -/()", end + 1);
    if (end == std::string_view::npos) end = mention.size();
    if (end == i) {
      out.push_back(mention[i] == '-' || mention[i] == '/' ? ' ' : mention[i]);
      ++i;
      continue;
    }
    const std::string_view word = mention.substr(i, end - i);
    // Short forms have a capital ("NO", "TCF", "FGFs"): other words are not looked up.
    auto it = abbreviations.end();
    const bool capital = std::any_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (word.size() < mention.size() && capital) {
      std::string key(word);
      it = abbreviations.find(key);
      if (it == abbreviations.end()) it = abbreviations.find(key.append("s"));
    }
    // A mention that defines the short form itself ("cytochrome P450 isoenzyme (CYP)
    // 2D6") has its long form already.
    if (it != abbreviations.end() &&
        ((i > 0 && mention[i - 1] == '(') || mention.find(it->second) != std::string_view::npos))
      it = abbreviations.end();
    if (it != abbreviations.end()) {
      out += it->second;
      changed = true;
    } else {
      out += word;
    }
    i = end;
  }
  return changed ? out : std::string();
}

// `mention` with its receptor symbols written out ("TNFR-associated factor 2" -> "TNF
// receptor-associated factor 2"): a word of capitals and digits ending in "R" after at
// least two more characters, followed by more words; "" when there is none.
std::string expand_receptor_symbols(std::string_view mention) {
  // Most names have no such word: nothing is built for them.
  if (mention.find('R') == std::string_view::npos) return {};
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < mention.size()) {
    size_t end = mention.find_first_of(" -/()", i);
    if (end == std::string_view::npos) end = mention.size();
    const std::string_view word = mention.substr(i, end - i);
    const bool symbol = word.size() >= 3 && word.back() == 'R' && end < mention.size() &&
                        std::all_of(word.begin(), word.end(),
                                    [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
    if (symbol) {
      out.append(word.substr(0, word.size() - 1));
      out += " receptor";
      changed = true;
    } else {
      out.append(word);
    }
    if (end < mention.size()) out.push_back(mention[end]);
    i = end + 1;
  }
  return changed ? out : std::string();
}

// A gene name in a spelling its vocabulary writes otherwise, or "" when there is none:
//   - a prefix written apart, "co-transporter", "non-receptor": solid ("Na-Cl
//     cotransporter", SLC12A3);
//   - "NO" as a word: chemistry's nitric oxide ("inducible NO synthase": inducible
//     nitric oxide synthase);
//   - a one-word symbol with a hyphen inside: solid ("LH-RH": LHRH, "Tnfr-sf13c");
//   - a coagulation factor by its Roman numeral alone ("factor V", "factor XI"):
//     "coagulation factor V" (F5), the vocabulary's name.
std::string gene_spelling_variant(std::string_view text) {
  // "Factor V", "factor XI": no other word, a Roman numeral.
  if (text.size() > 7 && ascii_lower(text[0]) == 'f' && text.substr(1, 6) == "actor ") {
    static constexpr std::string_view kNumerals[] = {"I",  "II", "III", "IV", "V",   "VI",  "VII",
                                                     "VIII", "IX", "X",   "XI", "XII", "XIII"};
    if (is_one_of(text.substr(7), kNumerals)) return "coagulation " + std::string(text);
    return {};
  }
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < text.size(); ++i) {
    // "NO" as a word: nitric oxide ("inducible NO synthase").
    if (text.size() > 2 && text.substr(i).starts_with("NO") && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '-') &&
        (i + 2 == text.size() || text[i + 2] == ' ' || text[i + 2] == '-')) {
      out += "nitric oxide";
      ++i;
      changed = true;
      continue;
    }
    if (i == 0 || text[i - 1] == ' ' || text[i - 1] == '-' || text[i - 1] == '/') {
      // "co-", "non-" before a lowercase word.
      const size_t hyphen = text.substr(i, 4).find('-');
      std::string prefix(text.substr(i, hyphen == std::string_view::npos ? 0 : hyphen));
      for (char& c : prefix) c = static_cast<char>(ascii_lower(c));
      if ((prefix == "co" || prefix == "non") && i + hyphen + 1 < text.size() && text[i + hyphen + 1] >= 'a' &&
          text[i + hyphen + 1] <= 'z') {
        out.append(text.substr(i, hyphen));
        i += hyphen;  // the hyphen
        changed = true;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  // A symbol written with a hyphen inside ("LH-RH", "Tnfr-sf13c", "Jun-B"): solid
  // ("LHRH"), not after a single letter (the Greek "a-" of "a-SMA") nor between two
  // numbers (the range "NPHP1-9"), and only in a name of one word.
  if (!changed && text.find('-') != std::string_view::npos && text.find(' ') == std::string_view::npos) {
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    out.clear();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '-' && i > 1 && i + 1 < text.size() && alnum(text[i - 2]) && alnum(text[i - 1]) &&
          alnum(text[i + 1]) && !(digit(text[i - 1]) && digit(text[i + 1]))) {
        changed = true;
        continue;
      }
      out.push_back(text[i]);
    }
  }
  return changed ? out : std::string();
}

// The symbol of a receptor named by its subtype's short symbol ("D2 receptor",
// "H3-receptor"): the symbol with "R" ("D2R": DRD2, "H3R": Hrh3), as
// receptors are written; "" when the mention is no such name.
std::string receptor_symbol(std::string_view text) {
  size_t cut = text.find_last_of(" -");
  if (cut == std::string_view::npos || cut == 0 || cut > 6) return {};
  std::string head(text.substr(cut + 1));
  for (char& c : head) c = static_cast<char>(ascii_lower(c));
  if (head != "receptor" && head != "receptors") return {};
  const std::string_view symbol = text.substr(0, cut);
  // A capital and a digit: a subtype's symbol ("D2", "EP4"), not a ligand's name
  // ("BMP receptor" names several receptors; "ASPR" is another gene).
  const bool capital = std::any_of(symbol.begin(), symbol.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
                       std::any_of(symbol.begin(), symbol.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool plain = std::all_of(symbol.begin(), symbol.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!capital || !plain) return {};
  return std::string(symbol) + "R";
}

// `mention` without its leading course words ("chronic hypoxia" -> "hypoxia").
std::string_view without_course_words(std::string_view mention) {
  while (true) {
    const size_t space = mention.find(' ');
    if (space == std::string_view::npos) return mention;
    std::string word(mention.substr(0, space));
    for (char& c : word) c = static_cast<char>(ascii_lower(c));
    if (!is_one_of(word, kCourseWords)) return mention;
    mention.remove_prefix(space + 1);
  }
}

// The name under which a mention's identifiers are shared within a document: its exact
// key, except that element symbols keep their case ("Pb" is lead, "PB" phosphate buffer).
std::string document_name_key(std::string_view text) {
  std::string key = kb_exact_key(text);
  if (!mapped(text, kElementNames).empty()) key += '\x01';
  if (!mapped(text, kAnionFormulas).empty()) key += '\x02';
  return key;
}

std::string_view element_name(std::string_view symbol) { return mapped(symbol, kElementNames); }

std::string_view anion_name(std::string_view formula) { return mapped(formula, kAnionFormulas); }

// "QTP" of "quetiapine", "DVP" of "divalproex", "Sal" of "salidroside": the letters of
// a short name, in order, in a longer name that starts with its first letter.
bool abbreviates(std::string_view short_form, std::string_view long_form) {
  if (long_form.size() < short_form.size() + 3) return false;
  if (ascii_lower(short_form[0]) != ascii_lower(long_form[0])) return false;
  size_t j = 1;
  for (size_t i = 1; i < short_form.size(); ++i) {
    while (j < long_form.size() && ascii_lower(long_form[j]) != ascii_lower(short_form[i])) ++j;
    if (j == long_form.size()) return false;
    ++j;
  }
  return true;
}

// Byte offsets in `long_form` of the letters and digits of `short_form`, matched right
// to left, case ignored, the first one at the start of a word (as Schwartz & Hearst
// align them); empty when they do not all match.
std::vector<size_t> short_form_letters(std::string_view short_form, std::string_view long_form) {
  const auto alnum = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
  };
  size_t first = 0;
  while (first < short_form.size() && !alnum(short_form[first])) ++first;
  std::vector<size_t> matched;
  size_t j = long_form.size();
  for (size_t i = short_form.size(); i-- > first;) {
    if (!alnum(short_form[i])) continue;
    const unsigned char wanted = ascii_lower(short_form[i]);
    bool found = false;
    while (j > 0 && !found) {
      --j;
      found = ascii_lower(long_form[j]) == wanted && (i != first || j == 0 || !alnum(long_form[j - 1]));
    }
    if (!found) return {};
    matched.push_back(j);
  }
  return matched;
}

// Whether the initials of the words of `long_form` (split at spaces, hyphens and
// slashes) are the letters of `short_form`, case ignored.
bool spells_initials(std::string_view short_form, std::string_view long_form) {
  size_t i = 0;
  bool word_start = true;
  for (char c : long_form) {
    if (c == ' ' || c == '-' || c == '/') {
      word_start = true;
      continue;
    }
    if (!word_start) continue;
    word_start = false;
    if (i == short_form.size() || ascii_lower(c) != ascii_lower(short_form[i])) return false;
    ++i;
  }
  return i == short_form.size();
}

}  // namespace biotator
