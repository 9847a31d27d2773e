package ai.claw.agent.metrics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/METRICS.md lists exactly the catalog's metrics, with their types and labels. */
class MetricsDocTest {

    @Test
    void metricsTableMatchesTheCatalog() throws Exception {
        Path doc = Paths.get("..", "docs", "METRICS.md");
        Map<String, String> documented = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (line.startsWith("| metric | type | labels |")) {
                inTable = true; // the reference table; later tables describe metrics, they don't define them
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
            if (!inTable || !line.startsWith("| `claw_ai_")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].trim().replace("`", "");
            String type = cells[2].trim().toUpperCase();
            String labels = cells[3].trim().equals("—") ? "" : Arrays.stream(cells[3].split(","))
                    .map(l -> l.trim().replace("`", "")).collect(Collectors.joining(","));
            documented.put(name, type + " " + labels);
        }
        Map<String, String> catalog = new TreeMap<>();
        for (ClawMetric m : ClawMetric.values()) {
            catalog.put(m.name, m.type + " " + String.join(",", m.labels));
        }
        assertEquals(catalog, documented, "docs/METRICS.md table vs ClawMetric");
    }
}
