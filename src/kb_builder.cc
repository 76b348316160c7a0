#include "kb_builder.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "ascii.h"
#include "byte_source.h"
#include "corpus_reader.h"
#include "input_error.h"
#include "lexicon.h"
#include "lexicon_builder.h"
#include "utf8.h"
#include "variant_recognizer.h"

namespace biotator {
namespace {

// Names longer than this are systematic chemical names and designations that are
// never written the same way twice; they only make the file bigger.
constexpr size_t kMaxNameBytes = 200;

constexpr uint8_t kBioRedTrainWeight = 4;

uint8_t role_byte(NameRole role) { return static_cast<uint8_t>(role); }

uint32_t parse_taxon(std::string_view digits) {
  uint64_t value = 0;
  for (char c : digits) {
    value = value * 10 + static_cast<uint64_t>(c - '0');
    if (value > 0xFFFFFFFFull) return 0;
  }
  return static_cast<uint32_t>(value);
}

uint8_t class_of(EntityType type) {
  switch (type) {
    case EntityType::kGene: return kGene;
    case EntityType::kDisease: return kDisease;
    case EntityType::kChemical: return kChemical;
    case EntityType::kSpecies: return kSpecies;
    case EntityType::kCellLine: return kCellLine;
    case EntityType::kVariant: return 0;
  }
  return 0;
}

void add_vocabulary_name(KnowledgeBaseBuilder& builder, const VocabularyName& r, std::string_view id, uint32_t taxon,
                         uint8_t flags, const std::string& source, KbBuildStats& stats) {
  if (r.name.empty() || r.name.size() > kMaxNameBytes || id.empty()) return;
  const uint32_t concept_index = builder.intern_concept(id, taxon, flags);
  if (builder.add_name(r.name, concept_index, r.classes, role_byte(r.role))) ++stats.names[source];
}

std::string resolve_gz(const std::string& path) {
  // "x.tsv.gz" may also be present uncompressed as "x.tsv" (ByteSource reads both).
  if (path.ends_with(".gz") && !std::filesystem::exists(path)) {
    const std::string plain = path.substr(0, path.size() - 3);
    if (std::filesystem::exists(plain)) return plain;
  }
  return path;
}

std::vector<Document> read_pubtator_corpus(const std::string& path, std::ostream& log) {
  std::vector<Document> docs;
  CorpusReadOptions options;
  options.format = Format::kPubTator;
  options.keep_going = true;
  // A few corpus mentions do not match their offsets; their text and IDs are still
  // good pairs, so they are kept (with a warning) rather than dropping the document.
  std::ostringstream warnings;
  options.reader.allow_mismatched_mentions = true;
  options.reader.warnings = &warnings;
  const CorpusReadResult result =
      read_corpus({path}, options, [&](Document& d) { docs.push_back(std::move(d)); }, log);
  if (result.failed) throw std::runtime_error(path + ": cannot read corpus (see the log)");
  const std::string w = warnings.str();
  const size_t warning_count = static_cast<size_t>(std::count(w.begin(), w.end(), '\n'));
  log << "  " << path << ": " << docs.size() << " documents";
  if (result.skipped) log << ", " << result.skipped << " malformed documents skipped";
  if (warning_count) log << ", " << warning_count << " mismatched mentions kept";
  log << "\n";
  return docs;
}

// Letters lowercased; everything else a word break (the species words are ASCII).
std::string lowered_words(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back(' ');
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c >= 'a' && c <= 'z') out.push_back(c);
    else if (out.back() != ' ') out.push_back(' ');
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

}  // namespace

uint32_t text_species_taxon(std::string_view text) {
  std::string words = lowered_words(text);
  std::map<uint32_t, size_t> counts;
  // Names of two words first, blanked once counted ("guinea pig" is no "pig").
  for (const bool two_words : {true, false}) {
    for (const SpeciesWord& w : species_words()) {
      if ((w.word.find(' ') != std::string_view::npos) != two_words) continue;
      std::string needle(1, ' ');
      needle.append(w.word);
      needle.push_back(' ');
      for (size_t at = words.find(needle); at != std::string::npos; at = words.find(needle, at + 1)) {
        ++counts[w.taxon];
        if (two_words) words.replace(at + 1, w.word.size(), w.word.size(), '_');
      }
    }
  }
  uint32_t best_taxon = 0;
  size_t best = 0;
  for (const auto& [taxon, n] : counts) {  // ties: the smaller taxon
    if (n > best) {
      best = n;
      best_taxon = taxon;
    }
  }
  return best_taxon;
}

std::string canonical_kb_id(std::string_view id, EntityType type, uint32_t* taxon) {
  while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
  while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
  if (is_null_id(id)) return {};
  switch (type) {
    case EntityType::kDisease:
    case EntityType::kChemical: {
      // CTD's root row "Diseases" has the identifier "MESH:C" (the tree, no concept).
      if (id.starts_with("MESH:") && id.size() > 6 && (id[5] == 'D' || id[5] == 'C') && all_digits(id.substr(6)))
        return std::string(id);
      if (id.starts_with("OMIM:") && all_digits(id.substr(5))) return std::string(id);
      if (id.starts_with("MESH:") || id.starts_with("OMIM:")) return {};
      if ((id.front() == 'D' || id.front() == 'C') && all_digits(id.substr(1))) return "MESH:" + std::string(id);
      if (all_digits(id)) return "OMIM:" + std::string(id);  // NCBI-disease writes some OMIM IDs bare
      return {};
    }
    case EntityType::kGene:
    case EntityType::kSpecies: {
      // GNormPlus: "4091(Tax:9606)"; NCBI Taxonomy IDs may come as "NCBITaxon:9606".
      const size_t paren = id.find('(');
      std::string_view number = id.substr(0, paren);
      if (number.starts_with("NCBITaxon:")) number.remove_prefix(10);
      if (!all_digits(number)) return {};
      if (taxon && paren != std::string_view::npos) {
        std::string_view rest = id.substr(paren + 1);
        const size_t colon = rest.find(':');
        if (colon != std::string_view::npos) {
          rest = rest.substr(colon + 1);
          if (rest.ends_with(')')) rest.remove_suffix(1);
          if (all_digits(rest)) *taxon = parse_taxon(rest);
        }
      }
      return std::string(number);
    }
    case EntityType::kCellLine: {
      if ((id.starts_with("CVCL_") || id.starts_with("CVCL:")) && id.size() > 5) return "CVCL:" + std::string(id.substr(5));
      return {};
    }
    case EntityType::kVariant: return {};
  }
  return {};
}

std::vector<std::string> canonical_kb_ids(std::string_view id_field, EntityType type) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= id_field.size()) {
    size_t end = id_field.find_first_of(",;|+", start);
    if (end == std::string_view::npos) end = id_field.size();
    std::string id = canonical_kb_id(id_field.substr(start, end - start), type);
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    start = end + 1;
  }
  return ids;
}

