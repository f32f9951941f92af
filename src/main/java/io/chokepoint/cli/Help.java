package io.chokepoint.cli;

/**
 * The text of {@code chokepoint --help}. Plain strings only: help must work from
 * {@code java -jar}, where neither Spark nor Hadoop is on the class path.
 */
final class Help {
  static final String USAGE = "usage: chokepoint run|validate --job PATH [--run-date YYYY-MM-DD] [--output PATH]"
      + " [--set KEY=VALUE]... | report --from OUTPUT_ROOT";

  static final String TEXT = USAGE + """


      Chokepoint: supplier-concentration and disruption analytics for critical minerals on Spark.
      Submit with spark-submit --class io.chokepoint.cli.Main chokepoint-0.1.0-all.jar <subcommand> ...

      Subcommands:
        run        read the job's inputs, compute every step the inputs feed, check the results and
                   publish all output tables (Parquet folders or Iceberg tables) with _manifest.json
                   and the run report (report/index.html), or none of them
        validate   check the job spec, that every input exists and has a recognised header, and that
                   the output can be written; reads no data and writes nothing
        report     rebuild OUTPUT_ROOT/report/index.html (the run report every run publishes) from
                   an earlier output's _manifest.json and its published tables: --from OUTPUT_ROOT
        help       print this text (also --help or -h, anywhere on the command line)

      Options (run and validate):
        --job PATH               the job spec (JSON); any Hadoop path. Required.
        --run-date YYYY-MM-DD    the date recorded in the manifest and used by date rules;
                                 default today (UTC)
        --output PATH            replaces output.path of the spec
        --set KEY=VALUE          repeatable; sets a dotted key of the spec, e.g.
                                 --set params.focus_supplier=MYS. VALUE is JSON when it parses
                                 (0.5, ["import","export"]), else a string
        -h, --help               print this text and exit

      Exit codes:
        0  success: every output published
        1  anything else (for example the output root is locked by a live run, or a file system
           library is missing); outputs untouched
        2  usage or job-spec error: unknown key, bad value, missing option; outputs untouched
        3  input error: a file missing or unreadable, a header not recognised, too many rejected
           rows, an Error-level data check failed; outputs untouched
      A non-zero exit prints one line first: chokepoint: error: <what is wrong, and where>.

      Inputs, formats, parameters and outputs: see README.md and docs/ (job-spec.md, formats.md,
      outputs.md).
      """;

  private Help() {}
}
