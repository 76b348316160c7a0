// Variant normalization: real-world variant strings (shapes from tmVar3 and BioRED) ->
// kind, tmVar form and HGVS; strings that must not parse as variants; the tmVar form
// and HGVS writers on their own; the tmVarForm2RSID2Freq loader.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "input_error.h"
#include "test_paths.h"
#include "variant_normalizer.h"
#include "variant_recognizer.h"

namespace biotator {
namespace {

struct Case {
  const char* text;
  const char* kind;  // PubTator3 type name
  const char* tmvar;
  const char* hgvs;
};

const std::vector<Case> kCases = {
    // HGVS DNA
    {"c.1799T>A", "DNAMutation", "c|SUB|T|1799|A", "c.1799T>A"},
    {"c.920T>G", "DNAMutation", "c|SUB|T|920|G", "c.920T>G"},
    {"c.1093-1G>T", "DNAMutation", "c|SUB|G|1093-1|T", "c.1093-1G>T"},
    {"c. 1093-1G>T", "DNAMutation", "c|SUB|G|1093-1|T", "c.1093-1G>T"},
    {"c.1092 +1G>A", "DNAMutation", "c|SUB|G|1092+1|A", "c.1092+1G>A"},
    {"c.357-3C>G", "DNAMutation", "c|SUB|C|357-3|G", "c.357-3C>G"},
    {"c.1706-2 A>T", "DNAMutation", "c|SUB|A|1706-2|T", "c.1706-2A>T"},
    {"c.592C-->T", "DNAMutation", "c|SUB|C|592|T", "c.592C>T"},
    {"c.6799G --> A", "DNAMutation", "c|SUB|G|6799|A", "c.6799G>A"},
    {"c.410+5 G/A", "DNAMutation", "c|SUB|G|410+5|A", "c.410+5G>A"},
    {"c.G1714C", "DNAMutation", "c|SUB|G|1714|C", "c.1714G>C"},
    {"g.3318-6T>A", "DNAMutation", "g|SUB|T|3318-6|A", "g.3318-6T>A"},
    {"g.1755 G > A", "DNAMutation", "g|SUB|G|1755|A", "g.1755G>A"},
    {"c.4153delA", "DNAMutation", "c|DEL|4153|A", "c.4153delA"},
    {"c.304delA", "DNAMutation", "c|DEL|304|A", "c.304delA"},
    {"c.1970_2177del", "DNAMutation", "c|DEL|1970_2177|", "c.1970_2177del"},
    {"c.2113_2114delGG", "DNAMutation", "c|DEL|2113_2114|GG", "c.2113_2114delGG"},
    {"c.399_402del AGAG", "DNAMutation", "c|DEL|399_402|AGAG", "c.399_402delAGAG"},
    {"c.640_667del28", "DNAMutation", "c|DEL|640_667|28", "c.640_667del28"},
    {"c.609+28_610-16del", "DNAMutation", "c|DEL|609+28_610-16|", "c.609+28_610-16del"},
    {"c.899-1142del", "DNAMutation", "c|DEL|899_1142|", "c.899_1142del"},
    {"g.3455_3460del", "DNAMutation", "g|DEL|3455_3460|", "g.3455_3460del"},
    {"c.5382insC", "DNAMutation", "c|INS|5382|C", "c.5382insC"},
    {"c.1546_1547insC", "DNAMutation", "c|INS|1546_1547|C", "c.1546_1547insC"},
    {"c.1146+25insA", "DNAMutation", "c|INS|1146+25|A", "c.1146+25insA"},
    {"c.370-371insA", "DNAMutation", "c|INS|370_371|A", "c.370_371insA"},
    {"c.304ins(GCG)(7)", "DNAMutation", "c|INS|304|GCG(7)", "c.304insGCG(7)"},
    {"c.681dupA", "DNAMutation", "c|DUP|681|A|", "c.681dupA"},
    {"c.429_452dup", "DNAMutation", "c|DUP|429_452||", "c.429_452dup"},
    {"c.112_117delinsTG", "DNAMutation", "c|INDEL|112_117|TG", "c.112_117delinsTG"},
    {"m.3243A>G", "DNAMutation", "m|SUB|A|3243|G", "m.3243A>G"},
    // HGVS protein
    {"p.V600E", "ProteinMutation", "p|SUB|V|600|E", "p.V600E"},
    {"p.Val600Glu", "ProteinMutation", "p|SUB|V|600|E", "p.V600E"},
    {"p.(Arg248Trp)", "ProteinMutation", "p|SUB|R|248|W", "p.R248W"},
    {"p.Leu307Arg", "ProteinMutation", "p|SUB|L|307|R", "p.L307R"},
    {"p.R248*", "ProteinMutation", "p|SUB|R|248|X", "p.R248X"},
    {"p.Tyr65X", "ProteinMutation", "p|SUB|Y|65|X", "p.Y65X"},
    {"p.Arg153Ter", "ProteinMutation", "p|SUB|R|153|X", "p.R153X"},
    {"p.E947stop", "ProteinMutation", "p|SUB|E|947|X", "p.E947X"},
    {"p.R58fs", "ProteinMutation", "p|FS|R|58||", "p.R58fs"},
    {"p.Arg58fs", "ProteinMutation", "p|FS|R|58||", "p.R58fs"},
    {"p.G204VfsX17", "ProteinMutation", "p|FS|G|204|V|17", "p.G204VfsX17"},
    {"p.Val35AlafsX25", "ProteinMutation", "p|FS|V|35|A|25", "p.V35AfsX25"},
    {"p.Cys817Valfs X15", "ProteinMutation", "p|FS|C|817|V|15", "p.C817VfsX15"},
    {"p.Asp569Valfs*93", "ProteinMutation", "p|FS|D|569|V|93", "p.D569VfsX93"},
    {"p.A27fsX132", "ProteinMutation", "p|FS|A|27||132", "p.A27fsX132"},
    {"p.Ser119fsX", "ProteinMutation", "p|FS|S|119||", "p.S119fs"},
    {"p.T3708fs3769", "ProteinMutation", "p|FS|T|3708||3769", "p.T3708fsX3769"},
    {"p.V239del", "ProteinMutation", "p|DEL|239|V", "p.V239del"},
    {"p.G204_K247del", "ProteinMutation", "p|DEL|204_247|", "p.204_247del"},
    {"p.Asp46_Gln48delinsGlu", "ProteinMutation", "p|INDEL|46_48|E", "p.46_48delinsE"},
    {"p.Arg104", "ProteinMutation", "p|Allele|R|104", ""},
    {"p.R469[R,X]", "ProteinMutation", "p|SUB|R|469|X", "p.R469X"},
    {"p.Arg469[Arg,Ter]", "ProteinMutation", "p|SUB|R|469|X", "p.R469X"},
    // Legacy protein
    {"V600E", "ProteinMutation", "p|SUB|V|600|E", "p.V600E"},
    {"R248W", "ProteinMutation", "p|SUB|R|248|W", "p.R248W"},
    {"Y245X", "ProteinMutation", "p|SUB|Y|245|X", "p.Y245X"},
    {"R-4Q", "ProteinMutation", "p|SUB|R|-4|Q", "p.R-4Q"},
    {"Val600Glu", "ProteinMutation", "p|SUB|V|600|E", "p.V600E"},
    {"Arg248Trp", "ProteinMutation", "p|SUB|R|248|W", "p.R248W"},
    {"Glu873Stop", "ProteinMutation", "p|SUB|E|873|X", "p.E873X"},
    {"Arg 3500 Gln", "ProteinMutation", "p|SUB|R|3500|Q", "p.R3500Q"},
    {"Arg158 Pro", "ProteinMutation", "p|SUB|R|158|P", "p.R158P"},
    {"Gly(388)Arg", "ProteinMutation", "p|SUB|G|388|R", "p.G388R"},
    {"Ile(146)-->Leu", "ProteinMutation", "p|SUB|I|146|L", "p.I146L"},
    {"Glu29 to Lys", "ProteinMutation", "p|SUB|E|29|K", "p.E29K"},
    {"glycine-594-valine", "ProteinMutation", "p|SUB|G|594|V", "p.G594V"},
    {"histidine 626-to-arginine", "ProteinMutation", "p|SUB|H|626|R", "p.H626R"},
    {"glutamic acid 333 by aspartic acid", "ProteinMutation", "p|SUB|E|333|D", "p.E333D"},
    {"R58fs", "ProteinMutation", "p|FS|R|58||", "p.R58fs"},
    {"Y248del", "ProteinMutation", "p|DEL|248|Y", "p.Y248del"},
    {"DeltaF508", "ProteinMutation", "p|DEL|508|F", "p.F508del"},
    {"delta F508", "ProteinMutation", "p|DEL|508|F", "p.F508del"},
    {"\xCE\x94" "F508", "ProteinMutation", "p|DEL|508|F", "p.F508del"},
    {"192Q/R", "ProteinMutation", "p|SUB|Q|192|R", "p.Q192R"},
    {"E873stop", "ProteinMutation", "p|SUB|E|873|X", "p.E873X"},
    {"R248Stop", "ProteinMutation", "p|SUB|R|248|X", "p.R248X"},
    {"E873-TAG", "ProteinMutation", "p|SUB|E|873|X", "p.E873X"},
    {"Q27-TAA", "ProteinMutation", "p|SUB|Q|27|X", "p.Q27X"},
    {"157delMTTTVP", "ProteinMutation", "p|DEL|157|MTTTVP", "p.157delMTTTVP"},
    {"46delS", "ProteinMutation", "p|DEL|46|S", "p.S46del"},
    {"272gly----stop", "ProteinMutation", "p|SUB|G|272|X", "p.G272X"},
    {"273ser----phe", "ProteinMutation", "p|SUB|S|273|F", "p.S273F"},
    {"72Arg-->Pro", "ProteinMutation", "p|SUB|R|72|P", "p.R72P"},
    {"deletion of amino acids 809-852", "ProteinMutation", "p|DEL|809_852|", "p.809_852del"},
    {"deletion of residues 12 to 20", "ProteinMutation", "p|DEL|12_20|", "p.12_20del"},
    // Legacy DNA
    {"1799T>A", "DNAMutation", "c|SUB|T|1799|A", "c.1799T>A"},
    {"1123T-->G", "DNAMutation", "c|SUB|T|1123|G", "c.1123T>G"},
    {"-1123 G>C", "DNAMutation", "c|SUB|G|-1123|C", "c.-1123G>C"},
    {"-107C/T", "DNAMutation", "c|SUB|C|-107|T", "c.-107C>T"},
    {"+3100 T/G", "DNAMutation", "c|SUB|T|+3100|G", "c.+3100T>G"},
    {"-369 (C>G)", "DNAMutation", "c|SUB|C|-369|G", "c.-369C>G"},
    {"6573 + 1G > C", "DNAMutation", "c|SUB|G|6573+1|C", "c.6573+1G>C"},
    {"1877-2A-->C", "DNAMutation", "c|SUB|A|1877-2|C", "c.1877-2A>C"},
    {"G1691A", "DNAMutation", "c|SUB|G|1691|A", "c.1691G>A"},
    {"C-1228T", "DNAMutation", "c|SUB|C|-1228|T", "c.-1228C>T"},
    {"A 1166C", "DNAMutation", "c|SUB|A|1166|C", "c.1166A>C"},
    {"T1270533G", "DNAMutation", "g|SUB|T|1270533|G", "g.1270533T>G"},
    {"5382insC", "DNAMutation", "c|INS|5382|C", "c.5382insC"},
    {"2172_2173insCCCC", "DNAMutation", "c|INS|2172_2173|CCCC", "c.2172_2173insCCCC"},
    {"4153delA", "DNAMutation", "c|DEL|4153|A", "c.4153delA"},
    {"35 delG", "DNAMutation", "c|DEL|35|G", "c.35delG"},
    {"657del5", "DNAMutation", "c|DEL|657|5", "c.657del5"},
    {"1782-83delAG", "DNAMutation", "c|DEL|1782_1783|AG", "c.1782_1783delAG"},
    {"899dupC", "DNAMutation", "c|DUP|899|C|", "c.899dupC"},
    {"del418T", "DNAMutation", "c|DEL|418|T", "c.418delT"},
    {"IVS2-2A>G", "DNAMutation", "c|SUB|A|IVS2-2|G", "c.IVS2-2A>G"},
    {"IVS3+1G>A", "DNAMutation", "c|SUB|G|IVS3+1|A", "c.IVS3+1G>A"},
    {"IVS3 + 18C > T", "DNAMutation", "c|SUB|C|IVS3+18|T", "c.IVS3+18C>T"},
    {"IVS51 + 1G-->A", "DNAMutation", "c|SUB|G|IVS51+1|A", "c.IVS51+1G>A"},
    {"IVSII-1 (G > A)", "DNAMutation", "c|SUB|G|IVS2-1|A", "c.IVS2-1G>A"},
    {"IVS-II-1(G>A)", "DNAMutation", "c|SUB|G|IVS2-1|A", "c.IVS2-1G>A"},
    {"-308A", "DNAMutation", "c|Allele|A|-308", ""},
    {"IVS9 + 217T", "DNAMutation", "c|Allele|T|IVS9+217", ""},
    {"-3279, A/C", "DNAMutation", "c|SUB|A|-3279|C", "c.-3279A>C"},
    {"IVS9+459, A/G", "DNAMutation", "c|SUB|A|IVS9+459|G", "c.IVS9+459A>G"},
    {"-6054, deletion/ATT", "DNAMutation", "c|DEL|-6054|ATT", "c.-6054delATT"},
    {"-6054 deletion/ATT", "DNAMutation", "c|DEL|-6054|ATT", "c.-6054delATT"},
    {"-3279 AC+AA", "DNAMutation", "c|Allele|AC|-3279", ""},
    {"IVS9+459 GA+GG", "DNAMutation", "c|Allele|GA|IVS9+459", ""},
    {"G6410 by T", "DNAMutation", "c|SUB|G|6410|T", "c.6410G>T"},
    {"delTTCA", "DNAMutation", "c|DEL||TTCA", ""},
    // Phrases
    {"A to G transition at nucleotide 2576", "DNAMutation", "c|SUB|A|2576|G", "c.2576A>G"},
    {"T-->C at position 1234", "DNAMutation", "c|SUB|T|1234|C", "c.1234T>C"},
    {"(G-->A) at nucleotide position 2141", "DNAMutation", "c|SUB|G|2141|A", "c.2141G>A"},
    {"C-to-T substitution at -31", "DNAMutation", "c|SUB|C|-31|T", "c.-31C>T"},
    {"G to C at codon 158", "DNAMutation", "c|SUB|G|CODON158|C", ""},
    {"(TAC-->AA) at codon 329", "DNAMutation", "c|SUB|TAC|CODON329|AA", ""},
    {"cytosine to adenine at position 264", "DNAMutation", "c|SUB|C|264|A", "c.264C>A"},
    {"C to T", "DNAMutation", "c|SUB|C||T", ""},
    {"A at position -1082", "DNAMutation", "c|Allele|A|-1082", ""},
    {"T allele at -511", "DNAMutation", "c|Allele|T|-511", ""},
    {"A allele of the -588", "DNAMutation", "c|Allele|A|-588", ""},
    {"A was replaced by a G in codon 38", "DNAMutation", "c|SUB|A|CODON38|G", ""},
    {"glutamate by glycine", "ProteinMutation", "p|SUB|E||G", ""},
    {"leucine to methionine", "ProteinMutation", "p|SUB|L||M", ""},
    {"arginine by a tryptophan", "ProteinMutation", "p|SUB|R||W", ""},
    {"valine for glutamate", "ProteinMutation", "p|SUB|E||V", ""},
    {"CC to TT", "DNAMutation", "c|SUB|C||T", ""},
    {"Arg-->Trp at codon 248", "ProteinMutation", "p|SUB|R|248|W", "p.R248W"},
    {"Arg-->Leu", "ProteinMutation", "p|SUB|R||L", ""},
    {"arginine to tryptophan at codon 198", "ProteinMutation", "p|SUB|R|198|W", "p.R198W"},
    {"aspartic acid to histidine substitution at amino acid position 401", "ProteinMutation", "p|SUB|D|401|H",
     "p.D401H"},
    {"valine (Val) to alanine (Ala) substitution at amino acid 16", "ProteinMutation", "p|SUB|V|16|A", "p.V16A"},
    {"Arginine (R) to Glycine (G) mutation at position 76", "ProteinMutation", "p|SUB|R|76|G", "p.R76G"},
    {"R to G mutation at position 76", "ProteinMutation", "p|SUB|R|76|G", "p.R76G"},
    {"proline residue for arginine residue at position 150", "ProteinMutation", "p|SUB|R|150|P", "p.R150P"},
    {"codon 358, tyrosine to histidine", "ProteinMutation", "p|SUB|Y|358|H", "p.Y358H"},
    {"codon 26, GAG-->GCG", "ProteinMutation", "p|SUB|E|26|A", "p.E26A"},
    {"codon 104 G --> A", "DNAMutation", "c|SUB|G|CODON104|A", ""},
    {"adenine deletion at nucleotide 202", "DNAMutation", "c|DEL|202|A", "c.202delA"},
    {"deletion of C at nucleotide 888", "DNAMutation", "c|DEL|888|C", "c.888delC"},
    {"TGAG deletion", "DNAMutation", "c|DEL||TGAG", ""},
    {"32-bp deletion", "DNAMutation", "c|DEL||32", ""},
    {"19-base pair deletion", "DNAMutation", "c|DEL||19", ""},
    {"nine nucleotide insertion", "DNAMutation", "c|INS||9", ""},
    {"5.5 kb deletion", "DNAMutation", "c|DEL||5.5K", ""},
    {"12-nucleotide insertion/deletion", "DNAMutation", "c|INDEL||12", ""},
    {"33-bp genomic deletion", "DNAMutation", "g|DEL||33", ""},
    {"(CCTTT)14", "DNAMutation", "c|DUP||CCTTT|14", ""},
    {"dup24bp", "DNAMutation", "c|DUP||24|", ""},
    {"Delta32", "DNAMutation", "c|DEL||32", ""},
    {"DD32", "DNAMutation", "c|DEL||32", ""},
    {"DD32 deletion", "DNAMutation", "c|DEL||32", ""},
    {"32 base-pair (DD32) deletion", "DNAMutation", "c|DEL||32", ""},
    {"CAG repeat", "DNAMutation", "c|DUP||CAG|", ""},
    {"TTTA repeats", "DNAMutation", "c|DUP||TTTA|", ""},
    {"5 GC repeats", "DNAMutation", "c|DUP||GC|5", ""},
    {"CAG and GGC repeat", "DNAMutation", "c|DUP||CAG,GGC|", ""},
    // A named residue's position (and codon) before the separator; a stop codon as the
    // new residue.
    {"arginine at amino acid position 229 by glycine", "ProteinMutation", "p|SUB|R|229|G", "p.R229G"},
    {"serine at codon 12 to cysteine", "ProteinMutation", "p|SUB|S|12|C", "p.S12C"},
    {"tyrosine codon at amino acid position 67 into a stop", "ProteinMutation", "p|SUB|Y|67|X", "p.Y67X"},
    {"tyrosine codon into a stop codon at codon 612", "ProteinMutation", "p|SUB|Y|612|X", "p.Y612X"},
    {"glutamic acid to a stop codon", "ProteinMutation", "p|SUB|E||X", ""},
    {"lysine to a premature stop codon", "ProteinMutation", "p|SUB|K||X", ""},
    {"stop codon for glutamine at codon 298", "ProteinMutation", "p|SUB|Q|298|X", "p.Q298X"},
    // Locators: an exon before the position, a '+' dropped after a position word.
    {"G to C point mutation in exon 4 (base 308)", "DNAMutation", "c|SUB|G|308|C", "c.308G>C"},
    {"A to T transition in exon 2 (nucleotide 145)", "DNAMutation", "c|SUB|A|145|T", "c.145A>T"},
    {"GGCC insertion at exon 8 (1277)", "DNAMutation", "c|INS|1277|GGCC", "c.1277insGGCC"},
    {"GGCC insertion at exon 8, position 1277", "DNAMutation", "c|INS|1277|GGCC", "c.1277insGGCC"},
    {"T to A transition at the nucleotide position +387", "DNAMutation", "c|SUB|T|387|A", "c.387T>A"},
    // Insertions between two nucleotides; "deletion of" / "insertion of" phrases.
    {"nucleotide T insertion at 7916 and 7917", "DNAMutation", "c|INS|7916_7917|T", "c.7916_7917insT"},
    {"AG insertion at 1203 and 1204", "DNAMutation", "c|INS|1203_1204|AG", "c.1203_1204insAG"},
    {"deletion of the coding sequence (nt 1314 through nt 1328)", "DNAMutation", "c|DEL|1314_1328|",
     "c.1314_1328del"},
    {"deletion of nucleotides 402-410", "DNAMutation", "c|DEL|402_410|", "c.402_410del"},
    {"deletion of nt 55 to 61", "DNAMutation", "c|DEL|55_61|", "c.55_61del"},
    {"deletion of cDNA nucleotide 81", "DNAMutation", "c|DEL|81|", "c.81del"},
    {"deletion of a G nucleotide", "DNAMutation", "c|DEL||G", ""},
    {"deletion of 22,230 bp", "DNAMutation", "c|DEL||22230", ""},
    {"deletion of 4 kb", "DNAMutation", "c|DEL||4K", ""},
    {"deletion of 6 bp at position 1494", "DNAMutation", "c|DEL|1494|6", "c.1494del6"},
    {"insertion of 13 nucleotides", "DNAMutation", "c|INS||13", ""},
    {"insertion of 3 amino acids", "ProteinMutation", "p|INS||3", ""},
    {"insertion of the four nucleotides CCCC", "DNAMutation", "c|INS||CCCC", ""},
    {"ins/del 6 bp", "DNAMutation", "c|INDEL||6", ""},
    {"insertion/deletion of 43 bp", "DNAMutation", "c|INDEL||43", ""},
    // dbSNP
    {"rs113488022", "SNP", "rs113488022", ""},
    {"rs1801133", "SNP", "rs1801133", ""},
    {"Rs702553", "SNP", "rs702553", ""},
};

TEST(VariantNormalizer, RealWorldStrings) {
  ASSERT_GE(kCases.size(), 60u);
  for (const Case& c : kCases) {
    const auto v = parse_variant(c.text);
    if (!v.has_value()) {
      ADD_FAILURE() << "no variant parsed from '" << c.text << "'";
      continue;
    }
    EXPECT_EQ(variant_kind_name(v->kind), c.kind) << c.text;
    EXPECT_EQ(v->tmvar, c.tmvar) << c.text;
    EXPECT_EQ(v->hgvs, c.hgvs) << c.text;
  }
}

TEST(VariantNormalizer, SnpCarriesItsRsId) {
  const auto v = parse_variant("rs113488022");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->rs, "rs113488022");
  EXPECT_EQ(parse_variant("V600E")->rs, "");
}

TEST(VariantNormalizer, NonVariantsDoNotParse) {
  for (const char* text : {"T315", "T47D", "A1C", "H2O", "CO2", "G1", "S100", "P450", "1998", "p.o.", "p.r.n.", "E2F",
                           "T2D", "M6P", "CYP2D6*4", "rs", "IL-6", "Gln/Gln", "I/D", "5G", "A deletion",
                           "p.Q", "c.", "c.123", "del", "2 to 3", "G to A or", "Fig 2",
                           // near misses of the notations above
                           "E873", "S1 stop", "E873-TAC", "p.R469[R,R]", "p.R469[Q,X]", "GAC/GAT", "GAC/GTT change",
                           "-5, AB/CD", "-12, A/A", "A at position 5", "A at -31", "A of -588", "asparagine into aspartate",
                           "glycine to glycine", "DF508", "DD3", "delA", "272gly", "12--Met", "12gLY----stop", "CAG",
                           // near misses of the phrases above
                           "arginine at amino acid position 229", "stop codon for", "Stop for Gln",
                           "nucleotide T insertion", "nucleotide adenine insertion at 12", "deletion of the gene",
                           "deletion of 4 patients", "insertion of the four nucleotides CC", "ins/del 6 patients",
                           "deletion of the coding sequence (nt 1314", "G to C point mutation in exon 4",
                           "T insertion at 7916 and 7918 and"}) {
    EXPECT_FALSE(parse_variant(text).has_value()) << text;
  }
}

TEST(VariantNormalizer, RsIdLinksToAdjacentVariants) {
  const std::string text = "The Ser326Cys (rs1052133) polymorphism; carriers of Ser326Cys had ...";
  std::vector<VariantMention> found;
  find_variants(text, found);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].rs, "rs1052133");
  EXPECT_EQ(found[2].tmvar, "p|SUB|S|326|C");
  EXPECT_EQ(found[2].rs, "rs1052133");  // same form elsewhere in the text
}