std::string KbBuildStats::summary() const {
  std::ostringstream out;
  for (const auto& [source, n] : names) out << "  names from " << source << ": " << n << "\n";
  for (const auto& [source, n] : mentions) out << "  mentions from " << source << ": " << n << "\n";
  for (const auto& [source, n] : excluded_documents) {
    out << "  held-out documents skipped in " << source << ": " << n << "\n";
  }
  out << "  mentions skipped (no ID, no key, other type, discontinuous): " << skipped_mentions << "\n";
  return out.str();
}

void add_kb_mesh(KnowledgeBaseBuilder& builder, const std::string& trees_tsv, const std::string& terms_tsv,
                 KbBuildStats& stats) {
  read_mesh_names(trees_tsv, terms_tsv, [&](const VocabularyName& r) {
    // The uninverted forms add nothing: the loose key ignores word order.
    if (!r.uninverted) add_vocabulary_name(builder, r, "MESH:" + std::string(r.id), 0, 0, "MeSH", stats);
  });
}

void add_kb_mesh_disease_supplementary(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  read_mesh_disease_supplementary(path, [&](const VocabularyName& r) {
    add_vocabulary_name(builder, r, "MESH:" + std::string(r.id), 0, 0, "MeSH disease supplementary", stats);
  });
}

void add_kb_ctd_diseases(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  read_ctd_diseases(path, [&](const VocabularyName& r) {
    const std::string id = canonical_kb_id(r.id, EntityType::kDisease);
    // CTD's preferred names are MeSH's; ranked as synonyms so that MeSH decides ties.
    VocabularyName copy = r;
    if (copy.role == NameRole::kPreferred) copy.role = NameRole::kFull;
    add_vocabulary_name(builder, copy, id, 0, 0, "CTD diseases", stats);
  });
}

