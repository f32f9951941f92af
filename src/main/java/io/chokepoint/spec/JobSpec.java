package io.chokepoint.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, validated job spec with every override applied and every path qualified.
 *
 * @param name job name, used in logs and the manifest
 * @param inputs inputs by name, in spec order
 * @param output the output root and format
 * @param params the job's parameters, parsed once
 * @param maxRejectRatio {@code quality.max_reject_ratio}: rejected / read above this fails the run
 * @param countriesPath {@code reference.countries}, or null for the table shipped in the jar
 * @param commodityGroupsPath {@code reference.commodity_groups}, or null for the shipped table
 * @param tablePaths the other reference tables the job names ({@link #TABLES} key → path); a table
 *     it does not name is the one shipped in the jar
 * @param resolved the spec as it was run (overrides applied, paths qualified), for the manifest
 */
public record JobSpec(
    String name,
    Map<String, InputSpec> inputs,
    OutputSpec output,
    JobParams params,
    double maxRejectRatio,
    String countriesPath,
    String commodityGroupsPath,
    Map<String, String> tablePaths,
    ObjectNode resolved) {
  /** {@code reference.risk_materials}: which production table stands for a material stage. */
  public static final String RISK_MATERIALS = "risk_materials";
  /** {@code reference.risk_material_groups}: the members of HREE, LREE … */
  public static final String RISK_MATERIAL_GROUPS = "risk_material_groups";
  /** {@code reference.risk_published_shares}: country shares of stages no production table covers. */
  public static final String RISK_PUBLISHED_SHARES = "risk_published_shares";
  /** {@code reference.risk_material_hs}: the HS6 codes of a material stage in trade. */
  public static final String RISK_MATERIAL_HS = "risk_material_hs";
  /** {@code reference.stage_reference}: HS6 codes → material and value-chain stage. */
  public static final String STAGE_REFERENCE = "stage_reference";
  /** {@code reference.stage_production}: which production series stands for a material stage. */
  public static final String STAGE_PRODUCTION = "stage_production";
  /** {@code reference.territories}: territories and their sovereign states. */
  public static final String TERRITORIES = "territories";
  /** {@code reference.hs_editions}: how the stage reference's codes moved between HS editions. */
  public static final String HS_EDITIONS = "hs_editions";
  /** Every reference table a job may name besides countries and commodity groups. */
  public static final java.util.List<String> TABLES = java.util.List.of(RISK_MATERIALS, RISK_MATERIAL_GROUPS,
      RISK_PUBLISHED_SHARES, RISK_MATERIAL_HS, STAGE_REFERENCE, STAGE_PRODUCTION, TERRITORIES, HS_EDITIONS);

  public Optional<InputSpec> input(String inputName) {
    return Optional.ofNullable(inputs.get(inputName));
  }

  /** Every path the job reads (inputs and reference tables), by the spec key that names it. */
  public Map<String, java.util.List<String>> readPaths() {
    Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
    inputs.forEach((n, in) -> out.put("inputs." + n + ".path", in.paths()));
    if (countriesPath != null) {
      out.put("reference.countries", java.util.List.of(countriesPath));
    }
    if (commodityGroupsPath != null) {
      out.put("reference.commodity_groups", java.util.List.of(commodityGroupsPath));
    }
    tablePaths.forEach((k, p) -> out.put("reference." + k, java.util.List.of(p)));
    return out;
  }
}
