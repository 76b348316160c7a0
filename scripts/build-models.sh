#!/usr/bin/env bash
# Rebuilds the model bundle in models/ from ../shared, deterministically (fixed seeds,
# sorted outputs): the same inputs give byte-identical files.
#   models/lexicon.bt  entity-name dictionary (MeSH, CTD, NCBI Gene, UniProt species, ...)
#   models/clusters.bt word clusters learned from the raw text of the corpora (BioRED Dev left out)
#   models/ner.bt      entity recognizer weights, trained on BioRED Train plus the other
#                      corpora (partial annotation), the epoch chosen on BioRED Dev
#   models/kb.bt       names → identifiers for normalization
#   models/variants.bt tmVar form + gene → dbSNP rs ID (tmVar's tables, BioRED Train and
#                      tmVar3 pairs; BioRED Dev left out)
#   models/relations.bt relation extraction weights
#   models/variant_filter.bt filter of the variant grammar's false hits
# Usage: scripts/build-models.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
c="$shared/corpora"
scripts/build.sh >/dev/null
mkdir -p models
build/biotator lexicon build --shared "$shared" --out models/lexicon.bt
build/biotator kb build --shared "$shared" --out models/kb.bt --variants-out models/variants.bt
build/biotator train clusters --out models/clusters.bt --exclude "$c/biored/Dev.PubTator" \
  --text "$c/biored/Train.PubTator" "$c/bc5cdr/CDR_Train.PubTator" "$c/bc5cdr/CDR_Dev.PubTator" \
         "$c/ncbi-disease/NCBItrainset_corpus.txt" "$c/ncbi-disease/NCBIdevelopset_corpus.txt" \
         "$c/nlm-gene/NLMgene_Train.PubTator" "$c/tmvar3/tmVar3_Train.PubTator" "$c/gnormplus/GNormPlus_Train.PubTator" \
         "$c/nlm-chem/NLMchem.PubTator" "$c/species800/SPECIES_Train.PubTator" "$c/linnaeus/Linnaeus_Train.PubTator" \
         "$c/bioid-cellline/BioID_Train_revision.PubTator" \
  --raw "$c/bc2gm/train_train.in" "$c/drugprot/drugprot_development_abstracs.tsv"
# BioRED Train is listed three times: it is the target style, and weighting it so
# measured better on BioRED Dev than listing it once. Four models trained on different
# shuffles are averaged (less shuffle noise, +0.5 F1), then weights below 0.5 in
# magnitude are pruned (65% of them; Dev F1 87.96 -> 88.00, and a smaller, faster model).
build/biotator train ner --lexicon models/lexicon.bt --clusters models/clusters.bt --out models/ner.bt \
  --epochs 8 --seeds 4 --prune 0.5 \
  --dev "$c/biored/Dev.PubTator" \
  --train "$c/biored/Train.PubTator" "$c/biored/Train.PubTator" "$c/biored/Train.PubTator" \
          "$c/bc5cdr/CDR_Train.PubTator" "$c/bc5cdr/CDR_Dev.PubTator" \
          "$c/ncbi-disease/NCBItrainset_corpus.txt" "$c/ncbi-disease/NCBIdevelopset_corpus.txt" \
          "$c/nlm-gene/NLMgene_Train.PubTator" "$c/tmvar3/tmVar3_Train.PubTator" \
          "$c/gnormplus/GNormPlus_Train.PubTator" "$c/nlm-chem/NLMchem.PubTator"
# Relations: trained on BioRED Train, four shuffles averaged, plus DrugProt's
# Chemical-Gene relations (no PMID shared with BioRED Train or Dev) at weight 0.3 (see
# src/relation_trainer.h), with gradient-boosted trees (XGBoost at training time only)
# stacked on the linear model's out-of-fold outputs for "related or not", averaged with
# it, applied to candidates at linear probability 0.05 or more; the decision thresholds
# come from (nested) cross-validation on BioRED Train (Dev scores are only reported).
build/biotator train relations --train "$c/biored/Train.PubTator" --dev "$c/biored/Dev.PubTator" \
  --drugprot "$c/drugprot/drugprot_development_abstracs.tsv" --seeds 4 \
  --trees 2 --tree-weight 0.5 --tree-gate 0.05 --out models/relations.bt
# Variant filter after the grammar: logistic regression on BioRED Train + tmVar3 (BioRED
# Dev documents left out), threshold by cross-validation on them (under a second).
build/biotator train variants --train "$c/biored/Train.PubTator" "$c/tmvar3/tmVar3_Train.PubTator" \
  --exclude "$c/biored/Dev.PubTator" --out models/variant_filter.bt
