import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic BACI-shaped CSV (t,i,j,k,v,q) of N rows for benchmarks: 10 years
 * (2013-2022), about 220 countries (BACI codes taken from the country reference), 5,000 HS6
 * products, heavy-tailed values (log-normal, in thousand USD) with about 1% zeros, quantities in
 * tonnes with about 2% "NA". Same N, same bytes.
 *
 * <p>java scripts/GenBaci.java N OUT.csv [countries.csv]
 */
public class GenBaci {
  public static void main(String[] args) throws IOException {
    long n = Long.parseLong(args[0].replace("_", ""));
    Path out = Path.of(args[1]);
    Path ref = Path.of(args.length > 2 ? args[2] : "sample-data/reference/countries.csv");
    List<String> codes = new ArrayList<>();
    for (String line : Files.readAllLines(ref, StandardCharsets.UTF_8).subList(1, Files.readAllLines(ref).size())) {
      String[] f = line.split(",", -1);
      if (f.length > 4 && !f[0].isEmpty() && f[4].equals("country") && codes.size() < 220) {
        codes.add(f[0]);
      }
    }
    String[] products = new String[5000];
    for (int p = 0; p < products.length; p++) {
      products[p] = String.format("%06d", 10100 + p * 193);
    }
    SplittableRandom rnd = new SplittableRandom(20260106L);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("t,i,j,k,v,q\n");
      StringBuilder sb = new StringBuilder(64);
      for (long r = 0; r < n; r++) {
        int year = 2013 + (int) (r % 10);
        String i = codes.get(skewed(rnd, codes.size()));
        String j = codes.get(skewed(rnd, codes.size()));
        String k = products[rnd.nextInt(products.length)];
        double v = rnd.nextInt(100) == 0 ? 0.0 : Math.exp(rnd.nextGaussian() * 2.2 + 2.0);
        sb.setLength(0);
        sb.append(year).append(',').append(i).append(',').append(j).append(',').append(k).append(',')
            .append(String.format("%.3f", v)).append(',');
        if (rnd.nextInt(50) == 0) {
          sb.append("NA");
        } else {
          sb.append(String.format("%.3f", v * Math.exp(rnd.nextGaussian()) / 3));
        }
        w.write(sb.append('\n').toString());
      }
    }
  }

  /** A few countries trade much more than the rest. */
  static int skewed(SplittableRandom rnd, int size) {
    double u = rnd.nextDouble();
    return (int) Math.min(size - 1, Math.floor(size * u * u * u));
  }
}
