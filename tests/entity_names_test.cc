#include "entity_names.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb.h"

namespace biotator {
namespace {

using Units = std::vector<std::string_view>;

// A map of short forms to long forms, as LinkContext::abbreviations holds them.
using Abbreviations = std::unordered_map<std::string, std::string>;

TEST(EntityNames, WordTables) {
  static constexpr std::string_view kWords[] = {"hcl", "sodium"};
  EXPECT_TRUE(is_one_of("sodium", kWords));
  EXPECT_FALSE(is_one_of("Sodium", kWords));  // exact match
  EXPECT_FALSE(is_one_of("", kWords));
  static constexpr std::pair<std::string_view, std::string_view> kTable[] = {{"renal", "kidney diseases"},
                                                                            {"liver", "liver diseases"}};
  EXPECT_EQ(mapped("liver", kTable), "liver diseases");
  EXPECT_EQ(mapped("lung", kTable), "");
}

TEST(EntityNames, JoinUnitsAndLetters) {
  const Units units = {"tnf", "alpha", "receptor"};
  EXPECT_EQ(join_units(units, 0, 3), "tnf alpha receptor");
  EXPECT_EQ(join_units(units, 1, 2), "alpha");
  EXPECT_EQ(join_units(units, 2, 2), "");
  EXPECT_TRUE(is_letters("hypoxia"));
  EXPECT_TRUE(is_letters("\xce\xb2"));  // "β": non-ASCII bytes count as letters
  EXPECT_FALSE(is_letters("p53"));
  EXPECT_FALSE(is_letters("Hypoxia"));  // units are lowered
  EXPECT_FALSE(is_letters("-"));
}

TEST(EntityNames, Qualifiers) {
  for (std::string_view q : {"alpha", "beta", "kappa", "type", "ii", "viii"}) EXPECT_TRUE(is_qualifier(q)) << q;
  for (std::string_view w : {"1", "i", "v", "x", "receptor", "Alpha"}) EXPECT_FALSE(is_qualifier(w)) << w;
}

struct SubphraseCase {
  Units units;
  size_t begin, end;
  bool usable;
};

TEST(EntityNames, UsableSubphrase) {
  const SubphraseCase cases[] = {
      {{"severe", "hypertension"}, 1, 2, true},
      {{"severe", "hypertension"}, 0, 2, true},
      {{"p", "53"}, 1, 2, false},                // a number alone
      {{"il", "6"}, 0, 1, false},                // one word of fewer than three letters
      {{"the", "liver"}, 0, 2, false},           // a function word at an edge
      {{"cancer", "of", "the", "liver"}, 0, 2, false},
      {{"cancer", "of", "the", "liver"}, 3, 4, true},
      {{"nrg", "1", "beta"}, 1, 3, false},       // a number and a Greek letter
      {{"diabetes", "type", "2"}, 1, 3, false},  // "type 2"
      {{"d", "2"}, 0, 2, true},                  // a letter and a number: a symbol
      {{"(", "rar", ")"}, 0, 2, false},          // punctuation at an edge
      {{"tnf", "alpha"}, 1, 1, false},           // empty
  };
  for (const SubphraseCase& c : cases) {
    EXPECT_EQ(usable_subphrase(c.units, c.begin, c.end), c.usable) << join_units(c.units, c.begin, c.end);
  }
}

TEST(EntityNames, GeneSubphrase) {
  const SubphraseCase cases[] = {
      {{"fgf", "receptor", "4"}, 1, 3, false},                  // generic words and a number
      {{"na", "cl", "co", "transporter"}, 2, 4, false},         // generic words only
      {{"il", "6", "receptor"}, 0, 2, false},                   // the partner before a relation word
      {{"fas", "ligand"}, 0, 1, false},
      {{"tnfr", "associated", "factor", "2"}, 0, 1, false},
      {{"inducible", "no", "synthase"}, 1, 3, false},           // what follows "inducible"
      {{"tcf", "4", "j"}, 1, 3, false},                         // a number cut from its name, one letter
      {{"tcf", "4"}, 1, 2, false},
      {{"human", "5", "lipoxygenase"}, 1, 3, true},             // the number and a word stay
      {{"human", "il", "6"}, 1, 3, true},
      {{"p53", "protein", "levels"}, 0, 2, true},
      {{"il", "6", "receptor"}, 0, 3, true},                    // the whole name
  };
  for (const SubphraseCase& c : cases) {
    EXPECT_EQ(gene_subphrase(c.units, c.begin, c.end), c.usable) << join_units(c.units, c.begin, c.end);
  }
}

TEST(EntityNames, SymbolStyle) {
  const std::pair<std::string_view, SymbolStyle> cases[] = {
      {"NOTCH1", SymbolStyle::kHuman},    {"HRH4", SymbolStyle::kHuman},    {"IL-6", SymbolStyle::kHuman},
      {"CACNA2D4", SymbolStyle::kHuman},  {"Socs3", SymbolStyle::kRodent},  {"Bmp4", SymbolStyle::kRodent},
      {"Shh", SymbolStyle::kRodent},      {"Il1", SymbolStyle::kRodent},    {"Cacna2d4", SymbolStyle::kRodent},
      {"Insulin", SymbolStyle::kNone},    // a word at a sentence start
      {"IL", SymbolStyle::kNone},         // capitals need three characters
      {"Bmp-4", SymbolStyle::kNone},      // a rodent symbol has no hyphen
      {"p53", SymbolStyle::kNone},        {"TNF-alpha", SymbolStyle::kNone}, {"A", SymbolStyle::kNone},
      {"ABCDEFGHIJK", SymbolStyle::kNone},  // over ten characters
      {"IL 6", SymbolStyle::kNone},
  };
  for (const auto& [text, style] : cases) EXPECT_EQ(symbol_style(text), style) << text;
}

TEST(EntityNames, Families) {
  const std::pair<std::string_view, std::string_view> squeezed[] = {
      {"MMP-2", "mmp2"}, {"Rab6c", "rab6c"}, {"p53 (TP53)", "p53tp53"}, {"IL-1\xce\xb2", "il1\xce\xb2"}, {"--", ""}};
  for (const auto& [text, expected] : squeezed) EXPECT_EQ(family_squeeze(text), expected) << text;
  const std::pair<std::string_view, bool> suffixes[] = {{"2", true},  {"12", true},  {"6c", true},  {"1r", false},
                                                        {"", false},  {"c", false},  {"2ab", false}, {"2C", false}};
  for (const auto& [rest, member] : suffixes) EXPECT_EQ(family_member_suffix(rest), member) << rest;
}

TEST(EntityNames, WithoutParentheses) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"retinoic acid receptor (RAR)a", "retinoic acid receptor a"},
      {"hypoxia-inducible factor (HIF)-1a", "hypoxia-inducible factor -1a"},
      {"T-cell factor (TCF) 4", "T-cell factor 4"},
      {"no brackets", "no brackets"},
      {"(RAR)", ""},         // nothing left
      {"a (b", ""},          // unpaired
      {"a) b (c", ""},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(without_parentheses(text), expected) << text;
}

