#!/usr/bin/env bash
# A production spark-submit of Chokepoint, with the settings we recommend. Copy and adapt; every
# --conf here is a recommendation, not something the code sets.
#
#   scripts/submit.sh yarn s3a://bucket/jobs/rare-earth-exposure.json 2026-01-06 [--set k=v ...]
#
# - spark.{driver,executor}.extraJavaOptions=-XX:-DontCompileHugeMethods: Spark's fused stages can be
#   bigger than HotSpot's 8,000-byte JIT limit and then run interpreted (3x slower ingest measured on
#   an earlier version; today's plans stay under the limit, so this is a guard; docs/performance.md).
# - spark.sql.adaptive.enabled (the default) coalesces shuffle partitions; set
#   spark.sql.shuffle.partitions to about 2-3x the cluster's cores for BACI-sized inputs.
# - spark.sql.files.maxPartitionBytes=64m: more input splits than cores for single large CSV files.
# - Output on HDFS or a local/NFS file system publishes atomically (directory renames); on S3 write
#   to a table format, since S3 has no atomic rename.
# - scripts/log4j2-local.properties (LOG4J to use another) is shipped with --files and named by
#   -Dlog4j2.configurationFile on driver and executors: its layout masks URI user-info
#   (hdfs://user:secret@host -> hdfs://***@host) and secret-named values in every log line, Spark's
#   and Hadoop's included. Our own messages are redacted anyway; Spark's are not without it.
# - ACCELERATOR=comet (default none; docs/accelerator.md): Apache DataFusion Comet runs scans, aggregates,
#   sorts and shuffles natively. Its confs are the comet.confs the jar records (chokepoint-build.properties),
#   plus the off-heap pool it shares with Spark (OFFHEAP_SIZE, default 2g, on top of the executor memory).
#   COMET_JAR is its jar (default: resolved into the local Maven repository); it is shipped with --jars and,
#   as Comet's guide requires for its shuffle manager, named in spark.{driver,executor}.extraClassPath:
#   COMET_CLASSPATH (default COMET_JAR) must be where that jar is on every node (on YARN, its bare file name:
#   the shipped copy in the container's folder). Spark 4.1 jars only: a 3.5 jar stops with exit 2.
set -euo pipefail
master=${1:?usage: scripts/submit.sh MASTER JOB_SPEC RUN_DATE [OPTIONS]}
job=${2:?job spec}
run_date=${3:?run date YYYY-MM-DD}
shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/pom.xml" | head -1)
log4j=${LOG4J:-$here/scripts/log4j2-local.properties}
# Executors (and a driver in cluster mode) find the shipped file in their working folder.
driver_log4j=$log4j
if [ "${DEPLOY_MODE:-client}" = cluster ]; then driver_log4j=$(basename "$log4j"); fi
jar="$here/target/chokepoint-${version}-all.jar"
accel=()
case "${ACCELERATOR:-none}" in
  none) ;;
  comet)
    comet=$(CHOKEPOINT_OFFHEAP_SIZE=${OFFHEAP_SIZE:-2g} "$here/scripts/accelerator.sh" "$jar") || exit $?
    { read -r comet_jar; while read -r c; do accel+=(--conf "$c"); done; } <<< "$comet"
    accel+=(--jars "$comet_jar"
      --conf "spark.driver.extraClassPath=${COMET_CLASSPATH:-$comet_jar}"
      --conf "spark.executor.extraClassPath=${COMET_CLASSPATH:-$comet_jar}")
    ;;
  *) echo "ACCELERATOR=${ACCELERATOR}: unknown accelerator (none or comet)" >&2; exit 2 ;;
esac
exec spark-submit \
  --master "$master" \
  --deploy-mode "${DEPLOY_MODE:-client}" \
  --class io.chokepoint.cli.Main \
  --driver-memory "${DRIVER_MEMORY:-4g}" \
  --executor-memory "${EXECUTOR_MEMORY:-4g}" \
  --files "$log4j" \
  --conf "spark.driver.extraJavaOptions=-XX:-DontCompileHugeMethods -Dlog4j2.configurationFile=$driver_log4j" \
  --conf "spark.executor.extraJavaOptions=-XX:-DontCompileHugeMethods -Dlog4j2.configurationFile=$(basename "$log4j")" \
  --conf spark.sql.files.maxPartitionBytes=67108864 \
  --conf spark.sql.adaptive.enabled=true \
  ${accel[@]+"${accel[@]}"} \
  "$jar" \
  run --job "$job" --run-date "$run_date" "$@"
