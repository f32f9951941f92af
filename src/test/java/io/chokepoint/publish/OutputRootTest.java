package io.chokepoint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRootTest {
  @TempDir Path tmp;

  @Test
  void aRunKilledBetweenTheTwoRenamesIsRepairedByTheNextOne() throws Exception {
    Path previous = Files.createDirectories(tmp.resolve(".out.previous-20260101T000000Z-aaaaaa"));
    Files.writeString(previous.resolve("_manifest.json"), "old");
    Files.createDirectories(tmp.resolve(".out.staging-20260101T000000Z-aaaaaa/concentration"));
    try (OutputRoot root = OutputRoot.open(tmp.resolve("out").toString(), "next", new Configuration())) {
      assertThat(Files.readString(tmp.resolve("out/_manifest.json"))).isEqualTo("old");
      assertThat(previous).doesNotExist();
      assertThat(tmp.resolve(".out.staging-20260101T000000Z-aaaaaa")).doesNotExist();
      assertThat(tmp.resolve(".out.lock")).exists();
      Files.createDirectories(Path.of(root.staging().toUri().getPath()));
      Files.writeString(Path.of(root.staging().toUri().getPath()).resolve("_manifest.json"), "new");
      root.publish();
    }
    assertThat(Files.readString(tmp.resolve("out/_manifest.json"))).isEqualTo("new");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
    }
  }
}
