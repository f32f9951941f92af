package io.chokepoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.chokepoint.testing.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ hold together: every relative link and anchor resolves, every page of docs/
 * is linked from the README, and the README's layout names the repository's top-level entries.
 */
class DocsTest {
  static final Path ROOT = Path.of(Paths.project("."));
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?)\\s*#*\\s*$");

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The page's lines outside fenced code blocks. */
  static List<String> prose(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        out.add(line);
      }
    }
    return out;
  }

  /** The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(page)) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        String slug = h.group(1).replace("`", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        out.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return out;
  }

  /** Every link of the page to a local file (and anchor), as {@code target} strings. */
  static List<String> localLinks(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : prose(page)) {
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        String target = m.group(1);
        if (!target.matches("^[a-z][a-z0-9+.-]*:.*")) {
          out.add(target);
        }
      }
    }
    return out;
  }

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (String target : localLinks(page)) {
        checked++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(to)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (hash >= 0 && !(to.toString().endsWith(".md") && anchors(to).contains(target.substring(hash + 1)))) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading; it has " + anchors(to) + ")");
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(broken).isEmpty();
  }

  @Test
  void everyPageOfDocsIsLinkedFromTheReadme() throws IOException {
    Set<String> linked = new TreeSet<>();
    for (String target : localLinks(ROOT.resolve("README.md"))) {
      linked.add(target.replaceAll("#.*", ""));
    }
    for (Path page : pages().subList(1, pages().size())) {
      assertThat(linked).as("README links docs/" + page.getFileName()).contains("docs/" + page.getFileName());
    }
  }

  @Test
  void theReadmesLayoutNamesTheRepositorysTopLevelEntries() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String layout = readme.substring(readme.indexOf("## Layout"), readme.indexOf("\n## ", readme.indexOf("## Layout") + 1));
    Set<String> entries = new TreeSet<>();
    try (Stream<Path> top = Files.list(ROOT)) {
      top.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
          .filter(n -> !n.startsWith(".") && !n.equals("target/") && !n.equals("out/")) // build and run outputs
          .forEach(entries::add);
    }
    assertThat(entries).contains("src/", "docs/", "README.md");
    for (String e : entries) {
      assertThat(layout).as("the README's layout names " + e).contains(e.equals("README.md") ? "README" : "`" + e + "`");
    }
  }
}
