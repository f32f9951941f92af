package io.chokepoint.accelerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.Test;
import scala.Option;

/** The operator census on real executed plans of the shared session (plain Spark: nothing native). */
class PlanCensusTest extends SparkTestBase {
  /** An aggregate over a shuffle, collected so that the adaptive plan is final. */
  static SparkPlan aggregatePlan() {
    Dataset<Row> ds = spark().range(0, 100).selectExpr("id % 3 as k", "id").groupBy("k").count();
    ds.collectAsList();
    return ds.queryExecution().executedPlan();
  }

  @Test
  void countsTheOperatorsOfTheFinalAdaptivePlanAndNoWrapper() {
    SparkPlan plan = aggregatePlan();
    assertThat(plan.getClass().getSimpleName()).isEqualTo("AdaptiveSparkPlanExec");
    PlanCensus.Counts c = PlanCensus.of(plan);
    assertThat(c.byOperator()).containsEntry("HashAggregateExec", 2).containsEntry("ShuffleExchangeExec", 1)
        .doesNotContainKeys("AdaptiveSparkPlanExec", "WholeStageCodegenExec", "InputAdapter", "ShuffleQueryStageExec");
    assertThat(c.operators()).isEqualTo(c.byOperator().values().stream().mapToInt(Integer::intValue).sum());
    assertThat(c.nativeOperators()).isZero();
    assertThat(c.nativeShare()).isZero();
    assertThat(c.fallbackReasons()).isEmpty();
  }

  @Test
  void collectsCometFallbackReasonsLeftOnAnOperator() {
    SparkPlan plan = aggregatePlan();
    SparkPlan aggregate = find(plan, "HashAggregateExec");
    aggregate.setTagValue(PlanCensus.FALLBACK_REASONS, Option.apply("Native support for operator X is disabled").toList());
    assertThat(PlanCensus.of(plan).fallbackReasons())
        .containsExactly("HashAggregateExec: Native support for operator X is disabled");
  }

  /** The first node named {@code simpleName}, depth first, into adaptive plans and query stages. */
  static SparkPlan find(SparkPlan p, String simpleName) {
    if (p.getClass().getSimpleName().equals(simpleName)) {
      return p;
    }
    java.util.List<SparkPlan> next = new java.util.ArrayList<>();
    if (p instanceof org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec a) {
      next.add(a.executedPlan());
    } else if (p instanceof org.apache.spark.sql.execution.adaptive.QueryStageExec q) {
      next.add(q.plan());
    }
    p.children().foreach(c -> next.add(c));
    for (SparkPlan c : next) {
      SparkPlan f = find(c, simpleName);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  @Test
  void addsUpAcrossQueries() {
    PlanCensus.Counts one = PlanCensus.of(aggregatePlan());
    PlanCensus.Counts two = one.plus(new PlanCensus.Counts(3, 2, java.util.Map.of("CometHashAggregateExec", 2,
        "SortExec", 1), java.util.Set.of()));
    assertThat(two.operators()).isEqualTo(one.operators() + 3);
    assertThat(two.nativeOperators()).isEqualTo(2);
    assertThat(two.byOperator()).containsEntry("CometHashAggregateExec", 2).containsEntry("HashAggregateExec", 2);
  }

  @Test
  void theNameRule() {
    for (String wrapper : new String[] {"AdaptiveSparkPlanExec", "ShuffleQueryStageExec", "BroadcastQueryStageExec",
        "WholeStageCodegenExec", "InputAdapter", "ReusedExchangeExec", "ColumnarToRowExec", "RowToColumnarExec",
        "CometColumnarToRowExec", "CometNativeColumnarToRowExec", "CometSparkToColumnarExec"}) {
      assertThat(PlanCensus.isWrapper(wrapper)).as(wrapper).isTrue();
    }
    for (String op : new String[] {"CometHashAggregateExec", "CometExchange", "CometNativeScanExec", "CometSortExec"}) {
      assertThat(PlanCensus.isWrapper(op)).as(op).isFalse();
      assertThat(PlanCensus.isNative(op)).as(op).isTrue();
    }
    assertThat(PlanCensus.isNative("HashAggregateExec")).isFalse();
  }
}
