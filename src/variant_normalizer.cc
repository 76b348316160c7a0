#include "variant_normalizer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

#include "ascii.h"
#include "byte_source.h"
#include "input_error.h"
#include "lexicon_builder.h"
#include "model_file.h"

namespace biotator {
namespace {

struct AminoAcid {
  char code;
  std::string_view three;
  std::string_view name;
  std::string_view other_name;  // the -ate form of acidic residues, "" otherwise
};

constexpr std::array<AminoAcid, 21> kAminoAcids = {{
    {'A', "Ala", "alanine", ""},
    {'R', "Arg", "arginine", ""},
    {'N', "Asn", "asparagine", ""},
    {'D', "Asp", "aspartic acid", "aspartate"},
    {'C', "Cys", "cysteine", ""},
    {'Q', "Gln", "glutamine", ""},
    {'E', "Glu", "glutamic acid", "glutamate"},
    {'G', "Gly", "glycine", ""},
    {'H', "His", "histidine", ""},
    {'I', "Ile", "isoleucine", ""},
    {'L', "Leu", "leucine", ""},
    {'K', "Lys", "lysine", ""},
    {'M', "Met", "methionine", ""},
    {'F', "Phe", "phenylalanine", ""},
    {'P', "Pro", "proline", ""},
    {'S', "Ser", "serine", ""},
    {'T', "Thr", "threonine", ""},
    {'W', "Trp", "tryptophan", ""},
    {'Y', "Tyr", "tyrosine", ""},
    {'V', "Val", "valine", ""},
    {'X', "Ter", "stop", "termination"},
}};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::string_view change_name(VariantChange change) {
  switch (change) {
    case VariantChange::kSubstitution: return "SUB";
    case VariantChange::kDeletion: return "DEL";
    case VariantChange::kInsertion: return "INS";
    case VariantChange::kDuplication: return "DUP";
    case VariantChange::kDelins: return "INDEL";
    case VariantChange::kFrameshift: return "FS";
    case VariantChange::kAllele: return "Allele";
    case VariantChange::kExtension: return "EXT";
  }
  return "";
}

char amino_acid_code(std::string_view word) {
  if (word.size() == 1) {
    const char c = word[0];
    if (c == '*') return 'X';
    if (c != '\0' && std::strchr("ACDEFGHIKLMNPQRSTVWYX", c) != nullptr) return c;
    return 0;
  }
  for (const AminoAcid& aa : kAminoAcids) {
    if (iequals(word, aa.three) || iequals(word, aa.name) ||
        (!aa.other_name.empty() && iequals(word, aa.other_name))) {
      return aa.code;
    }
  }
  return 0;
}

char nucleotide_code(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, char>, 10> kNames = {{
      {"adenine", 'A'},
      {"adenosine", 'A'},
      {"guanine", 'G'},
      {"guanosine", 'G'},
      {"cytosine", 'C'},
      {"cytidine", 'C'},
      {"thymine", 'T'},
      {"thymidine", 'T'},
      {"uracil", 'U'},
      {"uridine", 'U'},
  }};
  for (const auto& [name, code] : kNames) {
    if (iequals(word, name)) return code;
  }
  return 0;
}

std::string tmvar_form(const VariantParts& p) {
  std::string out;
  out += p.sequence;
  out += '|';
  out += change_name(p.change);
  out += '|';
  switch (p.change) {
    case VariantChange::kSubstitution:
      out += p.ref + '|' + p.position + '|' + p.alt;
      break;
    case VariantChange::kDeletion:
    case VariantChange::kInsertion:
    case VariantChange::kDelins:
      out += p.position + '|' + p.alt;
      break;
    case VariantChange::kDuplication:
      // tmVar always closes a DUP with the repeat count field, empty when none.
      out += p.position + '|' + p.alt + '|' + p.extra;
      break;
    case VariantChange::kFrameshift:
    case VariantChange::kExtension:
      out += p.ref + '|' + p.position + '|' + p.alt + '|' + p.extra;
      break;
    case VariantChange::kAllele:
      out += p.ref + '|' + p.position;
      break;
  }
  return out;
}

std::string hgvs_string(const VariantParts& p) {
  // Forms without a position, alleles and repeat counts have no HGVS equivalent.
  if (p.position.empty() || p.change == VariantChange::kAllele ||
      (p.change == VariantChange::kDuplication && !p.extra.empty())) {
    return "";
  }
  if (p.position.starts_with("CODON")) return "";
  std::string out;
  out += p.sequence;
  out += '.';
  switch (p.change) {
    case VariantChange::kSubstitution:
      if (p.protein()) {
        out += p.ref + p.position + p.alt;
      } else {
        out += p.position + p.ref + '>' + p.alt;
      }
      break;
    case VariantChange::kDeletion:
      if (p.protein()) {
        // p.F508del: HGVS names the deleted residue before the position.
        if (p.alt.size() == 1) return out + p.alt + p.position + "del";
        return out + p.position + "del" + p.alt;
      }
      out += p.position + "del" + p.alt;
      break;
    case VariantChange::kInsertion:
      out += p.position + "ins" + p.alt;
      break;
    case VariantChange::kDuplication:
      out += p.position + "dup" + p.alt;
      break;
    case VariantChange::kDelins:
      out += p.position + "delins" + p.alt;
      break;
    case VariantChange::kFrameshift:
      out += p.ref + p.position + p.alt + "fs";
      if (!p.extra.empty()) out += (all_digits(p.extra) ? "X" : "") + p.extra;
      break;
    case VariantChange::kExtension:
      out += p.ref + p.position + p.alt + "ext";
      if (!p.extra.empty()) out += "X" + p.extra;
      break;
    case VariantChange::kAllele:
      return "";
  }
  return out;
}

namespace {
constexpr char kRsIndexMagic[] = "BTVARRS1";
}  // namespace

void VariantRsIndex::save(const std::string& path) const {
  std::vector<const std::string*> forms;
  for (const auto& [form, entries] : forms_) forms.push_back(&form);
  std::sort(forms.begin(), forms.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  BodyWriter w;
  w.put<uint64_t>(forms.size());
  for (const std::string* form : forms) {
    w.put_string(*form);
    const auto& entries = forms_.at(*form);
    w.put<uint32_t>(static_cast<uint32_t>(entries.size()));
    for (const Entry& e : entries) {
      w.put_string(e.rs);
      w.put<int64_t>(e.frequency);
      w.put<uint32_t>(static_cast<uint32_t>(e.genes.size()));
      for (const auto& g : e.genes) w.put_string(g);
    }
  }
  save_model_file(path, kRsIndexMagic, w.str());
}

VariantRsIndex VariantRsIndex::load_compiled(const std::string& path) {
  const std::string body = load_model_file(path, kRsIndexMagic);
  BodyReader r(body, path);
  VariantRsIndex index;
  const auto n = r.get<uint64_t>();
  for (uint64_t i = 0; i < n; ++i) {
    std::string form = r.get_string();
    std::vector<Entry>& entries = index.forms_[std::move(form)];
    entries.resize(r.get<uint32_t>());
    for (Entry& e : entries) {
      e.rs = r.get_string();
      e.frequency = static_cast<long>(r.get<int64_t>());
      e.genes.resize(r.get<uint32_t>());
      for (auto& g : e.genes) g = r.get_string();
    }
  }
  return index;
}

VariantRsIndex VariantRsIndex::load(const std::string& path) {
  VariantRsIndex index;
  auto source = ByteSource::open(path);
  std::string_view line;
  while (source->read_line(line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) {
      throw InputError(source->name(), source->line_number(), "expected a tmVar form, a tab and RS entries", false);
    }
    std::vector<Entry>& entries = index.forms_[std::string(line.substr(0, tab))];
    while (tab != std::string_view::npos) {
      const size_t next = line.find('\t', tab + 1);
      std::string_view field = line.substr(tab + 1, next == std::string_view::npos ? std::string_view::npos : next - tab - 1);
      tab = next;
      if (field.empty()) continue;
      // RS:rs11558261|Gene:5265,105375056|Freq:4
      Entry entry;
      bool has_rs = false;
      size_t start = 0;
      while (start <= field.size()) {
        size_t bar = field.find('|', start);
        if (bar == std::string_view::npos) bar = field.size();
        const std::string_view part = field.substr(start, bar - start);
        if (part.starts_with("RS:")) {
          entry.rs = std::string(part.substr(3));
          has_rs = !entry.rs.empty();
        } else if (part.starts_with("Gene:")) {
          std::string_view genes = part.substr(5);
          size_t g = 0;
          while (g <= genes.size()) {
            size_t comma = genes.find(',', g);
            if (comma == std::string_view::npos) comma = genes.size();
            if (comma > g) entry.genes.emplace_back(genes.substr(g, comma - g));
            g = comma + 1;
          }
        } else if (part.starts_with("Freq:")) {
          const std::string_view f = part.substr(5);
          if (std::from_chars(f.data(), f.data() + f.size(), entry.frequency).ec != std::errc()) {
            throw InputError(source->name(), source->line_number(), "bad Freq value '" + std::string(f) + "'", false);
          }
        }
        start = bar + 1;
      }
      if (!has_rs) {
        throw InputError(source->name(), source->line_number(), "RS entry without an RS: part: '" + std::string(field) + "'",
                         false);
      }
      entries.push_back(std::move(entry));
    }
  }
  for (auto& [form, entries] : index.forms_) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.frequency > b.frequency; });
  }
  return index;
}

