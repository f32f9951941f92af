package io.chokepoint.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest never holds a credential: neither a secret-named value nor a URI's user-info. */
class ManifestRedactionTest {
  @TempDir Path tmp;

  @Test
  void uriUserInfoAndSecretKeysAreRedacted() throws Exception {
    var spec = new ObjectMapper().readTree("""
        {"name": "t", "inputs": {"trade_flows": {"path": ["s3a://AKIA:wJalr/SECRET@bucket/in.csv"]}},
         "output": {"path": "hdfs://analyst:PASSWORD@nn:8020/out", "token": "TOKEN-1"}}""");
    Manifest m = new Manifest("run-1", "t", "2026-01-06", spec, Map.of("app", "dev"));
    m.output("concentration", "hdfs://analyst:PASSWORD@nn:8020/out/concentration", 3);
    m.write(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(tmp.toString()));
    String written = Files.readString(tmp.resolve(Manifest.FILE));
    assertThat(written).doesNotContain("PASSWORD", "SECRET", "wJalr", "TOKEN-1", "analyst")
        .contains("hdfs://***@nn:8020/out/concentration", "s3a://***@bucket/in.csv");
  }
}
