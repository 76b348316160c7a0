#!/usr/bin/env bash
# The main job on the bundled example: install, build, then annotate
# examples/example.txt with the model bundle in models/ and print PubTator.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh biotator_cli
build/biotator annotate examples/example.txt
