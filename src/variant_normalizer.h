// Normal forms of sequence variants, the way tmVar (and PubTator3, BioRED) write them.
//
// The recognizer (variant_recognizer.h) parses a mention into VariantParts; this file
// turns the parts into
//   - the tmVar form: "p|SUB|V|600|E", "c|SUB|T|1799|A", "c|DEL|4153|A",
//     "c|DEL|1314_1328|", "c|INS|5382|C", "c|DUP|899|C|", "p|FS|G|204|V|17",
//     "g|SUB|T|3318-6|A", "c|SUB|A|IVS2-2|G", "p|Allele|R|104", "c|INDEL|46_48|T";
//     amino acids are one-letter codes, a stop codon is X;
//   - the HGVS string: "p.V600E", "c.1799T>A", "c.4153delA", "p.G204VfsX17"
//     (stop written X, as PubTator3 does), or "" when the form has no HGVS equivalent
//     (no position, an allele, a repeat count).
// It also reads ../shared/kb/variant/tmVarForm2RSID2Freq.txt, which maps a tmVar form
// and a gene to the dbSNP IDs seen with them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace biotator {

enum class VariantChange {
  kSubstitution,  // SUB
  kDeletion,      // DEL
  kInsertion,     // INS
  kDuplication,   // DUP (also tandem repeats)
  kDelins,        // INDEL (delins, insertion/deletion)
  kFrameshift,    // FS (protein)
  kAllele,        // Allele: a residue at a position, no change ("p.Arg104", "-308A")
  kExtension,     // EXT (protein extension, p.*110Glnext*17)
};

// tmVar's name of a change ("SUB", "DEL", ...).
std::string_view change_name(VariantChange change);

struct VariantParts {
  char sequence = 'c';  // HGVS reference sequence: 'c', 'g', 'm', 'n', 'r' or 'p'
  VariantChange change = VariantChange::kSubstitution;
  std::string ref;       // wild-type residue(s): "V", "T", "TAC" (SUB, FS, Allele, EXT)
  std::string position;  // "600", "1093-1", "IVS2-2", "1314_1328", "-308", "CODON158" or ""
  std::string alt;       // SUB: new residue(s); DEL/INS/DUP/INDEL: the sequence or a length; FS: new residue
  std::string extra;     // FS/EXT: position of the new stop; DUP: repeat count

  bool protein() const { return sequence == 'p'; }
};

std::string tmvar_form(const VariantParts& parts);
std::string hgvs_string(const VariantParts& parts);

// One-letter code of an amino acid written as a three-letter code ("Val", "VAL"), a
// name ("valine", "Aspartic acid", "aspartate"), "Ter"/"Stop"/"*"/"X" (-> 'X'), or a
// one-letter code. Returns 0 when `word` names no amino acid.
char amino_acid_code(std::string_view word);

// One-letter code of a nucleotide name ("adenine", "thymidine"); 0 when none.
char nucleotide_code(std::string_view word);

// dbSNP IDs by tmVar form and gene, from tmVarForm2RSID2Freq.txt (then, without
// frequencies, Mutation_RS_Geneid.txt and corpus pairs: kb_builder.h's
// build_variant_rs_index):
//   p|SUB|G|115|S <TAB> RS:rs11558261|Gene:5265|Freq:4 <TAB> RS:rs757209611|Gene:54209,105375056|Freq:1 ...
class VariantRsIndex {
 public:
  // Reads the file; throws InputError (file, line, reason) on a malformed line.
  static VariantRsIndex load(const std::string& path);
  // The compiled form kept in the model bundle (models/variants.bt): sorted, compressed.
  void save(const std::string& path) const;
  static VariantRsIndex load_compiled(const std::string& path);

  // The most frequent rs ID recorded for `tmvar_form` with `gene_id` among its genes,
  // or nothing.
  std::optional<std::string> rs_for(std::string_view tmvar_form, std::string_view gene_id) const;
  // The most frequent rs ID recorded for `tmvar_form` whatever the gene: a guess for
  // when the gene is unknown (on BioRED Train it turns 155 mentions right and 43 wrong).
  std::optional<std::string> most_frequent_rs(std::string_view tmvar_form) const;
  size_t size() const { return forms_.size(); }

  // Records that `rs` is `tmvar_form` in `gene_id`, from a source with no frequencies
  // (tmVar's Mutation_RS_Geneid.txt, annotated corpora): joins the gene to the form's
  // entry for `rs`, else adds an entry of frequency 0, after the table's own. So
  // rs_for() only reaches it where the table knows no rs of the form in that gene, and
  // most_frequent_rs() only where the table knows none of the form at all.
  void add(std::string_view tmvar_form, std::string_view rs, std::string_view gene_id);
  // Adds the pairs of tmVar's Mutation_RS_Geneid.txt (SOURCE <TAB> form <TAB> rs number
  // <TAB> gene IDs joined by ','); throws InputError (file, line, reason) on a malformed line.
  void add_form_rs_gene_file(const std::string& path);

 private:
  struct Entry {
    std::string rs;
    std::vector<std::string> genes;
    long frequency = 0;
  };
  std::unordered_map<std::string, std::vector<Entry>> forms_;  // entries by falling frequency
};

}  // namespace biotator
