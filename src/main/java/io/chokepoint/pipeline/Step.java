package io.chokepoint.pipeline;

import io.chokepoint.spec.JobSpec;
import org.apache.hadoop.conf.Configuration;

/** One part of a job, run when the spec has its inputs. */
interface Step {
  String name();

  /** Whether the spec asks for this step (it has the step's inputs). */
  boolean applies(JobSpec spec);

  /**
   * Checks without Spark and without reading data: parameters parse, inputs exist, headers are
   * recognised. Returns one line per file for {@code validate}.
   */
  java.util.List<String> preflight(JobSpec spec, Reference ref, Configuration conf);

  void run(RunContext ctx);
}