TEST(VariantNormalizer, InsertionBetweenNonNeighboursTakesTheFirstPosition) {
  // "at 7916 and 7918" names no insertion site: the position is the first number only.
  const std::string text = "a T insertion at 7916 and 7918 was";
  std::vector<VariantMention> found;
  find_variants(text, found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "T insertion at 7916");
  EXPECT_EQ(found[0].tmvar, "c|INS|7916|T");
}

// Some forms need the word after them; a mention given by its span (gold-mention mode)
// is read in its text.
TEST(VariantNormalizer, ParsesAMentionInItsText) {
  const std::string text = "Carriers of the 7488C allele and the -31TT genotype; 7488C.";
  const size_t a = text.find("7488C");
  EXPECT_FALSE(parse_variant("7488C").has_value());
  const auto allele = parse_variant_in(text, a, a + 5);
  ASSERT_TRUE(allele.has_value());
  EXPECT_EQ(allele->tmvar, "c|Allele|C|7488");
  EXPECT_EQ(allele->begin, a);
  EXPECT_EQ(allele->end, a + 5);
  // Where the text around it reads longer, the span still decides.
  const size_t g = text.find("-31TT");
  const auto genotype = parse_variant_in(text, g, g + 5);
  ASSERT_TRUE(genotype.has_value());
  EXPECT_EQ(genotype->tmvar, "c|Allele|TT|-31");
  // Without the next word it is no variant; outside the text, the span's own text is read.
  const size_t last = text.rfind("7488C");
  EXPECT_FALSE(parse_variant_in(text, last, last + 5).has_value());
  EXPECT_FALSE(parse_variant_in(text, text.size(), text.size() + 3).has_value());
}