TEST(EntityNames, MouseStrains) {
  for (std::string_view s : {"C57BL/6J", "C57BL/6", "BALB/c", "DBA/2", "C3H/HeJ", "FVB/N", "129/SvEv", "129S6"})
    EXPECT_TRUE(is_mouse_strain(s)) << s;
  for (std::string_view s : {"HeLa", "HEK293", "DBA", "balb/c", "MCF-7"}) EXPECT_FALSE(is_mouse_strain(s)) << s;
}

TEST(EntityNames, OmimNumber) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"OMIM 150800", "150800"}, {"MIM #150800", "150800"}, {"OMIM: 150800", "150800"},
      {"OMIM *150800", "150800"}, {"omim 150800", "150800"}, {"MIM150800", "150800"},
      {"OMIM 15080", ""},  // six digits
      {"OMIM 1508001", ""},      {"OMIM 15080a", ""},       {"MIM", ""},
      {"Mimosa 123456", ""},     {"150800", ""},
  };
  for (const auto& [mention, number] : cases) EXPECT_EQ(omim_number(mention), number) << mention;
}

TEST(EntityNames, ExpandDiseaseMention) {
  const Abbreviations abbreviations = {{"FV", "factor V"},
                                       {"HCC", "hepatocellular carcinoma"},
                                       {"NET", "neuroendocrine tumor"},
                                       {"GEP-NETs", "gastroenteropancreatic neuroendocrine tumors"}};
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"inherited factor V (FV) deficiency", "inherited factor V deficiency"},  // the aside dropped
      {"congenital FV deficiency", "congenital factor V deficiency"},
      {"HCC tumours", "hepatocellular carcinoma tumours"},
      {"metastatic NETs", "metastatic neuroendocrine tumor"},  // the plural of a short form
      {"GEP-NET liver metastases", "gastroenteropancreatic neuroendocrine tumors liver metastases"},  // the singular
      {"Pb poisoning", "lead poisoning"},                                        // an element symbol
      {"PB poisoning", ""},                                                      // not in its case
      {"FV", ""},   // the whole mention: link() looked it up
      {"Pb", ""},
      {"liver disease [see", ""},  // an unclosed bracket
      {"liver disease", ""},
  };
  for (const auto& [mention, expected] : cases)
    EXPECT_EQ(expand_disease_mention(mention, abbreviations), expected) << mention;
  EXPECT_EQ(expand_disease_mention("liver (hepatic) disease", {}), "liver disease");
}

