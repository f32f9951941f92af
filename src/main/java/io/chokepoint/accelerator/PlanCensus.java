package io.chokepoint.accelerator;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import scala.Option;

/**
 * Counts the operators of an executed physical plan, and those an accelerator ran natively. A pure
 * function of the plan tree (no session, no clock); Comet is recognised by name, never by class, so
 * the product has no compile-time dependency on it.
 *
 * <p>The rule: every node of the plan is an operator except wrappers and transitions, which move
 * rows or plans around without computing anything — {@link #isWrapper}. The adaptive plan is
 * followed into its current (after the query ran: final) plan, a query stage into its plan; a reused
 * exchange is not followed (it was counted where it first ran); subqueries are counted. An operator
 * is native when its class's simple name starts with {@code Comet}. A non-native operator's Comet
 * fallback reasons (the {@code CometFallbackReasons} tag Comet's planner leaves on it) are collected.
 */
public final class PlanCensus {
  /** Comet's tree-node tag for why a node stayed on Spark (a Set[String]; see Comet's ExtendedExplainInfo). */
  static final TreeNodeTag<Object> FALLBACK_REASONS = new TreeNodeTag<>("CometFallbackReasons");
  /** Wrapper nodes by simple name: they hold a plan or a stage, or reuse one. */
  private static final Set<String> WRAPPERS = Set.of("AdaptiveSparkPlanExec", "WholeStageCodegenExec",
      "InputAdapter", "ReusedExchangeExec", "ReusedSubqueryExec", "CommandResultExec");

  private PlanCensus() {}

  /**
   * What a plan (or several, {@link #plus}) ran: operators in all, those native, operators by simple
   * name (native or not, for the docs' table) and the distinct fallback reasons, in the order met.
   */
  public record Counts(int operators, int nativeOperators, Map<String, Integer> byOperator, Set<String> fallbackReasons) {
    /** No plan seen: nothing counted. */
    public static final Counts NONE = new Counts(0, 0, Map.of(), Set.of());

    /** Both counts together: the sums, the per-name counts merged, the reasons of this then of {@code o}. */
    public Counts plus(Counts o) {
      Map<String, Integer> by = new TreeMap<>(byOperator);
      o.byOperator.forEach((k, v) -> by.merge(k, v, Integer::sum));
      Set<String> reasons = new LinkedHashSet<>(fallbackReasons);
      reasons.addAll(o.fallbackReasons);
      return new Counts(operators + o.operators, nativeOperators + o.nativeOperators, by, reasons);
    }

    /** Native operators over all operators; 0 when there were none. */
    public double nativeShare() {
      return operators == 0 ? 0 : (double) nativeOperators / operators;
    }
  }

  /** Counts {@code plan} (an executed plan: {@code QueryExecution.executedPlan()}). */
  public static Counts of(SparkPlan plan) {
    Acc acc = new Acc();
    walk(plan, acc);
    return new Counts(acc.operators, acc.nativeOperators, acc.byOperator, acc.reasons);
  }

  /** True for a node name that is not an operator: a wrapper ({@link #WRAPPERS}, query stages) or a row/columnar transition. */
  public static boolean isWrapper(String simpleName) {
    return WRAPPERS.contains(simpleName) || simpleName.endsWith("QueryStageExec")
        || simpleName.contains("ColumnarToRow") || simpleName.contains("ToColumnar");
  }

  /** True for an operator an accelerator (Comet) ran natively. */
  public static boolean isNative(String simpleName) {
    return simpleName.startsWith("Comet");
  }

  /** The counts of one walk as it goes. */
  private static final class Acc {
    int operators;
    int nativeOperators;
    final Map<String, Integer> byOperator = new TreeMap<>();
    final Set<String> reasons = new LinkedHashSet<>();
  }

  /** Counts {@code p} and its children into {@code acc}, following wrappers into what they wrap. */
  private static void walk(SparkPlan p, Acc acc) {
    if (p instanceof AdaptiveSparkPlanExec a) {
      walk(a.executedPlan(), acc);
      return;
    }
    if (p instanceof QueryStageExec q) {
      walk(q.plan(), acc);
      return;
    }
    if (p instanceof ReusedExchangeExec) {
      return;
    }
    String name = p.getClass().getSimpleName();
    if (!isWrapper(name)) {
      acc.operators++;
      acc.byOperator.merge(name, 1, Integer::sum);
      if (isNative(name)) {
        acc.nativeOperators++;
      } else {
        Option<Object> reasons = p.getTagValue(FALLBACK_REASONS);
        if (reasons.isDefined() && reasons.get() instanceof scala.collection.Iterable<?> set) {
          scala.collection.Iterator<?> it = set.iterator();
          while (it.hasNext()) {
            acc.reasons.add(name + ": " + it.next());
          }
        }
      }
    }
    scala.collection.Iterator<SparkPlan> children = p.children().iterator();
    while (children.hasNext()) {
      walk(children.next(), acc);
    }
    scala.collection.Iterator<SparkPlan> subqueries = p.subqueries().iterator();
    while (subqueries.hasNext()) {
      walk(subqueries.next(), acc);
    }
  }
}