// ---- document-level reading: rs IDs written next to variants, and variant groups ----

struct Linked {
  std::string text;
  std::vector<VariantMention> mentions;
  std::vector<uint32_t> groups;
  const VariantMention& at(std::string_view mention, size_t nth = 0) const {
    for (const VariantMention& v : mentions) {
      if (text.substr(v.begin, v.end - v.begin) == mention && nth-- == 0) return v;
    }
    ADD_FAILURE() << "no mention '" << mention << "'";
    static const VariantMention none;
    return none;
  }
  uint32_t group(std::string_view mention, size_t nth = 0) const {
    const VariantMention& v = at(mention, nth);
    for (size_t k = 0; k < mentions.size(); ++k)
      if (&mentions[k] == &v) return groups[k];
    return UINT32_MAX;
  }
};

Linked link(std::string text) {
  Linked l;
  l.text = std::move(text);
  find_variants(l.text, l.mentions);
  l.groups = link_variant_mentions(l.text, l.mentions);
  return l;
}

// A variant and an rs ID in one parenthetical, or after words that still name the
// variant, take that rs ID; so do other mentions of the same variant.
TEST(VariantDocument, RsIdsWrittenNearTheirVariants) {
  const Linked l = link(
      "Two silent variants, c.312 G>A (p.Lys104Lys, rs11112222) and c.540C>T (p.Gly180Gly, novel SNP), were found. "
      "A known SNP (c.*212 C>T, SNP rs33334444) was also seen. The IL6 -174G/G genotype (rs1800795) and the "
      "KDR Q472H H/H genotype (rs1870377) raised the risk; the -818A allele (rs1800872) did not, nor rs555666:T>C. "
      "Carriers of -174G/G and of Q472H were followed.");
  EXPECT_EQ(l.at("p.Lys104Lys").rs, "rs11112222");
  EXPECT_EQ(l.at("c.312 G>A").rs, "rs11112222");  // its protein form in parentheses right after
  EXPECT_EQ(l.at("c.540C>T").rs, "");
  EXPECT_EQ(l.at("p.Gly180Gly").rs, "");
  EXPECT_EQ(l.at("c.*212 C>T").rs, "rs33334444");
  EXPECT_EQ(l.at("-174G/G").rs, "rs1800795");
  EXPECT_EQ(l.at("Q472H").rs, "rs1870377");
  EXPECT_EQ(l.at("-818A").rs, "rs1800872");
  EXPECT_EQ(l.at("T>C").rs, "rs555666");
  EXPECT_EQ(l.at("-174G/G", 1).rs, "rs1800795");  // the same form later in the text
  EXPECT_EQ(l.at("Q472H", 1).rs, "rs1870377");
  // Groups: one variant, one group, its rs ID included; numbered in text order.
  EXPECT_EQ(l.group("c.312 G>A"), 0u);
  EXPECT_EQ(l.group("p.Lys104Lys"), 0u);
  EXPECT_EQ(l.group("rs11112222"), 0u);
  EXPECT_EQ(l.group("c.540C>T"), 1u);
  EXPECT_EQ(l.group("p.Gly180Gly"), 1u);
  EXPECT_EQ(l.group("-174G/G", 1), l.group("-174G/G"));
  EXPECT_NE(l.group("-174G/G"), l.group("Q472H"));
}

