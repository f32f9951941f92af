package io.chokepoint.pipeline;

import io.chokepoint.reference.CommodityGroups;
import io.chokepoint.reference.Countries;
import io.chokepoint.reference.HsEditions;
import io.chokepoint.reference.StageProduction;
import io.chokepoint.reference.StageReference;
import io.chokepoint.reference.Territories;
import io.chokepoint.spec.JobSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The reference tables a job runs with: the job's own files, or those shipped in the jar. The
 * other tables are loaded by the step that uses them, from {@code tablePaths} ({@link JobSpec#TABLES}
 * key → path; absent keys mean the jar's table).
 */
public record Reference(Countries countries, CommodityGroups groups, Map<String, String> tablePaths,
    Map<String, Object> loaded) {
  /** The stage reference the job names, or the jar's; read once per run (preflight, scope and steps share it). */
  public StageReference stageReference(Configuration conf) {
    return once(JobSpec.STAGE_REFERENCE, () -> StageReference.load(tablePaths.get(JobSpec.STAGE_REFERENCE), conf));
  }

  /** The HS edition links the job names, or the jar's; read once per run. */
  public HsEditions hsEditions(Configuration conf) {
    return once(JobSpec.HS_EDITIONS, () -> HsEditions.load(tablePaths.get(JobSpec.HS_EDITIONS), conf));
  }

  /** The territories table the job names, or the jar's; read once per run. */
  public Territories territories(Configuration conf) {
    return once(JobSpec.TERRITORIES, () -> Territories.load(tablePaths.get(JobSpec.TERRITORIES), conf));
  }

  /** The production series of the value chain the job names, or the jar's; read once per run. */
  public StageProduction stageProduction(Configuration conf) {
    return once(JobSpec.STAGE_PRODUCTION, () -> StageProduction.load(tablePaths.get(JobSpec.STAGE_PRODUCTION), conf));
  }

  /** The table under {@code key}, loaded on first use (a bad file fails then, and again on the next call). */
  @SuppressWarnings("unchecked")
  private <T> T once(String key, java.util.function.Supplier<T> load) {
    return (T) loaded.computeIfAbsent(key, k -> load.get());
  }

  public static Reference load(JobSpec spec, Configuration conf) {
    return new Reference(Countries.load(spec.countriesPath(), conf), CommodityGroups.load(spec.commodityGroupsPath(), conf),
        spec.tablePaths(), new ConcurrentHashMap<>());
  }
}
