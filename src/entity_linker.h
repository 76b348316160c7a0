// The runtime entity linker: gives each Gene, Disease, Chemical, Species and CellLine
// mention its identifiers from the knowledge base (src/kb.h), in PubTator3 form.
//
// ONE MENTION (link). The mention's keys are looked up from strict to loose (exact,
// loose, loosest; see kb.h), taking the best-ranked candidate whose classes fit the
// mention's type (Chemical accepts MeSH's protein branches too). For genes, the
// candidate must be a gene of the context's species; when no level has one, the
// context species' ortholog of a gene found (kb.h, ORTHOLOGS) is taken, else, for human
// and mouse contexts, the best gene of any species found. A rat context (rat genes
// exist only where corpora taught them) gets no other species' gene: it would be a
// wrong concept. When the whole mention has no candidate:
//   - a known abbreviation is replaced by its long form ("HLH" -> "hemophagocytic
//     lymphohistiocytosis"), tried before the short form itself;
//   - a gene written with a one-letter species prefix ("hTERT", "mPer1") is looked up
//     without it, in that species;
//   - (genes) a name with no gene of the context's species is tried in the spelling its
//     vocabulary uses: "co-"/"non-" written solid ("Na-Cl co-transporter"), "NO" as
//     nitric oxide ("inducible NO synthase"), a one-word symbol's inner hyphen dropped
//     ("LH-RH": LHRH; not "a-SMA", nor the range "NPHP1-9"), a
//     coagulation factor by its numeral alone as "coagulation factor V" (also as the
//     long form of a defined short form, "factor V (FV)"); a subtype's receptor ("D2
//     receptor", "H3-receptor") as the receptor symbol ("D2R") when nothing else has it;
//   - a coordination links each conjunct, completed with the head shared at the end
//     ("breast and ovarian cancer" -> breast cancer + ovarian cancer) or the stem shared
//     at the start ("SOCS-1 and -3", "MMP-2/9"), giving several identifiers; a bare
//     number ("7" of "caspase-3/7") is never looked up alone;
//   - (genes) a short form defined in the text, inside the name, is replaced by its
//     long form ("TCF-4" after "T-cell factor (TCF)": T-cell factor 4); a gene of the
//     context's species under that name is taken even before the mention's own lookup
//     (the text says what the letters stand for), else that name is linked as the
//     mention would be, after the mention itself and its other-species genes (below)
//     failed; then a receptor symbol inside a longer name is read as its receptor
//     ("TNFR-associated factor 2": TNF receptor-associated factor 2), and, before the
//     name's parts, a long form inside the name as its short form ("T-cell
//     immunoglobulin mucin 1" after "... mucin (TIM)": TIM 1);
//   - (genes) the best gene of another species found under the whole name, then the
//     name without a short form written inside it ("retinoic acid receptor (RAR)a"),
//     then the name without a number as member 1 ("psoriasin" -> "psoriasin 1",
//     S100A7), then the name of a complex or family without its subunit as the alpha
//     subunit ("interleukin 1" IL1A, "hypoxia-inducible factor 1" HIF1A);
//   - a chemical element symbol in its case ("Pb", not "PB") is its element (lead);
//   - a disease adjective is tried as its noun ("psoriatic" -> psoriasis), also before
//     a damage head ("myocardial ischemic injury" -> myocardial ischemia);
//   - a salt is its drug ("desipramine HCl" -> desipramine);
//   - an organ's damage ("renal interstitial fibrosis", "muscle injury": injury,
//     damage, fibrosis, dysfunction, impairment, toxicity, lesion) is the organ's
//     disease class (kidney diseases, muscular diseases), unless the phrase from the
//     organ word on has a name ("... with liver fibrosis" -> liver cirrhosis);
//   - (diseases) words MeSH writes otherwise are replaced (malformation, anomaly ->
//     abnormalities; bleeding -> hemorrhage; GI -> gastrointestinal; dermatological ->
//     skin) in the phrase, then in its shorter right ends of two words or more ("eye
//     malformation" -> eye abnormalities, "GI bleeding" -> gastrointestinal hemorrhage);
//   - (diseases) a cited OMIM entry ("OMIM 150800") is the concept CTD lists it under,
//     else "OMIM:150800"; a mention with an aside in brackets or a short form defined
//     in the text is tried without the aside and with the long form ("inherited factor
//     V (FV) deficiency", "HCC tumours"), an element symbol as the element ("Pb
//     poisoning"); a conjunct without the shared head takes it first ("breast" of
//     "colorectal and breast cancers"); a name without the qualifier its vocabulary name
//     has ("X linked nystagmus": X-linked congenital nystagmus; "nephronophthisis":
//     nephronophthisis 1); "congenital"/"inherited"/"familial" as "hereditary"; an organ's
//     toxicity as its own word ("liver toxicity": hepatotoxicity); "malaria infection"
//     as malaria; an organ's metastases as its neoplasms ("hepatic metastases"); a
//     vocabulary-only exact key yields to the concept corpora taught for its loose key
//     ("congenital heart diseases": heart diseases);
//   - sub-phrases are tried, longest first, the right end (the head) before the left
//     ("severe hypertension" -> "hypertension", "human IL-6" -> "IL-6", "p53 protein
//     levels" -> "p53 protein"), down to one word of three letters or more; numbers,
//     Greek letters and Roman numerals alone are no sub-phrase ("1 beta"), nor, for
//     diseases, a lone generic word ("deficiency", "injury", "damage", "congenital");
//     for genes, neither generic words with numbers ("receptor 4" of "FGF receptor 4"),
//     nor a number cut from its name with one letter ("4 j" of "TCF-4J"), nor the words
//     before a relation word ("IL-6" of "IL-6 receptor", "Fas" of "Fas ligand"), nor
//     what follows "inducible".
// A defined abbreviation's long form is tried whole before the short form, and in
// parts only after the short form failed whole.
// Anything else gets no identifier (the writers print "-").
//
// ONE DOCUMENT (link_document). Species mentions are linked first; genes then take the
// species of the document (human, or mouse or rat, whichever of the two is mentioned
// more, by a score of species mentions, cell lines as half a human mention (mouse
// strains, "C57BL/6", which BioRED tags as cell lines, as mouse mentions), and the
// styles of the gene symbols, see link_document; other organisms are ignored, the
// knowledge base has no genes of theirs) unless a human, mouse or rat mention precedes
// them in the same sentence (a rat there, where no rat gene has the name, leaves the
// document's species); a species word right before a gene name ("human L-FABP") is
// that name's species in the whole document (its defined short form's too) and not
// the species of the sentence's other genes; a gene name followed by knockout words and
// a species mention ("PEMT knockout mice", "Gcgr(-/-) mice") is that species' gene; a
// symbol in a rodent's spelling ("Cacna2d4") in a document that also writes it in
// capitals ("CACNA2D4") and mentions mouse or rat is the rodent's gene (the capitals
// keep their own species); the chosen taxon goes to the gene
// annotation's "species" infon (as NCBI Taxonomy ID). Abbreviations defined in the
// text (src/abbreviation.h) map short forms to long forms, and a mention whose
// normalized text was already linked in the document gets the same identifiers.
// Last, a gene mention that names the family of
// other gene mentions of the document, as their stem or its plural ("MMPs", "MMP",
// "Notch" beside "MMP-2", "MMP-9", "NOTCH1"; the member adds a number and at most one
// letter), takes the identifiers of those members, as BioRED links such mentions; so
// does the long form of such a family's defined short form ("fibroblast growth factors
// (FGFs)").
// Before that, a gene name that several genes of its species share ("PAR1": MARK2,
// F2R) takes, instead of the best-ranked one, the one that another name of the
// document was linked to ("proteinase-activated receptor 1"), unless the name is the
// official symbol the corpora taught for the chosen gene ("KRAS", also a synonym of
// HRAS); a family name, linked after it, does not count as such a name.
// After the families, a disease short form defined in the text takes the identifiers of
// the disease mentions its letters come from ("major depression with panic attacks
// (MDP)"), unless those were linked by a part of their name and the short form has a
// name of its own; a short form in capitals not defined in the text, untaught and
// unsupported by other mentions, takes those of the one longer disease mention it
// abbreviates ("POAG"), first of those whose word initials spell it ("XLMR":
// "X-linked mental retardation").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "abbreviation.h"
#include "document.h"
#include "entity_types.h"
#include "kb.h"
#include "text_analysis.h"
#include "utf8.h"

