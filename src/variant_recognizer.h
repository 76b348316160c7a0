// Sequence-variant recognition (the tmVar stage of `biotator annotate`).
//
// A hand-written scanner over the raw text recognizes the variant expressions people
// write: HGVS (c.1799T>A, p.V600E, p.Val600Glu, p.(Arg248Trp), c.1093-1G>T,
// c.1970_2177del, c.5382insC, p.G204VfsX17, p.Asp46_Gln48delinsGlu), legacy forms
// (V600E, Val600Glu, Arg 3500 Gln, 1799T>A, G1691A, -308G>A, -107C/T, 5382insC,
// 657del5, IVS2-2A>G, DeltaF508), phrases ("A to G transition at nucleotide 2576",
// "Arg-->Trp at codon 248", "arginine to tryptophan at codon 198", "32-bp deletion")
// and dbSNP IDs (rs113488022). Each mention gets its tmVar form and HGVS string
// (variant_normalizer.h). Rules were tuned on BioRED Train and tmVar3 (see
// tests/variant_recognizer_test.cc for the corpus evaluation).
// Not recognized, as the corpora that define what a mention is leave them out: star
// alleles ("CYP2D6*4": in neither BioRED nor tmVar3, so no normalized form could be
// learned or checked) and exon-level deletions ("deletion of exon 3", "exon 19
// deletion": written in BioRED Train, Dev and tmVar3, never annotated).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "variant_normalizer.h"

namespace biotator {

enum class VariantKind { kDNAMutation, kProteinMutation, kSNP };

// PubTator3 type name: "DNAMutation", "ProteinMutation" or "SNP".
std::string_view variant_kind_name(VariantKind kind);

struct VariantMention {
  uint32_t begin = 0;  // byte offsets into the text
  uint32_t end = 0;
  VariantKind kind = VariantKind::kDNAMutation;
  std::string tmvar;  // "p|SUB|V|600|E", "c|DEL|4153|A"; the rs ID for an SNP
  std::string hgvs;   // "p.V600E", "c.4153delA"; "" when there is none
  std::string rs;     // "rs113488022" when the text gives it
};

// Appends the variant mentions of `text` to `out`, in text order, without overlaps.
void find_variants(std::string_view text, std::vector<VariantMention>& out);

// Document-level reading of one text's variant mentions, in text order (byte offsets
// into `text`, as find_variants gives them; find_variants applies it to what it finds):
//  - a variant written with its dbSNP ID takes that rs ID (VariantMention::rs): next to
//    it ("Ser326Cys (rs1052133)", "rs25531(A-->G)", "rs9932581:A>G"), after words that
//    still name it ("-1021T allele (rs1611115)", "H472Q Q/Q genotype (rs1870377)"), or
//    in one parenthetical with it ("(c.*469C>A, SNP rs11915160)");
//  - mentions naming one variant share a group: one tmVar form, a variant and its rs
//    ID, a variant and another form of it in parentheses right after ("c.185C>T
//    (Thr60Met)", "c.471C>T (p.Ser157Ser, rs35435463)"); where the rs IDs the text
//    gives a group agree, its mentions without one take it.
// Returns each mention's group, numbered from 0 in order of first mention. Linear in
// the number of mentions.
std::vector<uint32_t> link_variant_mentions(std::string_view text, std::vector<VariantMention>& mentions);

// Parses `mention` as one whole variant expression (no surrounding text), as
// find_variants would; nothing when it is not one. Handy for tests and tools.
std::optional<VariantMention> parse_variant(std::string_view mention);

// Parses text[begin, end) as one whole variant expression, seeing the text around it
// (some forms need the next word: "7488C allele", "-31TT genotype"), else on its own
// as parse_variant does. The mention gets offsets begin and end.
std::optional<VariantMention> parse_variant_in(std::string_view text, size_t begin, size_t end);

}  // namespace biotator