void add_kb_ctd_omim_aliases(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  for_each_tsv_row(path, 3, "", [&](const std::vector<std::string_view>& f, ByteSource&) {
    if (!f[1].starts_with("MESH:")) return;
    for (const std::string_view alt : split_fields(f[2], '|')) {
      if (alt.starts_with("OMIM:")) {
        builder.add_alias(alt, f[1]);
        ++stats.names["CTD OMIM aliases"];
      }
    }
  });
}

void add_kb_ctd_omim_names(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  for_each_tsv_row(path, 3, "", [&](const std::vector<std::string_view>& f, ByteSource&) {
    if (!f[1].starts_with("MESH:") && !f[1].starts_with("OMIM:")) return;
    const uint32_t concept_index = builder.intern_concept(f[1]);
    auto add = [&](std::string_view id) {
      if (!id.starts_with("OMIM:")) return;
      if (builder.add_name(kb_omim_name(id.substr(5)), concept_index, kDisease, role_byte(NameRole::kOther))) {
        ++stats.names["CTD OMIM numbers"];
      }
    };
    add(f[1]);
    for (const std::string_view alt : split_fields(f[2], '|')) add(alt);
  });
}

void add_kb_chemical_mesh_mappings(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  read_chemical_mesh_mappings(path, [&](const VocabularyName& r) {
    // UniProt-mapped concepts are proteins: BioRED links them to NCBI Gene, not MeSH.
    if (r.classes == kGene) return;
    add_vocabulary_name(builder, r, "MESH:" + std::string(r.id), 0, 0, "MeSH mappings", stats);
  });
}

void add_kb_gene_info(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  read_gene_info(path, [&](const VocabularyName& r) {
    const uint8_t flags = r.category == "protein-coding" ? 0 : kConceptWeakGene;
    // Loci of type "unknown" (mostly mouse phenotype loci: "Par1", pulmonary adenoma
    // resistance 1) rank their names as other designations: a symbol of theirs is far
    // more often another gene's synonym ("PAR1", F2r).
    if (r.category == "unknown") {
      VocabularyName locus = r;
      locus.role = NameRole::kOther;
      add_vocabulary_name(builder, locus, r.id, r.taxon, flags, "gene_info", stats);
      return;
    }
    add_vocabulary_name(builder, r, r.id, r.taxon, flags, "gene_info", stats);
    // The first preferred name of a row is its Symbol column.
    if (r.role == NameRole::kPreferred && !r.name.empty()) builder.set_gene_symbol(builder.intern_concept(r.id), r.name);
  });
}

void add_kb_human_gene_table(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  for_each_tsv_row(path, 5, "GeneID", [&](const std::vector<std::string_view>& f, ByteSource& source) {
    if (!all_digits(f[0])) throw InputError(source.name(), source.line_number(), "GeneID is not a number", false);
    const uint8_t flags = f[3] == "protein-coding" ? 0 : kConceptWeakGene;
    VocabularyName r;
    r.classes = kGene;
    auto add = [&](std::string_view name, NameRole role) {
      if (name.empty() || name == "-" || name == "NA") return;
      r.name = name;
      r.role = role;
      add_vocabulary_name(builder, r, f[0], 9606, flags, "human gene table 2022", stats);
    };
    add(f[1], NameRole::kPreferred);
    if (!f[1].empty() && f[1] != "-" && f[1] != "NA") builder.set_gene_symbol(builder.intern_concept(f[0]), f[1]);
    add(f[2], NameRole::kFull);
    for (const std::string_view alias : split_fields(f[4], '|')) add(alias, NameRole::kSynonym);
  });
}

