package io.chokepoint.schema;

import java.util.List;

/** Column names and values of {@code mirror_flows}: both sides of each bilateral flow. */
public final class MirrorColumns {
  public static final String IMPORTER = "importer_iso3";
  public static final String EXPORTER = "exporter_iso3";
  /** What the importer reported (CIF, as most importers report). */
  public static final String IMPORTER_VALUE = "importer_value_usd";
  /** What the exporter reported shipping to the importer (FOB, as most exporters report). */
  public static final String EXPORTER_VALUE = "exporter_value_usd";
  public static final String IMPORTER_WEIGHT = "importer_net_weight_kg";
  public static final String EXPORTER_WEIGHT = "exporter_net_weight_kg";
  /** importer value / exporter value. */
  public static final String CIF_FOB_RATIO = "cif_fob_ratio";
  /** |X − M| / (X + M) of the values (the Harvard Growth Lab's reporting discrepancy). */
  public static final String VALUE_DISCREPANCY = "value_discrepancy";
  /** The same for net weights. */
  public static final String WEIGHT_DISCREPANCY = "weight_discrepancy";
  public static final String CLASS = "class";
  public static final String VALUE_STATUS = "value_status";
  public static final String WEIGHT_STATUS = "weight_status";
  public static final String RECONCILED_VALUE = "reconciled_value_usd";
  public static final String RECONCILED_WEIGHT = "reconciled_net_weight_kg";
  /** {@link #FROM_IMPORTER} or {@link #FROM_EXPORTER}. */
  public static final String RECONCILED_FROM = "reconciled_from";

  /** Classes. */
  public static final String AGREE = "agree";
  public static final String VALUES_DIFFER = "values_differ";
  public static final String WEIGHTS_DIFFER = "weights_differ";
  public static final String IMPORTER_ONLY = "importer_only";
  public static final String EXPORTER_ONLY = "exporter_only";
  public static final List<String> CLASSES = List.of(AGREE, VALUES_DIFFER, WEIGHTS_DIFFER, IMPORTER_ONLY,
      EXPORTER_ONLY);

  /** Statuses: both sides report and the exporter's value (or weight) is above zero. */
  public static final String OK = "ok";
  /** Only one side reports the flow. */
  public static final String ONE_SIDE = "one_side";
  /** Both values (or weights) are zero, or the exporter's value is: the ratio is undefined. */
  public static final String ZERO = "zero";
  /** A side reports no weight: the class was decided on values alone. */
  public static final String MISSING = "missing";

  /** The flow comes from a source that reconciled both sides already (BACI): no sides, no class. */
  public static final String RECONCILED_BY_SOURCE = "reconciled_by_source";

  public static final String FROM_IMPORTER = "importer";
  public static final String FROM_SOURCE = "source";
  public static final String FROM_EXPORTER = "exporter_fob_times_cif_factor";

  private MirrorColumns() {}
}
