#include "variant_recognizer.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "ascii.h"

namespace biotator {
namespace {

constexpr size_t kFail = std::string_view::npos;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_base(char c) { return c == 'A' || c == 'C' || c == 'G' || c == 'T' || c == 'U'; }
bool is_lower_base(char c) { return c == 'a' || c == 'c' || c == 'g' || c == 't' || c == 'u'; }
bool is_one_letter_aa(char c) { return c != '\0' && std::strchr("ACDEFGHIKLMNPQRSTVWY", c) != nullptr; }

char ascii_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Amino acid spellings the scanner accepts at a position.
enum AaForm : int {
  kOneLetter = 1,    // V, E, X, *
  kThreeLetter = 2,  // Val, VAL, Ter
  kName = 4,         // valine, Aspartic acid, stop, termination
};

// A recognized variant: where it ends and what it says.
struct Match {
  size_t end = 0;
  VariantParts parts;
  bool snp = false;
  std::string rs;
};

// Words that look like one-letter protein changes but are names of other things
// (cell lines, transcription factors, receptors, histones, lipids, HbA1c).
// Diseases (T1D, T2D), sugar phosphates (G6P, M6P), mouse strains (C3H) too.
constexpr std::array<std::string_view, 52> kNotProteinChanges = {
    "T47D", "E2F", "E1A", "S1P", "A1C", "H2A", "H1N", "G1S", "G2M", "C3G", "T4L", "P1A", "M1A",
    "M2A",  "D1R", "D2R", "D3R", "D4R", "D5R", "Y1R", "Y2R", "Y5R", "A1R", "A2A", "S1R", "M2R",
    "M3R",  "H1R", "H2R", "H3R", "H4R", "K2P", "C1Q", "C3A", "C5A", "P2Y", "P2X", "V1A", "V1R",
    "A3G",  "T1D", "T2D", "M6P", "G6P", "F6P", "G1P", "F1P", "R5P", "E4P", "M1P", "C3H", "C6D",
};

// Words before a match that make it a figure, table or panel label ("Figure S1A").
bool follows_label_word(std::string_view text, size_t begin) {
  size_t j = begin;
  while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '.')) --j;
  size_t k = j;
  while (k > 0 && is_alpha(text[k - 1])) --k;
  std::string word;
  for (size_t i = k; i < j; ++i) word += ascii_lower(text[i]);
  return word == "fig" || word == "figs" || word == "figure" || word == "figures" || word == "table" || word == "tables" ||
         word == "panel" || word == "panels" || word == "supplementary" || word == "appendix" || word == "clone" ||
         word == "strain" || word == "line";
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  // Longest variant starting at byte `i` (a word start), or with `want_end` the one
  // ending there. False when none.
  bool match_at(size_t i, Match& best, size_t want_end = kFail) const {
    best.end = 0;
    Match m;
    const char c = at(i);
    auto consider = [&](bool ok) {
      if (ok && (want_end == kFail ? m.end > best.end : m.end == want_end)) best = m;
      m = Match();
    };
    if ((c == 'r' || c == 'R') && at(i + 1) == 's') consider(rs_id(i, m));  // "Rs702553" starts sentences
    if ((c == 'c' || c == 'g' || c == 'm' || c == 'n' || c == 'r' || c == 'p') && at(i + 1) == '.') {
      consider(hgvs(i, m));
    }
    if (c == 'I' && at(i + 1) == 'V' && at(i + 2) == 'S') consider(dna_legacy(i, m));
    if (is_digit(c) || c == '-' || c == '+') consider(dna_legacy(i, m));
    if (is_digit(c) || is_upper(c)) consider(allele(i, m));
    if (c == 'c' || c == 'C') consider(codon_phrase(i, m));
    if (is_alnum(c) || c == '(') consider(sequence_change(i, m));
    if (c == '(' || c == 'd' || is_digit(c) || is_base(c)) consider(repeat(i, m));
    if (is_digit(c) || is_alpha(c)) consider(length_change(i, m));
    if (c == 'i' || c == 'I') consider(indel_length(i, m));
    if (is_base(c)) {
      consider(dna_ref_first(i, m));
      consider(allele_phrase(i, m));
      consider(codon_pair(i, m));
    }
    if (is_digit(c)) consider(position_first_protein(i, m));
    if (is_upper(c) || is_lower(c)) {
      consider(protein_legacy(i, m));
      consider(phrase(i, m));
    }
    if (c == '(') consider(phrase(i, m));
    if (c == 'D' || c == 'd' || static_cast<unsigned char>(c) == 0xCE) consider(delta(i, m));
    if (c == 'd' && at(i + 1) == 'e' && at(i + 2) == 'l') consider(del_prefix(i, m));
    return best.end > i;
  }

