package ai.claw.agent.config;

import ai.claw.agent.AgentLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentConfigTest {

    @TempDir
    Path dir;

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsWhenNothingIsSet() {
        AgentConfig c = AgentConfig.load(null, map(), map());
        assertEquals(9464, c.port());
        assertEquals("0.0.0.0", c.host());
        assertEquals(1000, c.cardinalityLimit());
        assertEquals(AgentLog.Level.INFO, c.logLevel());
        for (String name : ConfigKey.INSTRUMENTATIONS) {
            assertTrue(c.isEnabled(name), name);
        }
        assertNull(c.authUsername());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void precedenceIsArgumentsThenSystemPropertyThenEnvironmentThenFileThenDefault() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "port=1001\nhost=10.0.0.1\ncardinality.limit=7\nlog.level=debug\n");
        Map<String, String> env = map("CLAW_AI_CONFIG", file.toString(), "CLAW_AI_PORT", "1002", "CLAW_AI_HOST", "10.0.0.2",
                "CLAW_AI_CARDINALITY_LIMIT", "8");
        Map<String, String> props = map("claw.ai.port", "1003", "claw.ai.host", "10.0.0.3");
        AgentConfig c = AgentConfig.load("port=1004", props, env);
        assertEquals(1004, c.port(), "agent arguments win");
        assertEquals("10.0.0.3", c.host(), "then system properties");
        assertEquals(8, c.cardinalityLimit(), "then environment");
        assertEquals(AgentLog.Level.DEBUG, c.logLevel(), "then the file");
        assertEquals(List.of(), c.problems());
    }

    @Test
    void badValueIsReportedInOneLineAndTheNextSourceApplies() {
        AgentConfig c = AgentConfig.load("port=abc", map("claw.ai.port", "70000"), map("CLAW_AI_PORT", "9999"));
        assertEquals(9999, c.port());
        assertEquals(2, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains("'port' from agent arguments has invalid value 'abc': expected an integer from 0 to 65535"),
                c.problems().get(0));
        assertTrue(c.problems().get(1).contains("system properties has invalid value '70000'"), c.problems().get(1));
    }

    @Test
    void unknownKeysAreReportedFromEverySource() {
        AgentConfig c = AgentConfig.load("prot=1", map("claw.ai.hots", "x"), map("CLAW_AI_PROT", "1"));
        assertEquals(9464, c.port());
        assertEquals(3, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).startsWith("unknown config key 'prot' in agent arguments"));
        assertTrue(c.problems().get(1).startsWith("unknown config key 'hots' in system property -Dclaw.ai.hots"));
        assertTrue(c.problems().get(2).startsWith("unknown environment variable CLAW_AI_PROT"));
    }

    @Test
    void instrumentationSwitchesIncludingDashedNamesFromTheEnvironment() {
        AgentConfig c = AgentConfig.load("instrumentation.jdbc.enabled=false", map(),
                map("CLAW_AI_INSTRUMENTATION_SPRING_AI_ENABLED", "false", "CLAW_AI_INSTRUMENTATION_JEDIS_ENABLED", "nope"));
        assertFalse(c.isEnabled("jdbc"));
        assertFalse(c.isEnabled("spring-ai"));
        assertTrue(c.isEnabled("jedis"));
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains("expected true or false"));
    }

    @Test
    void unreadableFileIsOneLineAndOtherSourcesStillApply() {
        AgentConfig c = AgentConfig.load("config=" + dir.resolve("missing.properties"), map("claw.ai.port", "1234"), map());
        assertEquals(1234, c.port());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).startsWith("config file '"), c.problems().get(0));
        assertTrue(c.problems().get(0).contains("cannot be read"));
    }

    @Test
    void authNeedsBothKeysAndThePasswordNeverReachesTheLog() {
        AgentConfig onlyUser = AgentConfig.load("auth.username=prom", map(), map());
        assertNull(onlyUser.authUsername());
        assertEquals(1, onlyUser.problems().size());

        AgentConfig both = AgentConfig.load("auth.username=prom,auth.password=s3cret", map(), map());
        assertEquals("prom", both.authUsername());
        assertEquals("s3cret", both.authPassword());

        AgentConfig blank = AgentConfig.load("auth.password= ", map(), map());
        assertFalse(String.join("\n", blank.problems()).contains("s3cret"));
        assertTrue(blank.problems().get(0).contains("'***'"), blank.problems().get(0));
    }

    @Test
    void malformedArgumentIsReported() {
        AgentConfig c = AgentConfig.load("port=1,,justaword", map(), map());
        assertEquals(1, c.port());
        assertEquals(List.of("agent argument 'justaword' is not of the form key=value; ignored"), c.problems());
    }

    @Test
    void environmentVariableNames() {
        assertEquals("CLAW_AI_CARDINALITY_LIMIT", ConfigKey.CARDINALITY_LIMIT.environmentVariable());
        assertEquals("CLAW_AI_INSTRUMENTATION_SPRING_AI_ENABLED", ConfigKey.enabledKey("spring-ai").environmentVariable());
        assertEquals("claw.ai.log.level", ConfigKey.LOG_LEVEL.systemProperty());
    }
}
