package io.chokepoint.report.sections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The Run section's one line on the manifest's accelerator entry (no Spark: the fast tier). */
class RunSectionAcceleratorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void saysWhetherCometRanAndItsNativeShare() throws Exception {
    assertThat(RunSection.accelerator(JSON.readTree("{}").path("accelerator"))).isEqualTo("not recorded");
    assertThat(RunSection.accelerator(JSON.readTree("{\"name\": \"none\"}"))).isEqualTo("none");
    assertThat(RunSection.accelerator(JSON.readTree("{\"name\": \"comet\", \"version\": \"1.2.0\", \"loaded\": true, "
        + "\"ran\": true, \"queries\": 64, \"operators\": 1388, \"native_operators\": 559, \"native_share\": 0.4027}")))
        .isEqualTo("comet 1.2.0: ran, 559 of 1388 operators native (40.3%) over 64 queries");
    assertThat(RunSection.accelerator(JSON.readTree("{\"name\": \"comet\", \"version\": null, \"loaded\": false, "
        + "\"ran\": false, \"queries\": 3, \"operators\": 10, \"native_operators\": 0, \"native_share\": 0}")))
        .startsWith("comet ?: configured but its classes did not load, 0 of 10");
  }
}
