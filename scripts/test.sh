#!/usr/bin/env bash
# Builds BioTator and runs the whole test suite (CTest); prints CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
