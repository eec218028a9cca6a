package org.keybridge.portal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's rows and their shape; no speed is asserted (benchmarks are not timed tests). */
class ValidationBenchTest {
    @Test
    void rowsForBothAlgorithmsWarmAndCold() throws Exception {
        List<ValidationBench.Row> rows = new ValidationBench(0.05, 1).run();
        assertThat(rows).extracting(ValidationBench.Row::name).containsExactly("portal.validate.ES256.p256",
                "portal.validate.RS256.rsa2048", "portal.validate.ES256.p256.cold", "portal.validate.RS256.rsa2048.cold");
        for (ValidationBench.Row r : rows) {
            assertThat(r.unit()).isEqualTo("validations/s");
            assertThat(r.value()).isPositive();
            assertThat(r.baseline()).isPositive();
            assertThat(r.ratio()).isPositive();
        }
    }
}
