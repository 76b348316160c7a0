#!/usr/bin/env bash
# Builds BioTator and runs the whole test suite (CTest); prints CTest's summary. Then
# runs the suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# (scripts/test-sanitizers.sh, build-asan); BIOTATOR_SKIP_SANITIZERS=1 leaves that out
# for a quick local run (CI, through .ci/run, always does both).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
if [[ -z ${BIOTATOR_SKIP_SANITIZERS:-} ]]; then
  scripts/test-sanitizers.sh
fi