 private:
  char at(size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
  bool boundary(size_t i) const { return !is_alnum(at(i)); }

  size_t spaces(size_t i, int max = 1) const {
    for (int n = 0; n < max && at(i) == ' '; ++n) ++i;
    return i;
  }
  size_t lit(size_t i, std::string_view s) const {
    return i <= t_.size() && t_.substr(i).starts_with(s) ? i + s.size() : kFail;
  }
  // Case-insensitive literal.
  size_t ilit(size_t i, std::string_view s) const {
    if (i + s.size() > t_.size()) return kFail;
    for (size_t k = 0; k < s.size(); ++k) {
      if (ascii_lower(t_[i + k]) != ascii_lower(s[k])) return kFail;
    }
    return i + s.size();
  }
  // A whole word, case-insensitive.
  size_t word(size_t i, std::string_view s) const {
    const size_t j = ilit(i, s);
    return j != kFail && !is_alpha(at(j)) ? j : kFail;
  }
  template <size_t N>
  size_t any_word(size_t i, const std::array<std::string_view, N>& words) const {
    for (std::string_view w : words) {
      const size_t j = word(i, w);
      if (j != kFail) return j;
    }
    return kFail;
  }

  // Digits, with thousands groups ("1,071"); `out` gets the digits only.
  size_t number(size_t i, std::string* out) const {
    size_t j = i;
    while (is_digit(at(j))) ++j;
    if (j == i || j - i > 9) return kFail;
    out->assign(t_.substr(i, j - i));
    if (j - i <= 3) {
      while (at(j) == ',' && is_digit(at(j + 1)) && is_digit(at(j + 2)) && is_digit(at(j + 3)) && !is_digit(at(j + 4))) {
        out->append(t_.substr(j + 1, 3));
        j += 4;
      }
    }
    return j;
  }

  // One or more nucleotides, all upper case (or all lower case when allowed).
  size_t bases(size_t i, std::string* out, bool allow_lower = false, size_t max = 60) const {
    size_t j = i;
    if (is_base(at(i))) {
      while (is_base(at(j)) && j - i < max) ++j;
    } else if (allow_lower && is_lower_base(at(i))) {
      while (is_lower_base(at(j)) && j - i < max) ++j;
    }
    if (j == i) return kFail;
    *out = upper(t_.substr(i, j - i));
    return j;
  }

  // ">", "->", "-->", "→", "=>", with an optional space on each side.
  size_t arrow(size_t i) const {
    const size_t j = spaces(i, 1);
    for (std::string_view a : {"-->", "--->", "->", "=>", "\xE2\x86\x92", "\xE2\x80\x94>", "\xE2\x80\x93>", ">"}) {
      const size_t k = lit(j, a);
      if (k != kFail) return spaces(k, 1);
    }
    return kFail;
  }

  size_t amino_acid(size_t i, char* code, int forms) const {
    if (forms & kName) {
      size_t j = i;
      while (is_alpha(at(j))) ++j;
      if (j - i > 3) {
        std::string w = upper(t_.substr(i, j - i));
        if ((w == "ASPARTIC" || w == "GLUTAMIC") && ilit(j, " acid") != kFail && !is_alpha(at(j + 5))) {
          j += 5;
          w += " ACID";
        }
        const bool capitalized_or_lower =
            std::all_of(t_.begin() + i + 1, t_.begin() + j, [](char ch) { return !is_upper(ch); });
        const char c = capitalized_or_lower ? amino_acid_code(w) : 0;
        if (c != 0) {
          *code = c;
          return j;
        }
      }
    }
    if (forms & kThreeLetter) {
      const char a = at(i), b = at(i + 1), c = at(i + 2);
      if (is_upper(a) && ((is_lower(b) && is_lower(c)) || (is_upper(b) && is_upper(c)))) {
        const char aa = amino_acid_code(t_.substr(i, 3));
        // "Stop" is four letters; "Ter" and the others three.
        if (aa != 0) {
          *code = aa;
          return i + 3;
        }
        if ((a == 'S' && ilit(i, "stop") != kFail)) {
          *code = 'X';
          return i + 4;
        }
      }
      if (a == 's' && lit(i, "stop") != kFail && !is_alpha(at(i + 4))) {
        *code = 'X';
        return i + 4;
      }
    }
    if (forms & kOneLetter) {
      const char a = at(i);
      if (a == '*') {
        *code = 'X';
        return i + 1;
      }
      if (is_one_letter_aa(a) || a == 'X') {
        const char n = at(i + 1);
        // "V" of "Val" is no one-letter code; "VfsX17" and "Vdel" are.
        if (!is_lower(n) || lit(i + 1, "fs") != kFail || lit(i + 1, "del") != kFail || lit(i + 1, "ins") != kFail ||
            lit(i + 1, "dup") != kFail || lit(i + 1, "ext") != kFail) {
          *code = a;
          return i + 1;
        }
      }
    }
    return kFail;
  }

  // A run of amino acids ("MTTTVP", "GluLys", "AFF").
  size_t amino_acids(size_t i, std::string* out, int forms) const {
    out->clear();
    size_t j = i;
    char c;
    while (true) {
      const size_t k = amino_acid(j, &c, forms & (kOneLetter | kThreeLetter));
      if (k == kFail) break;
      out->push_back(c);
      j = k;
    }
    return out->empty() ? kFail : j;
  }

  // --- DNA positions ---------------------------------------------------------------

  // Roman or arabic intron number after "IVS" ("2", "II", "-II").
  size_t intron_number(size_t i, std::string* out) const {
    size_t j = i;
    if (is_digit(at(j))) return number(j, out);
    if (at(j) == '-' && (at(j + 1) == 'I' || at(j + 1) == 'V' || at(j + 1) == 'X')) ++j;
    size_t k = j;
    int value = 0, last = 0;
    std::string roman;
    while (at(k) == 'I' || at(k) == 'V' || at(k) == 'X') {
      const int v = at(k) == 'I' ? 1 : at(k) == 'V' ? 5 : 10;
      value += v;
      if (v > last && last != 0) value -= 2 * last;
      last = v;
      ++k;
    }
    if (k == j || is_alpha(at(k))) return kFail;
    *out = std::to_string(value);
    return k;
  }

  // Does a change keyword or a nucleotide follow (possibly after one space)?
  bool change_follows(size_t i) const {
    const size_t j = spaces(i, 1);
    return is_base(at(j)) || lit(j, "del") != kFail || lit(j, "ins") != kFail || lit(j, "dup") != kFail ||
           at(j) == '(';
  }

  // A point: "1799", "-308", "+3100", "*45", "1093-1", "1092 +1", "IVS2-2", "IVS3 + 18".
  size_t dna_point(size_t i, std::string* out, bool* intronic_minus = nullptr) const {
    std::string base;
    size_t j = i;
    if (lit(i, "IVS") != kFail) {
      std::string n;
      j = intron_number(i + 3, &n);
      if (j == kFail) return kFail;
      base = "IVS" + n;
      size_t k = spaces(j, 1);
      if (at(k) != '+' && at(k) != '-') return kFail;
      const char sign = at(k);
      k = spaces(k + 1, 1);
      std::string off;
      k = number(k, &off);
      if (k == kFail) return kFail;
      *out = base + sign + off;
      return k;
    }
    if (at(j) == '-' || at(j) == '+' || at(j) == '*') {
      base += at(j);
      ++j;
    }
    std::string digits;
    j = number(j, &digits);
    if (j == kFail) return kFail;
    base += digits;
    // Intronic offset: "1093-1", "1092 +1", "6573 + 1G".
    size_t k = spaces(j, 1);
    if ((at(k) == '+' || at(k) == '-') && !(k > j && at(k) == '-' && !is_digit(at(k + 1)))) {
      const char sign = at(k);
      size_t m = spaces(k + 1, k > j ? 1 : 0);
      std::string off;
      const size_t e = number(m, &off);
      if (e != kFail && off.size() <= 6 && (change_follows(e) || (k == j && at(e) == '_')) &&
          (k == j || is_base(at(spaces(e, 1))))) {
        if (intronic_minus != nullptr) *intronic_minus = sign == '-';
        *out = base + sign + off;
        return e;
      }
    }
    *out = base;
    return j;
  }

  // A point or a range "1970_2177", "609+28_610-16", "1706-1715" (before del/ins/dup),
  // "1782-83" (abbreviated end).
  size_t dna_position(size_t i, std::string* out) const {
    bool minus = false;
    size_t j = dna_point(i, out, &minus);
    if (j == kFail) return kFail;
    if (at(j) == '_') {
      std::string end;
      const size_t k = dna_point(j + 1, &end);
      if (k != kFail) {
        *out += '_' + end;
        return k;
      }
    }
    if (minus && !out->starts_with("IVS") && (lit(j, "del") != kFail || lit(j, "ins") != kFail || lit(j, "dup") != kFail)) {
      // "c.1706-1715del" is a range, not an intronic offset.
      const size_t dash = out->rfind('-');
      std::string start = out->substr(0, dash), end = out->substr(dash + 1);
      const std::string start_digits = start.substr(start[0] == '-' || start[0] == '+' || start[0] == '*' ? 1 : 0);
      if (end.size() < start_digits.size()) end = start_digits.substr(0, start_digits.size() - end.size()) + end;
      *out = start + '_' + end;
    }
    return j;
  }

  // The change after a DNA position: "T>A", "C/T", "delA", "del5", "insC", "dupC",
  // "delinsAT", "del AGAG", "ins(GCG)(7)".
  size_t dna_change(size_t i, VariantParts& p) const {
    std::string ref, alt;
    size_t j;
    if ((j = lit(i, "delins")) != kFail) {
      p.change = VariantChange::kDelins;
      j = bases(j, &p.alt);
      return j;
    }
    if ((j = lit(i, "del")) != kFail) {
      p.change = VariantChange::kDeletion;
      if (lit(j, "etion") != kFail) return kFail;
      size_t k = spaces(j, 1);
      size_t e;
      if ((e = bases(k, &alt)) != kFail) {
        j = e;
        p.alt = alt;
      } else if (k == j && (e = number(k, &alt)) != kFail && alt.size() <= 4) {
        j = e;
        p.alt = alt;
      } else if (at(j) == '.' && (e = bases(j + 1, &alt)) != kFail) {
        j = e;
        p.alt = alt;
      }
      if ((e = lit(j, "ins")) != kFail && bases(e, &alt) != kFail) {
        p.change = VariantChange::kDelins;
        j = bases(e, &p.alt);
      }
      return j;
    }
    if ((j = lit(i, "ins")) != kFail) {
      p.change = VariantChange::kInsertion;
      size_t e;
      if ((e = bases(j, &alt)) != kFail) {
        p.alt = alt;
        return e;
      }
      // "ins(GCG)(7)"
      if (at(j) == '(' && (e = bases(j + 1, &alt)) != kFail && at(e) == ')' && at(e + 1) == '(') {
        std::string n;
        const size_t f = number(e + 2, &n);
        if (f != kFail && at(f) == ')') {
          p.alt = alt + '(' + n + ')';
          return f + 1;
        }
      }
      if ((e = number(j, &alt)) != kFail) {
        p.alt = alt;
        return e;
      }
      return kFail;
    }
    if ((j = lit(i, "dup")) != kFail) {
      p.change = VariantChange::kDuplication;
      size_t e;
      if ((e = bases(j, &alt)) != kFail) {
        p.alt = alt;
        return e;
      }
      if ((e = number(j, &alt)) != kFail) {
        p.alt = alt;
        return e;
      }
      return j;
    }
    // Substitution: "T>A", "T-->C", "C/T", "G > A", "(G>A)", "g->a".
    size_t k = i;
    bool paren = false;
    if (at(k) == '(') {
      paren = true;
      ++k;
    }
    if ((k = bases(k, &ref, true, 4)) == kFail) return kFail;
    size_t a = arrow(k);
    if (a == kFail && at(k) == '/') a = k + 1;
    if (a == kFail) return kFail;
    if ((a = bases(a, &alt, true, 4)) == kFail) return kFail;
    if (paren) {
      if (at(a) != ')') return kFail;
      ++a;
    }
    p.change = VariantChange::kSubstitution;
    p.ref = ref;
    p.alt = alt;
    return a;
  }

  // --- matchers ---------------------------------------------------------------------

  bool rs_id(size_t i, Match& m) const {
    std::string digits;
    const size_t j = number(i + 2, &digits);
    if (j == kFail || digits.size() < 2 || digits.find(',') != std::string::npos || !boundary(j) || j != i + 2 + digits.size()) {
      return false;
    }
    m.end = j;
    m.snp = true;
    m.rs = "rs" + digits;
    return true;
  }

  bool hgvs(size_t i, Match& m) const {
    const char seq = at(i);
    size_t j = spaces(i + 2, 1);
    m.parts.sequence = seq;
    if (seq == 'p') return protein_hgvs(j, m);
    // "c.G1714C": reference base before the position.
    std::string ref, pos, alt;
    size_t k;
    if (is_base(at(j)) && (k = number(j + 1, &pos)) != kFail && is_base(at(k)) && boundary(k + 1)) {
      m.parts.ref = std::string(1, at(j));
      m.parts.position = pos;
      m.parts.alt = std::string(1, at(k));
      m.end = k + 1;
      return true;
    }
    if ((k = dna_position(j, &m.parts.position)) == kFail) return false;
    const size_t e = dna_change(spaces(k, 1), m.parts);
    if (e == kFail || !boundary(e)) return false;
    m.end = e;
    return true;
  }

  // After "p.": "V600E", "Val600Glu", "(Arg248Trp)", "R248*", "G204VfsX17", "Arg58fs",
  // "V239del", "G204_K247del", "Asp46_Gln48delinsGlu", "Arg104" (allele), "E947stop".
  bool protein_hgvs(size_t i, Match& m) const {
    size_t j = i;
    const bool paren = at(j) == '(';
    if (paren) ++j;
    const size_t e = protein_change(j, kOneLetter | kThreeLetter, /*allow_allele=*/true, m.parts);
    if (e == kFail) return false;
    size_t end = e;
    if (m.parts.change == VariantChange::kAllele && at(end) == '[') {
      // "p.R469[R,X]": the two alleles of a heterozygote; the one that differs from the
      // reference residue is the change (p|SUB|R|469|X).
      char first = 0, second = 0;
      size_t f = amino_acid(end + 1, &first, kOneLetter | kThreeLetter);
      if (f != kFail && at(f) == ',') f = amino_acid(spaces(f + 1, 1), &second, kOneLetter | kThreeLetter);
      if (f == kFail || at(f) != ']' || first == second) return false;
      const char ref = m.parts.ref[0];
      if (first != ref && second != ref) return false;
      m.parts.change = VariantChange::kSubstitution;
      m.parts.alt = std::string(1, first == ref ? second : first);
      end = f + 1;
    }
    if (paren) {
      if (at(end) != ')') return false;
      ++end;
    }
    if (!boundary(end)) return false;
    m.parts.sequence = 'p';
    m.end = end;
    return true;
  }

  // AA position change, no spaces: the body of p. forms and of legacy "V600E".
  size_t protein_change(size_t i, int forms, bool allow_allele, VariantParts& p) const {
    char ref = 0;
    size_t j = amino_acid(i, &ref, forms);
    if (j == kFail || ref == 'X') {
      if (!(j != kFail && ref == 'X' && at(i) == '*')) return kFail;
    }
    std::string pos;
    size_t k = j;
    if (at(k) == '-' && is_digit(at(k + 1)) && (forms & kOneLetter)) {
      pos = "-";
      ++k;
    }
    std::string digits;
    if ((k = number(k, &digits)) == kFail || digits.size() > 5) return kFail;
    pos += digits;
    std::string ref_seq(1, ref);
    // Range: "G204_K247", "Asp46_Gln48"; "Val624-Val625" before del.
    if (at(k) == '_' || (at(k) == '-' && is_upper(at(k + 1)))) {
      char ref2 = 0;
      std::string end_digits;
      size_t r = amino_acid(k + 1, &ref2, forms);
      if (r != kFail && (r = number(r, &end_digits)) != kFail) {
        pos += '_' + end_digits;
        ref_seq += ref2;
        k = r;
      }
    }
    const bool range = pos.find('_') != std::string::npos;
    p.sequence = 'p';
    p.position = pos;
    p.ref = std::string(1, ref);
    size_t e;
    std::string seq;
    auto frameshift_tail = [&](size_t f) {
      // "fs", "fsX17", "fs*17", "fsTer17", "fs X15", "fs3769"
      size_t g = f;
      if (at(g) == ' ' && (at(g + 1) == 'X' || at(g + 1) == '*')) ++g;
      size_t h;
      if ((h = lit(g, "Ter")) != kFail || (h = lit(g, "X")) != kFail || (h = lit(g, "*")) != kFail) g = h;
      std::string n;
      if ((h = number(g, &n)) != kFail) {
        p.extra = n;
        return h;
      }
      return g > f && at(g - 1) != ' ' ? g : f;
    };
    if ((e = lit(k, "fs")) != kFail) {
      p.change = VariantChange::kFrameshift;
      return frameshift_tail(e);
    }
    if ((e = lit(k, "delins")) != kFail) {
      if ((e = amino_acids(e, &seq, forms)) == kFail) return kFail;
      p.change = VariantChange::kDelins;
      p.ref.clear();
      p.alt = seq;
      return e;
    }
    if ((e = lit(k, "del")) != kFail) {
      p.change = VariantChange::kDeletion;
      p.ref.clear();
      size_t f = amino_acids(e, &seq, forms);
      if (f != kFail && boundary(f)) {
        p.alt = seq;
        return f;
      }
      p.alt = range ? (ref_seq.size() == 2 && ref_seq[0] == ref_seq[1] ? ref_seq : "") : ref_seq;
      return e;
    }
    if ((e = lit(k, "ins")) != kFail) {
      if ((e = amino_acids(e, &seq, forms)) == kFail) return kFail;
      p.change = VariantChange::kInsertion;
      p.ref.clear();
      p.alt = seq;
      return e;
    }
    if ((e = lit(k, "dup")) != kFail) {
      p.change = VariantChange::kDuplication;
      p.ref.clear();
      p.alt = range ? "" : ref_seq;
      return e;
    }
    if ((e = lit(k, "ext")) != kFail) {
      p.change = VariantChange::kExtension;
      size_t f = e;
      if (at(f) == '*' || at(f) == 'X' || at(f) == '-') ++f;
      std::string n;
      if ((f = number(f, &n)) != kFail) {
        p.extra = n;
        return f;
      }
      return e;
    }
    char alt = 0;
    if (!(forms & kThreeLetter)) {
      // "E873stop", "R248Stop" (a one-letter residue and the word) and "E873-TAG" (the
      // new stop codon): both name a nonsense change.
      size_t f = ilit(k, "stop");
      std::string codon;
      if (f == kFail && at(k) == '-' && (f = bases(k + 1, &codon, false, 3)) != kFail &&
          (codon.size() != 3 || translate(codon) != 'X')) {
        f = kFail;
      }
      if (f != kFail && !is_alnum(at(f)) && !range) {
        p.change = VariantChange::kSubstitution;
        p.alt = "X";
        return f;
      }
    }
    if ((e = amino_acid(k, &alt, forms | (forms & kThreeLetter ? kName : 0))) != kFail ||
        (at(k) == '=' && ((e = k + 1), (alt = ref), true))) {
      if (lit(e, "fs") != kFail) {
        p.change = VariantChange::kFrameshift;
        p.alt = std::string(1, alt);
        return frameshift_tail(e + 2);
      }
      if (range) return kFail;
      p.change = VariantChange::kSubstitution;
      p.alt = std::string(1, alt);
      return e;
    }
    if (!allow_allele || range) return kFail;
    p.change = VariantChange::kAllele;
    return k;
  }

  // Legacy protein changes without "p.": "V600E", "R248X", "Val600Glu", "Arg 3500 Gln",
  // "Gly(388)Arg", "Ile(146)-->Leu", "Glu29 to Lys", "arginine 84 to glutamine",
  // "glycine-594-valine", "R58fs", "Y248del", "p.(...)".
  bool protein_legacy(size_t i, Match& m) const {
    VariantParts& p = m.parts;
    // Compact forms first.
    size_t e = protein_change(i, kOneLetter, false, p);
    if (e != kFail && boundary(e)) {
      const std::string_view word = t_.substr(i, e - i);
      const bool stop_listed =
          std::find(kNotProteinChanges.begin(), kNotProteinChanges.end(), word) != kNotProteinChanges.end();
      // "C262T": both letters nucleotides, a DNA change; left to dna_ref_first.
      const bool dna_shaped = p.change == VariantChange::kSubstitution && is_base(p.ref[0]) && is_base(p.alt[0]);
      if (!stop_listed && !dna_shaped && !follows_label_word(t_, i) && p.position[0] != '0') {
        m.end = e;
        return true;
      }
    }
    p = VariantParts();
    e = protein_change(i, kThreeLetter, false, p);
    if (e != kFail && boundary(e)) {
      m.end = e;
      return true;
    }
    // Spaced forms: AA [sep] position [sep] AA.
    p = VariantParts();
    char ref = 0, alt = 0;
    size_t j = amino_acid(i, &ref, kThreeLetter | kName);
    if (j == kFail || ref == 'X') return false;
    const bool named = j - i > 3 && !(j - i == 4 && is_upper(at(i)) && lit(i, "Stop") != kFail);
    size_t k = j;
    bool paren = false;
    if (at(k) == ' ') {
      ++k;
    } else if (at(k) == '(') {
      paren = true;
      ++k;
    } else if (at(k) == '-' && is_digit(at(k + 1))) {
      ++k;
    } else if (named && !is_digit(at(k))) {
      return false;
    }
    std::string pos;
    if ((k = number(k, &pos)) == kFail || pos.size() > 5) return false;
    if (paren) {
      if (at(k) != ')') return false;
      ++k;
    }
    // Separator before the new residue.
    size_t s = kFail;
    for (std::string_view sep : {" to a ", " to ", "-to-", "-->", "->", " --> ", " -> ", " by ", " with ", "-", " ", ""}) {
      if (sep.empty() && (named || at(k) == '-')) continue;
      const size_t x = lit(k, sep);
      if (x != kFail && amino_acid(x, &alt, kThreeLetter | kName) != kFail) {
        s = x;
        break;
      }
    }
    if (s == kFail) return false;
    e = amino_acid(s, &alt, kThreeLetter | kName);
    if (!boundary(e)) return false;
    p.sequence = 'p';
    p.change = VariantChange::kSubstitution;
    p.ref = std::string(1, ref);
    p.position = pos;
    p.alt = std::string(1, alt);
    m.end = e;
    return true;
  }

  // The change after a promoter or intron position in a list of SNPs: "-3279, A/C",
  // "IVS9+459, A/G", "-6054, deletion/ATT", "-6054 deletion/ATT". The comma form needs
  // single bases, so "Figure 2, A/B" and "-5, AB/CD" stay out.
  size_t listed_change(size_t j, VariantParts& p) const {
    const bool comma = at(j) == ',';
    const size_t k = spaces(comma ? j + 1 : j, 1);
    if (k == j || (comma && k == j + 1)) return kFail;
    if (comma && is_base(at(k)) && at(k + 1) == '/' && is_base(at(k + 2)) && boundary(k + 3) && at(k) != at(k + 2)) {
      p.change = VariantChange::kSubstitution;
      p.ref = std::string(1, at(k));
      p.alt = std::string(1, at(k + 2));
      return k + 3;
    }
    size_t w;
    if ((w = lit(k, "deletion/")) != kFail) {
      p.change = VariantChange::kDeletion;
    } else if ((w = lit(k, "insertion/")) != kFail) {
      p.change = VariantChange::kInsertion;
    } else {
      return kFail;
    }
    std::string seq;
    const size_t e = bases(w, &seq, false, 30);
    if (e == kFail || !boundary(e)) return kFail;
    p.alt = seq;
    return e;
  }

  // Legacy DNA changes: "1799T>A", "-1123 G>C", "-107C/T", "+3100 T/G", "5382insC",
  // "4153delA", "657del5", "35 delG", "2172_2173insCCCC", "IVS2-2A>G", "IVS3 + 18C > T",
  // "1877-2A-->C", "-308A" (allele), "IVS9 + 217T" (allele).
  bool dna_legacy(size_t i, Match& m) const {
    VariantParts& p = m.parts;
    std::string pos;
    size_t j = dna_position(i, &pos);
    if (j == kFail) return false;
    const bool ivs = pos.starts_with("IVS");
    const bool signed_pos = pos[0] == '-' || pos[0] == '+';
    size_t e;
    if (is_digit(at(i)) && (e = lit(j, "del")) != kFail) {
      // "157delMTTTVP": deleted residues in one-letter code; a letter that is no
      // nucleotide says they are amino acids (p|DEL|157|MTTTVP).
      size_t f = e;
      bool protein = false;
      while (is_one_letter_aa(at(f)) && f - e < 30) {
        protein = protein || !is_base(at(f));
        ++f;
      }
      if (protein && boundary(f) && pos.find_first_not_of("0123456789") == std::string::npos) {
        p.sequence = 'p';
        p.change = VariantChange::kDeletion;
        p.position = pos;
        p.alt = std::string(t_.substr(e, f - e));
        m.end = f;
        return true;
      }
    }
    if ((signed_pos || ivs) && (e = listed_change(j, p)) != kFail) {
      p.position = pos;
      m.end = e;
      return true;
    }
    const size_t k = spaces(j, 1);
    e = dna_change(k, p);
    if (e != kFail && boundary(e)) {
      // Bare numbers with a deletion length ("1494del6") are fine; "12 del" is not.
      if (p.change == VariantChange::kDeletion && p.alt.empty() && !ivs) return false;
      if (p.change == VariantChange::kDuplication && p.alt.empty()) return false;
      p.position = pos;
      m.end = e;
      return true;
    }
    // Allele: "-308A", "-21 A", "IVS9 + 217T": only signed or intronic positions.
    if ((signed_pos || ivs) && pos.size() >= 3) {
      p = VariantParts();
      std::string allele;
      if ((e = bases(k, &allele, false, 2)) != kFail && boundary(e)) {
        // "-3279 AC+AA", "IVS9+459 GA+GG": a genotype group; the form keeps the first.
        std::string other;
        size_t f;
        if (at(e) == '+' && (f = bases(e + 1, &other, false, 2)) != kFail && other.size() == allele.size() &&
            boundary(f)) {
          e = f;
        }
        p.change = VariantChange::kAllele;
        p.ref = allele;
        p.position = pos;
        m.end = e;
        return true;
      }
    }
    return false;
  }

  // Alleles named by position and residue, which only the next word tells apart from
  // other numbers: "7488C allele", "7488 T allele", "111G allele", "7488TT genotype",
  // "326Ile allele", "302H variants", "399 Gln allele", "Cys326 allele", "232Thr/Thr".
  bool allele(size_t i, Match& m) const {
    VariantParts& p = m.parts;
    std::string pos, residue;
    size_t e = kFail;
    char aa = 0;
    if (is_digit(at(i))) {
      const size_t j = number(i, &pos);
      if (j == kFail || pos[0] == '0' || pos.size() > 5 || pos.size() < 2) return false;
      const size_t k = spaces(j, 1);
      if ((e = bases(k, &residue, false, 2)) != kFail && boundary(e) && residue.find('U') == std::string::npos &&
          (k == j || pos.size() >= 3)) {
        p.sequence = 'c';
      } else if ((e = amino_acid(k, &aa, kThreeLetter | kOneLetter)) != kFail && boundary(e) && aa != 'X' &&
                 (k == j || e - k == 3)) {
        p.sequence = 'p';
        residue = std::string(1, aa);
      } else {
        return false;
      }
    } else {
      const size_t j = amino_acid(i, &aa, kThreeLetter);
      if (j == kFail || aa == 'X' || (e = number(spaces(j, 1), &pos)) == kFail || !boundary(e) || pos.size() > 5) {
        return false;
      }
      p.sequence = 'p';
      residue = std::string(1, aa);
    }
    const size_t w = spaces(e, 1);
    const bool slash_pair = at(e) == '/' && (is_base(at(e + 1)) || is_upper(at(e + 1)));
    if (slash_pair && residue.size() == 1) {
      // "192Q/R", "55M/L", "1858C/T": a change; "232Thr/Thr" stays an allele.
      char other = 0;
      size_t f = kFail;
      if (p.sequence == 'c' && is_base(at(e + 1)) && boundary(e + 2)) {
        other = at(e + 1);
        f = e + 2;
      } else if (p.sequence == 'p') {
        f = amino_acid(e + 1, &other, e - i - pos.size() == 1 ? kOneLetter : kThreeLetter);
        if (f != kFail && !boundary(f)) f = kFail;
      }
      if (f != kFail && other != residue[0]) {
        p.change = VariantChange::kSubstitution;
        p.ref = residue;
        p.position = pos;
        p.alt = std::string(1, other);
        m.end = f;
        return true;
      }
    }
    if (!slash_pair &&
        any_word(w, std::array<std::string_view, 13>{"allele", "alleles", "genotype", "genotypes", "variant", "variants",
                                                      "carriers", "carrier", "homozygotes", "homozygote", "risk",
                                                      "polymorphism", "homozygosity"}) == kFail) {
      return false;
    }
    p.change = VariantChange::kAllele;
    p.ref = residue;
    p.position = pos;
    m.end = e;
    return true;
  }

  // "codon 104 G --> A" (c|SUB|G|CODON104|A), "codon 787 CAG/CAA" and "codon 26,
  // GAG-->GCG" (translated: p|SUB|Q|787|Q), "codon 358, tyrosine to histidine".
  bool codon_phrase(size_t i, Match& m) const {
    size_t j = word(i, "codon");
    if (j == kFail) return false;
    j = spaces(j, 1);
    if (lit(j, "(CD)") != kFail) j = spaces(j + 4, 1);
    std::string pos;
    if ((j = number(j, &pos)) == kFail) return false;
    if (at(j) == ',') ++j;
    j = spaces(j, 1);
    VariantParts& p = m.parts;
    std::string ref, alt;
    size_t k = bases(j, &ref, false, 3), e;
    if (k != kFail && !is_alpha(at(k))) {
      size_t a = arrow(k);
      if (a == kFail && at(k) == '/') a = k + 1;
      if (a == kFail || (e = bases(a, &alt, false, 3)) == kFail || is_alpha(at(e)) || alt.size() != ref.size()) {
        return false;
      }
      if (ref.size() == 3) {
        p.sequence = 'p';
        p.ref = std::string(1, translate(ref));
        p.alt = std::string(1, translate(alt));
        p.position = pos;
      } else if (ref.size() == 1) {
        p.ref = ref;
        p.alt = alt;
        p.position = "CODON" + pos;
      } else {
        return false;
      }
      m.end = e;
      return true;
    }
    char r = 0, a = 0;
    if ((k = amino_acid(j, &r, kName | kThreeLetter)) == kFail || r == 'X') return false;
    size_t s;
    if ((s = lit(k, " to ")) == kFail && (s = arrow(k)) == kFail) return false;
    if ((e = amino_acid(s, &a, kName | kThreeLetter)) == kFail || is_alpha(at(e))) return false;
    p.sequence = 'p';
    p.ref = std::string(1, r);
    p.alt = std::string(1, a);
    p.position = pos;
    m.end = e;
    return true;
  }

  // Deleted or inserted nucleotides named without a length: "TGAG deletion", "(TT)
  // deletion", "cytosine insertion", "adenine deletion at nucleotide 202", "C deletion at
  // nucleotide position 4548", "A deletion in codon 242", "202 adenine deletion",
  // "deletion (TGAG)", "deletion of C at nucleotide 888", "deletion of a G nucleotide",
  // "nucleotide T insertion at 7916 and 7917" (c|INS|7916_7917|T); what "deletion of" and
  // "insertion of" name (of_change).
  bool sequence_change(size_t i, Match& m) const {
    VariantParts& p = m.parts;
    std::string seq, pos;
    size_t j = i, e;
    bool named = false;
    auto nucleotides = [&](size_t k, size_t* end) {
      const bool paren = at(k) == '(';
      size_t f = bases(k + (paren ? 1 : 0), &seq, false, 30);
      if (f != kFail && !is_alpha(at(f))) {
        if (paren) {
          if (at(f) != ')') return false;
          ++f;
        }
        *end = f;
        return true;
      }
      size_t w = k;
      while (is_alpha(at(w))) ++w;
      const char c = w - k > 6 ? nucleotide_code(t_.substr(k, w - k)) : 0;
      if (c == 0) return false;
      seq = std::string(1, c);
      named = true;
      *end = w;
      return true;
    };
    auto change_word = [&](size_t k, VariantChange* change) {
      size_t f;
      if ((f = word(k, "deletion")) != kFail) {
        *change = VariantChange::kDeletion;
        return f;
      }
      if ((f = word(k, "insertion")) != kFail) {
        *change = VariantChange::kInsertion;
        return f;
      }
      if ((f = word(k, "duplication")) != kFail) {
        *change = VariantChange::kDuplication;
        return f;
      }
      return kFail;
    };
    VariantChange change;
    bool codon = false;
    if (is_digit(at(i))) {
      // "202 adenine deletion"
      if ((j = number(i, &pos)) == kFail || at(j) != ' ' || !nucleotides(j + 1, &e) || !named) return false;
      if ((e = change_word(spaces(e, 1), &change)) == kFail) return false;
    } else if ((j = change_word(i, &change)) != kFail) {
      // "deletion (TGAG)", "deletion of C at nucleotide 888"
      size_t k = spaces(j, 1);
      if (at(k) == '(') {
        if (!nucleotides(k, &e) || seq.size() < 2) return false;
      } else if ((k = word(k, "of")) != kFail) {
        k = spaces(k, 1);
        if (change == VariantChange::kDeletion && protein_range_deletion(k, m)) return true;
        if (of_change(k, change, m)) return true;
        const bool article = lit(k, "a ") != kFail;
        if (article) k += 2;
        if (!nucleotides(k, &e)) return false;
        const size_t located = locator(spaces(e, 1), &pos, &codon);
        if (located != kFail) {
          e = located;
        } else if (size_t w = lit(e, " nucleotide"); article && w != kFail && !is_alpha(at(w))) {
          e = w;  // "deletion of a G nucleotide"
        } else {
          return false;
        }
      } else {
        return false;
      }
    } else {
      // "nucleotide T insertion": the word before the nucleotide is part of the mention.
      size_t start = i;
      if (at(i) == 'n' || at(i) == 'N') {
        if (size_t w = word(i, "nucleotide"); w != kFail && at(w) == ' ' && is_base(at(w + 1))) start = w + 1;
      }
      if (!nucleotides(start, &e) || (e = change_word(spaces(e, 1), &change)) == kFail) return false;
      if (start != i && named) return false;
      const size_t after = spaces(e, 1);
      size_t located = locator(after, &pos, &codon);
      // "insertion at 7916 and 7917": between two neighbouring nucleotides.
      if (located != kFail && change == VariantChange::kInsertion && !codon) {
        std::string next;
        if (size_t a = lit(located, " and "); a != kFail) {
          const size_t b = number(a, &next);
          if (b != kFail && boundary(b) && all_digits(pos) && pos.size() < 9 && next.size() < 9 &&
              std::atol(next.c_str()) == std::atol(pos.c_str()) + 1) {
            pos += '_' + next;
            located = b;
          }
        }
      }
      if (start != i && located == kFail) return false;
      // One letter is often an article ("A deletion of 84,682 bp"), and a lone named
      // base ("guanine insertion") is mostly a genotype: both need a position.
      if (located != kFail && !(seq.size() == 1 && !named && word(after, "of") != kFail)) {
        e = located;
      } else if (seq.size() < 2) {
        return false;
      }
    }
    p.change = change;
    p.alt = seq;
    p.position = codon && !pos.empty() ? "CODON" + pos : pos;
    m.end = e;
    return true;
  }

  // After "deletion of" or "insertion of": nucleotides by position ("the coding sequence
  // (nt 1314 through nt 1328)" c|DEL|1314_1328|, "cDNA nucleotide 81" c|DEL|81|), a length
  // ("22,230 bp" c|DEL||22230, "4 kb" c|DEL||4K, "13 nucleotides" c|INS||13, "3 amino
  // acids" p|INS||3, "6 bp at position 1494" c|DEL|1494|6) or the inserted bases ("the
  // four nucleotides CCCC" c|INS||CCCC).
  bool of_change(size_t k, VariantChange change, Match& m) const {
    VariantParts& p = m.parts;
    p.change = change;
    size_t j = k;
    if (size_t t = word(j, "the"); t != kFail && at(t) == ' ') j = t + 1;
    // Positions.
    {
      size_t q = j;
      bool paren = false;
      if (size_t c = lit(q, "coding sequence ("); c != kFail) {
        q = c;
        paren = true;
      } else if (size_t c = lit(q, "cDNA "); c != kFail) {
        q = c;
      }
      auto unit = [&](size_t x) {
        const size_t u = any_word(x, std::array<std::string_view, 4>{"nucleotides", "nucleotide", "nt", "nts"});
        return u != kFail && at(u) == ' ' ? u + 1 : kFail;
      };
      std::string first, last;
      size_t u = unit(q), e;
      if (u != kFail && (e = number(u, &first)) != kFail) {
        size_t r = kFail;
        if (at(e) == '-' || at(e) == '_') {
          r = e + 1;
        } else {
          for (std::string_view sep : {" to ", " through ", " - "}) {
            if ((r = lit(e, sep)) != kFail) break;
          }
        }
        if (r != kFail) {
          if (size_t v = unit(r); v != kFail) r = v;
          const size_t f = number(r, &last);
          if (f == kFail || is_alpha(at(f))) return false;
          e = f;
        } else if (is_alpha(at(e))) {
          return false;
        }
        if (paren) {
          if (at(e) != ')') return false;
          ++e;
        }
        if (change != VariantChange::kDeletion) return false;
        p.sequence = 'c';
        p.position = last.empty() ? first : first + '_' + last;
        p.alt.clear();
        m.end = e;
        return true;
      }
      if (paren) return false;
    }
    // A length, or the inserted bases.
    static constexpr std::array<std::string_view, 9> kNumberWords = {"one", "two",   "three", "four", "five",
                                                                      "six", "seven", "eight", "nine"};
    std::string n;
    size_t e = number(j, &n);
    if (e == kFail) {
      for (size_t w = 0; w < kNumberWords.size() && e == kFail; ++w) {
        if ((e = word(j, kNumberWords[w])) != kFail) n = std::to_string(w + 1);
      }
      if (e == kFail) return false;
    }
    if (at(e) != ' ') return false;
    size_t u;
    std::string suffix;
    bool protein = false;
    if ((u = any_word(e + 1, std::array<std::string_view, 8>{"bp", "bps", "base pairs", "base pair", "nucleotides", "nt",
                                                            "bases", "base-pairs"})) != kFail) {
    } else if ((u = any_word(e + 1, std::array<std::string_view, 2>{"kb", "kbp"})) != kFail) {
      suffix = "K";
    } else if ((u = any_word(e + 1, std::array<std::string_view, 2>{"amino acids", "amino acid residues"})) != kFail) {
      protein = true;
    } else {
      return false;
    }
    p.sequence = protein ? 'p' : 'c';
    p.alt = n + suffix;
    p.position.clear();
    m.end = u;
    std::string seq;
    if (!protein && suffix.empty() && at(u) == ' ') {
      // "the four nucleotides CCCC": the bases themselves.
      const size_t b = bases(u + 1, &seq, false, 30);
      if (b != kFail && boundary(b) && n.size() <= 2 && seq.size() == static_cast<size_t>(std::atoi(n.c_str()))) {
        p.alt = seq;
        m.end = b;
        return true;
      }
    }
    std::string pos;
    bool codon = false;
    if (const size_t located = locator(spaces(u, 1), &pos, &codon); located != kFail && !codon && !protein) {
      p.position = pos;
      m.end = located;
    }
    return true;
  }

  // After "deletion of": "amino acids 809-852", "residues 809 to 852" (p|DEL|809_852|).
  bool protein_range_deletion(size_t k, Match& m) const {
    const size_t w = any_word(k, std::array<std::string_view, 3>{"amino acid residues", "amino acids", "residues"});
    if (w == kFail) return false;
    std::string first, last;
    size_t j = number(spaces(w, 1), &first), e;
    if (j == kFail) return false;
    if (at(j) == '-' || at(j) == '_') {
      ++j;
    } else if ((j = lit(j, " to ")) == kFail) {
      return false;
    }
    if ((e = number(j, &last)) == kFail || !boundary(e)) return false;
    m.parts.sequence = 'p';
    m.parts.change = VariantChange::kDeletion;
    m.parts.position = first + '_' + last;
    m.end = e;
    return true;
  }

  // Repeats: "(CCTTT)14", "(TTTA)n" (c|DUP||CCTTT|14); "dup24bp" (c|DUP||24|); "CAG
  // repeat", "TTTA repeats" (c|DUP||CAG|); "5 GC repeats" (c|DUP||GC|5).
  bool repeat(size_t i, Match& m) const {
    std::string seq, count;
    size_t e;
    if (is_digit(at(i)) || is_base(at(i))) {
      size_t j = i;
      if (is_digit(at(i))) {
        if ((j = number(i, &count)) == kFail || at(j) != ' ' || count.size() > 3) return false;
        ++j;
      }
      j = bases(j, &seq, false, 6);
      if (j == kFail || seq.size() < 2 || at(j) != ' ') return false;
      // "CAG and GGC repeat": both repeats in one mention (c|DUP||CAG,GGC|).
      std::string other;
      if (size_t a = lit(j, " and "); a != kFail && count.empty()) {
        const size_t b = bases(a, &other, false, 6);
        if (b != kFail && other.size() >= 2 && at(b) == ' ') {
          seq += ',' + other;
          j = b;
        }
      }
      if ((e = any_word(j + 1, std::array<std::string_view, 2>{"repeat", "repeats"})) == kFail) return false;
      m.parts.change = VariantChange::kDuplication;
      m.parts.alt = seq;
      m.parts.extra = count;
      m.end = e;
      return true;
    }
    if (at(i) == '(') {
      const size_t j = bases(i + 1, &seq, false, 12);
      if (j == kFail || seq.size() < 2 || at(j) != ')') return false;
      if ((e = number(j + 1, &count)) == kFail) {
        if (at(j + 1) != 'n') return false;
        count = "n";
        e = j + 2;
      }
      if (!boundary(e) || at(e) == '(') return false;  // part of "(GCG)6(GCA)3GCG"
      m.parts.change = VariantChange::kDuplication;
      m.parts.alt = seq;
      m.parts.extra = count;
      m.end = e;
      return true;
    }
    size_t j = lit(i, "dup");
    if (j == kFail || (j = number(j, &count)) == kFail || (e = lit(j, "bp")) == kFail || !boundary(e)) return false;
    m.parts.change = VariantChange::kDuplication;
    m.parts.alt = count;
    m.end = e;
    return true;
  }

  // Standard genetic code, codons in TCAG order.
  static char translate(std::string_view codon) {
    static constexpr std::string_view kCode = "FFLLSSSSYYXXCCXWLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
    int index = 0;
    for (char c : codon) {
      const int b = c == 'T' || c == 'U' ? 0 : c == 'C' ? 1 : c == 'A' ? 2 : 3;
      index = index * 4 + b;
    }
    return kCode[index];
  }

 public:
  // One-letter protein changes glued to a lower-case prefix: "sG145R", "rtM204I",
  // "hGRalphaD401H" (HBV and receptor naming).
  bool glued_protein(size_t i, Match& m) const {
    const size_t e = protein_change(i, kOneLetter, false, m.parts);
    if (e == kFail || !boundary(e) || m.parts.change != VariantChange::kSubstitution) return false;
    // After a digit only behind a gene symbol ("JAK2V617F"), not inside a code like "2A3C4D".
    if (is_digit(at(i - 1)) && (i < 2 || !is_upper(at(i - 2)))) return false;
    if (m.parts.position.size() < 2 || (is_base(m.parts.ref[0]) && is_base(m.parts.alt[0]))) return false;
    m.end = e;
    return true;
  }

 private:

  // "G1691A", "C-1228T", "A 1166C", "C-344 T", "G-395A": one base, a position, one base.
  bool dna_ref_first(size_t i, Match& m) const {
    const char ref = at(i);
    size_t j = i + 1;
    const bool spaced = at(j) == ' ';
    if (spaced) ++j;
    std::string pos;
    if (at(j) == '-' || at(j) == '+') pos += at(j++);
    std::string digits;
    size_t k = number(j, &digits);
    if (k == kFail || digits.size() > 7 || digits[0] == '0') return false;
    pos += digits;
    const bool spaced_alt = at(k) == ' ' && !spaced;
    // "G6410 by T": the replacing base named after "by".
    if (spaced_alt && lit(k, " by ") != kFail && is_base(at(k + 4)) && boundary(k + 5)) k += 3;
    if (spaced_alt) ++k;
    if (!is_base(at(k)) || !boundary(k + 1)) return false;
    // "A 1166C" and "C-344 T" need a long enough position to not be a list or a label.
    if ((spaced || spaced_alt) && digits.size() < 2) return false;
    if (follows_label_word(t_, i) || digits.size() < 2) return false;
    m.parts.ref = std::string(1, ref);
    m.parts.position = pos;
    m.parts.alt = std::string(1, at(k));
    // Positions of a million and more are genomic coordinates.
    if (digits.size() >= 7) m.parts.sequence = 'g';
    m.end = k + 1;
    return true;
  }

  // Alleles named by a base and a promoter or intron position: "A at position -1082",
  // "T allele at -511", "A allele of the -588", "C allele at nucleotide -31"
  // (c|Allele|A|-1082). A signed position is required, and "allele" or a position word,
  // so that "A at 37 degrees" and "A of -5" stay out.
  bool allele_phrase(size_t i, Match& m) const {
    if (at(i + 1) != ' ') return false;
    size_t j = i + 2;
    bool named = false;
    if (size_t a = lit(j, "allele "); a != kFail) {
      named = true;
      j = a;
    }
    if ((j = any_word(j, std::array<std::string_view, 2>{"at", "of"})) == kFail || at(j) != ' ') return false;
    ++j;
    if (size_t t = lit(j, "the "); t != kFail) j = t;
    if (size_t w = any_word(j, std::array<std::string_view, 2>{"position", "nucleotide"}); w != kFail && at(w) == ' ') {
      named = true;
      j = w + 1;
    }
    if (!named || (at(j) != '-' && at(j) != '+')) return false;
    std::string digits;
    const size_t e = number(j + 1, &digits);
    if (e == kFail || !boundary(e) || at(e) == '-' || at(e) == '+') return false;
    m.parts.change = VariantChange::kAllele;
    m.parts.ref = std::string(1, at(i));
    m.parts.position = std::string(1, at(j)) + digits;
    m.end = e;
    return true;
  }

  // A codon change written as two codons, "(GAC/GAT)" after "D418D polymorphism", or
  // before a word that says it is a change: c|SUB|GAC||GAT. The codons differ in one
  // base, which keeps out lists of synonymous codons ("GAA/GAG/GAC").
  bool codon_pair(size_t i, Match& m) const {
    if (i > 0 && at(i - 1) == '/') return false;
    std::string ref, alt;
    const size_t j = bases(i, &ref, false, 3);
    if (j == kFail || ref.size() != 3 || at(j) != '/') return false;
    const size_t e = bases(j + 1, &alt, false, 3);
    if (e == kFail || alt.size() != 3 || !boundary(e) || at(e) == '/') return false;
    int differences = 0;
    for (size_t k = 0; k < 3; ++k) differences += ref[k] != alt[k];
    if (differences != 1) return false;
    const bool parenthesized = i > 0 && at(i - 1) == '(' && at(e) == ')';
    if (!parenthesized &&
        any_word(spaces(e, 1), std::array<std::string_view, 6>{"polymorphism", "substitution", "transition",
                                                                "transversion", "change", "mutation"}) == kFail) {
      return false;
    }
    m.parts.ref = ref;
    m.parts.alt = alt;
    m.end = e;
    return true;
  }

  // A position before the residues: "272gly----stop", "273ser----phe", "72Arg-->Pro"
  // (p|SUB|G|272|X). Lower-case three-letter codes are accepted here only, where the
  // digits and the arrow between them leave no other reading.
  bool position_first_protein(size_t i, Match& m) const {
    std::string pos;
    size_t j = number(i, &pos);
    if (j == kFail || pos[0] == '0' || pos.size() > 5) return false;
    auto residue = [&](size_t k, char* code) -> size_t {
      if (!is_alpha(at(k)) || !is_alpha(at(k + 1)) || !is_alpha(at(k + 2))) return kFail;
      if (is_alpha(at(k + 3))) {
        const size_t w = word(k, "stop");
        if (w != kFail) *code = 'X';
        return w;
      }
      // "gly", "Gly" or "GLY", not "gLY".
      if (is_lower(at(k + 1)) != is_lower(at(k + 2)) || (is_lower(at(k)) && !is_lower(at(k + 1)))) return kFail;
      *code = amino_acid_code(t_.substr(k, 3));
      return *code != 0 ? k + 3 : kFail;
    };
    char ref = 0, alt = 0;
    size_t k = residue(j, &ref);
    if (k == kFail || ref == 'X') return false;
    size_t a = arrow(k);
    if (a == kFail) {
      // "----": dashes alone, two or more.
      size_t d = k;
      while (at(d) == '-') ++d;
      if (d - k < 2) return false;
      a = d;
    }
    const size_t e = residue(a, &alt);
    if (e == kFail || !boundary(e) || alt == ref) return false;
    m.parts.sequence = 'p';
    m.parts.ref = std::string(1, ref);
    m.parts.position = pos;
    m.parts.alt = std::string(1, alt);
    m.end = e;
    return true;
  }

  // "DeltaF508", "delta F508", "ΔF508" (p|DEL|508|F); "Delta32", "delta32" (c|DEL||32).
  bool delta(size_t i, Match& m) const {
    size_t j = ilit(i, "delta");
    if (j == kFail) j = lit(i, "\xCE\x94");  // Δ
    // "DD32": Δ32 as some PubMed abstracts render it in ASCII ("CCR5 wt/DD32 genotype"),
    // seen in independent abstracts; only the two-digit deletion, "DF508" stays out.
    const bool ascii_dd = j == kFail && lit(i, "DD") != kFail && is_digit(at(i + 2));
    if (ascii_dd) j = i + 2;
    if (j == kFail) return false;
    size_t k = spaces(j, 1);
    char aa = 0;
    std::string pos;
    size_t e;
    if (is_one_letter_aa(at(k)) && (e = number(k + 1, &pos)) != kFail && boundary(e)) {
      aa = at(k);
      m.parts.sequence = 'p';
      m.parts.change = VariantChange::kDeletion;
      m.parts.position = pos;
      m.parts.alt = std::string(1, aa);
      m.end = e;
      return true;
    }
    if (k == j && (e = number(k, &pos)) != kFail && boundary(e) && pos.size() == 2) {
      m.parts.change = VariantChange::kDeletion;
      m.parts.alt = pos;
      // "Delta32 deletion", "DD32 deletion": the noun belongs to the mention.
      if (size_t d = lit(e, " deletion"); d != kFail && !is_alpha(at(d))) e = d;
      m.end = e;
      return true;
    }
    return false;
  }

  // "del418T" (c|DEL|418|T); "delTTCA" (c|DEL||TTCA, two bases or more).
  bool del_prefix(size_t i, Match& m) const {
    std::string pos, seq;
    size_t j = number(i + 3, &pos);
    if (j == kFail) {
      const size_t e = bases(i + 3, &seq, false, 30);
      if (e == kFail || seq.size() < 2 || !boundary(e) || lit(i + 3, "delins") != kFail) return false;
      m.parts.change = VariantChange::kDeletion;
      m.parts.alt = seq;
      m.end = e;
      return true;
    }
    const size_t e = bases(j, &seq);
    if (e == kFail || !boundary(e)) return false;
    m.parts.change = VariantChange::kDeletion;
    m.parts.position = pos;
    m.parts.alt = seq;
    m.end = e;
    return true;
  }

  // Lengths: "32-bp deletion", "19-base pair deletion", "30 nucleotide deletion",
  // "nine nucleotide insertion", "15 kb deletion", "ins/del 6 bp" -> c|DEL||32, ...
  bool length_change(size_t i, Match& m) const {
    static constexpr std::array<std::string_view, 13> kNumberWords = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
    std::string n;
    size_t j = number(i, &n);
    if (j == kFail) {
      for (size_t w = 1; w < kNumberWords.size(); ++w) {
        const size_t k = word(i, kNumberWords[w]);
        if (k != kFail) {
          j = k;
          n = std::to_string(w);
          break;
        }
      }
      if (j == kFail) return false;
    } else if (at(j) == '.' && is_digit(at(j + 1))) {
      std::string frac;
      j = number(j + 1, &frac);
      n += '.' + frac;
    }
    size_t k = at(j) == '-' ? j + 1 : spaces(j, 1);
    std::string unit_suffix;
    size_t u;
    if ((u = any_word(k, std::array<std::string_view, 10>{"base-pair", "base pair", "basepair", "nucleotide", "bp", "nt",
                                                            "base", "bases", "nucleotides", "base-pairs"})) != kFail) {
    } else if ((u = any_word(k, std::array<std::string_view, 3>{"kb", "kbp", "kilobase"})) != kFail) {
      unit_suffix = "K";
    } else if ((u = word(k, "Mb")) != kFail) {
      unit_suffix = "MB";
    } else {
      return false;
    }
    if (ilit(u, "s") != kFail && !is_alpha(at(u + 1))) ++u;
    size_t c = at(u) == '-' ? u + 1 : spaces(u, 1);
    // Optional qualifier: "in-frame", "genomic", "homozygous".
    for (std::string_view q : {"in-frame ", "inframe ", "genomic ", "homozygous ", "heterozygous ", "interstitial "}) {
      const size_t x = ilit(c, q);
      if (x != kFail) {
        if (q == "genomic ") m.parts.sequence = 'g';
        c = x;
        break;
      }
    }
    // A short name in parentheses before the noun: "32 base-pair (DD32) deletion".
    if (at(c) == '(') {
      size_t q = c + 1;
      bool digit = false;
      for (; is_alnum(at(q)) && q - c <= 12; ++q) {
        if (is_digit(at(q))) digit = true;
      }
      // A name has a digit; "(TT)" is a sequence, a mention of its own ("2 bp (TT) deletion").
      if (digit && q > c + 1 && at(q) == ')' && at(q + 1) == ' ') c = q + 2;
    }
    VariantChange change;
    size_t e;
    if ((e = any_word(c, std::array<std::string_view, 4>{"insertion/deletion", "deletion/insertion", "ins/del", "indel"})) !=
        kFail) {
      change = VariantChange::kDelins;
    } else if ((e = any_word(c, std::array<std::string_view, 2>{"deletion", "deletions"})) != kFail) {
      change = VariantChange::kDeletion;
    } else if ((e = any_word(c, std::array<std::string_view, 3>{"insertion", "insertions", "insert"})) != kFail) {
      change = VariantChange::kInsertion;
    } else if ((e = any_word(c, std::array<std::string_view, 2>{"duplication", "duplications"})) != kFail) {
      change = VariantChange::kDuplication;
    } else {
      return false;
    }
    m.parts.change = change;
    m.parts.alt = n + unit_suffix;
    m.end = e;
    return true;
  }

  // An insertion/deletion named before its length: "ins/del 6 bp", "insertion/deletion of
  // 43 bp" (c|INDEL||6).
  bool indel_length(size_t i, Match& m) const {
    size_t j = any_word(i, std::array<std::string_view, 2>{"ins/del", "insertion/deletion"});
    if (j == kFail || at(j) != ' ') return false;
    ++j;
    if (size_t o = word(j, "of"); o != kFail && at(o) == ' ') j = o + 1;
    std::string n;
    j = number(j, &n);
    if (j == kFail) return false;
    const size_t e = any_word(spaces(j, 1), std::array<std::string_view, 4>{"bp", "base pairs", "nucleotides", "nt"});
    if (e == kFail) return false;
    m.parts.change = VariantChange::kDelins;
    m.parts.alt = n;
    m.end = e;
    return true;
  }

  // Phrases: "A to G transition at nucleotide 2576", "(G-->A) at nucleotide position
  // 2141", "Arg-->Trp at codon 248", "arginine to tryptophan at codon 198", "C-to-T
  // substitution at -31", "alanine for proline at amino acid 286", "G to C at codon 158",
  // "T-->C", "C to T", "Ile/Val", "Arg-->Leu".
  bool phrase(size_t i, Match& m) const {
    size_t j = i;
    const bool paren = at(j) == '(';
    if (paren) j = spaces(j + 1, 1);
    // The first residue: a nucleotide (letter or name) or an amino acid.
    char ref = 0, alt = 0;
    bool dna = false;
    int ref_form = 0;
    size_t k;
    std::string ref_seq, alt_seq;
    if ((k = bases(j, &ref_seq, false, 3)) != kFail && !is_alpha(at(k))) {
      dna = true;
      ref_form = kOneLetter;
    } else if ([&] {
                 size_t w = j;
                 while (is_alpha(at(w))) ++w;
                 const char c = w - j > 6 ? nucleotide_code(t_.substr(j, w - j)) : 0;
                 if (c == 0) return false;
                 ref_seq = std::string(1, c);
                 k = w;
                 return true;
               }()) {
      dna = true;
      ref_form = kName;
    } else if ((k = amino_acid(j, &ref, kThreeLetter | kName)) != kFail &&
               (ref != 'X' || (lit(k, " codon for ") != kFail && is_lower(at(j))))) {
      // "stop codon for glutamine at codon 298": the stop is what replaces the residue.
      if (ref == 'X') k += 6;
      ref_form = k - j > 4 ? kName : kThreeLetter;
    } else if ((k = amino_acid(j, &ref, kOneLetter)) != kFail && !is_alpha(at(k)) && ref != 'X') {
      ref_form = kOneLetter;
    } else {
      return false;
    }
    k = skip_parenthetical(k);
    if (size_t r = lit(k, " residue"); r != kFail && !is_alpha(at(r))) k = skip_parenthetical(r);
    // A named residue's codon and its position may come before the separator: "arginine
    // at amino acid position 229 by glycine", "tyrosine codon at amino acid position 67
    // into a stop", "tyrosine codon into a stop codon".
    std::string early_pos;
    if (!dna && ref_form == kName) {
      if (size_t c = lit(k, " codon"); c != kFail && !is_alpha(at(c))) k = c;
      bool early_codon = false;
      const size_t located = locator(spaces(k, 1), &early_pos, &early_codon);
      if (located != kFail && at(located) == ' ') k = located;
      else early_pos.clear();
    }
    // The separator.
    enum Sep { kArrow, kTo, kFor, kBy, kSlash } sep;
    bool into = false;  // "asparagine into aspartate" is chemistry more often than a change
    size_t s;
    if ((s = arrow(k)) != kFail) {
      sep = kArrow;
    } else if ((s = lit(k, " to ")) != kFail || (s = lit(k, "-to-")) != kFail || (s = lit(k, " into ")) != kFail) {
      sep = kTo;
      into = lit(k, " into ") != kFail;
      if (lit(s, "a ") != kFail) s += 2;
    } else if ((s = lit(k, " for ")) != kFail || (s = lit(k, " for the ")) != kFail) {
      sep = kFor;
    } else if ((s = lit(k, " by ")) != kFail || (s = lit(k, " with ")) != kFail ||
               (s = lit(k, " was replaced by ")) != kFail || (s = lit(k, " is replaced by ")) != kFail) {
      sep = kBy;
      if (lit(s, "a ") != kFail) s += 2;
    } else if (at(k) == '/') {
      s = k + 1;
      sep = kSlash;
    } else {
      return false;
    }
    // The second residue, of the same kind as the first.
    size_t e;
    bool alt_named = false;
    if (dna) {
      if (ref_form == kOneLetter) {
        e = bases(s, &alt_seq, false, 3);
        if (e == kFail || is_alpha(at(e))) return false;
      } else {
        size_t w = s;
        while (is_alpha(at(w))) ++w;
        const char c = nucleotide_code(t_.substr(s, w - s));
        if (c == 0) return false;
        alt_seq = std::string(1, c);
        e = w;
      }
    } else {
      const int forms = ref_form == kOneLetter ? kOneLetter : (kThreeLetter | kName);
      e = amino_acid(s, &alt, forms);
      if (e == kFail && ref_form == kName) {
        // "a premature termination codon", "a stop codon".
        for (std::string_view stop : {"premature termination codon", "premature stop codon", "stop codon", "stop"}) {
          if ((e = word(s, stop)) != kFail) {
            alt = 'X';
            break;
          }
        }
      }
      if (e == kFail || is_alpha(at(e))) return false;
      alt_named = e - s > 4;
      if (lit(e, " residue") != kFail) e += 8;
      // "glutamic acid to a stop codon": the codon word belongs to the stop (BioRED leaves
      // it out after a position: "tyrosine codon at amino acid position 67 into a stop").
      if (alt == 'X' && ref_form == kName && early_pos.empty()) {
        if (size_t c = lit(e, " codon"); c != kFail && !is_alpha(at(c))) {
          e = c;
          alt_named = true;
        }
      }
    }
    e = skip_parenthetical(e);
    if (paren) {
      const size_t c = spaces(e, 1);
      if (at(c) != ')') return false;
      e = c + 1;
    }
    // What follows: an optional noun and a locator with the position.
    // The noun belongs to the mention only when a position follows ("C-to-G transition
    // at nucleotide 857", but "G-->A transition located").
    size_t end = e;
    bool noun = false;
    size_t x = spaces(e, 1);
    size_t y;
    if ((y = any_word(x, std::array<std::string_view, 11>{"substitution", "transition", "transversion", "mutation",
                                                             "change", "polymorphism", "exchange", "replacement",
                                                             "missense mutation", "point mutation", "variant"})) != kFail) {
      noun = true;
      x = spaces(y, 1);
    }
    std::string pos = early_pos;
    bool codon = false;
    if (pos.empty()) {
      const size_t located = locator(x, &pos, &codon);
      if (located != kFail) end = located;
    }
    // "G/A" and "Ile/Val" are genotypes as often as changes: only before a word that
    // says they are a change or an allele pair.
    if (sep == kSlash && pos.empty()) {
      const size_t w = spaces(e, 1);
      if (any_word(w, std::array<std::string_view, 14>{"substitution", "transition", "transversion", "polymorphism",
                                                        "polymorphisms", "single", "SNP", "alleles", "allele",
                                                        "genotype", "genotypes", "variant", "exchange", "change"}) ==
              kFail ||
          (dna ? ref_seq == alt_seq || ref_seq.size() != 1 : ref == alt || ref_form == kOneLetter)) {
        return false;
      }
      m.parts.change = VariantChange::kSubstitution;
      m.parts.sequence = dna ? 'c' : 'p';
      m.parts.ref = dna ? ref_seq : std::string(1, ref);
      m.parts.alt = dna ? alt_seq : std::string(1, alt);
      m.end = e;
      return true;
    }
    // Evidence: a position, or a compact nucleotide change ("C to T", "G-->A"), or
    // three-letter amino acids with an arrow or slash ("Arg-->Leu", "Ile/Val").
    const bool strong_pair =
        (dna && ref_form == kOneLetter && (sep == kArrow || sep == kTo) && ref_seq.size() == alt_seq.size()) ||
        (!dna && ref_form == kThreeLetter && sep == kArrow);
    // Two amino acid names joined by a word of substitution ("glutamate by glycine",
    // "leucine to methionine", "valine for glutamate") are a change without a position.
    const bool named_pair = !dna && ref_form == kName && alt_named && ref != alt && ((sep == kTo && !into) || sep == kBy || sep == kFor);
    if (pos.empty()) {
      if (!strong_pair && !named_pair && !(noun && ref_form == kName && sep == kTo)) return false;
      if (ref_form == kOneLetter && !dna) return false;
    }
    if (sep == kFor) {
      std::swap(ref, alt);
      std::swap(ref_seq, alt_seq);
    }
    VariantParts& p = m.parts;
    p.change = VariantChange::kSubstitution;
    if (dna) {
      p.sequence = 'c';
      // "CC to TT" (a homozygous genotype pair) is written C>T by tmVar; "TAC-->AA" stays.
      const bool homopolymers = ref_seq.size() == alt_seq.size() &&
                                ref_seq.find_first_not_of(ref_seq[0]) == std::string::npos &&
                                alt_seq.find_first_not_of(alt_seq[0]) == std::string::npos;
      p.ref = homopolymers ? ref_seq.substr(0, 1) : ref_seq;
      p.alt = homopolymers ? alt_seq.substr(0, 1) : alt_seq;
      p.position = codon && !pos.empty() ? "CODON" + pos : pos;
    } else {
      p.sequence = 'p';
      p.ref = std::string(1, ref);
      p.alt = std::string(1, alt);
      p.position = pos;
    }
    m.end = end;
    return true;
  }

  // " (Val)", " (ATG)", " (R)" after a residue name.
  size_t skip_parenthetical(size_t i) const {
    size_t j = spaces(i, 1);
    if (at(j) != '(') return i;
    size_t k = j + 1;
    while (is_alpha(at(k)) && k - j <= 4) ++k;
    if (k == j + 1 || at(k) != ')') return i;
    return k + 1;
  }

  // "at nucleotide 2576", "at codon 248", "at position -31", "at amino acid position
  // 401", "in nucleotide 256", "at the codon 326", "at -31", "at 1245 position", "in
  // exon 4 (base 308)", "at exon 8, position 1277". A '+' before the number is dropped
  // ("at the nucleotide position +387" is 387, as tmVar writes it).
  size_t locator(size_t i, std::string* pos, bool* codon) const {
    size_t j = any_word(i, std::array<std::string_view, 4>{"at", "in", "of", "on"});
    if (j == kFail) return kFail;
    j = spaces(j, 1);
    if (size_t t = word(j, "the"); t != kFail) j = spaces(t, 1);
    // "exon 4 (base 308)", "exon 8 (1277)", "exon 8, position 1277": the exon is no position.
    bool exon_paren = false;
    if (size_t x = any_word(j, std::array<std::string_view, 2>{"exon", "intron"}); x != kFail && at(x) == ' ') {
      std::string exon;
      size_t y = number(x + 1, &exon);
      if (y == kFail) return kFail;
      if (lit(y, " (") != kFail) {
        j = y + 2;
        exon_paren = true;
      } else if (lit(y, ", ") != kFail && word(y + 2, "position") != kFail) {
        j = y + 2;
      } else {
        return kFail;
      }
    }
    while (true) {
      size_t w = any_word(j, std::array<std::string_view, 11>{"nucleotide", "nucleotides", "nt", "amino acid",
                                                                 "amino-acid", "residue", "codon", "position", "base",
                                                                 "cDNA position", "nucleotide position"});
      if (w == kFail) break;
      if (word(j, "codon") != kFail) *codon = true;
      j = spaces(w, 1);
      if (at(j) == 'c' && at(j + 1) == '.') j += 2;
    }
    size_t k = j;
    if (at(k) == '-' || at(k) == '+') ++k;
    std::string digits;
    const size_t e = number(k, &digits);
    if (e == kFail || is_alpha(at(e))) return kFail;
    *pos = (at(j) == '-' ? "-" : "") + digits;
    if (exon_paren) return at(e) == ')' ? e + 1 : kFail;
    if (size_t p = lit(e, " position"); p != kFail && !is_alpha(at(p))) return p;
    return e;
  }

  std::string_view t_;
};

VariantMention to_mention(const Match& m, size_t begin) {
  VariantMention v;
  v.begin = static_cast<uint32_t>(begin);
  v.end = static_cast<uint32_t>(m.end);
  if (m.snp) {
    v.kind = VariantKind::kSNP;
    v.tmvar = m.rs;
    v.rs = m.rs;
    return v;
  }
  v.kind = m.parts.protein() ? VariantKind::kProteinMutation : VariantKind::kDNAMutation;
  v.tmvar = tmvar_form(m.parts);
  v.hgvs = hgvs_string(m.parts);
  return v;
}

}  // namespace