namespace biotator {

constexpr uint32_t kHumanTaxon = 9606;

struct LinkContext {
  // Taxon of the genes to link (NCBI Taxonomy); human unless the document says otherwise.
  uint32_t gene_species = kHumanTaxon;
  // Abbreviations defined in the document: short form text -> long form text.
  std::unordered_map<std::string, std::string> abbreviations;
};

class EntityLinker {
 public:
  explicit EntityLinker(const KnowledgeBase* kb) : kb_(kb) {}

  // Identifiers of `mention` (e.g. {"MESH:D003586"}, {"3552"}, {"9606"}, {"CVCL:0062"};
  // several for a coordination or a family the corpora link to several genes); empty
  // when nothing matches or for variants.
  std::vector<std::string> link(std::string_view mention, EntityType type, const LinkContext& context) const;

  // Sets Annotation::ids (separator ';') of every Gene, Disease, Chemical, Species and
  // CellLine annotation of `doc` (types in any dialect; variants and other types are
  // left untouched), with the in-document reasoning described above.
  // `analysis`, when given, is analyze_document's reading of `doc` (the annotation
  // pipeline has it): its abbreviations and sentences serve instead of being found again
  // in the whole text (a sixth of the linker's time). They are found passage by passage
  // there, so a title without a full stop is a sentence of its own.
  void link_document(Document& doc, const AnalyzedText* analysis = nullptr) const;