TEST(EntityNames, ExpandGeneShortForms) {
  const Abbreviations abbreviations = {{"TCF", "T-cell factor"},
                                       {"FGFs", "fibroblast growth factors"},
                                       {"NO", "nitric oxide"},
                                       {"CYP", "cytochrome P450"},
                                       {"LH", "luteinizing hormone"},
                                       {"fgf", "lowercase short form"}};
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"TCF-4", "T-cell factor 4"},
      {"FGF receptor 4", "fibroblast growth factors receptor 4"},  // the plural's singular
      {"inducible NO synthase", "inducible nitric oxide synthase"},
      {"LH receptor", "luteinizing hormone receptor"},
      {"LH-RH receptor", ""},                       // a hyphen before a capital joins: "LH-RH"
      {"cytochrome P450 isoenzyme (CYP) 2D6", ""},  // defined in the mention itself
      {"CYP 2D6 of cytochrome P450", ""},           // the long form is in the mention
      {"TCF", ""},                                  // one word: link()'s own lookup
      {"fgf receptor", ""},                         // short forms have a capital
      {"insulin receptor", ""},
  };
  for (const auto& [mention, expected] : cases)
    EXPECT_EQ(expand_gene_short_forms(mention, abbreviations), expected) << mention;
  EXPECT_EQ(expand_gene_short_forms("TCF-4", {}), "");
}

TEST(EntityNames, ExpandReceptorSymbols) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"TNFR-associated factor 2", "TNF receptor-associated factor 2"},
      {"IL6R signaling pathway", "IL6 receptor signaling pathway"},
      {"TNFR", ""},          // no more words: the symbol is the name
      {"TR alpha", ""},      // too short
      {"IL-6R signaling", ""},
      {"Tnfr-associated factor", ""},
      {"insulin receptor", ""},
  };
  for (const auto& [mention, expected] : cases) EXPECT_EQ(expand_receptor_symbols(mention), expected) << mention;
}

TEST(EntityNames, GeneSpellingVariant) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Na-Cl co-transporter", "Na-Cl cotransporter"},
      {"non-receptor tyrosine kinase", "nonreceptor tyrosine kinase"},
      {"Co-Activator protein", ""},  // the prefix before a capital stays apart
      {"inducible NO synthase", "inducible nitric oxide synthase"},
      {"NO-synthase", "nitric oxide-synthase"},
      {"NOS2", ""},
      {"NO", ""},
      {"LH-RH", "LHRH"},
      {"Tnfr-sf13c", "Tnfrsf13c"},
      {"Jun-B", "JunB"},
      {"a-SMA", ""},           // after a single letter (a Greek letter)
      {"NPHP1-9", ""},         // a range of numbers
      {"LH-RH receptor", ""},  // not in a name of several words
      {"factor V", "coagulation factor V"},
      {"Factor XI", "coagulation Factor XI"},
      {"factor VIII", "coagulation factor VIII"},
      {"factor Va", ""},
      {"factor 5", ""},
      {"p53", ""},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(gene_spelling_variant(text), expected) << text;
}

TEST(EntityNames, ReceptorSymbol) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"D2 receptor", "D2R"},   {"H3-receptor", "H3R"},       {"EP4 receptors", "EP4R"},
      {"D2 Receptor", "D2R"},   {"5-HT1A receptor", "5-HT1AR"},
      {"BMP receptor", ""},     // no digit: a ligand's name
      {"d2 receptor", ""},      // no capital
      {"D(2) receptor", ""},    {"dopamine D2 receptor", ""},  // the symbol is one short word
      {"D2 antagonist", ""},    {"D2", ""},                    {"receptor", ""},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(receptor_symbol(text), expected) << text;
}

TEST(EntityNames, WithoutCourseWords) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"chronic hypoxia", "hypoxia"},
      {"Severe acute pain", "pain"},
      {"progressive renal failure", "renal failure"},
      {"chronic severe", "severe"},  // the last word stays
      {"chronic", "chronic"},
      {"renal chronic failure", "renal chronic failure"},  // leading words only
      {"hypoxia", "hypoxia"},
  };
  for (const auto& [mention, expected] : cases) EXPECT_EQ(without_course_words(mention), expected) << mention;
}