// Lists and neighbours that are not the same variant stay apart.
TEST(VariantDocument, ListsDoNotShareRsIds) {
  const Linked l = link(
      "SNPs (-141C/T, Ser311Cys, rs6275, rs6277) were typed. rs1801133 (C677T), rs1801131 (A1298C) and the "
      "c.100A>G and p.Lys34Glu changes; V600E in BRAF. E545K and rs12345 in PIK3CA.");
  EXPECT_EQ(l.at("Ser311Cys").rs, "");
  EXPECT_EQ(l.at("-141C/T").rs, "");
  EXPECT_EQ(l.at("C677T").rs, "rs1801133");
  EXPECT_EQ(l.at("A1298C").rs, "rs1801131");
  EXPECT_EQ(l.at("E545K").rs, "");
  EXPECT_NE(l.group("c.100A>G"), l.group("p.Lys34Glu"));
  EXPECT_NE(l.group("C677T"), l.group("A1298C"));
}

// A DNA change and the protein change it makes, named in one sentence; an allele and the
// substitution at its position.
TEST(VariantDocument, ProteinChangeMadeByADnaChangeAndAlleles) {
  const Linked l = link(
      "A C to T transition at nucleotide 916 resulting in Arg 306 Trp (R306W) was found. rs6232, encoding the "
      "amino acid exchange N221D, was typed. The -930A>G polymorphism and the -930G allele; the -930C allele. "
      "A c.468C>T change. In exon 3, P120T was seen.");
  EXPECT_EQ(l.group("C to T transition at nucleotide 916"), l.group("Arg 306 Trp"));
  EXPECT_EQ(l.group("Arg 306 Trp"), l.group("R306W"));
  EXPECT_EQ(l.at("N221D").rs, "rs6232");
  EXPECT_EQ(l.group("-930G"), l.group("-930A>G"));
  EXPECT_NE(l.group("-930C"), l.group("-930A>G"));  // C is neither of its residues
  EXPECT_NE(l.group("c.468C>T"), l.group("P120T"));  // another sentence
}

