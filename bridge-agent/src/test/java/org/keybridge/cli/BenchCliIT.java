package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code keybridge bench --json}: the shape of its output (no timing thresholds: benchmarks are not timed tests). */
class BenchCliIT {
    @Test
    void benchJsonIsAListOfResults() throws Exception {
        Cli.Result r = Cli.keybridge(Duration.ofMinutes(5), "bench", "--json", "--seconds", "0.3", "--rounds", "1");
        assertThat(r.exit()).as("%s", r).isZero();
        JsonNode results = DemoDir.JSON.readTree(r.out()); // stdout is the JSON and nothing else
        assertThat(results.isArray()).as("%s", r).isTrue();
        assertThat(results).isNotEmpty();

        List<String> names = new ArrayList<>();
        for (JsonNode o : results) {
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as("%s", o).containsExactlyInAnyOrder("name", "unit", "value", "baseline", "ratio");
            names.add(o.get("name").asText());
            assertThat(o.get("unit").asText()).isNotBlank();
            double value = o.get("value").asDouble(), baseline = o.get("baseline").asDouble(), ratio = o.get("ratio").asDouble();
            assertThat(value).as("%s", o).isPositive();
            assertThat(baseline).as("%s", o).isPositive();
            assertThat(ratio).as("%s", o).isPositive();
            // ratio is the median of adjacent pairs' ratios, not value/baseline: close to it, not equal
            assertThat(ratio / (value / baseline)).as("%s", o).isCloseTo(1.0, within(0.5));
        }
        assertThat(names).doesNotHaveDuplicates().contains("sign.RS256.rsa2048", "sign.ES256.p256",
                "portal.validate.ES256.p256", "portal.validate.RS256.rsa2048", "agent.authenticate.http",
                "agent.authenticate.http-floor", "agent.rss.after1000", "native-host.cold-start");
    }
}