 private:
  struct Choice {
    int64_t concept_index = -1;
    int64_t fallback = -1;  // a gene of another species
    int64_t ortholog = -1;  // the context species' ortholog of such a gene
    // The choice with the fallbacks: the species' gene, else an ortholog, else any gene.
    int64_t best() const { return concept_index >= 0 ? concept_index : ortholog >= 0 ? ortholog : fallback; }
  };
  // Looks `text` up at every level; fills `choice`.
  void lookup_all_levels(std::string_view text, EntityType type, uint32_t species, Choice& choice) const;
  int64_t resolve(std::string_view text, EntityType type, uint32_t species) const;
  // The whole text (levels, species prefix, coordination) or, with `partial`, its
  // adjective forms and sub-phrases.
  std::vector<std::string> link_text(std::string_view text, EntityType type, uint32_t species, bool partial) const;
  // Whether a chemical mention is an element symbol in capitals ("HG") whose best
  // candidate is the element only by its symbol (no corpus taught the capitals).
  bool element_symbol_in_capitals(std::string_view mention) const;
  // Chemical names written otherwise than in MeSH (see entity_linker.cc); `units` are
  // the exact key's units, at least one. Empty when none is found.
  std::vector<std::string> link_chemical_variant(const std::vector<std::string_view>& units, uint32_t species) const;
  std::vector<std::string> link_partial(const std::vector<std::string_view>& units, EntityType type,
                                        uint32_t species) const;
  std::vector<std::string> ids_of(int64_t concept_index) const;
  // A gene family named after its members' stem takes their identifiers (see above).
  void link_families(Document& doc) const;
  // A long form of a defined short form that names several genes ("fibroblast growth
  // factors (FGFs)", the FGFs linked to their members) takes the short form's identifiers.
  void link_family_long_forms(Document& doc, const std::unordered_map<std::string, std::string>& abbreviations) const;
  // A short name left without identifiers, not defined in the text ("QTP + Li/DVP"),
  // takes those of the one longer name of its type in the document that it abbreviates
  // (its first letter first, its other letters in order: "quetiapine", "divalproex").
  void link_undefined_abbreviations(Document& doc) const;
  // A disease short form defined in the text ("major depression with panic attacks
  // (MDP)") takes the identifiers of the disease mentions its letters are taken from
  // (major depression + panic attacks), wherever it occurs (and its plural, "NETs").
  // BioRED Dev gold mentions +9 (MDP, "chronic hypoxia (CH)"), held-out Train half +5.
  // A disease short form in capitals not defined in the text ("POAG") whose own
  // identifiers no other mention of the document carries takes those of the one longer
  // disease mention it abbreviates ("primary open angle glaucoma"; see abbreviates,
  // entity_names.h).
  // Held-out Train half +14 (POAG, HT, MPNST); NCBI-disease dev +3.
  void link_unsupported_disease_short_forms(Document& doc,
                                            const std::unordered_map<std::string, std::string>& defined) const;
  void link_disease_short_forms(Document& doc, std::string_view text, const CodepointIndex& index,
                                const std::vector<AbbreviationPair>& abbreviations) const;
  // A gene name of several genes of its species takes the one another name of the
  // document was linked to ("PAR1" beside "proteinase-activated receptor").
  // `gene_species`: the taxon link_document chose for each annotation.
  void prefer_document_support(Document& doc, const std::vector<uint32_t>& gene_species) const;

  const KnowledgeBase* kb_;
};

}  // namespace biotator
