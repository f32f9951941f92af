#!/usr/bin/env bash
# Opens the full sample pipeline's report/index.html in headless Chromium, as a person would, and
# checks it: no console error, no failed or network request, every chart's SVG has its marks (one
# point per year, one bar per stage…), numbers shown equal the Parquet tables'. Screenshots go to
# target/report-browser/.
#
#   scripts/test-report-browser.sh              # runs scripts/run-local.sh first (fresh output)
#   scripts/test-report-browser.sh OUTPUT_ROOT  # checks an existing output root instead
#
# Installs what it needs: Debian's chromium (apt-get, never a downloaded browser build) and the
# pinned npm packages of scripts/report-browser/ (playwright-core drives Chromium over the DevTools
# protocol; hyparquet reads the Parquet tables). Needs Node 18+.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
start=$(date +%s)

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package) ..." >&2
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >&2
fi
if [ ! -d scripts/report-browser/node_modules/playwright-core ] || [ ! -d scripts/report-browser/node_modules/hyparquet ]; then
  (cd scripts/report-browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent) >&2
fi

flags=()
if [ $# -gt 0 ]; then
  root=$1
else
  root=out/full-pipeline
  scripts/run-local.sh >&2
  flags=(--every-section) # the full sample pipeline runs every step, so every section must be there
fi
node scripts/report-browser/check-report.mjs "$root" target/report-browser ${flags[@]+"${flags[@]}"}
echo "browser test took $(( $(date +%s) - start )) s (including the pipeline run when there was one)"
