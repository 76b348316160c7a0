#include "model_bundle.h"

#include <cstdlib>
#include <filesystem>

namespace biotator {

namespace fs = std::filesystem;

ModelBundle ModelBundle::load(const std::string& directory) {
  ModelBundle bundle;
  bundle.directory = directory;
  const fs::path dir(directory);
  if (fs::exists(dir / kLexiconFile))
    bundle.lexicon = std::make_unique<Lexicon>(Lexicon::load((dir / kLexiconFile).string()));
  if (fs::exists(dir / kNerFile))
    bundle.ner = std::make_unique<SequenceModel>(SequenceModel::load((dir / kNerFile).string()));
  if (fs::exists(dir / kClustersFile))
    bundle.clusters = std::make_unique<WordClusters>(WordClusters::load((dir / kClustersFile).string()));
  if (fs::exists(dir / kKbFile))
    bundle.kb = std::make_unique<KnowledgeBase>(KnowledgeBase::load((dir / kKbFile).string()));
  if (fs::exists(dir / kRelationsFile))
    bundle.relations = std::make_unique<RelationModel>(RelationModel::load((dir / kRelationsFile).string()));
  if (fs::exists(dir / kVariantFilterFile))
    bundle.variant_filter =
        std::make_unique<VariantFilter>(VariantFilter::load((dir / kVariantFilterFile).string()));
  if (fs::exists(dir / kVariantRsFile))
    bundle.variant_rs =
        std::make_unique<VariantRsIndex>(VariantRsIndex::load_compiled((dir / kVariantRsFile).string()));
  return bundle;
}

std::string default_model_directory(const std::string& argv0) {
  if (const char* env = std::getenv("BIOTATOR_MODELS"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  if (!exe.empty()) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::exists(dir / "models" / ModelBundle::kNerFile)) return (dir / "models").string();
    }
  }
  return "models";
}

}  // namespace biotator
