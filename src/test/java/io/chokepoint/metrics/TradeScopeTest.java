package io.chokepoint.metrics;

import static io.chokepoint.testing.DatasetAssert.assertRowsEqual;

import io.chokepoint.reference.CommodityGroups;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.TradeParams;
import io.chokepoint.testing.SparkTestBase;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TradeScopeTest extends SparkTestBase {
  static final StructType PARSED = new StructType()
      .add(TradeColumns.YEAR, DataTypes.IntegerType)
      .add(TradeColumns.MONTH, DataTypes.IntegerType)
      .add(TradeColumns.REPORTER, DataTypes.StringType)
      .add(TradeColumns.FLOW, DataTypes.StringType)
      .add(TradeColumns.HS_CODE, DataTypes.StringType)
      .add(RowStatus.REJECT_REASON, DataTypes.StringType)
      .add(RowStatus.FILTER_REASON, DataTypes.StringType);

  @Test
  void groupsByLongestPrefixAndCountsEveryRowOnce() {
    CommodityGroups groups = CommodityGroups.load(null, new Configuration());
    Dataset<Row> parsed = df(PARSED,
        row(2020, null, "JPN", "import", "284690", null, null),
        row(2020, null, "JPN", "import", "810194", null, null),
        row(2020, null, "JPN", "import", "253090", null, null),
        row(2020, null, "JPN", "export", "284690", null, null),
        row(2020, 3, "JPN", "import", "284690", null, null),
        row(2009, null, "JPN", "import", "284690", null, null),
        row(2020, null, "KOR", "import", "284690", null, null),
        row(2020, null, "JPN", "import", "284690", null, "breakdown_row"),
        row(null, null, "JPN", "import", "284690", "missing year", null));
    TradeParams p = new TradeParams("CHN", TradeParams.BY_GROUP, List.of("import"), List.of("JPN"), 2010, 2025,
        TradeParams.ANNUAL, 1500, 2500, true);
    Dataset<Row> out = TradeScope.apply(parsed, groups.table(spark()), TradeScope.prefixLengths(groups), p)
        .select(TradeColumns.HS_CODE, "commodity_group", "stage", RowStatus.FILTER_REASON, RowStatus.STATUS);
    assertRowsEqual(out, List.of(
        row("284690", "rare_earths", "compound", null, "used"),
        row("810194", "tungsten", "metal", null, "used"),
        row("253090", null, null, "hs_code_in_no_group", "filtered"),
        row("284690", "rare_earths", "compound", "flow_not_in_scope", "filtered"),
        row("284690", "rare_earths", "compound", "frequency_not_in_scope", "filtered"),
        row("284690", "rare_earths", "compound", "year_not_in_scope", "filtered"),
        row("284690", "rare_earths", "compound", "reporter_not_in_scope", "filtered"),
        row("284690", "rare_earths", "compound", "breakdown_row", "filtered"),
        row("284690", "rare_earths", "compound", null, "rejected")), 0);
  }

  /**
   * A row out of the frequency or the years gets that reason before its flow's or its reporter's:
   * {@link MirrorFlows#sides} relies on it (a row filtered for its flow or reporter is of the job's
   * frequency and years, so it tests neither again).
   */
  @Test
  void frequencyAndYearsComeBeforeFlowAndReporter() {
    CommodityGroups groups = CommodityGroups.load(null, new Configuration());
    Dataset<Row> parsed = df(PARSED,
        row(2009, null, "JPN", "export", "284690", null, null),
        row(2020, 3, "JPN", "export", "284690", null, null),
        row(2026, null, "KOR", "import", "284690", null, null),
        row(2020, 3, "KOR", "export", "284690", null, null),
        row(2020, null, "KOR", "export", "284690", null, null));
    TradeParams p = new TradeParams("CHN", TradeParams.BY_GROUP, List.of("import"), List.of("JPN"), 2010, 2025,
        TradeParams.ANNUAL, 1500, 2500, true);
    Dataset<Row> out = TradeScope.apply(parsed, groups.table(spark()), TradeScope.prefixLengths(groups), p)
        .select(TradeColumns.YEAR, TradeColumns.REPORTER, TradeColumns.FLOW, RowStatus.FILTER_REASON);
    assertRowsEqual(out, List.of(
        row(2009, "JPN", "export", "year_not_in_scope"),
        row(2020, "JPN", "export", "frequency_not_in_scope"),
        row(2026, "KOR", "import", "year_not_in_scope"),
        row(2020, "KOR", "export", "frequency_not_in_scope"),
        row(2020, "KOR", "export", "flow_not_in_scope")), 0);
  }
}
