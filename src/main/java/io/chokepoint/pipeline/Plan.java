package io.chokepoint.pipeline;

import io.chokepoint.error.UsageException;
import io.chokepoint.spec.InputSpec;
import io.chokepoint.spec.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps a spec asks for, in an order where every table is produced before a step that needs
 * or uses it, and the inputs to ingest (each with the step that scopes it). Built from the steps'
 * declarations alone: no Spark, no data.
 */
record Plan(List<Step> steps, Map<String, InputSpec> inputs, Map<String, Step> scopeOwners) {
  /** Every step the product has; the plan picks and orders the ones a spec asks for. */
  static final List<Step> ALL = List.of(new TradeExposureStep(), new SupplyStep(), new GrowthStep(),
      new SensitivityStep(), new SupplyRiskStep(), new ValueChainStep(), new BlocStep(),
      new MirrorFlowsStep(), new ImportRelianceStep());

  static Plan of(JobSpec spec) {
    return of(spec, ALL);
  }

  static Plan of(JobSpec spec, List<Step> all) {
    List<Step> active = all.stream().filter(s -> s.triggers().stream().anyMatch(i -> spec.input(i).isPresent())
        && s.requested(spec)).toList();
    if (active.isEmpty()) {
      throw new UsageException("inputs: none of them feeds a step; nothing to run");
    }
    active.forEach(s -> s.validate(spec));
    Map<String, Step> producers = new LinkedHashMap<>();
    for (Step s : active) {
      s.produces().forEach(t -> producers.putIfAbsent(t, s));
    }
    for (Step s : active) {
      for (String t : s.needs()) {
        if (!producers.containsKey(t)) {
          String from = all.stream().filter(o -> o.produces().contains(t)).findFirst()
              .map(o -> " (it comes from inputs." + String.join(" or inputs.", o.triggers()) + ")").orElse("");
          throw new UsageException("step " + s.name() + " needs table " + t + ", which no step of this job produces"
              + from);
        }
      }
    }
    List<Step> ordered = new ArrayList<>();
    List<Step> pending = new ArrayList<>(active);
    while (!pending.isEmpty()) {
      Step ready = pending.stream().filter(s -> dependencies(s).stream()
          .allMatch(t -> !producers.containsKey(t) || producers.get(t) == s || ordered.contains(producers.get(t))))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("steps depend on each other in a cycle: " + pending));
      ordered.add(ready);
      pending.remove(ready);
    }
    // An input's owner (whose scope it is read with, and who may land it) is the first step to read it
    // in the order steps are declared (ALL), not the order they run in: the trade exposure step owns
    // the trade rows even when a step it uses (mirror flows) runs before it.
    Map<String, InputSpec> inputs = new LinkedHashMap<>();
    Map<String, Step> owners = new LinkedHashMap<>();
    for (Step s : active) {
      for (String i : s.reads()) {
        InputSpec in = spec.input(i).orElse(s.defaults(spec).get(i));
        if (in != null && !inputs.containsKey(i)) {
          inputs.put(i, in);
          owners.put(i, s);
        }
      }
    }
    return new Plan(List.copyOf(ordered), inputs, owners);
  }

  private static List<String> dependencies(Step s) {
    List<String> d = new ArrayList<>(s.needs());
    d.addAll(s.uses());
    return d;
  }

  /** The plan as {@code validate} prints it: each step with what it reads, uses and produces. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Step s : steps) {
      List<String> from = new ArrayList<>(s.reads().stream().filter(inputs::containsKey).map(i -> "inputs." + i).toList());
      from.addAll(s.needs());
      s.uses().stream().filter(t -> steps.stream().anyMatch(o -> o != s && o.produces().contains(t))).forEach(from::add);
      lines.add("step " + s.name() + ": " + String.join(", ", from) + " -> " + String.join(", ", s.produces()));
    }
    return lines;
  }

  /** The steps of the plan that read {@code input}. */
  List<Step> readers(String input) {
    return steps.stream().filter(s -> s.reads().contains(input)).toList();
  }
}