void add_kb_hgnc(KnowledgeBaseBuilder& builder, const std::string& path, KbBuildStats& stats) {
  for_each_tsv_row(path, 6, "HGNC ID", [&](const std::vector<std::string_view>& f, ByteSource&) {
    if (f[3] != "Approved" || !all_digits(f[5])) return;  // withdrawn symbols have no gene
    VocabularyName r;
    r.classes = kGene;
    auto add = [&](std::string_view name, NameRole role) {
      if (name.empty()) return;
      r.name = name;
      r.role = role;
      add_vocabulary_name(builder, r, f[5], 9606, 0, "HGNC", stats);
    };
    add(f[1], NameRole::kPreferred);
    add(f[2], NameRole::kFull);
    size_t start = 0;
    while (start <= f[4].size()) {
      size_t end = f[4].find(',', start);
      if (end == std::string_view::npos) end = f[4].size();
      std::string_view synonym = f[4].substr(start, end - start);
      while (!synonym.empty() && synonym.front() == ' ') synonym.remove_prefix(1);
      add(synonym, NameRole::kSynonym);
      start = end + 1;
    }
  });
}

void add_kb_species(KnowledgeBaseBuilder& builder, const std::string& speclist, const std::string& taxonomy_names,
                    const std::vector<uint32_t>& extra_taxa, KbBuildStats& stats) {
  // Species concepts get no taxon: their identifiers share the number space of gene
  // identifiers (taxon 60463 and rat gene 60463), and a shared concept must keep the
  // gene's taxon, which is the only one the linker reads.
  std::vector<uint32_t> taxa;
  read_speclist(
      speclist,
      [&](const VocabularyName& r) {
        add_vocabulary_name(builder, r, std::to_string(r.taxon), 0, 0, "UniProt speclist", stats);
      },
      &taxa);
  taxa.insert(taxa.end(), extra_taxa.begin(), extra_taxa.end());
  std::sort(taxa.begin(), taxa.end());
  taxa.erase(std::unique(taxa.begin(), taxa.end()), taxa.end());
  read_taxonomy_names(taxonomy_names, taxa, [&](const VocabularyName& r) {
    add_vocabulary_name(builder, r, std::to_string(r.taxon), 0, 0, "NCBI taxonomy names", stats);
  });
  for (const SpeciesWord& w : species_words()) {
    VocabularyName r;
    r.name = w.word;
    r.classes = kSpecies;
    r.role = NameRole::kFull;
    add_vocabulary_name(builder, r, std::to_string(w.taxon), 0, 0, "species words", stats);
  }
}

void add_kb_bioc_mentions(KnowledgeBaseBuilder& builder, const std::string& path, const std::set<std::string>& excluded,
                          KbBuildStats& stats) {
  const std::string source = std::filesystem::path(path).filename().string();
  std::string last_excluded;
  read_bioc_mentions(path, [&](const VocabularyName& r) {
    if (excluded.contains(std::string(r.category))) {
      if (r.category != last_excluded) ++stats.excluded_documents[source];
      last_excluded = std::string(r.category);
      return;
    }
    EntityType type;
    if (r.classes == kDisease) type = EntityType::kDisease;
    else if (r.classes == kCellLine) type = EntityType::kCellLine;
    else if (r.classes == kGene) type = EntityType::kGene;
    else if (r.classes == kChemical) type = EntityType::kChemical;
    else if (r.classes == kSpecies) type = EntityType::kSpecies;
    else {
      ++stats.skipped_mentions;
      return;
    }
    const std::vector<std::string> ids = canonical_kb_ids(r.id, type);
    if (ids.empty() || r.name.size() > kMaxNameBytes) {
      ++stats.skipped_mentions;
      return;
    }
    std::string joined;
    for (const std::string& id : ids) joined += (joined.empty() ? "" : ";") + id;
    if (builder.add_mention(r.name, builder.intern_concept(joined), r.classes, 1)) ++stats.mentions[source];
    else ++stats.skipped_mentions;
  });
}

