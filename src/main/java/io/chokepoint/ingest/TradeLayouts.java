package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;


import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.schema.TradeColumns;
import io.chokepoint.spec.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The trade layouts this product reads, each recognised by its header: UN Comtrade+ (also with
 * extra leading columns, and the pandas export whose labels sit one column left of their values),
 * classic UN Comtrade, CEPII BACI and this project's canonical schema.
 */
public final class TradeLayouts {
  /** Marks a Comtrade+ sub-flow (DX, FM, MIP …): part of a flow whose total row is also present. */
  public static final String SUB_FLOW = "_sub_flow";

  static final List<String> PLUS_REQUIRED = List.of("reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue");
  static final List<String> PLUS_SHIFTED_SIGNATURE = List.of("CountryCode", "Country", "reporterDesc", "primaryValue", "Mineral");
  static final List<String> LEGACY_REQUIRED = List.of("Year", "Period", "Trade Flow Code", "Reporter Code", "Partner Code",
      "Commodity Code", "Trade Value (US$)");
  static final List<String> BACI_REQUIRED = List.of("t", "i", "j", "k", "v");
  static final List<String> CANONICAL_REQUIRED = List.of(TradeColumns.YEAR, TradeColumns.REPORTER, TradeColumns.PARTNER,
      TradeColumns.FLOW, TradeColumns.HS_CODE, TradeColumns.VALUE_USD);

  /** The 47 Comtrade+ columns in API order (the shifted export's data follows this order from 1). */
  static final List<String> PLUS_COLUMNS = List.of("typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period",
      "reporterCode", "reporterISO", "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO", "partnerDesc",
      "partner2Code", "partner2ISO", "partner2Desc", "classificationCode", "classificationSearchCode",
      "isOriginalClassification", "cmdCode", "cmdDesc", "aggrLevel", "isLeaf", "customsCode", "customsDesc", "mosCode",
      "motCode", "motDesc", "qtyUnitCode", "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr",
      "altQty", "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated", "cifvalue",
      "fobvalue", "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate");

  private static final Map<String, String> PLUS_FLOWS = Map.of("M", TradeColumns.IMPORT, "X", TradeColumns.EXPORT,
      "RM", TradeColumns.RE_IMPORT, "RX", TradeColumns.RE_EXPORT);
  private static final List<String> PLUS_SUB_FLOWS = List.of("DX", "FM", "MIP", "MOP", "XIP", "XOP");
  private static final Map<String, String> LEGACY_FLOWS = Map.of("1", TradeColumns.IMPORT, "2", TradeColumns.EXPORT,
      "3", TradeColumns.RE_EXPORT, "4", TradeColumns.RE_IMPORT);

  private TradeLayouts() {}

  /** The format a header belongs to, or null. The shifted Comtrade+ export counts as comtrade-plus. */
  public static String detect(CsvHeader h) {
    if (h.hasAll(PLUS_REQUIRED) && (h.has("refYear") || h.has("period"))) {
      return Formats.COMTRADE_PLUS;
    }
    if (isShiftedPlus(h)) {
      return Formats.COMTRADE_PLUS;
    }
    if (h.hasAll(LEGACY_REQUIRED)) {
      return Formats.COMTRADE_LEGACY;
    }
    if (h.hasAll(CANONICAL_REQUIRED)) {
      return Formats.TRADE_CANONICAL;
    }
    if (h.hasAll(BACI_REQUIRED) && h.names().size() <= 6) {
      return Formats.BACI;
    }
    return null;
  }

  private static boolean isShiftedPlus(CsvHeader h) {
    return !h.has("reporterCode") && h.hasAll(PLUS_SHIFTED_SIGNATURE)
        && h.names().size() == PLUS_COLUMNS.size() + 1;
  }

  /**
   * The layout for {@code h} read as {@code format}. A header of another format, or of none, is an
   * {@link InputException} naming the file and what is missing.
   */
  public static TradeLayout forHeader(String format, CsvHeader h) {
    String found = detect(h);
    String want = Formats.TRADE_AUTO.equals(format) ? found : format;
    if (found == null && want == null) {
      throw new InputException(h.file() + ": header not recognised as any trade format ("
          + String.join(", ", Formats.TRADE.subList(0, 4)) + "); header starts " + preview(h));
    }
    if (found == null || !found.equals(want)) {
      throw new InputException(h.file() + ": header not recognised as " + format
          + (found == null ? "" : " (it looks like " + found + ")") + "; " + missingFor(want, h)
          + "; header starts " + preview(h));
    }
    return switch (want) {
      case Formats.COMTRADE_PLUS -> isShiftedPlus(h) ? comtradePlus(shifted(h)) : comtradePlus(h);
      case Formats.COMTRADE_LEGACY -> comtradeLegacy(h);
      case Formats.BACI -> baci(h);
      default -> canonical(new Named(h));
    };
  }

