#!/usr/bin/env bash
# The test command: builds, runs every test (real local Spark, real files) and packages the jar.
# Tests that read ../shared/realdata skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B verify "$@"