void add_kb_corpus_mentions(KnowledgeBaseBuilder& builder, const std::vector<Document>& documents, uint16_t weight,
                            const std::set<std::string>& excluded, const std::string& source, KbBuildStats& stats) {
  for (const Document& doc : documents) {
    if (excluded.contains(doc.id)) {
      ++stats.excluded_documents[source];
      continue;
    }
    // The document's most frequent species: the taxon of genes no vocabulary knows.
    std::map<std::string, size_t> species_counts;
    for (const Annotation& a : doc.annotations) {
      if (entity_type_of(a.type) == EntityType::kSpecies && a.ids.size() == 1) ++species_counts[a.ids.front()];
    }
    uint32_t document_taxon = 0;
    size_t best = 0;
    for (const auto& [id, n] : species_counts) {
      if (n > best && all_digits(id)) {
        best = n;
        document_taxon = parse_taxon(id);
      }
    }
    // Corpora that annotate no organisms (NLM-Gene, GNormPlus): the species words of
    // the text ("rats", "mice", "patients"), else rat genes would have no taxon.
    if (species_counts.empty()) document_taxon = text_species_taxon(doc.full_text());
    for (const Annotation& a : doc.annotations) {
      const std::optional<EntityType> type = entity_type_of(a.type);
      const uint8_t classes = type ? class_of(*type) : 0;
      if (classes == 0 || a.spans.size() != 1 || a.text.size() > kMaxNameBytes) {
        ++stats.skipped_mentions;
        continue;
      }
      std::vector<std::string> ids;
      std::vector<uint32_t> taxa;
      for (const std::string& field : a.ids) {
        size_t start = 0;
        while (start <= field.size()) {
          size_t end = field.find_first_of(",;|+", start);
          if (end == std::string::npos) end = field.size();
          uint32_t taxon = 0;
          std::string id = canonical_kb_id(std::string_view(field).substr(start, end - start), *type, &taxon);
          if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(std::move(id));
            taxa.push_back(taxon);
          }
          start = end + 1;
        }
      }
      if (ids.empty()) {
        ++stats.skipped_mentions;
        continue;
      }
      uint32_t concept_taxon = 0;
      if (*type == EntityType::kGene) {
        // Each gene's taxon: from the vocabularies, else the corpus, else the document.
        bool same = true;
        for (size_t i = 0; i < ids.size(); ++i) {
          const uint32_t part = builder.intern_concept(ids[i], taxa[i] ? taxa[i] : document_taxon);
          const uint32_t t = builder.concept_taxon(part);
          if (i == 0) concept_taxon = t;
          else if (t != concept_taxon) same = false;
        }
        if (!same) concept_taxon = 0;
      }
      std::string joined;
      for (const std::string& id : ids) joined += (joined.empty() ? "" : ";") + id;
      const uint32_t concept_index = builder.intern_concept(joined, concept_taxon);
      if (builder.add_mention(a.text, concept_index, classes, weight)) ++stats.mentions[source];
      else ++stats.skipped_mentions;
    }
  }
}