std::string_view variant_kind_name(VariantKind kind) {
  switch (kind) {
    case VariantKind::kDNAMutation: return "DNAMutation";
    case VariantKind::kProteinMutation: return "ProteinMutation";
    case VariantKind::kSNP: return "SNP";
  }
  return "";
}

namespace {

// Word order for the trigger list: by length, then bytes (cheap to compare).
bool shorter_or_less(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return std::memcmp(a.data(), b.data(), a.size()) < 0;
}

// Cheap test of whether a variant can start at word start `i`: most words of an
// abstract are ordinary words, and the scanner need not look at them at all.
bool worth_scanning(std::string_view text, size_t i) {
  const char c = text[i];
  if (!is_alpha(c)) return true;  // digits, "(", "-", "+", "Δ"
  size_t j = i;
  while (j < text.size() && is_alpha(text[j])) ++j;
  const size_t n = j - i;
  if (j < text.size() && is_digit(text[j])) return true;  // V600E, rs123, IVS2, del418T, Delta32
  if (n == 1) return is_upper(c) || (j < text.size() && text[j] == '.');  // "A to G", "c.", "p."
  if (n > 3 && text.substr(i, 3) == "del" && is_base(text[i + 3])) return true;  // "delTTCA"
  if (n > 13) return false;  // longer than "phenylalanine"
  if (text.substr(i, 3) == "IVS") return true;  // "IVSII-1", roman intron numbers
  if (std::all_of(text.begin() + i, text.begin() + j, is_base)) return true;  // "TGAG deletion", "CC to TT"
  if (n == 3 && amino_acid_code(text.substr(i, 3)) != 0) return true;        // "Arg-->Trp", "Ile/Val"
  static const std::array<std::string_view, 62> kTriggers = [] {
    std::array<std::string_view, 62> words = {
        "alanine",   "arginine",  "asparagine",    "aspartic",  "aspartate", "cysteine",  "glutamine", "glutamic",
        "glutamate", "glycine",   "histidine",     "isoleucine", "leucine",  "lysine",    "methionine", "phenylalanine",
        "proline",   "serine",    "threonine",     "tryptophan", "tyrosine", "valine",    "stop",      "termination",
        "adenine",   "adenosine", "guanine",       "guanosine",  "cytosine", "cytidine",  "thymine",   "thymidine",
        "uracil",    "uridine",   "codon",         "deletion",   "insertion", "duplication", "delta",  "del",
        "ins",       "dup",       "one",           "two",        "three",    "four",      "five",      "six",
        "seven",     "eight",     "nine",          "ten",        "eleven",   "twelve",    "single",    "deletions",
        "insertions", "duplications", "dupl",      "delins",     "ter",      "ivs",
    };
    std::sort(words.begin(), words.end(), shorter_or_less);
    return words;
  }();
  char lower[16];
  for (size_t k = 0; k < n; ++k) lower[k] = ascii_lower(text[i + k]);
  if (std::binary_search(kTriggers.begin(), kTriggers.end(), std::string_view(lower, n), shorter_or_less)) return true;
  // "nucleotide T insertion"
  return n == 10 && j + 2 < text.size() && text[j] == ' ' && is_base(text[j + 1]) &&
         std::memcmp(lower, "nucleotide", 10) == 0;
}

// ---- document-level reading ----------------------------------------------------------

bool is_snp(const VariantMention& v) { return v.kind == VariantKind::kSNP; }
bool is_protein(const VariantMention& v) { return v.tmvar.starts_with("p|"); }

// Union-find over mention indices.
struct Groups {
  std::vector<uint32_t> parent;
  explicit Groups(size_t n) : parent(n) {
    for (size_t i = 0; i < n; ++i) parent[i] = static_cast<uint32_t>(i);
  }
  uint32_t root(uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  // The earlier mention's root stays the root: groups keep their first mention.
  void join(uint32_t a, uint32_t b) {
    a = root(a);
    b = root(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent[b] = a;
  }
};

// " (", "(", " [", "[", with an optional space after: the next mention opens a parenthetical.
bool opens_parenthetical(std::string_view gap) {
  size_t i = 0;
  if (i < gap.size() && gap[i] == ' ') ++i;
  if (i >= gap.size() || (gap[i] != '(' && gap[i] != '[')) return false;
  ++i;
  if (i < gap.size() && gap[i] == ' ') ++i;
  return i == gap.size();
}

// The mention ending at `end` closes its parenthetical or is its first item: ")", "]",
// ",", ";" (after an optional space).
bool ends_item(std::string_view text, size_t end) {
  if (end < text.size() && text[end] == ' ') ++end;
  return end < text.size() && (text[end] == ')' || text[end] == ']' || text[end] == ',' || text[end] == ';');
}

// The mention starting at `begin` opens a parenthetical: "(" or "[" right before it.
bool starts_parenthetical(std::string_view text, size_t begin) {
  if (begin > text.size()) return false;
  if (begin > 0 && text[begin - 1] == ' ') --begin;
  return begin > 0 && (text[begin - 1] == '(' || text[begin - 1] == '[');
}

// Words between a variant and "(rsN)" that still name that variant: "-1021T allele
// (rs1611115)", "-889TT genotype (rs1800587)", "H472Q Q/Q genotype (rs1870377)", "-930A>G
// CYBA polymorphism (rs9932581)". A few descriptive words, genotypes ("AA", "Q/Q") and
// at most one gene symbol ("CYBA"); anything else ("and", "in", a number) breaks it.
bool names_the_variant_before_rs(std::string_view gap) {
  if (gap.size() < 3 || gap.size() > 48 || gap.front() != ' ') return false;
  if (gap.back() == ' ') gap.remove_suffix(1);
  if (gap.back() != '(') return false;
  gap.remove_suffix(1);
  if (gap.empty() || gap.back() != ' ') return false;
  static constexpr std::array<std::string_view, 14> kWords = {
      "allele",   "alleles", "genotype", "genotypes", "polymorphism", "polymorphisms", "variant",
      "variants", "SNP",     "SNPs",     "carriers",  "carrier",      "homozygotes",   "heterozygotes"};
  int words = 0, symbols = 0;
  size_t i = 1;
  while (i < gap.size()) {
    const size_t j = std::min(gap.find(' ', i), gap.size());
    const std::string_view w = gap.substr(i, j - i);
    i = j + 1;
    if (w.empty()) return false;
    ++words;
    if (std::find(kWords.begin(), kWords.end(), w) != kWords.end()) continue;
    // A genotype: one to three letters, "/" and one to three letters ("Q/Q", "AA", "A/G").
    const size_t slash = w.find('/');
    auto letters = [](std::string_view s) {
      return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), is_upper);
    };
    if (slash == std::string_view::npos ? letters(w) : letters(w.substr(0, slash)) && letters(w.substr(slash + 1))) {
      continue;
    }
    // A gene symbol: upper-case letters and digits, starting with two letters.
    const bool symbol = w.size() <= 10 && w.size() >= 3 && is_upper(w[0]) && is_upper(w[1]) &&
                        std::all_of(w.begin(), w.end(), [](char c) { return is_upper(c) || is_digit(c) || c == '-'; });
    if (!symbol || ++symbols > 1) return false;
  }
  return words >= 1 && words <= 4;
}

// The gap between a variant that opens a parenthetical and the rs ID that closes it:
// "(c.*469C>A, SNP rs11915160)", "(p.Ser157Ser, rs35435463)".
bool separates_rs_in_parenthetical(std::string_view gap) {
  for (std::string_view g : {", ", "; ", ", SNP ", ", dbSNP ", "; SNP ", "; dbSNP "}) {
    if (gap == g) return true;
  }
  return false;
}

// The words between a DNA change (or an rs ID) and the protein change it makes, within one
// sentence: "C to T transition at nucleotide 3916 resulting in Arg 1306 Trp", "c.686C>G
// mutation, which causes the substitution of ...", "rs6232, encoding the amino acid
// exchange N221D".
bool says_it_makes(std::string_view gap) {
  if (gap.size() > 120) return false;
  for (size_t i = 0; i + 2 < gap.size(); ++i) {
    if (gap[i] == '.' && gap[i + 1] == ' ' && (is_upper(gap[i + 2]) || is_digit(gap[i + 2]))) return false;
  }
  if (gap.find(';') != std::string_view::npos) return false;
  for (std::string_view w : {"result", "caus", "lead", "predict", "encod", "correspond", "produc", "chang", "convert",
                             "responsible for"}) {
    if (gap.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Document-level reading of mentions [first, end) of `mentions` (text order). A variant
// written with its dbSNP ID takes that rs ID: next to it ("Ser326Cys (rs1052133)",
// "rs1801133 (C677T)", "rs9932581:A>G"), after words that still name it ("-1021T allele
// (rs1611115)"), or in one parenthetical with it ("(c.*469C>A, SNP rs11915160)"). Mentions
// naming one variant share a group: those of one tmVar form, a variant and its rs ID, and
// a variant and another form of it in parentheses right after ("c.185C>T (Thr60Met)",
// "c.471C>T (p.Ser157Ser, rs35435463)"). Where a group's rs IDs from the text agree, its
// mentions without one take it. `groups` (when not null) gets each mention's group,
// numbered from 0 in order of first mention.
void link_mentions(std::string_view text, std::vector<VariantMention>& mentions, size_t first,
                   std::vector<uint32_t>* groups) {
  const size_t n = mentions.size() - first;
  if (n < 2) {  // most texts: nothing to link
    if (groups != nullptr) groups->assign(n, 0);
    return;
  }
  Groups g(n);
  std::vector<std::string> direct(n);  // rs IDs the text writes next to each mention
  auto attach = [&](size_t variant, size_t snp) {
    if (direct[variant].empty()) direct[variant] = mentions[first + snp].rs;
    g.join(static_cast<uint32_t>(variant), static_cast<uint32_t>(snp));
  };
  for (size_t k = 0; k + 1 < n; ++k) {
    const VariantMention& a = mentions[first + k];
    const VariantMention& b = mentions[first + k + 1];
    // Overlapping mentions, and those placed outside the text, have no gap to read.
    if (b.begin < a.end || a.end > text.size() || b.end > text.size()) continue;
    const std::string_view gap = text.substr(a.end, b.begin - a.end);
    if (is_snp(a) != is_snp(b)) {
      const bool snp_first = is_snp(a);
      const size_t snp = snp_first ? k : k + 1, variant = snp_first ? k + 1 : k;
      // "rs1 (X), rs2 (Y)": the SNP before a parenthesis owns it, so "X), rs2" pairs nothing.
      const bool adjacent = gap.size() <= 3 && gap.find_first_not_of(" ([,;:") == std::string_view::npos &&
                            (gap.find('(') != std::string_view::npos || gap.find('[') != std::string_view::npos);
      if (adjacent || (snp_first && gap == ":") ||
          (!snp_first && ends_item(text, b.end) &&
           (names_the_variant_before_rs(gap) ||
            (separates_rs_in_parenthetical(gap) && starts_parenthetical(text, a.begin))))) {
        attach(variant, snp);
      }
    } else if (!is_snp(a) && opens_parenthetical(gap) && ends_item(text, b.end)) {
      g.join(static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1));
      continue;
    }
    if (!is_protein(a) && is_protein(b) && says_it_makes(gap)) {
      if (is_snp(a)) attach(k + 1, k);
      else g.join(static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1));
    }
  }
  // One tmVar form, one variant.
  std::unordered_map<std::string_view, uint32_t> by_form;
  for (size_t k = 0; k < n; ++k) {
    const auto [it, inserted] = by_form.emplace(mentions[first + k].tmvar, static_cast<uint32_t>(k));
    if (!inserted) g.join(it->second, static_cast<uint32_t>(k));
  }
  // An allele names the substitution at its position whose residues it carries: "-930G"
  // and "-511CC" are alleles of "-930A>G" and "-511C/T".
  std::unordered_map<std::string_view, uint32_t> substitution_at;  // "c|-930" -> first SUB there
  auto fields = [](std::string_view form, std::array<std::string_view, 5>& f) {
    size_t count = 0, start = 0;
    while (count < f.size()) {
      const size_t bar = form.find('|', start);
      f[count++] = form.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    return count;
  };
  std::vector<std::string> keys(n);  // storage for the map's keys
  for (size_t k = 0; k < n; ++k) {
    std::array<std::string_view, 5> f;
    if (fields(mentions[first + k].tmvar, f) != 5 || f[1] != "SUB" || f[3].empty()) continue;
    keys[k] = std::string(f[0]) + '|' + std::string(f[3]);
    substitution_at.emplace(keys[k], static_cast<uint32_t>(k));
  }
  if (!substitution_at.empty()) {
    std::string key;
    for (size_t k = 0; k < n; ++k) {
      std::array<std::string_view, 5> f;
      if (fields(mentions[first + k].tmvar, f) != 4 || f[1] != "Allele" || f[3].empty()) continue;
      key.assign(f[0]);
      key += '|';
      key += f[3];
      const auto it = substitution_at.find(key);
      if (it == substitution_at.end()) continue;
      std::array<std::string_view, 5> sub;
      fields(mentions[first + it->second].tmvar, sub);
      const std::string_view residues = f[2];
      const bool carried = std::all_of(residues.begin(), residues.end(), [&](char c) {
        return sub[2].find(c) != std::string_view::npos || sub[4].find(c) != std::string_view::npos;
      });
      if (carried) g.join(it->second, static_cast<uint32_t>(k));
    }
  }
  // Each group's rs ID from the text, where its mentions agree on one.
  std::vector<std::string_view> group_rs(n);
  std::vector<char> conflict(n, 0);
  for (size_t k = 0; k < n; ++k) {
    const VariantMention& v = mentions[first + k];
    const std::string_view rs = !v.rs.empty() ? std::string_view(v.rs) : std::string_view(direct[k]);
    if (rs.empty()) continue;
    const uint32_t r = g.root(static_cast<uint32_t>(k));
    if (group_rs[r].empty()) group_rs[r] = rs;
    else if (group_rs[r] != rs) conflict[r] = 1;
  }
  for (size_t k = 0; k < n; ++k) {
    VariantMention& v = mentions[first + k];
    if (!v.rs.empty()) continue;
    const uint32_t r = g.root(static_cast<uint32_t>(k));
    if (!direct[k].empty()) v.rs = direct[k];
    else if (!conflict[r] && !group_rs[r].empty()) v.rs = std::string(group_rs[r]);
  }
  if (groups == nullptr) return;
  groups->assign(n, 0);
  std::vector<uint32_t> number(n, UINT32_MAX);
  uint32_t next = 0;
  for (size_t k = 0; k < n; ++k) {
    const uint32_t r = g.root(static_cast<uint32_t>(k));
    if (number[r] == UINT32_MAX) number[r] = next++;
    (*groups)[k] = number[r];
  }
}

}  // namespace

namespace {

// An allele form of one base at a position ("c|Allele|A|-10").
bool is_single_base_allele(std::string_view tmvar) {
  constexpr std::string_view kAllele = "|Allele|";
  const size_t at = tmvar.find(kAllele);
  if (at == std::string_view::npos) return false;
  const size_t base = at + kAllele.size();
  return base + 1 < tmvar.size() && tmvar[base + 1] == '|';
}

}  // namespace

void find_variants(std::string_view text, std::vector<VariantMention>& out) {
  const size_t first = out.size();
  const Scanner scanner(text);
  Match m;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool word_start = i == 0 || !is_alnum(text[i - 1]);
    // "IL1B-31T/C", "and+2740 A>G": a signed position may follow a word directly.
    const bool signed_start = (c == '-' || c == '+') && i + 1 < text.size() && is_digit(text[i + 1]);
    if ((word_start || signed_start) &&
        (is_alnum(c) || c == '(' || c == '-' || c == '+' || static_cast<unsigned char>(c) == 0xCE) &&
        worth_scanning(text, i) && scanner.match_at(i, m)) {
      VariantMention v = to_mention(m, i);
      // Glued to a word, a signed position with one base is the end of a name
      // ("MCF-10A", "HEK-293T" cells), not an allele: the corpora's glued alleles are
      // changes and genotypes ("IL1B-31T/C", "IL1B-31TT"), never one base.
      if (word_start || !is_single_base_allele(v.tmvar)) {
        out.push_back(std::move(v));
        i = m.end;
        continue;
      }
    }
    if (!word_start && is_upper(c) && i + 1 < text.size() && is_digit(text[i + 1]) &&
        (is_lower(text[i - 1]) || is_digit(text[i - 1])) && scanner.glued_protein(i, m)) {
      out.push_back(to_mention(m, i));
      i = m.end;
      continue;
    }
    // "CCR5Delta32", "CCR5delta32".
    if (!word_start && (c == 'D' || c == 'd') && text.substr(i + 1, 4) == "elta" && scanner.match_at(i, m)) {
      out.push_back(to_mention(m, i));
      i = m.end;
      continue;
    }
    ++i;
  }
  link_mentions(text, out, first, nullptr);
}

std::vector<uint32_t> link_variant_mentions(std::string_view text, std::vector<VariantMention>& mentions) {
  std::vector<uint32_t> groups;
  link_mentions(text, mentions, 0, &groups);
  return groups;
}

std::optional<VariantMention> parse_variant_in(std::string_view text, size_t begin, size_t end) {
  if (begin < end && end <= text.size()) {
    const Scanner scanner(text);
    Match m;
    if (scanner.match_at(begin, m, end)) return to_mention(m, begin);
  }
  auto v = parse_variant(text.substr(std::min(begin, text.size()), end > begin ? end - begin : 0));
  if (v) {
    v->begin = static_cast<uint32_t>(begin);
    v->end = static_cast<uint32_t>(end);
  }
  return v;
}

std::optional<VariantMention> parse_variant(std::string_view mention) {
  const Scanner scanner(mention);
  Match m;
  if (!scanner.match_at(0, m) || m.end != mention.size()) return std::nullopt;
  return to_mention(m, 0);
}

}  // namespace biotator
