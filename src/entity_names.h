// Pure text functions on the names of gene, disease and chemical mentions, which the
// entity linker (src/entity_linker.h) uses to decide what to look up: they rewrite a
// name into the spelling a vocabulary uses ("inducible NO synthase" -> "inducible
// nitric oxide synthase"), cut it into parts worth a lookup, classify it (a human- or
// rodent-style symbol, a mouse strain, an OMIM citation) and match short forms to long
// forms. None of them looks at the knowledge base: each answers from the text alone, so
// each can be tested with a few strings.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace biotator {

// --- Word tables ---------------------------------------------------------------------

// Whether `word` is one of `words` (exact match; the linker's word tables hold lowered
// words, matched against units of exact keys).
template <size_t N>
bool is_one_of(std::string_view word, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

// The value `word` maps to in `table`, or "".
template <size_t N>
std::string_view mapped(std::string_view word, const std::pair<std::string_view, std::string_view> (&table)[N]) {
  for (const auto& [key, value] : table) {
    if (word == key) return value;
  }
  return {};
}

// --- Units of an exact key (kb.h's split_units) ----------------------------------------

// The units [begin, end) joined by single spaces ("tnf", "alpha" -> "tnf alpha").
std::string join_units(const std::vector<std::string_view>& units, size_t begin, size_t end);

// Whether `unit` is made of lowercase ASCII letters and non-ASCII bytes only (units of
// exact keys are lowered); true for "".
bool is_letters(std::string_view unit);

// Whether `unit` is a qualifier of a name: a Greek letter, a Roman numeral or "type"
// ("beta" of "NRG-1 beta", "ii" of "type II"). Alone, qualifiers name nothing.
bool is_qualifier(std::string_view unit);

// Whether the units [begin, end) of a mention are worth a lookup on their own: they do
// not start or end with punctuation or a function word, and a single unit is a word of
// at least three letters (not "53" of "p53", not "s"); several units are not only
// numbers and qualifiers ("1 beta", "type 2"). A letter and a number are a symbol ("D2").
bool usable_subphrase(const std::vector<std::string_view>& units, size_t begin, size_t end);

// Whether the units [begin, end) of a gene mention (a usable_subphrase) can name a gene:
// not only generic words ("receptor", "factor"), numbers and qualifiers ("receptor 4"
// of "FGF receptor 4"); not the words before a relation word ("IL-6" of "IL-6
// receptor", "Fas" of "Fas ligand"), which name the partner; not what follows
// "inducible"; not a number cut from the name it numbers, alone or with one short unit
// ("4 j" of "TCF-4J").
bool gene_subphrase(const std::vector<std::string_view>& units, size_t begin, size_t end);

// --- Gene names ----------------------------------------------------------------------

// How a gene symbol is written says whose gene it is: nomenclature writes human
// symbols in capitals ("NOTCH1", "HRH4") and mouse and rat symbols with a capital
// initial only ("Socs3", "Bmp4", "Shh").
enum class SymbolStyle { kNone, kHuman, kRodent };

// The style of `text` as a gene symbol: kHuman for capitals (at least two), digits and
// hyphens only, 3-10 characters ("IL-6"); kRodent for a capital then lowercase letters and digits
// ("Il1", "Socs3"; without digits at most 4 characters: "Insulin" is an English word at
// a sentence start); kNone otherwise. link_document weighs a document's styles to
// choose its genes' species.
SymbolStyle symbol_style(std::string_view text);

// A gene name reduced to its lowercase letters and digits ("MMP-2" -> "mmp2"); other
// bytes (non-ASCII letters) are kept. Family stems and members compare so.
std::string family_squeeze(std::string_view text);

// Whether `rest`, what a squeezed name adds to a family's squeezed name, makes it a
// member: a number and at most one letter ("2" of "MMP-2", "6c" of "Rab6c"), not "r"
// ("IGF-1R" is IGF-1's receptor).
bool family_member_suffix(std::string_view rest);

// `text` without its parenthesized parts ("retinoic acid receptor (RAR)a" ->
// "retinoic acid receptor a"); "" when the parentheses do not pair or nothing is left.
// A short form written inside a gene name is no part of the name.
std::string without_parentheses(std::string_view text);

// Whether `text` names a common laboratory mouse strain ("C57BL/6J", "BALB/c"), which
// BioRED tags as a cell line: a mouse mention, not human cells.
bool is_mouse_strain(std::string_view text);

// `mention` with the short forms defined in the text (`abbreviations`: short -> long)
// that it contains as words (split at spaces, hyphens and slashes; a hyphen before a
// capital joins, "LH-RH"; also in the plural: "FGFs") replaced by their long forms
// ("FGF receptor 4" -> "fibroblast growth factors receptor 4"); "" when none is found.
// A word that is the whole mention is left out (the linker looks it up itself), and so
// is a short form the mention defines itself ("cytochrome P450 isoenzyme (CYP) 2D6").
std::string expand_gene_short_forms(std::string_view mention,
                                    const std::unordered_map<std::string, std::string>& abbreviations);

// `mention` with its receptor symbols written out ("TNFR-associated factor 2" -> "TNF
// receptor-associated factor 2"): a word of capitals and digits ending in "R" after at
// least two more characters, followed by more words; "" when there is none.
std::string expand_receptor_symbols(std::string_view mention);

// A gene name in a spelling its vocabulary writes otherwise, or "" when there is none:
// "co-"/"non-" written solid ("Na-Cl co-transporter" -> "Na-Cl cotransporter"), "NO"
// as a word as nitric oxide ("inducible NO synthase"), a one-word symbol's inner
// hyphen dropped ("LH-RH" -> "LHRH"; not "a-SMA", nor the range "NPHP1-9"), a
// coagulation factor by its Roman numeral alone ("factor V" -> "coagulation factor V").
std::string gene_spelling_variant(std::string_view text);

// The receptor symbol of a receptor named by its subtype's short symbol ("D2
// receptor" -> "D2R", "H3-receptor" -> "H3R"), as receptors are written; "" when the
// mention is no such name (the symbol needs a capital and a digit: not "BMP receptor").
std::string receptor_symbol(std::string_view text);

// --- Disease names -------------------------------------------------------------------

// The number of an OMIM citation ("OMIM 150800", "MIM #150800", "OMIM: 150800"), or "".
std::string_view omim_number(std::string_view mention);

// `mention` without its bracketed asides and with the short forms defined in the text
// (`abbreviations`, also in the plural or the singular: "NETs", "GEP-NET") replaced by
// their long forms and the element symbols by their names ("Pb poisoning" -> "lead
// poisoning"); "" when nothing changes or a bracket is left open. A word that is the
// whole mention is not replaced by its long form (the linker tried that).
std::string expand_disease_mention(std::string_view mention,
                                   const std::unordered_map<std::string, std::string>& abbreviations);

// `mention` without its leading words of a disease's course or severity, which leave
// the disease the same ("chronic hypoxia" -> "hypoxia", "Severe acute pain" -> "pain").
std::string_view without_course_words(std::string_view mention);

// --- Chemical names ------------------------------------------------------------------

// The element named by a two-letter chemical symbol as chemists write it ("Pb" ->
// "lead"; not "PB", phosphate buffer, nor "Cr", creatinine as often as chromium), or "".
std::string_view element_name(std::string_view symbol);

// The halide anion written as a formula ("I-", "Cl(-)" -> "chloride"), or "": the
// letters alone are another name's key (the Roman numeral "I").
std::string_view anion_name(std::string_view formula);

// The name under which a mention's identifiers are shared within a document: its exact
// key (kb.h), except that element symbols and anion formulas keep their case and
// charge ("Pb" is lead, "PB" phosphate buffer).
std::string document_name_key(std::string_view text);

// --- Short forms ---------------------------------------------------------------------

// Whether `short_form` may abbreviate `long_form`: its letters in order in the longer
// name (at least three characters longer), which starts with its first letter, case
// ignored ("QTP" of "quetiapine", "DVP" of "divalproex", "Sal" of "salidroside").
bool abbreviates(std::string_view short_form, std::string_view long_form);

// Byte offsets in `long_form` of the letters and digits of `short_form`, matched right
// to left, case ignored, the first one at the start of a word (as Schwartz & Hearst
// align them), in that order (the last letter's first); empty when they do not all match.
std::vector<size_t> short_form_letters(std::string_view short_form, std::string_view long_form);

// Whether the initials of the words of `long_form` (split at spaces, hyphens and
// slashes) are the letters of `short_form`, case ignored ("XLMR": "X-linked mental
// retardation", not "X-linked phenotype of mental retardation").
bool spells_initials(std::string_view short_form, std::string_view long_form);

}  // namespace biotator
