package io.chokepoint.ingest;

import io.chokepoint.spec.Formats;
import io.chokepoint.spec.InputSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The format → reader registry, and what every input shares: its paths expanded and each file
 * taken once ({@link SourceFiles#resolve}), each file's layout decided once at preflight, the
 * files of one layout read by one scan, and the parts unioned by column name.
 */
public final class Readers {
  /** Names the optimizer barrier of each read apart (an observation's name is unique per query). */
  private static final AtomicLong BARRIERS = new AtomicLong();
  private static final Reader TRADE = new TradeReader();
  private static final Reader PRODUCTION = new ProductionReader();
  private static final Map<String, Reader> BY_FORMAT = Map.ofEntries(
      Map.entry(Formats.COMTRADE_PLUS, TRADE),
      Map.entry(Formats.COMTRADE_LEGACY, TRADE),
      Map.entry(Formats.BACI, TRADE),
      Map.entry(Formats.TRADE_CANONICAL, TRADE),
      Map.entry(Formats.TRADE_AUTO, TRADE),
      Map.entry(Formats.EXPORT_MONTHLY, new ExportMonthlyReader()),
      Map.entry(Formats.EXPORT_CONTROLS, new ExportControlsReader()),
      Map.entry(Formats.USGS_MCS_WORLD, PRODUCTION),
      Map.entry(Formats.BGS_WMS, PRODUCTION),
      Map.entry(Formats.USGS_MCS_COMMODITIES, new McsCommoditiesReader()),
      Map.entry(Formats.MARKET_SIZES, new MarketSizeReader()),
      Map.entry(Formats.FRED, new FredReader()),
      Map.entry(Formats.WGI, new WgiReader()),
      Map.entry(Formats.EU_CRM, new EuCrmReader()));

  private Readers() {}

  /** Every format name a reader is registered for. */
  public static java.util.Set<String> formats() {
    return BY_FORMAT.keySet();
  }

  public static Reader forFormat(String format) {
    Reader r = BY_FORMAT.get(format);
    if (r == null) {
      throw new IllegalArgumentException("no reader for format " + format);
    }
    return r;
  }

  /** Every file of {@code in} and how it will be read: reads nothing but each file's first bytes. */
  public static List<FileLayout> preflight(InputSpec in, Configuration conf) {
    List<FileLayout> out = new ArrayList<>();
    for (SourceFiles.SourceFile f : SourceFiles.resolve(in, conf)) {
      out.add(forFormat(f.format()).layout(f.file(), f.format(), in.encoding(), conf));
    }
    return List.copyOf(out);
  }

  /**
   * The rows of an input's files, as {@link #preflight} laid them out, behind an optimizer barrier
   * (a named {@code observe}, which Spark pushes no filter through). Without it, a filter on the
   * statuses (the used rows, the rejected ones) is pushed down into the parse with every column it
   * depends on inlined: a condition of some 14,000 characters for a trade file, evaluated without
   * common subexpression elimination before the parse is evaluated again (measured: writing the one
   * rejected row of a 2M-row BACI file took 71 s against 28 s for ingesting all of it).
   */
  public static Dataset<Row> read(ReadContext ctx, List<FileLayout> layouts) {
    Map<String, List<FileLayout>> groups = new LinkedHashMap<>();
    for (FileLayout l : layouts) {
      groups.computeIfAbsent(l.groupKey(), k -> new ArrayList<>()).add(l);
    }
    Dataset<Row> all = null;
    for (List<FileLayout> g : groups.values()) {
      Dataset<Row> part = forFormat(g.get(0).format()).read(ctx, g);
      all = all == null ? part : all.unionByName(part);
    }
    return all.observe("parsed_" + BARRIERS.incrementAndGet(), functions.count(functions.lit(1)));
  }

  /** Preflight and read in one go (tests and one-off reads). */
  public static Dataset<Row> read(ReadContext ctx, InputSpec in) {
    return read(ctx, preflight(in, ctx.spark().sparkContext().hadoopConfiguration()));
  }
}
