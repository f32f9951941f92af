#!/usr/bin/env bash
# A real cluster: starts a Spark standalone master and one worker on 127.0.0.1 from the Maven
# classpath (no Spark download: a SPARK_HOME whose jars/ links to those jars), submits the shaded jar
# through org.apache.spark.deploy.SparkSubmit, checks the exit code and the outputs, and stops the
# daemons by PID. CI runs it after the tests. ACCELERATOR=comet submits with Apache DataFusion Comet as
# scripts/submit.sh does (its jar with --jars and on the driver's and executor's class path, its confs, an
# off-heap pool) and checks that the manifest says it ran (docs/accelerator.md).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
jar="target/chokepoint-${version}-all.jar"
# shellcheck disable=SC2086
[ -f "$jar" ] && [ -f target/classpath.txt ] || mvn -B -q -DskipTests ${CHOKEPOINT_MAVEN_ARGS:-} package
# The Spark line the jar was built for (mvn -Pspark-3.5 builds for Spark 3.5 / Scala 2.12).
build_prop() { sed -n "s/^$1=//p" target/classes/chokepoint-build.properties; }

# The accelerator, resolved before any daemon starts (a 3.5 jar stops here, exit 2).
accel=()
accel_cp=""
if [ "${ACCELERATOR:-none}" = comet ]; then
  comet=$(CHOKEPOINT_OFFHEAP_SIZE=512m scripts/accelerator.sh "$jar") || exit $?
  { read -r comet_jar; while read -r c; do accel+=(--conf "$c"); done; } <<< "$comet"
  accel_cp=":$comet_jar" # the driver's class path: SparkSubmit started by plain java applies no extraClassPath
  accel+=(--jars "$comet_jar" --conf "spark.driver.extraClassPath=$comet_jar" --conf "spark.executor.extraClassPath=$comet_jar")
fi

work=$(mktemp -d /tmp/chokepoint-cluster.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export SPARK_HOME="$work/spark" SPARK_SCALA_VERSION="$(build_prop scala.binary.version)" SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$SPARK_HOME/jars" "$work/worker"
tr ':' '\n' < target/classpath.txt | while read -r j; do ln -sf "$j" "$SPARK_HOME/jars/"; done
module_opts=$(build_prop spark.java.opts)
cp="$SPARK_HOME/jars/*"
port=$((17077 + RANDOM % 1000))

wait_for() { # file, pattern, seconds
  for _ in $(seq 1 $((4 * $3))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.25; done
  echo "cluster-smoke: '$2' not seen in $1 within $3 s" >&2; tail -20 "$1" >&2; return 1
}

# shellcheck disable=SC2086
java $module_opts -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$work/master.log" 2>&1 &
pids+=($!)
wait_for "$work/master.log" "I have been elected leader" 60
# shellcheck disable=SC2086
java $module_opts -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores 2 --memory 2g --webui-port 0 --work-dir "$work/worker" "spark://127.0.0.1:$port" \
  > "$work/worker.log" 2>&1 &
pids+=($!)
wait_for "$work/worker.log" "Successfully registered with master" 60

out="$work/out"
set +e
# shellcheck disable=SC2086
java $module_opts -Xmx1g -XX:-DontCompileHugeMethods -cp "$cp$accel_cp" org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$port" --deploy-mode client --class io.chokepoint.cli.Main \
  --conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1g --conf spark.ui.enabled=false \
  --conf "spark.driver.extraJavaOptions=-XX:-DontCompileHugeMethods -Dlog4j2.configurationFile=$here/scripts/log4j2-local.properties" \
  --conf spark.executor.extraJavaOptions=-XX:-DontCompileHugeMethods \
  ${accel[@]+"${accel[@]}"} \
  "$jar" run --job jobs/rare-earth-exposure.json --run-date 2026-01-06 --output "$out" > "$work/submit.log" 2>&1
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  echo "cluster-smoke: spark-submit exited $rc" >&2; tail -30 "$work/submit.log" >&2; exit 1
fi
grep -q "Granted executor ID" "$work/submit.log" || grep -q "Launching executor" "$work/worker.log" || {
  echo "cluster-smoke: no executor was launched on the worker" >&2; exit 1; }
for t in trade_flows supplier_shares concentration rejects; do
  ls "$out/$t"/*.parquet > /dev/null 2>&1 || { echo "cluster-smoke: $t has no Parquet files" >&2; exit 1; }
done
grep -q '"status" : "succeeded"' "$out/_manifest.json" || { echo "cluster-smoke: manifest not succeeded" >&2; exit 1; }
if [ "${ACCELERATOR:-none}" = comet ]; then
  grep -q '"ran" : true' "$out/_manifest.json" || { echo "cluster-smoke: the manifest does not say Comet ran" >&2; exit 1; }
  echo "cluster-smoke: Comet ran: $(grep -E '"(native_operators|operators|native_share)"' "$out/_manifest.json" | tr -d ' \n')"
fi
rows=$(grep -A2 '"concentration"' "$out/_manifest.json" | sed -n 's/.*"rows" : \([0-9]*\).*/\1/p')
echo "cluster-smoke: passed on Spark $(build_prop spark.version) / Scala $SPARK_SCALA_VERSION (standalone master and worker on 127.0.0.1:$port, exit 0, concentration rows=$rows)"
