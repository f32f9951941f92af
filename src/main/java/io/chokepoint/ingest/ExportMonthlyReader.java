package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads {@code export-monthly}: exports by destination and month, in either of two layouts told
 * apart by header.
 *
 * <ul>
 *   <li>canonical: {@code period} (YYYY-MM or a date), {@code exporter_iso3}, {@code destination}
 *       (ISO3 or a country name), {@code product_group}, {@code value_usd}, {@code quantity_kg};
 *   <li>qennis (China's Comtrade exports by destination): {@code period_dt, val, qty, uv, hhi,
 *       broad_group, partner_name}; the exporter is {@code params.exporter} (default CHN).
 * </ul>
 *
 * <p>Output: month (first day), exporter_iso3, product_group (lower case, words joined by '_':
 * "Gallium/Germanium" is gallium_germanium), destination_iso3, value_usd, quantity_kg (null when
 * blank), plus the {@link RowStatus} columns. A destination that matches no country name or alias
 * is a reject naming it; so is an aggregate destination (World, EU).
 */
public final class ExportMonthlyReader {
  static final CsvTable CANONICAL = new CsvTable(Formats.EXPORT_MONTHLY + " (canonical)")
      .require("period").require("exporter", "exporter_iso3").require("destination").require("product_group")
      .require("value_usd").require("quantity_kg");
  static final CsvTable QENNIS = new CsvTable(Formats.EXPORT_MONTHLY + " (qennis)")
      .require("period", "period_dt").require("value_usd", "val").require("quantity_kg", "qty")
      .require("product_group", "broad_group").require("destination", "partner_name").optional("exporter", "exporter_iso3");

  private ExportMonthlyReader() {}

  static CsvTable layout(CsvHeader h, String file) {
    if (h.has("period_dt") && h.has("partner_name")) {
      return QENNIS;
    }
    if (h.has("period") && h.has("destination")) {
      return CANONICAL;
    }
    throw new InputException(file + ": header not recognised as " + Formats.EXPORT_MONTHLY
        + " (canonical: period, exporter_iso3, destination, product_group, value_usd, quantity_kg; or qennis: "
        + "period_dt, val, qty, uv, hhi, broad_group, partner_name); header starts " + h.preview());
  }

  public static List<FileLayout> preflight(InputSpec in, Configuration conf) {
    List<FileLayout> out = new ArrayList<>();
    for (String f : SourceFiles.expand(in.name(), in.paths(), conf)) {
      CsvHeader sniffed = CsvSniffer.sniff(f, in.encoding(), conf);
      CsvTable t = layout(sniffed, f);
      out.add(t.layout(f, t.check(sniffed)));
    }
    return out;
  }

  public static Dataset<Row> read(SparkSession spark, InputSpec in, Countries countries, String defaultExporter) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> all = null;
    for (String f : SourceFiles.expand(in.name(), in.paths(), conf)) {
      CsvHeader sniffed = CsvSniffer.sniff(f, in.encoding(), conf);
      CsvTable t = layout(sniffed, f);
      Dataset<Row> one = t.read(spark, t.check(sniffed), List.of(f));
      all = all == null ? one : all.unionByName(one);
    }
    return parse(all, countries, defaultExporter);
  }

  static Dataset<Row> parse(Dataset<Row> raw, Countries countries, String defaultExporter) {
    Column destText = Parse.text(col("destination"));
    Dataset<Row> resolved = CountryNames.resolve(raw, destText, countries, "_dest_iso3", "_dest_kind");
    Column exporterText = coalesce(upper(Parse.text(col("exporter"))), lit(defaultExporter));
    resolved = CountryNames.resolve(resolved, exporterText, countries, "_exp_iso3", "_exp_kind");

    Column periodText = Parse.text(col("period"));
    Column month = trunc(coalesce(SparkCompat.tryToDate(periodText, "yyyy-MM-dd"), SparkCompat.tryToDate(periodText, "yyyy-MM")), "month");
    Column group = regexp_replace(lower(Parse.text(col("product_group"))), "[^a-z0-9]+", "_");
    Parse.Number value = Parse.amount(col("value_usd"), 1, "value_usd");
    Parse.Number qty = Parse.amount(col("quantity_kg"), 1, "quantity_kg");
    Column reason = coalesce(
        when(periodText.isNull(), lit("missing period")),
        when(month.isNull(), Parse.quoted("unparsable period", periodText)),
        when(col("_exp_iso3").isNull(), Parse.quoted("unknown exporter", exporterText)),
        when(destText.isNull(), lit("missing destination")),
        when(col("_dest_iso3").isNull(), Parse.quoted("unknown destination", destText)),
        when(col("_dest_kind").isin("world", "aggregate"), Parse.quoted("aggregate destination", destText)),
        when(group.isNull(), lit("missing product_group")),
        when(value.text().isNull(), lit("missing value_usd")),
        value.reason(),
        qty.reason());
    return resolved.select(
        month.as(SupplyColumns.MONTH),
        col("_exp_iso3").as(SupplyColumns.EXPORTER),
        group.as(SupplyColumns.PRODUCT_GROUP),
        col("_dest_iso3").as(SupplyColumns.DESTINATION),
        value.parsed().as(SupplyColumns.VALUE_USD),
        qty.parsed().as(SupplyColumns.QUANTITY_KG),
        reason.as(RowStatus.REJECT_REASON),
        lit(null).cast(DataTypes.StringType).as(RowStatus.FILTER_REASON),
        when(reason.isNotNull(), col(RowStatus.RAW)).as(RowStatus.RAW),
        col(RowStatus.SOURCE_FILE))
        .withColumn(RowStatus.STATUS, RowStatus.derive());
  }
}
