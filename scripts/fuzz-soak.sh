#!/usr/bin/env sh
# The hostile-input suites (test/integration/fuzz.*.test.ts) run longer than in CI: FUZZ_RUNS cases
# per property (default 500) from FUZZ_SEED (default the current time, printed so that a failure
# can be replayed with the same seed). See docs/reliability.md, "Hostile input".
set -eu
export FUZZ_RUNS="${FUZZ_RUNS:-500}"
export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
echo "fuzz:soak FUZZ_RUNS=$FUZZ_RUNS FUZZ_SEED=$FUZZ_SEED"
exec npx vitest run --project integration test/integration/fuzz. "$@"