TEST(VariantNormalizer, FormsAndHgvsFromParts) {
  VariantParts p;
  p.sequence = 'p';
  p.change = VariantChange::kFrameshift;
  p.ref = "G";
  p.position = "204";
  p.alt = "V";
  p.extra = "17";
  EXPECT_EQ(tmvar_form(p), "p|FS|G|204|V|17");
  EXPECT_EQ(hgvs_string(p), "p.G204VfsX17");
  p = VariantParts();
  p.change = VariantChange::kDuplication;
  p.alt = "CCTTT";
  p.extra = "14";
  EXPECT_EQ(tmvar_form(p), "c|DUP||CCTTT|14");
  EXPECT_EQ(hgvs_string(p), "");
  p = VariantParts();
  p.sequence = 'g';
  p.change = VariantChange::kSubstitution;
  p.ref = "T";
  p.position = "3318-6";
  p.alt = "A";
  EXPECT_EQ(tmvar_form(p), "g|SUB|T|3318-6|A");
  EXPECT_EQ(hgvs_string(p), "g.3318-6T>A");
  EXPECT_EQ(change_name(VariantChange::kDelins), "INDEL");
}

TEST(VariantNormalizer, AminoAcidAndNucleotideNames) {
  EXPECT_EQ(amino_acid_code("Val"), 'V');
  EXPECT_EQ(amino_acid_code("VAL"), 'V');
  EXPECT_EQ(amino_acid_code("valine"), 'V');
  EXPECT_EQ(amino_acid_code("Aspartic acid"), 'D');
  EXPECT_EQ(amino_acid_code("glutamate"), 'E');
  EXPECT_EQ(amino_acid_code("Ter"), 'X');
  EXPECT_EQ(amino_acid_code("*"), 'X');
  EXPECT_EQ(amino_acid_code("Xyz"), 0);
  EXPECT_EQ(amino_acid_code("B"), 0);
  EXPECT_EQ(nucleotide_code("thymidine"), 'T');
  EXPECT_EQ(nucleotide_code("Guanine"), 'G');
  EXPECT_EQ(nucleotide_code("glycine"), 0);
}

