#!/usr/bin/env bash
# Installs dependencies (if missing) and builds BioTator in ./build (Release):
# everything, or only the CMake targets given as arguments (e.g. biotator_cli).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
if [ $# -gt 0 ]; then
  for target in "$@"; do cmake --build build -j"$(nproc)" --target "$target"; done
else
  cmake --build build -j"$(nproc)"
fi
