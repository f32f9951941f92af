package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.TradeColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * Turns raw rows of any trade layout into canonical rows, each with the reason it cannot be used.
 *
 * <p>Input: the raw Dataset a {@link TradeLayout} describes, plus {@link RowStatus#SOURCE_FILE}.
 * Output: {@link TradeColumns#NAMES}, {@link RowStatus#REJECT_REASON} (null when the row parsed),
 * {@link RowStatus#FILTER_REASON} ({@code breakdown_row} or {@code sub_flow} for partial rows whose
 * totals are also present, else null), {@link RowStatus#RAW} (rejected rows only) and
 * {@link RowStatus#SOURCE_FILE}. The record's own reason ({@link CsvSource#REASON}) comes first. A rejected row keeps whatever fields did parse; nothing is
 * defaulted. Countries are resolved by one broadcast join per side against
 * {@link Countries#lookupTable}.
 */
public final class TradeRowParser {
  public static final String BREAKDOWN_ROW = "breakdown_row";
  public static final String SUB_FLOW = "sub_flow";
  /** Every filter reason the parser gives. */
  public static final List<String> FILTER_REASONS = List.of(BREAKDOWN_ROW, SUB_FLOW);
  /**
   * What an HS code is: 2 to 12 digits (chapters, headings, HS6, national tariff lines), or
   * Comtrade's all-commodities code {@code TOTAL}. Anything else (a stray byte, a letter) is no code:
   * the row is a reject, never a new product.
   */
  static final String HS_CODE = "^([0-9]{2,12}|TOTAL)$";
  private static final int HS_MIN_DIGITS = 2;
  private static final int HS_MAX_DIGITS = 12;

  private TradeRowParser() {}

  public static Dataset<Row> parse(Dataset<Row> raw, TradeLayout l, Dataset<Row> countryLookup) {
    Dataset<Row> r = broadcast(countryLookup.select(col(Countries.KEY).as("_r_key"), col(Countries.ISO3).as("_r_iso3")));
    Dataset<Row> p = broadcast(countryLookup.select(col(Countries.KEY).as("_p_key"), col(Countries.ISO3).as("_p_iso3"),
        col(Countries.KIND).as("_p_kind")));
    Dataset<Row> joined = raw
        .join(r, l.reporterKey().equalTo(col("_r_key")), "left")
        .join(p, l.partnerKey().equalTo(col("_p_key")), "left");

    // Stage 1: every text field trimmed once (numeric Parquet columns are taken as they are);
    // stage 2: parsed once; stage 3: each amount checked once; stage 4: the reject reason;
    // stage 5: outputs. The raw columns pass through untouched and are serialised for rejected
    // rows only.
    Field yearF = Field.of(joined, "year", l.year(), DataTypes.IntegerType);
    Field monthF = Field.of(joined, "month", l.month(), DataTypes.IntegerType);
    Field valueF = Field.of(joined, "value", l.value(), DataTypes.DoubleType);
    Field weightF = Field.of(joined, "weight", l.weight(), DataTypes.DoubleType);
    // BACI's one quantity (q) is both the weight and the quantity: parsed and checked once.
    boolean qtyIsWeight = l.quantity().equals(l.weight()) && l.quantityScale() == l.weightScale();
    Field qtyF = qtyIsWeight ? weightF : Field.of(joined, "qty", l.quantity(), DataTypes.DoubleType);
    List<Field> fields = new ArrayList<>(List.of(yearF, monthF, valueF, weightF));
    if (!qtyIsWeight) {
      fields.add(qtyF);
    }
    List<Column> stage1 = new ArrayList<>();
    for (String c : raw.columns()) {
      stage1.add(col(c));
    }
    fields.forEach(f -> stage1.add(f.stage1()));
    stage1.addAll(List.of(l.frequency().as("_freq"), col("_r_iso3"), col("_p_iso3"), col("_p_kind"),
        Parse.text(l.reporterText()).as("_t_reporter"), Parse.text(l.partnerText()).as("_t_partner"),
        l.flow().as("_flow"), Parse.text(l.flowText()).as("_t_flow"), Parse.text(l.hsCode()).as("_hs"),
        Parse.text(l.quantityUnit()).as("_unit"), l.breakdown().as("_breakdown"),
        l.sourceFormat().cast(DataTypes.StringType).as("_source_format"),
        l.classification().cast(DataTypes.StringType).as("_classification")));
    Dataset<Row> texts = joined.select(stage1.toArray(Column[]::new));
    List<Column> stage2 = new ArrayList<>(List.of(col("*")));
    fields.stream().filter(f -> !f.typed()).forEach(f -> stage2.add(f.stage2()));
    Dataset<Row> typed = texts.select(stage2.toArray(Column[]::new));

    Column yearText = yearF.text();
    Column year = yearF.value();
    Column monthText = monthF.text();
    Column month = monthF.value();
    Column freq = col("_freq");
    Column flow = col("_flow");
    // Stage 3: each amount's reason once; the row's reason and the published value both read it.
    List<Parse.Number> numbers = new ArrayList<>(List.of(valueF.number(l.valueScale(), TradeColumns.VALUE_USD),
        weightF.number(l.weightScale(), TradeColumns.NET_WEIGHT_KG)));
    if (!qtyIsWeight) {
      numbers.add(qtyF.number(l.quantityScale(), TradeColumns.QUANTITY));
    }
    List<Column> stage3 = new ArrayList<>(List.of(col("*")));
    for (int i = 0; i < numbers.size(); i++) {
      stage3.add(numbers.get(i).reason().as("_e_" + i));
      numbers.set(i, numbers.get(i).reasonFrom("_e_" + i));
    }
    Dataset<Row> checked = typed.select(stage3.toArray(Column[]::new));
    Parse.Number value = numbers.get(0);
    Parse.Number weight = numbers.get(1);
    Parse.Number quantity = qtyIsWeight ? weight : numbers.get(2);
    List<Column> reasons = new ArrayList<>(List.of(
        List.of(raw.columns()).contains(CsvSource.REASON) ? col(CsvSource.REASON) : lit(null).cast(DataTypes.StringType),
        when(yearF.present().unary_$bang(), lit("missing year")),
        when(year.isNull().or(Parse.yearInRange(year).unary_$bang()), Parse.quoted("unparsable year", yearText)),
        when(freq.isNull().or(freq.isin("A", "M").unary_$bang()), Parse.quoted("unknown frequency code", freq)),
        when(freq.equalTo("M").and(month.isNull().or(month.lt(1)).or(month.gt(12))),
            Parse.quoted("unparsable month", monthText)),
        when(col("_r_iso3").isNull(), Parse.quoted("unknown reporter code", col("_t_reporter"))),
        when(col("_p_iso3").isNull(), Parse.quoted("unknown partner code", col("_t_partner"))),
        when(flow.isNull(), Parse.quoted("unknown flow code", col("_t_flow"))),
        when(col("_hs").isNull(), lit("missing hs_code")),
        when(col("_hs").rlike(HS_CODE).unary_$bang(), Parse.quoted("unparsable hs_code", col("_hs"))),
        when(value.present().unary_$bang(), lit("missing value_usd"))));
    numbers.forEach(n -> reasons.add(n.reason())); // value, weight, then quantity when it is its own column
    Column reason = coalesce(reasons.toArray(Column[]::new));

    Column filter = when(col("_breakdown"), lit(BREAKDOWN_ROW))
        .when(flow.equalTo(TradeLayouts.SUB_FLOW), lit(SUB_FLOW));

    Dataset<Row> withReason = checked.withColumn("_reason", reason)
        .withColumn("_raw_text", when(col("_reason").isNotNull(), to_csv(l.raw())));
    return withReason.select(
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
        col("_classification").as(TradeColumns.CLASSIFICATION),
        col("_reason").as(RowStatus.REJECT_REASON),
        filter.as(RowStatus.FILTER_REASON),
        col("_raw_text").as(RowStatus.RAW),
        col(RowStatus.SOURCE_FILE));
  }

  /**
   * Whether bytes {@code [from, to)} are an HS code of digits only ({@link #HS_CODE} without
   * {@code TOTAL}, which takes the general path): the fast BACI path's check, equal to the parser's.
   */
  static boolean isHsCode(Object base, long offset, int from, int to) {
    if (to - from < HS_MIN_DIGITS || to - from > HS_MAX_DIGITS) {
      return false;
    }
    for (int p = from; p < to; p++) {
      byte c = org.apache.spark.unsafe.Platform.getByte(base, offset + p);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A numeric field. From text it is trimmed in stage 1 ({@code _t_name}) and parsed in stage 2
   * ({@code _n_name}); from a column that is already numeric (typed Parquet) it is cast in stage 1
   * and never goes through text.
   */
  private record Field(String name, Column source, DataType type, boolean typed) {
    static Field of(Dataset<Row> in, String name, Column source, DataType type) {
      return new Field(name, source, type, in.select(source).schema().fields()[0].dataType() instanceof NumericType);
    }

    Column stage1() {
      return typed ? source.cast(type).as("_n_" + name) : Parse.text(source).as("_t_" + name);
    }

    Column stage2() {
      return SparkCompat.tryCast(col("_t_" + name), type).as("_n_" + name);
    }

    Column value() {
      return col("_n_" + name);
    }

    Column present() {
      return typed ? value().isNotNull() : col("_t_" + name).isNotNull();
    }

    /** The field as written, for messages (from typed columns, built only where a message needs it). */
    Column text() {
      return typed ? value().cast(DataTypes.StringType) : col("_t_" + name);
    }

    Parse.Number number(double scale, String column) {
      return typed ? Parse.typed(value(), scale, column, false)
          : Parse.number(text(), value(), scale, column, false);
    }
  }
}
