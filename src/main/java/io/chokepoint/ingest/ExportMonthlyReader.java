package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.schema.SupplyColumns;
import io.chokepoint.spec.Formats;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
final class ExportMonthlyReader extends CsvReader {
  static final CsvTable CANONICAL = new CsvTable(Formats.EXPORT_MONTHLY + " (canonical)")
      .require("period").require("exporter", "exporter_iso3").require("destination").require("product_group")
      .require("value_usd").require("quantity_kg");
  static final CsvTable QENNIS = new CsvTable(Formats.EXPORT_MONTHLY + " (qennis)")
      .require("period", "period_dt").require("value_usd", "val").require("quantity_kg", "qty")
      .require("product_group", "broad_group").require("destination", "partner_name").optional("exporter", "exporter_iso3");

  static final String CANONICAL_LAYOUT = "canonical";
  static final String QENNIS_LAYOUT = "qennis";

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    if (h.has("period_dt") && h.has("partner_name")) {
      QENNIS.check(h);
      return FileLayout.csv(h.file(), format, h, QENNIS_LAYOUT);
    }
    if (h.has("period") && h.has("destination")) {
      CANONICAL.check(h);
      return FileLayout.csv(h.file(), format, h, CANONICAL_LAYOUT);
    }
    throw new InputException(h.file() + ": header not recognised as " + Formats.EXPORT_MONTHLY
        + " (canonical: period, exporter_iso3, destination, product_group, value_usd, quantity_kg; or qennis: "
        + "period_dt, val, qty, uv, hhi, broad_group, partner_name); header starts " + h.preview());
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    CsvTable t = QENNIS_LAYOUT.equals(l.variant()) ? QENNIS : CANONICAL;
    return parse(t.name(raw, l.header()), ctx.countries(), ctx.exporter());
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
        when(month.isNull().or(Parse.yearInRange(year(month)).unary_$bang()),
            Parse.quoted("unparsable period", periodText)),
        when(col("_exp_iso3").isNull(), Parse.quoted("unknown exporter", exporterText)),
        when(destText.isNull(), lit("missing destination")),
        when(col("_dest_iso3").isNull(), Parse.quoted("unknown destination", destText)),
        when(col("_dest_kind").isin("world", "aggregate"), Parse.quoted("aggregate destination", destText)),
        when(group.isNull(), lit("missing product_group")),
        when(value.text().isNull(), lit("missing value_usd")),
        value.reason(),
        qty.reason());
    return Parse.finish(resolved, List.of(
        month.as(SupplyColumns.MONTH),
        col("_exp_iso3").as(SupplyColumns.EXPORTER),
        group.as(SupplyColumns.PRODUCT_GROUP),
        col("_dest_iso3").as(SupplyColumns.DESTINATION),
        value.parsed().as(SupplyColumns.VALUE_USD),
        qty.parsed().as(SupplyColumns.QUANTITY_KG)),
        reason, lit(null).cast(DataTypes.StringType), col(RowStatus.RAW));
  }
}