KnowledgeBase build_knowledge_base(const std::string& shared_dir, std::ostream& log,
                                   const std::set<std::string>& also_held_out) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::string kb = shared_dir + "/kb";
  const std::string corpora = shared_dir + "/corpora";

  log << "reading corpora\n";
  const std::vector<Document> biored_dev = read_pubtator_corpus(corpora + "/biored/Dev.PubTator", log);
  std::set<std::string> held_out = also_held_out;
  for (const Document& d : biored_dev) held_out.insert(d.id);
  struct Corpus {
    std::string name;
    std::string path;
    uint16_t weight;
    std::vector<Document> docs;
  };
  std::vector<Corpus> corpus_list = {
      {"BioRED Train", corpora + "/biored/Train.PubTator", kBioRedTrainWeight, {}},
      {"BC5CDR Train", corpora + "/bc5cdr/CDR_Train.PubTator", 1, {}},
      {"NCBI-disease train", corpora + "/ncbi-disease/NCBItrainset_corpus.txt", 1, {}},
      {"NLM-Chem", corpora + "/nlm-chem/NLMchem.PubTator", 1, {}},
      {"GNormPlus", corpora + "/gnormplus/GNormPlus_Train.PubTator", 1, {}},
      {"NLM-Gene", corpora + "/nlm-gene/NLMgene_Train.PubTator", 1, {}},
      {"tmVar3", corpora + "/tmvar3/tmVar3_Train.PubTator", 1, {}},
      {"SPECIES800", corpora + "/species800/SPECIES_Train.PubTator", 1, {}},
      {"LINNAEUS", corpora + "/linnaeus/Linnaeus_Train.PubTator", 1, {}},
      {"BioID cell lines", corpora + "/bioid-cellline/BioID_Train_revision.PubTator", 1, {}},
  };
  std::vector<uint32_t> corpus_taxa;
  for (Corpus& c : corpus_list) {
    c.docs = read_pubtator_corpus(c.path, log);
    for (const Document& d : c.docs) {
      if (held_out.contains(d.id)) continue;
      for (const Annotation& a : d.annotations) {
        if (entity_type_of(a.type) != EntityType::kSpecies) continue;
        for (const std::string& id : a.ids) {
          if (all_digits(id)) corpus_taxa.push_back(parse_taxon(id));
        }
      }
    }
  }

  KnowledgeBaseBuilder builder;
  KbBuildStats stats;
  log << "reading vocabularies\n";
  add_kb_ctd_omim_aliases(builder, resolve_gz(kb + "/ctd/CTD_diseases.tsv.gz"), stats);
  add_kb_mesh(builder, resolve_gz(kb + "/mesh/mesh_trees.tsv.gz"), resolve_gz(kb + "/mesh/mesh_thesaurus_terms.tsv.gz"),
              stats);
  add_kb_mesh_disease_supplementary(builder, kb + "/mesh/mesh_disease_supplementary.tsv", stats);
  add_kb_ctd_diseases(builder, resolve_gz(kb + "/ctd/CTD_diseases.tsv.gz"), stats);
  add_kb_ctd_omim_names(builder, resolve_gz(kb + "/ctd/CTD_diseases.tsv.gz"), stats);
  add_kb_chemical_mesh_mappings(builder, kb + "/chemical/mesh_mappings.tsv", stats);
  add_kb_gene_info(builder, resolve_gz(kb + "/gene/Homo_sapiens.gene_info.gz"), stats);
  add_kb_gene_info(builder, resolve_gz(kb + "/gene/Mus_musculus.gene_info.gz"), stats);
  add_kb_human_gene_table(builder, resolve_gz(kb + "/gene/human_genes_orgHsEgDb_2022Sep12.tsv.gz"), stats);
  add_kb_hgnc(builder, kb + "/gene/hgnc_entries_2016_with_entrez.txt", stats);
  add_kb_species(builder, kb + "/taxonomy/speclist.txt", resolve_gz(kb + "/taxonomy/specData_names.tsv.gz"),
                 corpus_taxa, stats);
  add_kb_bioc_mentions(builder, kb + "/disease/disease_mention_pairs.bioc.xml", held_out, stats);
  add_kb_bioc_mentions(builder, kb + "/cellline/cellline_mention_pairs.bioc.xml", held_out, stats);
  log << "adding corpus mentions\n";
  for (const Corpus& c : corpus_list) add_kb_corpus_mentions(builder, c.docs, c.weight, held_out, c.name, stats);
  log << stats.summary();
  const size_t entries = builder.entry_count();
  KnowledgeBase result = builder.build();
  log << "knowledge base: " << entries << " key entries -> " << result.key_count() << " keys, "
      << result.candidate_count() << " candidates, " << result.concept_count() << " concepts ("
      << result.ortholog_group_members() << " in ortholog groups), "
      << result.memory_bytes() / 1000000.0 << " MB in memory, built in "
      << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
  return result;
}

