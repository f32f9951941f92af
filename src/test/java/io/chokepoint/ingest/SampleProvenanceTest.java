package io.chokepoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chokepoint.testing.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file of {@code sample-data/} says where it comes from ({@link Provenance#SIDECAR} beside
 * it: real extract, hand-made or compiled), so a reader can tell a finding from a fixture; a file
 * added without a note fails here (no Spark: fast tier).
 */
class SampleProvenanceTest {
  static final List<String> KINDS = List.of("real extract", "hand-made", "compiled");

  @Test
  void everySampleFileHasAProvenanceNote() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(Paths.project("sample-data")))) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("_")).toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path f : files) {
      Path sidecar = f.resolveSibling(Provenance.SIDECAR);
      assertThat(sidecar).as("sidecar of " + f).exists();
      JsonNode note = json.readTree(sidecar.toFile()).path(f.getFileName().toString());
      assertThat(note.isObject()).as("provenance note of " + f).isTrue();
      assertThat(KINDS).as("kind of " + f).contains(note.path("kind").asText());
      if (note.path("kind").asText().equals("real extract")) {
        assertThat(note.path("source").asText()).as("source of " + f).isNotBlank();
        assertThat(note.path("licence").asText()).as("licence of " + f).isNotBlank();
      }
    }
  }
}
