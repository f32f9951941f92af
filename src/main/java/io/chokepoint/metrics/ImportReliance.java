package io.chokepoint.metrics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.schema.RelianceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Net import reliance as USGS defines it, computed from the statistics it is defined by, beside
 * the value USGS published (see docs/import-reliance.md):
 *
 * <pre>
 * net imports          = imports − exports (+ stock change, where the definition names stock changes)
 * apparent consumption = production + net imports
 * net import reliance  = net imports / apparent consumption × 100
 * stock change         = stocks at the end of the previous year − stocks at the end of the year
 * stock cover (months) = stocks at the end of the year / (apparent consumption / 12)
 * </pre>
 *
 * <p>Which rows are summed is declared, never guessed from numbers: for each published net import
 * reliance row (its "basis" is the text after the colon of its detail, e.g. "Compounds and
 * metals"), the Import, Export, Production and Stock rows of the same country, commodity and year
 * whose detail names that basis, or all of them when none does; of the production rows, those of
 * the kinds the definition in the notes names ("secondary production + imports – exports" keeps
 * "Production: Secondary"), when the notes name any and a row has one.
 */
public final class ImportReliance {
  private static final List<String> PRODUCTION_KINDS = List.of("secondary", "primary", "mine", "refinery", "smelter");
  private static final String ROLE = "_role";
  private static final String PRIOR_STOCK = "PriorStock";
  private static final String NIR = "_nir";
  private static final String NIR_ID = "_nir_id";

  private ImportReliance() {}

  /**
   * Input: the used rows of {@code usgs-mcs-commodities} ({@link RelianceColumns}: country,
   * country_iso3, commodity, statistic, detail, unit, year, value, value_text, value_flag,
   * censored, bound, notes). Output, one row per published net import reliance row: country,
   * country_iso3, commodity, basis, year, unit, imports, exports, production, stock_change,
   * stock_change_status ({@code included}, {@code not_in_definition}, {@code unknown}: the
   * definition names stock changes but a year-end stock is missing, so none is added),
   * apparent_consumption, apparent_consumption_published (USGS's own, when one row gives it),
   * net_import_reliance_pct, published_pct (null unless USGS published a number), published_text
   * (as written: {@code 73}, {@code >95}, {@code E}, {@code W}), difference_pp (computed −
   * published), stocks, stock_cover_months, components, dash_as_zero (a {@code —} component was
   * counted as zero, USGS's meaning of it), status: the first of {@code missing_component} (no
   * import, export or production row), {@code withheld_component}, {@code unavailable_component},
   * {@code unusable_component} (a bound, range or word among them), {@code non_positive_consumption}
   * (computed apparent consumption 0 or below); then {@code no_published_value} (USGS published no
   * number, bound or {@code E}), {@code differs_from_published} (more than {@code tolerancePp}
   * from the number; outside the bound widened by it; {@code E} but above it), {@code ok}.
   * apparent_consumption, net_import_reliance_pct, difference_pp and stock_cover_months are null
   * where the status is one of the first six; the stock change is given wherever both year-end
   * stocks are.
   */
  public static Dataset<Row> of(Dataset<Row> stats, double tolerancePp) {
    List<String> key = List.of(RelianceColumns.COUNTRY, RelianceColumns.COMMODITY, RelianceColumns.YEAR);
    Column detail = col(RelianceColumns.DETAIL);
    Column statistic = col(RelianceColumns.STATISTIC);
    Dataset<Row> nir = stats.where(statistic.equalTo(RelianceColumns.NET_IMPORT_RELIANCE)).select(
        col(RelianceColumns.COUNTRY), col(RelianceColumns.COUNTRY_ISO3), col(RelianceColumns.COMMODITY),
        col(RelianceColumns.YEAR), detail.as(NIR),
        when(trim(regexp_extract(detail, "^[^:]*:(.*)$", 1)).notEqual(""), trim(regexp_extract(detail, "^[^:]*:(.*)$", 1)))
            .as(RelianceColumns.BASIS),
        col(RelianceColumns.VALUE).as("_p_value"), col(RelianceColumns.VALUE_TEXT).as(RelianceColumns.PUBLISHED_TEXT),
        col(RelianceColumns.VALUE_FLAG).as("_p_flag"), col(RelianceColumns.CENSORED).as("_p_censored"),
        col(RelianceColumns.BOUND).as("_p_bound"), coalesce(col(RelianceColumns.NOTES), lit("")).as("_nir_notes"))
        .withColumn(NIR_ID, monotonically_increasing_id());
    List<String> sameDetail = new ArrayList<>(key);
    sameDetail.add(NIR);
    nir = nir.withColumn("_nir_rows", count(lit(1)).over(Window.partitionBy(cols(sameDetail))));
    Column apparent = statistic.equalTo(RelianceColumns.CONSUMPTION).and(lower(detail).contains("apparent"));
    Dataset<Row> parts = stats.where(statistic.isin(RelianceColumns.IMPORT, RelianceColumns.EXPORT,
            RelianceColumns.PRODUCTION, RelianceColumns.STOCK).or(apparent))
        .select(col(RelianceColumns.COUNTRY).as("_c"), col(RelianceColumns.COMMODITY).as("_m"),
            col(RelianceColumns.YEAR).as("_y"), statistic.as(ROLE), detail.as("_detail"),
            col(RelianceColumns.UNIT).as("_unit"), col(RelianceColumns.VALUE).as("_value"),
            col(RelianceColumns.VALUE_TEXT).as("_text"), col(RelianceColumns.VALUE_FLAG).as("_flag"),
            col(RelianceColumns.NOTES).as("_notes"));
    // Year-end stocks of the year before, as a role of their own.
    Dataset<Row> prior = parts.where(col(ROLE).equalTo(RelianceColumns.STOCK))
        .withColumn("_y", col("_y").plus(1)).withColumn(ROLE, lit(PRIOR_STOCK));
    Dataset<Row> joined = nir.join(parts.unionByName(prior), col(RelianceColumns.COUNTRY).equalTo(col("_c"))
        .and(col(RelianceColumns.COMMODITY).equalTo(col("_m"))).and(col(RelianceColumns.YEAR).equalTo(col("_y"))),
        "left");

    List<String> nirKey = new ArrayList<>(key);
    nirKey.add(NIR);
    nirKey.add(NIR_ID);
    WindowSpec perRole = Window.partitionBy(cols(nirKey, ROLE));
    WindowSpec perNir = Window.partitionBy(cols(nirKey));
    // Rows naming the basis, where any of the role does.
    Column basis = col(RelianceColumns.BASIS);
    Column names = basis.isNull().or(lower(col("_detail")).contains(lower(basis)));
    joined = joined.withColumn("_names", names).withColumn("_any_names", max(col("_names")).over(perRole))
        .where(col(ROLE).isNull().or(col("_names")).or(col("_any_names").unary_$bang()));
    // Production of the kinds the definition names ("secondary production + imports – exports").
    Column definition = lower(concat(col("_nir_notes"), lit(" "),
        coalesce(max(when(col(ROLE).equalTo(RelianceColumns.CONSUMPTION), col("_notes"))).over(perNir), lit(""))));
    joined = joined.withColumn("_definition", definition);
    Column named = lit(false);
    Column kindOfRow = lit(false);
    for (String k : PRODUCTION_KINDS) {
      Column mentioned = col("_definition").rlike(k + " production");
      named = named.or(mentioned);
      kindOfRow = kindOfRow.or(mentioned.and(lower(col("_detail")).contains(k)));
    }
    Column production = col(ROLE).equalTo(RelianceColumns.PRODUCTION);
    joined = joined.withColumn("_kind_named", named).withColumn("_of_kind", production.and(kindOfRow))
        .withColumn("_any_of_kind", max(col("_of_kind")).over(perRole))
        .where(production.unary_$bang().or(col("_kind_named").unary_$bang()).or(col("_any_of_kind").unary_$bang())
            .or(col("_of_kind")));

    Column role = col(ROLE);
    Column flag = col("_flag");
    Column core = role.isin(RelianceColumns.IMPORT, RelianceColumns.EXPORT, RelianceColumns.PRODUCTION);
    Column amount = when(flag.equalTo(RelianceColumns.DASH), lit(0.0)).otherwise(col("_value"));
    Column unusable = flag.isin(RelianceColumns.NUMBER, RelianceColumns.DASH, RelianceColumns.WITHHELD,
        RelianceColumns.NOT_AVAILABLE).unary_$bang();
    List<Column> groupBy = new ArrayList<>(List.of(cols(nirKey)));
    for (String c : List.of(RelianceColumns.COUNTRY_ISO3, RelianceColumns.BASIS, "_p_value", RelianceColumns.PUBLISHED_TEXT,
        "_p_flag", "_p_censored", "_p_bound", "_nir_notes", "_nir_rows")) {
      groupBy.add(col(c));
    }
    Dataset<Row> summed = joined.groupBy(groupBy.toArray(Column[]::new)).agg(
        sum(when(role.equalTo(RelianceColumns.IMPORT), amount)).as(RelianceColumns.IMPORTS),
        sum(when(role.equalTo(RelianceColumns.EXPORT), amount)).as(RelianceColumns.EXPORTS),
        sum(when(production, amount)).as(RelianceColumns.PRODUCTION_USED),
        count(when(role.equalTo(RelianceColumns.IMPORT), lit(1))).as("_n_i"),
        count(when(role.equalTo(RelianceColumns.EXPORT), lit(1))).as("_n_e"),
        count(when(production, lit(1))).as("_n_p"),
        count(when(core.and(flag.equalTo(RelianceColumns.WITHHELD)), lit(1))).as("_n_w"),
        count(when(core.and(flag.equalTo(RelianceColumns.NOT_AVAILABLE)), lit(1))).as("_n_na"),
        count(when(core.and(unusable), lit(1))).as("_n_bad"),
        count(when(core.and(flag.equalTo(RelianceColumns.DASH)), lit(1))).as("_n_dash"),
        stockSum(role, RelianceColumns.STOCK, flag, amount).as(RelianceColumns.STOCKS),
        stockSum(role, PRIOR_STOCK, flag, amount).as("_prior_stocks"),
        count(when(role.equalTo(RelianceColumns.CONSUMPTION), lit(1))).as("_n_ac"),
        first(when(role.equalTo(RelianceColumns.CONSUMPTION), col("_value")), true).as("_ac"),
        array_join(array_sort(collect_set(when(core, col("_unit")))), " | ").as(RelianceColumns.UNIT),
        array_join(array_sort(collect_list(when(role.notEqual(PRIOR_STOCK), concat(lower(role), lit(": "), col("_detail"),
            lit(" = "), coalesce(col("_text"), lit("")))))), "; ").as(RelianceColumns.COMPONENTS));

    Column stockInDefinition = lower(col("_nir_notes")).contains("stock");
    Column stockChange = when(stockInDefinition, col("_prior_stocks").minus(col(RelianceColumns.STOCKS)));
    Column status = when(col("_nir_rows").gt(1), lit(RelianceColumns.AMBIGUOUS_ROWS))
        .when(col("_n_i").equalTo(0).or(col("_n_e").equalTo(0)).or(col("_n_p").equalTo(0)),
        lit(RelianceColumns.MISSING_COMPONENT))
        .when(col("_n_w").gt(0), lit(RelianceColumns.WITHHELD_COMPONENT))
        .when(col("_n_na").gt(0), lit(RelianceColumns.UNAVAILABLE_COMPONENT))
        .when(col("_n_bad").gt(0), lit(RelianceColumns.UNUSABLE_COMPONENT));
    Dataset<Row> computed = summed
        .withColumn(RelianceColumns.STOCK_CHANGE, stockChange)
        .withColumn(RelianceColumns.STOCK_CHANGE_STATUS, when(stockInDefinition.unary_$bang(),
            lit(RelianceColumns.NOT_IN_DEFINITION)).when(stockChange.isNull(), lit(RelianceColumns.UNKNOWN))
            .otherwise(lit(RelianceColumns.INCLUDED)))
        .withColumn("_component_status", status)
        .withColumn("_net", when(status.isNull(), col(RelianceColumns.IMPORTS).minus(col(RelianceColumns.EXPORTS))
            .plus(coalesce(col(RelianceColumns.STOCK_CHANGE), lit(0.0)))))
        .withColumn(RelianceColumns.APPARENT_CONSUMPTION, col(RelianceColumns.PRODUCTION_USED).plus(col("_net")));
    Column ac = col(RelianceColumns.APPARENT_CONSUMPTION);
    Column pct = when(ac.gt(0), col("_net").divide(ac).multiply(100));
    Column pFlag = col("_p_flag");
    Column pBound = col("_p_bound");
    Column agrees = when(pFlag.equalTo(RelianceColumns.NUMBER), abs(pct.minus(col("_p_value"))).leq(tolerancePp))
        .when(pFlag.equalTo(RelianceColumns.BOUNDED).and(col("_p_censored").equalTo(">")), pct.gt(pBound.minus(tolerancePp)))
        .when(pFlag.equalTo(RelianceColumns.BOUNDED), pct.lt(pBound.plus(tolerancePp)))
        .when(pFlag.equalTo(RelianceColumns.NET_EXPORTER), pct.lt(tolerancePp));
    Column finalStatus = coalesce(col("_component_status"),
        when(ac.leq(0), lit(RelianceColumns.NON_POSITIVE_CONSUMPTION)),
        when(agrees.isNull(), lit(RelianceColumns.NO_PUBLISHED_VALUE)),
        when(agrees, lit(RelianceColumns.OK)).otherwise(lit(RelianceColumns.DIFFERS)));
    return computed.select(
        col(RelianceColumns.COUNTRY), col(RelianceColumns.COUNTRY_ISO3), col(RelianceColumns.COMMODITY),
        col(RelianceColumns.BASIS), col(RelianceColumns.YEAR), col(RelianceColumns.UNIT),
        col(RelianceColumns.IMPORTS), col(RelianceColumns.EXPORTS), col(RelianceColumns.PRODUCTION_USED),
        col(RelianceColumns.STOCK_CHANGE), col(RelianceColumns.STOCK_CHANGE_STATUS),
        ac.as(RelianceColumns.APPARENT_CONSUMPTION),
        when(col("_n_ac").equalTo(1), col("_ac")).as(RelianceColumns.APPARENT_CONSUMPTION_PUBLISHED),
        pct.as(RelianceColumns.RELIANCE_PCT),
        col("_p_value").as(RelianceColumns.PUBLISHED_PCT), col(RelianceColumns.PUBLISHED_TEXT),
        pct.minus(col("_p_value")).as(RelianceColumns.DIFFERENCE_PP),
        col(RelianceColumns.STOCKS),
        when(ac.gt(0), col(RelianceColumns.STOCKS).divide(ac.divide(12))).as(RelianceColumns.STOCK_COVER_MONTHS),
        col(RelianceColumns.COMPONENTS),
        when(col("_component_status").isNull(), col("_n_dash").gt(0)).as(RelianceColumns.DASH_AS_ZERO),
        finalStatus.as(RelianceColumns.STATUS));
  }

  /** The sum of a stock role's rows; null when it has none, or any of them is not a number ({@code —} counts as zero). */
  private static Column stockSum(Column role, String which, Column flag, Column amount) {
    Column of = role.equalTo(which);
    return when(count(when(of, lit(1))).gt(0).and(count(when(of.and(flag.isin(RelianceColumns.NUMBER,
        RelianceColumns.DASH).unary_$bang()), lit(1))).equalTo(0)), sum(when(of, amount)))
        .cast(DataTypes.DoubleType);
  }

  private static Column[] cols(List<String> names, String... more) {
    List<Column> out = new ArrayList<>(names.stream().map(n -> col(n)).toList());
    for (String m : more) {
      out.add(col(m));
    }
    return out.toArray(Column[]::new);
  }
}