void VariantRsIndex::add(std::string_view tmvar_form, std::string_view rs, std::string_view gene_id) {
  std::vector<Entry>& entries = forms_[std::string(tmvar_form)];
  for (Entry& e : entries) {
    if (e.rs != rs) continue;
    if (std::find(e.genes.begin(), e.genes.end(), gene_id) == e.genes.end()) e.genes.emplace_back(gene_id);
    return;
  }
  entries.push_back(Entry{std::string(rs), {std::string(gene_id)}, 0});
}

void VariantRsIndex::add_form_rs_gene_file(const std::string& path) {
  auto source = ByteSource::open(path);
  std::string_view line;
  while (source->read_line(line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::vector<std::string_view> fields = split_fields(line, '\t');
    if (fields.size() < 4 || fields[1].empty() || !all_digits(fields[2])) {
      throw InputError(source->name(), source->line_number(),
                       "expected SOURCE, tmVar form, rs number and gene IDs separated by tabs", false);
    }
    // Genes: one, several joined by ',' (the variant lies in overlapping genes) or none
    // (4 lines; nothing to look them up by).
    const std::string rs = "rs" + std::string(fields[2]);
    for (std::string_view gene : split_fields(fields[3], ','))
      if (!gene.empty()) add(fields[1], rs, gene);
  }
}

std::optional<std::string> VariantRsIndex::rs_for(std::string_view tmvar_form, std::string_view gene_id) const {
  const auto it = forms_.find(std::string(tmvar_form));
  if (it == forms_.end()) return std::nullopt;
  for (const Entry& entry : it->second) {
    if (std::find(entry.genes.begin(), entry.genes.end(), gene_id) != entry.genes.end()) return entry.rs;
  }
  return std::nullopt;
}

std::optional<std::string> VariantRsIndex::most_frequent_rs(std::string_view tmvar_form) const {
  const auto it = forms_.find(std::string(tmvar_form));
  if (it == forms_.end() || it->second.empty()) return std::nullopt;
  return it->second.front().rs;
}

}  // namespace biotator
