package ai.claw.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/DEPLOYMENT.md's configuration reference lists exactly the agent's keys and defaults. */
class ConfigDocTest {

    @Test
    void configurationReferenceMatchesTheKeys() throws Exception {
        Map<String, String> documented = new TreeMap<>();
        boolean inReference = false;
        for (String line : Files.readAllLines(Paths.get("..", "docs", "DEPLOYMENT.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inReference = line.equals("## Configuration reference");
            }
            if (inReference && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                documented.put(cells[1].trim().replace("`", ""), cells[2].trim().replace("`", ""));
            }
        }
        Map<String, String> keys = new TreeMap<>();
        for (ConfigKey key : ConfigKey.ALL.values()) {
            keys.put(key.name, key.defaultValue == null ? "unset" : key.defaultValue);
        }
        assertEquals(keys, documented);
    }
}
