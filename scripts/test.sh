#!/usr/bin/env bash
# The test command: builds, runs every test (real local Spark, real files) and packages the jar.
# Tests that read ../shared/realdata skip with a message when it is absent.
#
#   scripts/test.sh                # the full suite (mvn -B verify): what CI runs
#   scripts/test.sh --fast         # the fast tier: the tests that start no Spark (mvn -B -Pfast test)
#   scripts/test.sh -Pspark-3.5    # the full suite on the Spark 3.5 line (any other args go to Maven)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--fast" ]; then
  shift
  exec mvn -B -Pfast test "$@"
fi
exec mvn -B verify "$@"
