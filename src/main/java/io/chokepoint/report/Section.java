package io.chokepoint.report;

import java.util.Optional;

/**
 * One section of the run report: a heading (also its link in the page's navigation) and a body drawn
 * from the run's manifest and tables. A new section is a class implementing this and one line in
 * {@link RunReport#SECTIONS}.
 */
public interface Section {
  /** The section's heading; its anchor is the heading in lower case, words joined by {@code -}. */
  String title();

  /**
   * The HTML under the heading, or empty when the run has none of the tables the section draws
   * (the page then has no such section). Queries go through {@link Queries#collect}.
   */
  Optional<String> body(ReportContext report);
}
