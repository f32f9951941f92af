package io.chokepoint.ingest;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The HS edition a trade row was reported in, as {@code HS1992} … {@code HS2022}. Comtrade names
 * it H0 … H6 ({@code classificationCode}, legacy {@code Classification}); BACI names it in the
 * file name ({@code BACI_HS17_Y2022_V202401.csv}); canonical files may carry it. A code this does
 * not know (SITC's S4, say) is kept as reported; a source that does not say gives null.
 */
final class Classifications {
  /** Comtrade's codes of the HS editions. */
  static final Map<String, String> COMTRADE = Map.of("H0", "HS1992", "H1", "HS1996", "H2", "HS2002", "H3", "HS2007",
      "H4", "HS2012", "H5", "HS2017", "H6", "HS2022");
  /** BACI's two-digit revision in a file name. */
  static final Pattern BACI_FILE = Pattern.compile("BACI_HS(\\d\\d)_");

  private Classifications() {}

  /** A classification as written ({@code H5}, {@code HS2017}, {@code HS17}) in one form; null when blank. */
  static Column normalize(Column text) {
    Column t = upper(trim(text));
    Column out = when(t.equalTo(""), lit(null).cast("string"));
    for (Map.Entry<String, String> e : COMTRADE.entrySet()) {
      out = out.when(t.equalTo(e.getKey()), lit(e.getValue()));
    }
    return out.when(t.rlike("^HS\\d{4}$"), t).when(t.rlike("^HS\\d{2}$"), fullYear(functions.substring(t, 3, 2)))
        .otherwise(t);
  }

  /** The edition a BACI file's name gives ({@link #BACI_FILE}), or null. */
  static Column ofBaciPath(Column path) {
    Column yy = regexp_extract(path, BACI_FILE.pattern(), 1);
    return when(yy.notEqual(""), fullYear(yy));
  }

  /** The same as {@link #ofBaciPath(Column)}, for the fast path's rows. */
  static String ofBaciPath(String path) {
    Matcher m = BACI_FILE.matcher(path == null ? "" : path);
    if (!m.find()) {
      return null;
    }
    int yy = Integer.parseInt(m.group(1));
    return "HS" + (yy >= 88 ? 1900 + yy : 2000 + yy);
  }

  private static Column fullYear(Column yy) {
    return concat(lit("HS"), when(yy.cast("int").geq(88), concat(lit("19"), yy)).otherwise(concat(lit("20"), yy)));
  }
}
