#!/usr/bin/env bash
# The main job on the bundled example: install, build, then run BioTator on
# examples/example.pubtator and print the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
build/biotator convert examples/example.pubtator --to bioc-xml -o build/example.bioc.xml
build/biotator convert build/example.bioc.xml --to pubtator
