package io.chokepoint.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void uriUserInfoIsMaskedInFreeText() {
    assertThat(Redaction.text("output hdfs://user:PASSWORD@nn:8020/out: not writable"))
        .isEqualTo("output hdfs://***@nn:8020/out: not writable");
    assertThat(Redaction.text("s3a://AKIAXXXX:wJalrXUtn/Fkey@bucket/x and file:/tmp/a@b"))
        .isEqualTo("s3a://***@bucket/x and file:/tmp/a@b");
    assertThat(Redaction.text("hdfs://nn:8020/plain/path")).isEqualTo("hdfs://nn:8020/plain/path");
  }

  @Test
  void secretNamedValuesAreMaskedInFreeText() {
    assertThat(Redaction.text("output.path: expected a non-empty string, got {\"secret_key\":\"SEKRIT\",\"a\":1}"))
        .isEqualTo("output.path: expected a non-empty string, got {\"secret_key\":\"***\",\"a\":1}");
    assertThat(Redaction.text("--set fs.s3a.secret.key=SEKRIT: unknown key")).doesNotContain("SEKRIT");
    assertThat(Redaction.text("https://h/x?token=SEKRIT&b=1")).isEqualTo("https://h/x?token=***&b=1");
    assertThat(Redaction.text("{\"password\": \"a \\\" b\"}")).isEqualTo("{\"password\": \"***\"}");
    assertThat(Redaction.text("rows rejected: 3")).isEqualTo("rows rejected: 3");
  }

  @Test
  void longTextIsScannedInLinearTime() {
    String huge = "x".repeat(200_000) + " secret_token" + ",x".repeat(100_000) + " token=SEKRIT";
    long t0 = System.nanoTime();
    String out = Redaction.text(huge);
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
    assertThat(out).endsWith("token=***").hasSize(huge.length() - 3);
  }

  @Test
  void foreignTextIsAShortPrintablePrefix() {
    String shadow = "root:$6$saltsalt$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy:19000:0:99999:7:::";
    String shown = Redaction.foreign(shadow);
    assertThat(shown).hasSizeLessThanOrEqualTo(Redaction.FOREIGN_PREFIX + 3).doesNotContain(shadow.substring(30));
    assertThat(Redaction.foreign("\u001f\u008b\u0008ÿì½[³&Çq")).isEqualTo("'??????[?&?q'").matches("\\p{ASCII}*");
    assertThat(Redaction.foreign("date,value")).isEqualTo("'date,value'");
  }

  @Test
  void jsonRedactionMasksSecretKeysAndUriUserInfo() throws Exception {
    JsonNode spec = new ObjectMapper().readTree("""
        {"output": {"path": "hdfs://u:PASSWORD@nn/out"},
         "inputs": {"x": {"path": ["s3a://KEY:SECRET@b/in.csv", "file:/tmp/in.csv"]}},
         "params": {"access_key": "AKIA"}}""");
    String redacted = Redaction.redact(spec).toString();
    assertThat(redacted).doesNotContain("PASSWORD", "SECRET", "AKIA")
        .contains("hdfs://***@nn/out", "s3a://***@b/in.csv", "file:/tmp/in.csv");
    assertThat(spec.toString()).contains("PASSWORD"); // a copy; the spec itself is untouched
  }
}
