package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns raw rows of any trade layout into canonical rows, each with the reason it cannot be used.
 *
 * <p>Input: the raw Dataset a {@link TradeLayout} describes, plus {@link RowStatus#SOURCE_FILE}.
 * Output: {@link TradeColumns#NAMES}, {@link RowStatus#REJECT_REASON} (null when the row parsed),
 * {@link RowStatus#FILTER_REASON} ({@code breakdown_row} or {@code sub_flow} for partial rows whose
 * totals are also present, else null), {@link RowStatus#RAW} (rejected rows only) and
 * {@link RowStatus#SOURCE_FILE}. A rejected row keeps whatever fields did parse; nothing is
 * defaulted. Countries are resolved by one broadcast join per side against
 * {@link Countries#lookupTable}.
 */
public final class TradeRowParser {
  public static final String BREAKDOWN_ROW = "breakdown_row";
  public static final String SUB_FLOW = "sub_flow";

  private TradeRowParser() {}

  public static Dataset<Row> parse(Dataset<Row> raw, TradeLayout l, Dataset<Row> countryLookup) {
    Dataset<Row> r = broadcast(countryLookup.select(col(Countries.KEY).as("_r_key"), col(Countries.ISO3).as("_r_iso3")));
    Dataset<Row> p = broadcast(countryLookup.select(col(Countries.KEY).as("_p_key"), col(Countries.ISO3).as("_p_iso3"),
        col(Countries.KIND).as("_p_kind")));
    Dataset<Row> joined = raw
        .join(r, l.reporterKey().equalTo(col("_r_key")), "left")
        .join(p, l.partnerKey().equalTo(col("_p_key")), "left");

    // Stage 1: every field trimmed once; stage 2: parsed once; stage 3: reasons and outputs.
    Dataset<Row> texts = joined.select(
        Parse.text(l.year()).as("_t_year"), Parse.text(l.month()).as("_t_month"), l.frequency().as("_freq"),
        col("_r_iso3"), col("_p_iso3"), col("_p_kind"),
        Parse.text(l.reporterText()).as("_t_reporter"), Parse.text(l.partnerText()).as("_t_partner"),
        l.flow().as("_flow"), Parse.text(l.flowText()).as("_t_flow"), Parse.text(l.hsCode()).as("_hs"),
        Parse.text(l.value()).as("_t_value"), Parse.text(l.weight()).as("_t_weight"),
        Parse.text(l.quantity()).as("_t_qty"), Parse.text(l.quantityUnit()).as("_unit"),
        l.breakdown().as("_breakdown"), l.sourceFormat().cast(DataTypes.StringType).as("_source_format"),
        l.raw().as("_raw_record"), col(RowStatus.SOURCE_FILE));
    Dataset<Row> typed = texts.select(col("*"),
        col("_t_year").try_cast(DataTypes.IntegerType).as("_year"),
        col("_t_month").try_cast(DataTypes.IntegerType).as("_month"),
        col("_t_value").try_cast(DataTypes.DoubleType).as("_n_value"),
        col("_t_weight").try_cast(DataTypes.DoubleType).as("_n_weight"),
        col("_t_qty").try_cast(DataTypes.DoubleType).as("_n_qty"));

    Column yearText = col("_t_year");
    Column year = col("_year");
    Column monthText = col("_t_month");
    Column month = col("_month");
    Column freq = col("_freq");
    Column flow = col("_flow");
    Parse.Number value = Parse.number(col("_t_value"), col("_n_value"), l.valueScale(), TradeColumns.VALUE_USD, false);
    Parse.Number weight = Parse.number(col("_t_weight"), col("_n_weight"), l.weightScale(), TradeColumns.NET_WEIGHT_KG,
        false);
    Parse.Number quantity = Parse.number(col("_t_qty"), col("_n_qty"), l.quantityScale(), TradeColumns.QUANTITY, false);
    Column reason = coalesce(
        when(yearText.isNull(), lit("missing year")),
        when(year.isNull().or(year.lt(1900)).or(year.gt(2100)), Parse.quoted("unparsable year", yearText)),
        when(freq.isNull().or(freq.isin("A", "M").unary_$bang()), Parse.quoted("unknown frequency code", freq)),
        when(freq.equalTo("M").and(month.isNull().or(month.lt(1)).or(month.gt(12))),
            Parse.quoted("unparsable month", monthText)),
        when(col("_r_iso3").isNull(), Parse.quoted("unknown reporter code", col("_t_reporter"))),
        when(col("_p_iso3").isNull(), Parse.quoted("unknown partner code", col("_t_partner"))),
        when(flow.isNull(), Parse.quoted("unknown flow code", col("_t_flow"))),
        when(col("_hs").isNull(), lit("missing hs_code")),
        when(value.text().isNull(), lit("missing value_usd")),
        value.reason(),
        weight.reason(),
        quantity.reason());

    Column filter = when(col("_breakdown"), lit(BREAKDOWN_ROW))
        .when(flow.equalTo(TradeLayouts.SUB_FLOW), lit(SUB_FLOW));

    return typed.select(
        year.as(TradeColumns.YEAR),
        when(freq.equalTo("M"), month).as(TradeColumns.MONTH),
        col("_r_iso3").as(TradeColumns.REPORTER),
        col("_p_iso3").as(TradeColumns.PARTNER),
        col("_p_kind").as(TradeColumns.PARTNER_KIND),
        when(flow.equalTo(TradeLayouts.SUB_FLOW), col("_t_flow")).otherwise(flow).as(TradeColumns.FLOW),
        col("_hs").as(TradeColumns.HS_CODE),
        value.parsed().as(TradeColumns.VALUE_USD),
        weight.parsed().as(TradeColumns.NET_WEIGHT_KG),
        quantity.parsed().as(TradeColumns.QUANTITY),
        col("_unit").as(TradeColumns.QUANTITY_UNIT),
        col("_source_format").as(TradeColumns.SOURCE_FORMAT),
        reason.as(RowStatus.REJECT_REASON),
        filter.as(RowStatus.FILTER_REASON),
        col("_raw_record"),
        col(RowStatus.SOURCE_FILE))
        .withColumn(RowStatus.RAW, when(col(RowStatus.REJECT_REASON).isNotNull(), to_csv(col("_raw_record"))))
        .drop("_raw_record");
  }
}
