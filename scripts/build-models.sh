#!/usr/bin/env bash
# Rebuilds the model bundle in models/ from ../shared, deterministically (fixed seeds,
# sorted outputs): the same inputs give byte-identical files.
#   models/lexicon.bt  entity-name dictionary (MeSH, CTD, NCBI Gene, UniProt species, ...)
#   models/ner.bt      entity recognizer weights, trained on BioRED Train plus the other
#                      corpora (partial annotation), the epoch chosen on BioRED Dev
# Usage: scripts/build-models.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
c="$shared/corpora"
scripts/build.sh >/dev/null
mkdir -p models
build/biotator lexicon build --shared "$shared" --out models/lexicon.bt
# BioRED Train is listed twice: it is the target style, and weighting it double
# measured +0.4 F1 on BioRED Dev.
build/biotator train ner --lexicon models/lexicon.bt --out models/ner.bt --epochs 10 \
  --dev "$c/biored/Dev.PubTator" \
  --train "$c/biored/Train.PubTator" "$c/biored/Train.PubTator" \
          "$c/bc5cdr/CDR_Train.PubTator" "$c/bc5cdr/CDR_Dev.PubTator" \
          "$c/ncbi-disease/NCBItrainset_corpus.txt" "$c/ncbi-disease/NCBIdevelopset_corpus.txt" \
          "$c/nlm-gene/NLMgene_Train.PubTator" "$c/tmvar3/tmVar3_Train.PubTator" \
          "$c/gnormplus/GNormPlus_Train.PubTator"
