package io.chokepoint.pipeline;

import io.chokepoint.reference.CommodityGroups;
import io.chokepoint.reference.Countries;
import io.chokepoint.spec.JobSpec;
import org.apache.hadoop.conf.Configuration;

/** The reference tables a job runs with: the job's own files, or those shipped in the jar. */
public record Reference(Countries countries, CommodityGroups groups) {
  public static Reference load(JobSpec spec, Configuration conf) {
    return new Reference(Countries.load(spec.countriesPath(), conf), CommodityGroups.load(spec.commodityGroupsPath(), conf));
  }
}