TEST(VariantRsIndex, LooksUpByFormAndGene) {
  const VariantRsIndex index = VariantRsIndex::load(testing::test_data("variant_rs_sample.txt"));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.rs_for("p|SUB|V|600|E", "673"), "rs113488022");
  EXPECT_EQ(index.rs_for("p|SUB|V|600|E", "4894"), "rs121913378");
  EXPECT_EQ(index.rs_for("p|SUB|R|235|W", "5360"), "rs1045601042");
  EXPECT_EQ(index.rs_for("p|SUB|V|600|E", "1"), std::nullopt);
  EXPECT_EQ(index.rs_for("p|SUB|V|601|E", "673"), std::nullopt);
  EXPECT_EQ(index.most_frequent_rs("p|SUB|R|235|W"), "rs1801266");
}

TEST(VariantRsIndex, MalformedLineNamesFileAndLine) {
  try {
    VariantRsIndex::load(testing::test_data("variant_rs_bad.txt"));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("variant_rs_bad.txt:2:"), std::string::npos) << e.what();
  }
}

// Pairs without frequencies (Mutation_RS_Geneid.txt, corpora) fill in what the table
// lacks and never outrank it.
TEST(VariantRsIndex, AddedPairsComeAfterTheTable) {
  VariantRsIndex index = VariantRsIndex::load(testing::test_data("variant_rs_sample.txt"));
  index.add_form_rs_gene_file(testing::test_data("variant_form_rs_gene_sample.txt"));
  // A new form, and a known form in a gene the table does not name for it.
  EXPECT_EQ(index.rs_for("p|SUB|A|222|V", "4524"), "rs1801133");
  EXPECT_EQ(index.rs_for("c|SUB|C|677|T", "4524"), "rs1801133");
  // Several genes joined by ','; a line with no gene adds nothing to look up.
  EXPECT_EQ(index.rs_for("c|SUB|T|191|C", "3091"), "rs2057482");
  EXPECT_EQ(index.rs_for("c|SUB|T|191|C", "105370526"), "rs2057482");
  EXPECT_EQ(index.most_frequent_rs("p|SUB|Q|204|X"), std::nullopt);
  // The table's rs for (form, gene) wins over an added one; so does its most frequent.
  EXPECT_EQ(index.rs_for("p|SUB|R|235|W", "1806"), "rs1801266");
  EXPECT_EQ(index.most_frequent_rs("p|SUB|R|235|W"), "rs1801266");
  // add() joins a gene to an entry it already has.
  index.add("p|SUB|V|600|E", "rs113488022", "5");
  EXPECT_EQ(index.rs_for("p|SUB|V|600|E", "5"), "rs113488022");
  EXPECT_EQ(index.size(), 5u);
}

TEST(VariantRsIndex, MalformedPairLineNamesFileAndLine) {
  VariantRsIndex index;
  try {
    index.add_form_rs_gene_file(testing::test_data("variant_form_rs_gene_bad.txt"));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("variant_form_rs_gene_bad.txt:2:"), std::string::npos) << e.what();
  }
}

TEST(VariantRsIndex, LoadsTheSharedFile) {
  if (!testing::shared_available()) GTEST_SKIP() << "needs " << testing::shared_dir();
  const VariantRsIndex index = VariantRsIndex::load(testing::shared_dir() + "/kb/variant/tmVarForm2RSID2Freq.txt");
  EXPECT_GT(index.size(), 17000u);
  EXPECT_EQ(index.rs_for("p|SUB|R|235|W", "1806"), "rs1801266");
}

}  // namespace
}  // namespace biotator
