package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
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

    Column yearText = Parse.text(l.year());
    Column year = yearText.try_cast(DataTypes.IntegerType);
    Column monthText = Parse.text(l.month());
    Column month = monthText.try_cast(DataTypes.IntegerType);
    Column freq = l.frequency();
    Parse.Number value = Parse.amount(l.value(), l.valueScale(), TradeColumns.VALUE_USD);
    Parse.Number weight = Parse.amount(l.weight(), l.weightScale(), TradeColumns.NET_WEIGHT_KG);
    Parse.Number quantity = Parse.amount(l.quantity(), l.quantityScale(), TradeColumns.QUANTITY);
    Column hs = Parse.text(l.hsCode());
    Column flowText = Parse.text(l.flowText());

    Column reason = coalesce(
        when(yearText.isNull(), lit("missing year")),
        when(year.isNull().or(year.lt(1900)).or(year.gt(2100)), Parse.quoted("unparsable year", yearText)),
        when(freq.isNull().or(freq.isin("A", "M").unary_$bang()), Parse.quoted("unknown frequency code", freq)),
        when(freq.equalTo("M").and(month.isNull().or(month.lt(1)).or(month.gt(12))), Parse.quoted("unparsable month", monthText)),
        when(col("_r_iso3").isNull(), Parse.quoted("unknown reporter code", Parse.text(l.reporterText()))),
        when(col("_p_iso3").isNull(), Parse.quoted("unknown partner code", Parse.text(l.partnerText()))),
        when(l.flow().isNull(), Parse.quoted("unknown flow code", flowText)),
        when(hs.isNull(), lit("missing hs_code")),
        when(value.text().isNull(), lit("missing value_usd")),
        value.reason(),
        weight.reason(),
        quantity.reason());

    Column filter = when(l.breakdown(), lit(BREAKDOWN_ROW))
        .when(l.flow().equalTo(TradeLayouts.SUB_FLOW), lit(SUB_FLOW));

    return joined.select(
        year.as(TradeColumns.YEAR),
        when(freq.equalTo("M"), month).as(TradeColumns.MONTH),
        col("_r_iso3").as(TradeColumns.REPORTER),
        col("_p_iso3").as(TradeColumns.PARTNER),
        col("_p_kind").as(TradeColumns.PARTNER_KIND),
        when(l.flow().equalTo(TradeLayouts.SUB_FLOW), flowText).otherwise(l.flow()).as(TradeColumns.FLOW),
        hs.as(TradeColumns.HS_CODE),
        value.parsed().as(TradeColumns.VALUE_USD),
        weight.parsed().as(TradeColumns.NET_WEIGHT_KG),
        quantity.parsed().as(TradeColumns.QUANTITY),
        Parse.text(l.quantityUnit()).as(TradeColumns.QUANTITY_UNIT),
        l.sourceFormat().cast(DataTypes.StringType).as(TradeColumns.SOURCE_FORMAT),
        reason.as(RowStatus.REJECT_REASON),
        filter.as(RowStatus.FILTER_REASON),
        when(reason.isNotNull(), l.raw()).as(RowStatus.RAW),
        col(RowStatus.SOURCE_FILE));
  }
}
