package io.chokepoint.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.error.UsageException;
import org.junit.jupiter.api.Test;

class MirrorParamsTest {
  static JobParams params(String json) throws Exception {
    return JobParams.from(new Params((ObjectNode) new ObjectMapper().readTree(json)));
  }

  @Test
  void defaultsAreTheReportedBasisWithoutMirrorFlows() throws Exception {
    MirrorParams m = params("{}").mirror();
    assertThat(m).isEqualTo(new MirrorParams("reported", false, 0.1, 0.1, 1.05));
    assertThat(params("{}").reliance().tolerancePp()).isEqualTo(2);
  }

  @Test
  void aBasisOtherThanReportedBringsTheMirrorFlows() throws Exception {
    assertThat(params("{\"value_basis\": \"reconciled\"}").mirror().mirrorFlows()).isTrue();
    assertThat(params("{\"mirror_flows\": true, \"cif_fob_factor\": 1.1}").mirror())
        .isEqualTo(new MirrorParams("reported", true, 0.1, 0.1, 1.1));
  }

  @Test
  void badValuesAreSpecErrorsNamingTheKey() {
    assertThatThrownBy(() -> params("{\"value_basis\": \"partner\"}")).isInstanceOf(UsageException.class)
        .hasMessageContaining("params.value_basis");
    assertThatThrownBy(() -> params("{\"value_basis\": \"mirror\", \"mirror_flows\": false}"))
        .isInstanceOf(UsageException.class).hasMessageContaining("params.mirror_flows");
    assertThatThrownBy(() -> params("{\"mirror_value_tolerance\": 1.5}")).isInstanceOf(UsageException.class)
        .hasMessageContaining("params.mirror_value_tolerance");
    assertThatThrownBy(() -> params("{\"cif_fob_factor\": 0.9}")).isInstanceOf(UsageException.class)
        .hasMessageContaining("params.cif_fob_factor");
    assertThatThrownBy(() -> params("{\"reliance_tolerance_pp\": -1}")).isInstanceOf(UsageException.class)
        .hasMessageContaining("params.reliance_tolerance_pp");
  }
}
