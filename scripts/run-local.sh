#!/usr/bin/env bash
# Runs a Chokepoint job on this machine (local[*]), building the jar first when it is missing or
# older than the sources.
#
#   scripts/run-local.sh                       # the full pipeline on sample-data/, into out/
#   scripts/run-local.sh jobs/rare-earth-exposure.json --set params.focus_supplier=MYS
#   scripts/run-local.sh validate jobs/x.json  # check spec, inputs and output only
#
# Environment: CHOKEPOINT_MAVEN_ARGS (e.g. -Pspark-3.5 to build for the Spark 3.5 line when the jar
# is missing or stale), CHOKEPOINT_NO_BUILD=1 (never build: run the jar that is there),
# CHOKEPOINT_DRIVER_MEMORY (default 4g), CHOKEPOINT_JAVA_OPTS (extra JVM options,
# e.g. -Dspark.sql.shuffle.partitions=64; a later -D wins), CHOKEPOINT_LOG4J (a log4j2 properties
# file), CHOKEPOINT_ACCELERATOR (none, the default, or comet: Apache DataFusion Comet's jar, resolved into
# the local Maven repository, on the classpath with its Spark confs; Spark 4.1 line only; docs/accelerator.md),
# CHOKEPOINT_OFFHEAP_SIZE (Comet's off-heap pool, default 2g, beside the heap).
# Local defaults: 8 shuffle partitions, 64 MB input splits (more tasks than cores for big files).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

command=run
if [ "${1:-}" = "validate" ] || [ "${1:-}" = "run" ]; then command=$1; shift; fi
job=jobs/full-pipeline.json
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then job=$1; shift; fi

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
jar="target/chokepoint-${version}-all.jar"
if [ -n "${CHOKEPOINT_NO_BUILD:-}" ]; then # run the jar as it is (scripts/bench: the jar it measured)
  if [ ! -f "$jar" ] || [ ! -f target/classpath.txt ]; then
    echo "CHOKEPOINT_NO_BUILD is set but $jar or target/classpath.txt is missing" >&2
    exit 2
  fi
elif [ ! -f "$jar" ] || [ ! -f target/classpath.txt ] \
   || [ -n "$(find pom.xml src sample-data/reference -newer "$jar" -print -quit)" ]; then
  echo "building $jar ..." >&2
  # shellcheck disable=SC2086
  mvn -B -q -DskipTests ${CHOKEPOINT_MAVEN_ARGS:-} package >&2
fi

# The module options spark-submit adds on Java 17, for the Spark line the jar was built for.
module_opts=$(sed -n 's/^spark\.java\.opts=//p' target/classes/chokepoint-build.properties)

# The accelerator (scripts/accelerator.sh: the Comet jar for the jar's Spark line, then its confs). The
# confs come before CHOKEPOINT_JAVA_OPTS, so a -D there wins.
accel_cp=""
accel_opts=()
case "${CHOKEPOINT_ACCELERATOR:-none}" in
  none) ;;
  comet)
    accel=$(scripts/accelerator.sh) || exit $?
    { read -r comet_jar; while read -r c; do accel_opts+=("-D$c"); done; } <<< "$accel"
    accel_cp=":$comet_jar"
    ;;
  *)
    echo "CHOKEPOINT_ACCELERATOR=${CHOKEPOINT_ACCELERATOR}: unknown accelerator (none or comet)" >&2
    exit 2
    ;;
esac
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
# -XX:-DontCompileHugeMethods: Spark's fused stages can exceed HotSpot's 8,000-byte JIT limit and
# would then run interpreted (a parse that keeps every column: 2M BACI rows 16.7 s without it, 6.2 s
# with it; the product's plans stay under the limit today, so this is a guard; docs/performance.md).
# -XX:+UseParallelGC: a batch run wants throughput, not short pauses (20M BACI rows, alternated:
# 218.8 / 230.8 / 217.2 s with G1, 195.6 / 213.7 / 202.3 s with it). To go back to G1, add
# "-XX:-UseParallelGC -XX:+UseG1GC" to CHOKEPOINT_JAVA_OPTS.
exec java -Xmx"${CHOKEPOINT_DRIVER_MEMORY:-4g}" -XX:-DontCompileHugeMethods -XX:+UseParallelGC $module_opts \
  -Dspark.master='local[*]' -Dspark.driver.host=127.0.0.1 -Dspark.ui.enabled=false \
  -Dspark.sql.shuffle.partitions=8 -Dspark.sql.files.maxPartitionBytes=67108864 \
  -Dlog4j2.configurationFile="${CHOKEPOINT_LOG4J:-$here/scripts/log4j2-local.properties}" \
  ${accel_opts[@]+"${accel_opts[@]}"} ${CHOKEPOINT_JAVA_OPTS:-} \
  -cp "$jar:$(cat target/classpath.txt)$accel_cp" io.chokepoint.cli.Main "$command" --job "$job" "$@"