size_t add_corpus_variant_rs_pairs(VariantRsIndex& index, const std::vector<Document>& documents,
                                   const std::set<std::string>& excluded) {
  const auto is_rs = [](std::string_view id) { return id.size() > 2 && id.starts_with("rs") && all_digits(id.substr(2)); };
  size_t added = 0;
  for (const Document& d : documents) {
    if (excluded.contains(d.id)) continue;
    std::vector<std::string> genes;
    for (const Annotation& a : d.annotations) {
      if (entity_type_of(a.type) != EntityType::kGene) continue;
      for (const std::string& id : a.ids) {
        if (all_digits(id) && std::find(genes.begin(), genes.end(), id) == genes.end()) genes.push_back(id);
      }
    }
    std::string text;  // built on the first BioRED rs mention, with its code point index
    CodepointIndex codepoints;
    for (const Annotation& a : d.annotations) {
      if (entity_type_of(a.type) != EntityType::kVariant || a.ids.size() != 1) continue;
      const std::string_view id = a.ids.front();
      if (looks_like_variant_id(id) && id.find("RS#:") != std::string_view::npos && id.find('|') < id.find(';')) {
        // tmVar3: FORM;Gene:G;RS#:N;...
        const std::vector<std::string_view> parts = split_fields(id, ';');
        std::string_view gene, rs_number;
        for (std::string_view part : parts) {
          if (part.starts_with("Gene:")) gene = part.substr(5);
          if (part.starts_with("RS#:")) rs_number = part.substr(4);
        }
        const std::string_view form = parts.front();
        if (gene.empty() || !all_digits(gene) || rs_number.empty() || !all_digits(rs_number)) continue;
        index.add(form, "rs" + std::string(rs_number), gene);
        ++added;
      } else if (is_rs(id) && !genes.empty() && a.spans.size() == 1) {
        // BioRED: the rs ID alone; the form comes from the mention.
        if (text.empty()) {
          text = d.full_text();
          codepoints = CodepointIndex(text);
        }
        // Offsets count code points; the grammar reads bytes.
        if (a.start() < 0 || a.start() >= a.end() || a.end() > static_cast<int64_t>(codepoints.size())) continue;
        const auto parsed = parse_variant_in(text, codepoints.byte_offset(static_cast<size_t>(a.start())),
                                             codepoints.byte_offset(static_cast<size_t>(a.end())));
        if (!parsed || parsed->kind == VariantKind::kSNP || parsed->tmvar.empty()) continue;
        for (const std::string& gene : genes) index.add(parsed->tmvar, id, gene);
        ++added;
      }
    }
  }
  return added;
}

VariantRsIndex build_variant_rs_index(const std::string& shared_dir, std::ostream& log,
                                      const std::set<std::string>& also_held_out) {
  const std::string variant = shared_dir + "/kb/variant";
  const std::string corpora = shared_dir + "/corpora";
  VariantRsIndex index = VariantRsIndex::load(variant + "/tmVarForm2RSID2Freq.txt");
  const size_t table_forms = index.size();
  index.add_form_rs_gene_file(variant + "/Mutation_RS_Geneid.txt");
  std::set<std::string> held_out = also_held_out;
  for (const Document& d : read_pubtator_corpus(corpora + "/biored/Dev.PubTator", log)) held_out.insert(d.id);
  size_t corpus_pairs = 0;
  for (const char* path : {"/biored/Train.PubTator", "/tmvar3/tmVar3_Train.PubTator"}) {
    corpus_pairs += add_corpus_variant_rs_pairs(index, read_pubtator_corpus(corpora + path, log), held_out);
  }
  log << "variant rs index: " << table_forms << " forms from tmVarForm2RSID2Freq.txt, " << index.size()
      << " with Mutation_RS_Geneid.txt and " << corpus_pairs << " corpus mentions\n";
  return index;
}

}  // namespace biotator