TEST(EntityNames, ElementsAndAnions) {
  EXPECT_EQ(element_name("Pb"), "lead");
  EXPECT_EQ(element_name("Zn"), "zinc");
  EXPECT_EQ(element_name("Hg"), "mercury");
  EXPECT_EQ(element_name("PB"), "");  // phosphate buffer
  EXPECT_EQ(element_name("Cr"), "");  // creatinine as often as chromium
  EXPECT_EQ(element_name("lead"), "");
  EXPECT_EQ(anion_name("I-"), "iodide");
  EXPECT_EQ(anion_name("Cl(-)"), "chloride");
  EXPECT_EQ(anion_name("I"), "");
  EXPECT_EQ(anion_name("Cl"), "");
}

TEST(EntityNames, DocumentNameKey) {
  // Names share identifiers by their exact key ...
  EXPECT_EQ(document_name_key("Tumor Necrosis Factor"), kb_exact_key("Tumor Necrosis Factor"));
  EXPECT_EQ(document_name_key("TNF"), document_name_key("tnf"));
  // ... except element symbols and anion formulas, which keep their case and charge.
  EXPECT_EQ(document_name_key("Pb"), kb_exact_key("Pb") + '\x01');
  EXPECT_NE(document_name_key("Pb"), document_name_key("PB"));
  EXPECT_EQ(document_name_key("PB"), kb_exact_key("PB"));
  EXPECT_EQ(document_name_key("I-"), kb_exact_key("I-") + '\x02');
  EXPECT_NE(document_name_key("I-"), document_name_key("I"));
}

TEST(EntityNames, Abbreviates) {
  const std::tuple<std::string_view, std::string_view, bool> cases[] = {
      {"QTP", "quetiapine", true},
      {"DVP", "divalproex", true},
      {"Sal", "salidroside", true},
      {"POAG", "primary open angle glaucoma", true},
      {"QX", "quetiapine", false},     // no "x"
      {"TQ", "quetiapine", false},     // the first letter first
      {"QPT", "quetiapine", false},    // letters in order
      {"ABC", "abcde", false},         // at least three characters longer
      {"ABC", "abcdef", true},
  };
  for (const auto& [short_form, long_form, expected] : cases)
    EXPECT_EQ(abbreviates(short_form, long_form), expected) << short_form << " / " << long_form;
}

TEST(EntityNames, ShortFormLetters) {
  // Right to left: the offsets of the last letter first.
  const std::string_view mdp = "major depression with panic attacks";
  EXPECT_EQ(short_form_letters("MDP", mdp), (std::vector<size_t>{mdp.find("panic"), mdp.find("depression"), 0}));
  EXPECT_EQ(short_form_letters("CH", "chronic hypoxia"), (std::vector<size_t>{8, 0}));
  const std::string_view eae = "experimental autoimmune encephalomyelitis";
  // Greedy from the right: "A" is the "a" of "encephalo", "E" the start of that word.
  EXPECT_EQ(short_form_letters("EAE", eae),
            (std::vector<size_t>{eae.rfind('e'), eae.find("alomyelitis"), eae.find("encephalomyelitis")}));
  // Other characters of the short form are skipped, digits match, case is ignored.
  EXPECT_EQ(short_form_letters("IL-6", "interleukin 6"), (std::vector<size_t>{12, 5, 0}));
  EXPECT_EQ(short_form_letters("(cH)", "Chronic Hypoxia"), (std::vector<size_t>{8, 0}));
  // The first letter starts a word.
  EXPECT_EQ(short_form_letters("HX", "hypoxia"), (std::vector<size_t>{4, 0}));
  EXPECT_EQ(short_form_letters("XYZ", "chronic hypoxia"), (std::vector<size_t>{}));
  EXPECT_EQ(short_form_letters("OX", "hypoxia"), (std::vector<size_t>{}));
}

TEST(EntityNames, SpellsInitials) {
  const std::tuple<std::string_view, std::string_view, bool> cases[] = {
      {"XLMR", "X-linked mental retardation", true},
      {"XLMR", "X-linked phenotype of mental retardation", false},
      {"POAG", "primary open angle glaucoma", true},
      {"poag", "Primary Open Angle Glaucoma", true},
      {"POA", "primary open angle glaucoma", false},   // a word left over
      {"POAGS", "primary open angle glaucoma", false},  // a letter left over
      {"NSAID", "non-steroidal anti-inflammatory drug", true},
      {"HT", "hypertension/thyroid", true},
  };
  for (const auto& [short_form, long_form, expected] : cases)
    EXPECT_EQ(spells_initials(short_form, long_form), expected) << short_form << " / " << long_form;
}

}  // namespace
}  // namespace biotator
