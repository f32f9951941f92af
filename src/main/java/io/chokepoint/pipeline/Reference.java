package io.chokepoint.pipeline;

import io.chokepoint.reference.CommodityGroups;
import io.chokepoint.reference.Countries;
import io.chokepoint.spec.JobSpec;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The reference tables a job runs with: the job's own files, or those shipped in the jar. The
 * supply-risk tables are loaded by the step that uses them, from {@code riskPaths} ({@link
 * JobSpec#RISK_REFERENCE} key → path; absent keys mean the jar's table).
 */
public record Reference(Countries countries, CommodityGroups groups, Map<String, String> riskPaths) {
  public static Reference load(JobSpec spec, Configuration conf) {
    return new Reference(Countries.load(spec.countriesPath(), conf), CommodityGroups.load(spec.commodityGroupsPath(), conf),
        spec.riskReference());
  }
}