  private static String missingFor(String format, CsvHeader h) {
    List<String> req = switch (format == null ? "" : format) {
      case Formats.COMTRADE_PLUS -> PLUS_REQUIRED;
      case Formats.COMTRADE_LEGACY -> LEGACY_REQUIRED;
      case Formats.BACI -> BACI_REQUIRED;
      case Formats.TRADE_CANONICAL -> CANONICAL_REQUIRED;
      default -> List.of();
    };
    List<String> missing = h.missing(req);
    return missing.isEmpty() ? "no trade format matches" : "missing columns " + missing;
  }

  private static String preview(CsvHeader h) {
    return h.preview();
  }

  /** Relabels the shifted pandas export: data column i holds Comtrade+ column i+1. */
  private static Named shifted(CsvHeader h) {
    List<String> names = new ArrayList<>(PLUS_COLUMNS.subList(1, PLUS_COLUMNS.size()));
    names.add("_trailing_empty");
    names.add("Mineral");
    return new Named(new CsvHeader(h.file(), names, h.charset(), h.delimiter()));
  }

  private static TradeLayout comtradePlus(CsvHeader h) {
    return comtradePlus(new Named(h));
  }

  private static TradeLayout comtradePlus(Named n) {
    Column period = n.opt("period");
    Column year = n.has("refYear") ? n.col("refYear") : substring(period, 1, 4);
    Column freq = n.has("freqCode") ? upper(n.col("freqCode"))
        : when(length(period).equalTo(6), lit("M")).otherwise(lit("A"));
    Column monthRaw = n.has("refMonth") ? n.col("refMonth") : substring(period, 5, 2);
    Column flowCode = upper(n.col("flowCode"));
    Column flow = lit(null).cast(DataTypes.StringType);
    for (var e : PLUS_FLOWS.entrySet()) {
      flow = when(flowCode.equalTo(e.getKey()), lit(e.getValue())).otherwise(flow);
    }
    flow = when(flowCode.isin(PLUS_SUB_FLOWS.toArray()), lit(SUB_FLOW)).otherwise(flow);
    Column breakdown = notTotal(n, "partner2Code", "0").or(notTotal(n, "customsCode", "C00")).or(notTotal(n, "motCode", "0"));
    return new TradeLayout(lit(Formats.COMTRADE_PLUS), year, when(freq.equalTo("M"), monthRaw), freq,
        key(n.col("reporterCode"), n.opt("reporterISO")), concatText(n.col("reporterCode"), n.opt("reporterISO")),
        key(n.col("partnerCode"), n.opt("partnerISO")), concatText(n.col("partnerCode"), n.opt("partnerISO")),
        flow, n.col("flowCode"), n.col("cmdCode"), n.col("primaryValue"), n.opt("netWgt"), n.opt("qty"),
        n.opt("qtyUnitAbbr"), 1, 1, 1, breakdown, n.raw(), Classifications.normalize(n.opt("classificationCode")));
  }

  private static TradeLayout comtradeLegacy(CsvHeader h) {
    Named n = new Named(h);
    Column period = n.col("Period");
    Column flowCode = n.col("Trade Flow Code");
    Column flow = lit(null).cast(DataTypes.StringType);
    for (var e : LEGACY_FLOWS.entrySet()) {
      flow = when(flowCode.equalTo(e.getKey()), lit(e.getValue())).otherwise(flow);
    }
    Column freq = when(length(period).equalTo(6), lit("M")).otherwise(lit("A"));
    Column breakdown = notTotal(n, "2nd Partner Code", "0").or(notTotal(n, "Customs Proc. Code", "C00"))
        .or(notTotal(n, "Mode of Transport Code", "0"));
    return new TradeLayout(lit(Formats.COMTRADE_LEGACY), n.col("Year"), when(freq.equalTo("M"), substring(period, 5, 2)), freq,
        key(n.col("Reporter Code"), n.opt("Reporter ISO")), concatText(n.col("Reporter Code"), n.opt("Reporter")),
        key(n.col("Partner Code"), n.opt("Partner ISO")), concatText(n.col("Partner Code"), n.opt("Partner")),
        flow, flowCode, n.col("Commodity Code"), n.col("Trade Value (US$)"), n.opt("Netweight (kg)"), n.opt("Qty"),
        n.opt("Qty Unit"), 1, 1, 1, breakdown, n.raw(), Classifications.normalize(n.opt("Classification")));
  }

