package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.chokepoint.compat.SparkCompat;
import io.chokepoint.error.InputException;
import io.chokepoint.reference.Countries;
import io.chokepoint.schema.RiskColumns;
import io.chokepoint.schema.RowStatus;
import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the EU critical raw materials assessment as exported by CritMAT, both files of it, each
 * recognised by its header, into one schema: record_kind ({@code stage} or {@code trade_parameter}),
 * material (as written), material_key (lower case: the files spell names in different cases),
 * stage ({@code extraction} or {@code processing}), and
 *
 * <ul>
 *   <li>results ({@code material_name, supply_risk, economic_importance, eu_used_stage, eu_stages,
 *       eu_used_supply_primary, supply_risk_primary, eu_used_supply_refined, supply_risk_refined,
 *       si_sr, import_reliance_primary, import_reliance_refined, end_of_life, …}): one row per
 *       assessed stage ({@code eu_stages} E, P or E+P; primary = extraction, refined = processing)
 *       with supply_basis ({@code GS+EU}, {@code GSonly}, {@code EUonly}), published_stage_sr,
 *       published_sr (the material's), economic_importance, bottleneck_stage, import_reliance_pct,
 *       eol_rir_pct, si_sr. A "row" in the counts is a material stage.
 *   <li>trade parameters ({@code material_name, country_name, parameter, category, scope, …}): one
 *       row per record with country, country_iso3, t (the parameter) and scope ({@code world} or
 *       {@code eu}); category primary / refined gives the stage.
 * </ul>
 *
 * <p>Blank cells are "not applicable" (null). Rejects, each with its reason: a value that is not a
 * number ({@code 281%}), a percentage outside 0–100, an unknown supply basis, category or scope, a
 * country name that matches nothing, and a results record whose columns are shifted (a number where
 * {@code eu_used_supply_refined} should name a basis: the file's Coking coal, Diatomite, Magnesite,
 * Natural cork and Strontium rows). A record identical to an earlier one of the same file is
 * filtered ({@code duplicate_record}: Tungsten appears twice).
 */
final class EuCrmReader extends CsvReader {
  static final CsvTable RESULTS = new CsvTable(Formats.EU_CRM)
      .require("material_name").require("supply_risk").require("economic_importance").require("eu_stages")
      .require("eu_used_supply_primary").require("supply_risk_primary").require("eu_used_supply_refined")
      .require("supply_risk_refined").require("si_sr").require("import_reliance_primary")
      .require("import_reliance_refined").require("end_of_life").optional("eu_used_stage");
  static final CsvTable TRADE = new CsvTable(Formats.EU_CRM)
      .require("material_name").require("country_name").require("parameter").require("category").require("scope");
  static final List<String> BASES = List.of(RiskColumns.GS_EU, RiskColumns.GS_ONLY, RiskColumns.EU_ONLY);

  static final String RESULTS_LAYOUT = "results";
  static final String TRADE_LAYOUT = "trade parameters";

  static boolean isTrade(CsvHeader h) {
    return h.has("country_name") && h.has("parameter");
  }

  @Override
  protected FileLayout layout(String format, CsvHeader h) {
    return isTrade(h) ? FileLayout.csv(h.file(), format, TRADE.check(h), TRADE_LAYOUT)
        : FileLayout.csv(h.file(), format, RESULTS.check(h), RESULTS_LAYOUT);
  }

  /** A results record gives one row per stage (extraction, processing). */
  @Override
  protected long rowsPerRecord(FileLayout l) {
    return TRADE_LAYOUT.equals(l.variant()) ? 1 : 2;
  }

  @Override
  protected Dataset<Row> parse(ReadContext ctx, FileLayout l, Dataset<Row> raw) {
    return TRADE_LAYOUT.equals(l.variant()) ? parseTrade(TRADE.name(raw, l.header()), ctx.countries())
        : parseResults(RESULTS.name(raw, l.header()));
  }

  private static Parse.Number percent(String column) {
    return Parse.number(col(column), 1, column, false);
  }

  private static Column outOfRange(Parse.Number n, String column, double max) {
    return when(n.reason().isNull().and(n.parsed().gt(max)), Parse.quoted(column + " above " + (int) max, n.text()));
  }

  /** Results: one row per assessed stage of each record. */
  static Dataset<Row> parseResults(Dataset<Row> raw) {
    Column stages = upper(Parse.text(col("eu_stages")));
    Column validStages = stages.isin("E", "P", "E+P");
    Column extraction = struct(lit(RiskColumns.EXTRACTION).as("stage"), col("eu_used_supply_primary").as("basis"),
        lit("supply_risk_primary").as("sr_name"), col("supply_risk_primary").as("sr"),
        lit("import_reliance_primary").as("ir_name"), col("import_reliance_primary").as("ir"),
        stages.isin("E", "E+P").or(validStages.unary_$bang()).as("assessed"));
    Column processing = struct(lit(RiskColumns.PROCESSING).as("stage"), col("eu_used_supply_refined").as("basis"),
        lit("supply_risk_refined").as("sr_name"), col("supply_risk_refined").as("sr"),
        lit("import_reliance_refined").as("ir_name"), col("import_reliance_refined").as("ir"),
        stages.isin("P", "E+P").as("assessed"));
    Dataset<Row> perStage = raw
        .withColumn("_dup", row_number().over(Window.partitionBy(col(RowStatus.SOURCE_FILE), col(RowStatus.RAW))
            .orderBy(col(RowStatus.RAW))))
        .withColumn("_shifted", SparkCompat.tryCast(Parse.text(col("eu_used_supply_refined")), DataTypes.DoubleType))
        .withColumn("_s", explode(array(extraction, processing)));

    Column material = Parse.text(col("material_name"));
    Column basisText = Parse.text(col("_s.basis"));
    Column basis = when(upper(basisText).equalTo("GS+EU"), lit(RiskColumns.GS_EU))
        .when(lower(basisText).equalTo("gsonly"), lit(RiskColumns.GS_ONLY))
        .when(lower(basisText).equalTo("euonly"), lit(RiskColumns.EU_ONLY));
    Parse.Number stageSr = Parse.number(col("_s.sr"), 1, "stage supply risk", false);
    Parse.Number sr = Parse.number(col("supply_risk"), 1, "supply_risk", false);
    Parse.Number ei = Parse.number(col("economic_importance"), 1, "economic_importance", false);
    Parse.Number si = Parse.number(col("si_sr"), 1, "si_sr", false);
    Parse.Number ir = Parse.number(col("_s.ir"), 1, "import reliance", false);
    Parse.Number eol = percent("end_of_life");
    // Every record gives an extraction and a processing row; a stage the EU did not assess is filtered.
    Column reason = when(col("_s.assessed"), coalesce(
        when(material.isNull(), lit("missing material_name")),
        when(validStages.unary_$bang(), Parse.quoted("unknown eu_stages (expected E, P or E+P)", stages)),
        when(col("_shifted").isNotNull(),
            Parse.quoted("columns shifted: eu_used_supply_refined holds a number", col("eu_used_supply_refined"))),
        when(basis.isNull(), Parse.quoted("unknown supply basis (expected " + String.join(", ", BASES) + ")",
            basisText)),
        when(stageSr.reason().isNotNull(), concat(lit("unparsable "), col("_s.sr_name"), lit(" '"), stageSr.text(),
            lit("'"))),
        sr.reason(), ei.reason(), si.reason(), ir.reason(),
        outOfRange(ir, "import reliance", 100),
        eol.reason(), outOfRange(eol, "end_of_life", 100)));
    Column filter = when(col("_s.assessed").unary_$bang(), lit("stage_not_assessed"))
        .when(reason.isNull().and(col("_dup").gt(1)), lit("duplicate_record"));
    return Parse.finish(perStage, List.of(
            lit(RiskColumns.KIND_STAGE).as(RiskColumns.RECORD_KIND),
            material.as(RiskColumns.MATERIAL),
            lower(material).as(RiskColumns.MATERIAL_KEY),
            col("_s.stage").as(RiskColumns.STAGE),
            basis.as(RiskColumns.SUPPLY_BASIS),
            stageSr.parsed().as(RiskColumns.PUBLISHED_STAGE_SR),
            sr.parsed().as(RiskColumns.PUBLISHED_SR),
            ei.parsed().as(RiskColumns.ECONOMIC_IMPORTANCE),
            lower(Parse.text(col("eu_used_stage"))).as(RiskColumns.BOTTLENECK_STAGE),
            ir.parsed().as(RiskColumns.IMPORT_RELIANCE_PCT),
            eol.parsed().as(RiskColumns.EOL_RIR_PCT),
            si.parsed().as(RiskColumns.SI_SR),
            lit(null).cast(DataTypes.StringType).as(RiskColumns.COUNTRY),
            lit(null).cast(DataTypes.StringType).as(RiskColumns.COUNTRY_ISO3),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.T),
            lit(null).cast(DataTypes.StringType).as(RiskColumns.SCOPE)),
        reason, filter, col(RowStatus.RAW));
  }

  /** Trade parameters: one row per record. */
  static Dataset<Row> parseTrade(Dataset<Row> raw, Countries countries) {
    Dataset<Row> resolved = CountryNames.resolve(raw.withColumn("_dup", row_number().over(
            Window.partitionBy(col(RowStatus.SOURCE_FILE), col(RowStatus.RAW)).orderBy(col(RowStatus.RAW)))),
        Parse.text(col("country_name")), countries, "_iso3", "_kind");
    Column material = Parse.text(col("material_name"));
    Column country = Parse.text(col("country_name"));
    Column category = lower(Parse.text(col("category")));
    Column stage = when(category.equalTo("primary"), lit(RiskColumns.EXTRACTION))
        .when(category.equalTo("refined"), lit(RiskColumns.PROCESSING));
    Column scope = lower(Parse.text(col("scope")));
    Parse.Number t = Parse.number(col("parameter"), 1, "parameter", false);
    Column reason = coalesce(
        when(material.isNull(), lit("missing material_name")),
        when(country.isNull(), lit("missing country_name")),
        when(col("_iso3").isNull(), Parse.quoted("unknown country", country)),
        when(stage.isNull(), Parse.quoted("unknown category (expected primary or refined)", category)),
        when(scope.isin(RiskColumns.SCOPE_WORLD, RiskColumns.SCOPE_EU).unary_$bang().or(scope.isNull()),
            Parse.quoted("unknown scope (expected world or eu)", scope)),
        when(t.text().isNull(), lit("missing parameter")),
        t.reason(),
        when(t.parsed().equalTo(0), lit("parameter is zero")));
    Column filter = when(reason.isNull().and(col("_dup").gt(1)), lit("duplicate_record"));
    return Parse.finish(resolved, List.of(
            lit(RiskColumns.KIND_TRADE).as(RiskColumns.RECORD_KIND),
            material.as(RiskColumns.MATERIAL),
            lower(material).as(RiskColumns.MATERIAL_KEY),
            stage.as(RiskColumns.STAGE),
            lit(null).cast(DataTypes.StringType).as(RiskColumns.SUPPLY_BASIS),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.PUBLISHED_STAGE_SR),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.PUBLISHED_SR),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.ECONOMIC_IMPORTANCE),
            lit(null).cast(DataTypes.StringType).as(RiskColumns.BOTTLENECK_STAGE),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.IMPORT_RELIANCE_PCT),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.EOL_RIR_PCT),
            lit(null).cast(DataTypes.DoubleType).as(RiskColumns.SI_SR),
            country.as(RiskColumns.COUNTRY),
            col("_iso3").as(RiskColumns.COUNTRY_ISO3),
            t.parsed().as(RiskColumns.T),
            scope.as(RiskColumns.SCOPE)),
        reason, filter, col(RowStatus.RAW));
  }
}
