// The recognizer's post-processing rules: document-level corrections of the tagger's
// mentions that a token-by-token tagger cannot make (a formula split at its brackets, a
// name tagged at one of its repeats only, a short form and its long form typed apart,
// a chemical inside a receptor's or a disease's name). Each rule works on the sorted,
// non-overlapping mentions of one analyzed text and leaves them sorted and
// non-overlapping; each says what it does to BioRED Dev and Train. EntityRecognizer
// runs them after the tagger, as its RecognizerOptions say.
#pragma once

#include <cstdint>
#include <vector>

#include "entity_types.h"
#include "text_analysis.h"

namespace biotator {

// A recognized mention, in byte offsets of AnalyzedText::text.
struct EntityMention {
  uint32_t begin = 0, end = 0;
  EntityType type = EntityType::kGene;
  friend bool operator==(const EntityMention&, const EntityMention&) = default;
};


// A chemical formula written with parenthesized subscripts, as PubMed's ASCII renders
// subscripts ("CaCl(2)", "ZnSO(4)", "Na(2)HPO(4)"), becomes one Chemical mention: the
// tokenizer splits it at "(", and the tagger read the letters alone as a gene ("CaCl").
// Only formulas of element symbols with at least one two-letter symbol or three symbols,
// so group labels ("SH(6)") and statistics ("F(30)") stay out. BioRED Dev: Chemical
// +11 true mentions, Gene -11 false ones; BioRED Train unchanged (its formulas, "ZnSO(4)",
// "IP(3)", are already tagged whole; "SH(6)" and "SH(12)" would have been false).
void join_formula_subscripts(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A Chemical mention followed by "receptor(s)", "synthase(s)", "symporter(s)",
// "kinase(s)" or "binding protein(s)" names a protein: BioRED annotates the whole phrase
// as a gene ("NMDA receptor", "NO synthase", "calcium binding protein"), never the
// chemical inside it (BioRED Train: 122 "... receptor(s)" genes, no chemical followed by
// "receptor"; the other heads likewise; not "transporter" nor "channel", which Train
// also leaves to the chemical: "glucose transporter", "sodium channels"). BioRED Dev:
// Chemical -11 false mentions, Gene +8 true and +3 false; Train unchanged.
void extend_chemicals_to_protein_heads(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A stand-alone two-letter element symbol ("Li", "Na") is a Chemical where a chemical
// mention of the text names the element ("lithium", "serum sodium"): the tagger leaves
// such short tokens alone. BioRED Dev Chemical +8 true mentions, no false one; Train
// unchanged (its symbols stand inside gene names, "Na-K-ATPase", left out); bc5cdr Dev
// +8 and Train +3 true, no false one. "Li" of "Li et al." needs lithium in the text.
// Two-letter symbols only: "K", "I", "B" are too often something else.
void tag_element_symbols(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A symbol-shaped Disease mention ("VHL") listed among two or more genes, and nothing
// else ("TP53, KRAS, and VHL"), is a gene: lists of mutated genes name genes whose
// symbols are also their diseases' short forms.
void retype_symbols_in_gene_lists(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A vocabulary disease name (a lexicon match of class Disease, neither Chemical nor
// Gene) holding only Chemical mentions and reaching beyond them becomes one Disease
// mention ("iron overload", "apparent mineralocorticoid excess" where the tagger saw
// "iron", "mineralocorticoid"). Substance-use names ("cocaine dependence", "amphetamine
// abuse") are left alone: BioRED annotates the drug alone as often as the disorder.
void extend_chemicals_to_disease_names(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A disease mention followed by the word "virus" is the name of the virus, a species
// ("hepatitis A" in "hepatitis A virus"): the mention is extended over "virus" and
// becomes a Species, as BioRED annotates ("hepatitis B virus", "West Nile virus").
void name_viruses_after_diseases(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// "OMIM 138040" (the word OMIM, a space, six digits) cites a disease's OMIM entry: it is
// a Disease mention, whatever the tagger made of it, replacing what overlaps it. BioRED
// and BC5CDR annotate all five they hold so, after the disease's name ("Primary
// glucocorticoid resistance (OMIM 138040)").
void tag_omim_references(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// The names of databases and tools ("OMIM", "PharmGKB", "GeneCards", "DrugBank", "KEGG",
// "TCMSP", ...), of clinical measures ("eGFR", "FEV1", "LVEF", "MMSE", ...) and of
// procedures and methods ("IVF", "PCI", "PET", "RCT", "ELISA", "GO", "PPI", ...) are no
// entities: a mention that is exactly one of them is dropped, unless the text defines
// it as an abbreviation ("Graves' ophthalmopathy (GO)"). The tagger called the
// databases Chemical, Gene and Disease in PubTator3's export 37026113 (a
// network-pharmacology abstract listing its sources), and "eGFR" and "FEV1" genes (EGFR,
// FEV), which also misplaced a nearby variant's gene; no corpus in ../shared annotates
// any of them (OMIM only as "OMIM 138040", see tag_omim_references). Nor is a Greek
// letter alone ("β" of "β-hemolysin"), nor "Group" and a capital ("Group B").
void drop_non_entity_names(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A disease mention followed by the word "gene" names the gene: a one-word symbol (a
// short form, "the ALD gene", "the BMD gene") becomes a Gene; a longer name is extended
// over "gene" ("the Becker muscular dystrophy gene"). Not "genes" ("inflammatory genes"
// stay Disease in BioRED) nor "gene therapy"/"gene transfer", which are about the disease.
// Runs after the abbreviation rule, which would give the short form its long form's type.
void name_genes_after_diseases(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A gene mention glued to a knockout mark ("ARKO", "DAT(-/-)", "PAR1-/-") is the gene
// alone: BioRED annotates "AR" of "ARKO" and "Gcgr" of "Gcgr(-/-)" (Train: 10 "...KO",
// 27 "...-/-", all without the mark). "KO" is cut only when the rest stands alone
// elsewhere in the text ("AR-knockout (ARKO)"), so symbols ending in KO stay whole.
void trim_knockout_marks(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// A name with a digit or of 10 bytes or more that the tagger calls a chemical more often
// than something else in the text is a chemical everywhere ("SSR103800" tagged Chemical
// 5 times and Gene twice). BioRED Dev Chemical +3 true mentions, Gene and Species -3
// false; Train unchanged (its one such conflict, "LPA", is short: left alone); bc5cdr
// Dev +1 true, Train +2.
void unify_chemical_types(const AnalyzedText& analysis, std::vector<EntityMention>& mentions);

// Every other stand-alone, token-aligned occurrence of a mention's exact text gets its
// type, for mentions whose type is in `type_mask` (bits 1 << EntityType) and whose text
// has 3 bytes or more with a capital or a digit, or 10 bytes or more, or 8 bytes or more
// when it is exactly a vocabulary name of its type's class and of no other ("succimer"). Long lowercase
// texts are also copied to their sentence-initial capitalized form, and texts whose only
// capital is the first letter, when long or multi-word, to their lowercase form
// ("Maltolyl p-coumarate" at a sentence start, "maltolyl p-coumarate" after). A short
// form defined in the text is copied only when its long form is a mention of the type.
void propagate_surfaces(const AnalyzedText& analysis, std::vector<EntityMention>& mentions, uint32_t type_mask);

// An abbreviation takes its long form's type and the reverse; every stand-alone
// occurrence of the short form takes it too, replacing the mentions that lie inside it
// when it holds only such pieces ("GEP" of "GEP-NETs"). With `chemical_short_forms_elsewhere`, a
// definition with neither form tagged takes Chemical when the tagger called the short
// form a chemical twice or more elsewhere in the text, and never anything else;
// otherwise, a definition with neither form tagged drops the short form's mentions
// elsewhere ("blood-brain barrier (BBB)" defines no entity). A chemical short form
// defined by a level word and a tagged chemical ("high glucose (HG)") names the
// condition: its mentions are dropped too.
void apply_abbreviation_consistency(const AnalyzedText& analysis, std::vector<EntityMention>& mentions,
                                    bool chemical_short_forms_elsewhere);

}  // namespace biotator