  /**
   * BACI: a row is exporter i's shipment to importer j, taken as j's import from i. HS6 codes that
   * lost their leading zero (5 digits) are padded back; v is thousand USD, q tonnes ("NA" when
   * BACI has no quantity: a null weight, not a reject).
   */
  private static TradeLayout baci(CsvHeader h) {
    Named n = new Named(h);
    Column k = n.col("k");
    Column q = when(trim(n.opt("q")).isin("NA", "Na", "nA", "na").unary_$bang(), n.opt("q"));
    return new TradeLayout(lit(Formats.BACI), n.col("t"), lit(null).cast(DataTypes.StringType), lit("A"),
        key(n.col("j"), lit(null)), n.col("j"), key(n.col("i"), lit(null)), n.col("i"),
        lit(TradeColumns.IMPORT), lit("(BACI importer j)"),
        when(length(k).equalTo(5).and(k.rlike("^[0-9]+$")), lpad(k, 6, "0")).otherwise(k),
        n.col("v"), q, q, when(q.isNotNull(), lit("kg")), 1000, 1000, 1000, lit(false), n.raw(),
        Classifications.ofBaciPath(org.apache.spark.sql.functions.col(io.chokepoint.schema.RowStatus.SOURCE_FILE)));
  }

  /** The canonical schema, from CSV or Parquet: codes are ISO3 (or aliases), flows canonical names. */
  public static TradeLayout canonical(Named n) {
    Column month = n.opt(TradeColumns.MONTH);
    Column flowText = n.col(TradeColumns.FLOW);
    Column flow = when(flowText.isin(TradeColumns.FLOWS.toArray()), flowText);
    Column source = n.has(TradeColumns.SOURCE_FORMAT) ? n.col(TradeColumns.SOURCE_FORMAT) : lit(Formats.TRADE_CANONICAL);
    return new TradeLayout(source, n.col(TradeColumns.YEAR), month,
        when(month.isNull(), lit("A")).otherwise(lit("M")),
        upper(trim(n.col(TradeColumns.REPORTER).cast(DataTypes.StringType))), n.col(TradeColumns.REPORTER),
        upper(trim(n.col(TradeColumns.PARTNER).cast(DataTypes.StringType))), n.col(TradeColumns.PARTNER),
        flow, flowText, n.col(TradeColumns.HS_CODE), n.col(TradeColumns.VALUE_USD), n.opt(TradeColumns.NET_WEIGHT_KG),
        n.opt(TradeColumns.QUANTITY), n.opt(TradeColumns.QUANTITY_UNIT), 1, 1, 1, lit(false), n.raw(),
        Classifications.normalize(n.opt(TradeColumns.CLASSIFICATION)));
  }

  /** A numeric code becomes "#code"; without one, the alpha code is the key. */
  static Column key(Column code, Column alpha) {
    Column c = trim(code.cast(DataTypes.StringType));
    Column numeric = SparkCompat.tryCast(c, DataTypes.IntegerType);
    return when(numeric.isNotNull(), concat(lit("#"), numeric.cast(DataTypes.StringType)))
        .otherwise(upper(trim(alpha.cast(DataTypes.StringType))));
  }

  private static Column concatText(Column code, Column text) {
    return concat_ws(" ", code.cast(DataTypes.StringType), text.cast(DataTypes.StringType));
  }

  private static Column notTotal(Named n, String name, String total) {
    if (!n.has(name)) {
      return lit(false);
    }
    Column c = n.col(name);
    return c.isNotNull().and(c.notEqual(lit(total)));
  }

  /** Column access by header name over either positional CSV columns or named Parquet columns. */
  public static final class Named {
    private final CsvHeader header;
    private final List<String> parquetColumns;

    Named(CsvHeader header) {
      this.header = header;
      this.parquetColumns = null;
    }

    /** Over a Dataset whose columns carry their real names (Parquet). */
    public Named(List<String> columns) {
      this.header = null;
      this.parquetColumns = List.copyOf(columns);
    }

    boolean has(String name) {
      return header != null ? header.has(name) : parquetColumns.contains(name);
    }

    Column col(String name) {
      if (header != null) {
        return org.apache.spark.sql.functions.col(CsvSource.column(header.index(name).orElseThrow()));
      }
      return org.apache.spark.sql.functions.col(name);
    }

    Column opt(String name) {
      return has(name) ? col(name) : lit(null).cast(DataTypes.StringType);
    }

    /** The record as read, as a struct (the parser turns it into CSV text for rejects only). */
    Column raw() {
      if (header != null) {
        return CsvSource.rawStruct(header);
      }
      return org.apache.spark.sql.functions.struct(
          parquetColumns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }
  }

}
