#!/usr/bin/env bash
# The accelerator's launch settings, for every launcher here (run-local.sh, submit.sh, cluster-smoke.sh,
# bench): prints the Comet jar's path on the first line, then one Spark conf (key=value) per line: the
# comet.confs the product's jar records for its Spark line (chokepoint-build.properties: plugin, shuffle
# manager, native execution, the experimental Parquet writer off, the off-heap pool on) and the pool's size.
# A launcher turns each conf into -Dkey=value or --conf key=value.
# The jar is resolved into the local Maven repository (never shaded into ours) unless COMET_JAR names it.
# Exit 2 with one line on stderr when the jar's Spark line has no Comet build (Spark 3.5: the accelerator
# is 4.1-only) or its build properties are missing or predate the accelerator; 1 when Maven cannot
# resolve the jar.
#
#   scripts/accelerator.sh [PRODUCT_JAR]   # default: the build properties in target/classes
#
# Environment: CHOKEPOINT_OFFHEAP_SIZE (the off-heap pool, beside the heap; default 2g), COMET_JAR.
set -euo pipefail
# Paths given relative to the caller's folder, before this script moves to the project's.
[ $# -gt 0 ] && set -- "$(realpath -- "$1")"
[ -n "${COMET_JAR:-}" ] && COMET_JAR=$(realpath -m -- "$COMET_JAR")
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  where=$1
  if command -v unzip > /dev/null; then
    props=$(unzip -p "$1" chokepoint-build.properties 2>/dev/null) || props=""
  else # the JDK's jar tool, where unzip is not installed
    tmp=$(mktemp -d)
    (cd "$tmp" && jar xf "$1" chokepoint-build.properties 2>/dev/null) || true
    props=$(cat "$tmp/chokepoint-build.properties" 2>/dev/null) || props=""
    rm -rf "$tmp"
  fi
else
  where=target/classes/chokepoint-build.properties
  props=$(cat "$where" 2>/dev/null) || props=""
fi
[ -n "$props" ] || { echo "accelerator: cannot read chokepoint-build.properties from $where: build the jar first" >&2; exit 2; }
prop() { sed -n "s/^$1=//p" <<< "$props"; }
comet_version=$(prop 'comet\.version')
comet_artifact=$(prop 'comet\.artifact')
comet_confs=$(prop 'comet\.confs')
if [ -z "$comet_artifact" ] || [ -z "$comet_version" ] || [ -z "$comet_confs" ]; then
  echo "accelerator: $where names no Comet build (a jar built before accelerator support): rebuild it" >&2
  exit 2
fi
if [ "$comet_artifact" = none ]; then
  echo "accelerator: Comet is 4.1-only: $where is built for Spark $(prop 'spark\.version') and Maven Central has no Comet $comet_version build for it; build the default line (without -Pspark-3.5) or leave the accelerator off" >&2
  exit 2
fi
comet_jar=${COMET_JAR:-$HOME/.m2/repository/org/apache/datafusion/$comet_artifact/$comet_version/$comet_artifact-$comet_version.jar}
if [ ! -f "$comet_jar" ] && [ -z "${COMET_JAR:-}" ]; then
  command -v mvn > /dev/null || { echo "accelerator: $comet_jar is missing and mvn is not installed to fetch it: set COMET_JAR" >&2; exit 2; }
  echo "resolving org.apache.datafusion:$comet_artifact:$comet_version into the local Maven repository ..." >&2
  mvn -B -q dependency:get -Dartifact="org.apache.datafusion:$comet_artifact:$comet_version" -Dtransitive=false >&2 \
    || { echo "accelerator: cannot resolve org.apache.datafusion:$comet_artifact:$comet_version from Maven Central (see Maven's output above)" >&2; exit 1; }
fi
[ -f "$comet_jar" ] || { echo "accelerator: $comet_jar does not exist (COMET_JAR, or a local Maven repository other than ~/.m2/repository: set COMET_JAR)" >&2; exit 2; }
echo "$comet_jar"
tr -s ' ' '\n' <<< "$comet_confs" | sed '/^$/d'
echo "spark.memory.offHeap.size=${CHOKEPOINT_OFFHEAP_SIZE:-2g}"
