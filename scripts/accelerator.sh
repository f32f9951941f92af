#!/usr/bin/env bash
# The accelerator's launch settings, for every launcher here (run-local.sh, submit.sh, cluster-smoke.sh,
# bench): prints the Comet jar's path on the first line, then one Spark conf (key=value) per line: the
# off-heap pool Comet needs (its plugin disables itself without one) and the comet.confs the product's jar
# records for its Spark line (chokepoint-build.properties: plugin, shuffle manager, native execution, the
# experimental Parquet writer off). A launcher turns each conf into -Dkey=value or --conf key=value.
# The jar is resolved into the local Maven repository (never shaded into ours) unless COMET_JAR names it.
# Exit 2 with one line on stderr when the jar's Spark line has no Comet build (Spark 3.5: the accelerator
# is 4.1-only) or its build properties predate the accelerator; 1 when Maven cannot resolve the jar.
#
#   scripts/accelerator.sh [PRODUCT_JAR]   # default: the build properties in target/classes
#
# Environment: CHOKEPOINT_OFFHEAP_SIZE (the off-heap pool, beside the heap; default 2g), COMET_JAR.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  where=$1
  props=$(unzip -p "$1" chokepoint-build.properties 2>/dev/null) \
    || { echo "CHOKEPOINT_ACCELERATOR=comet: cannot read chokepoint-build.properties from $1" >&2; exit 2; }
else
  where=target/classes/chokepoint-build.properties
  props=$(cat "$where")
fi
prop() { sed -n "s/^$1=//p" <<< "$props"; }
comet_version=$(prop 'comet\.version')
comet_artifact=$(prop 'comet\.artifact')
comet_confs=$(prop 'comet\.confs')
if [ -z "$comet_artifact" ] || [ -z "$comet_version" ] || [ -z "$comet_confs" ]; then
  echo "CHOKEPOINT_ACCELERATOR=comet: $where names no Comet build (a jar built before accelerator support): rebuild it" >&2
  exit 2
fi
if [ "$comet_artifact" = none ]; then
  echo "CHOKEPOINT_ACCELERATOR=comet: the accelerator is 4.1-only: $where is built for Spark $(prop 'spark\.version') and Maven Central has no Comet $comet_version build for it; build the default line (without -Pspark-3.5) or leave the accelerator off" >&2
  exit 2
fi
comet_jar=${COMET_JAR:-$HOME/.m2/repository/org/apache/datafusion/$comet_artifact/$comet_version/$comet_artifact-$comet_version.jar}
if [ ! -f "$comet_jar" ] && [ -z "${COMET_JAR:-}" ]; then
  echo "resolving org.apache.datafusion:$comet_artifact:$comet_version into the local Maven repository ..." >&2
  mvn -B -q dependency:get -Dartifact="org.apache.datafusion:$comet_artifact:$comet_version" -Dtransitive=false >&2 \
    || { echo "CHOKEPOINT_ACCELERATOR=comet: cannot resolve org.apache.datafusion:$comet_artifact:$comet_version from Maven Central (see Maven's output above)" >&2; exit 1; }
fi
[ -f "$comet_jar" ] || { echo "CHOKEPOINT_ACCELERATOR=comet: COMET_JAR=$comet_jar does not exist" >&2; exit 2; }
echo "$comet_jar"
echo "spark.memory.offHeap.enabled=true"
echo "spark.memory.offHeap.size=${CHOKEPOINT_OFFHEAP_SIZE:-2g}"
tr ' ' '\n' <<< "$comet_confs"
