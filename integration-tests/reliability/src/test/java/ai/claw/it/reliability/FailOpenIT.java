package ai.claw.it.reliability;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input in every configuration source, an unreadable configuration file, the agent started
 * twice: each problem is one clear line, the next source (or the default) applies, and the
 * application serves as it would without the agent. (A taken port and a missing file are in
 * agent-jvm's AgentConfigIT.)
 */
class FailOpenIT {

    @TempDir
    Path dir;

    private static List<String> warnings(App app) {
        return app.agentLines().stream().filter(l -> !l.contains(" INFO ")).collect(Collectors.toList());
    }

    private static void assertServes(App app) throws Exception {
        assertEquals("hello there", app.get("/greet/there").text());
        assertEquals(500, app.get("/boom").status());
    }

    @Test
    void anUnknownKeyAndABadValueInEachSourceAreOneLineEachAndTheNextSourceApplies() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "smell=fresh\ninstrumentation.servlet.enabled=yes\ncardinality.limit=7\n");
        App.Options options = App.options()
                .agent("colour=blue,log.level=loud")
                .jvm("-Dclaw.ai.flavour=sweet", "-Dclaw.ai.cardinality.limit=lots")
                .env(Map.of("CLAW_AI_SHAPE", "round", "CLAW_AI_INSTRUMENTATION_JDBC_ENABLED", "maybe",
                        "CLAW_AI_CONFIG", file.toString()));
        try (App app = App.start(options)) {
            assertServes(app);
            for (int i = 0; i < 10; i++) {
                app.get("/greet/" + Floods.word(i));
            }
            app.run("sql-literals", "n", "3");

            // Unknown keys by source, then bad values key by key; "(known keys: ...)" cut short here.
            assertEquals(List.of(
                    "[claw-ai-agent] WARN unknown config key 'colour' in agent arguments (known keys: ",
                    "[claw-ai-agent] WARN unknown config key 'flavour' in system property -Dclaw.ai.flavour (known keys: ",
                    "[claw-ai-agent] WARN unknown environment variable CLAW_AI_SHAPE (known keys: ",
                    "[claw-ai-agent] WARN unknown config key 'smell' in config file " + file + " (known keys: ",
                    "[claw-ai-agent] WARN config key 'instrumentation.servlet.enabled' from config file " + file
                            + " has invalid value 'yes': expected true or false; ignored",
                    "[claw-ai-agent] WARN config key 'instrumentation.jdbc.enabled' from environment has invalid value 'maybe': expected true or false; ignored",
                    "[claw-ai-agent] WARN config key 'cardinality.limit' from system properties has invalid value 'lots': expected a positive integer; ignored",
                    "[claw-ai-agent] WARN config key 'log.level' from agent arguments has invalid value 'loud': expected one of off, error, warn, info, debug; ignored"),
                    warnings(app).stream().map(l -> l.contains("(known keys: ") ? l.substring(0, l.indexOf("(known keys: ") + 13) : l)
                            .collect(Collectors.toList()));

            // What applied instead: the file's cardinality.limit (7), the defaults for the rest.
            Scrape s = app.scrape();
            assertEquals(7, Floods.series(s, "claw_ai_http_requests_total", "endpoint", false), s.describe("claw_ai_http_requests_total"));
            assertTrue(s.valueOrZero("claw_ai_db_operation_duration_seconds_count",
                    "system", "h2", "operation", "SELECT", "table", "items", "outcome", "success") >= 3);
            assertTrue(app.output().contains("[claw-ai-agent] INFO started "), app.output());
        }
    }

    @Test
    void aConfigFileWithAMalformedEscapeIsOneLine() throws Exception {
        Path file = dir.resolve("broken.properties");
        Files.write(file, "port=1\nauth.password=\\uZZZZ\n".getBytes(StandardCharsets.ISO_8859_1));
        assertUnreadable(file, "java.lang.IllegalArgumentException: Malformed \\uxxxx encoding.");
    }

    private void assertUnreadable(Path file, String reason) throws Exception {
        try (App app = App.start(App.options().agent("").env(Map.of("CLAW_AI_CONFIG", file.toString())))) {
            assertServes(app);
            assertEquals(List.of("[claw-ai-agent] WARN config file '" + file + "' cannot be read (" + reason + "); using the other sources"),
                    warnings(app));
            app.scrape().assertValue(1, "claw_ai_http_requests_total", "method", "GET", "endpoint", "/greet/there", "status", "200");
        }
    }

    @Test
    void attachingToAJvmThatHasTheAgentIsOneLineAndChangesNothing() throws Exception {
        try (App app = App.withAgent("")) {
            int second = Ports.free();
            try (ForkedJvm attach = ForkedJvm.start(List.of(),
                    List.of("-jar", ForkedJvm.agentJar(), "attach", Long.toString(app.jvm.pid()), "port=" + second), Map.of())) {
                assertEquals(0, attach.waitFor(Duration.ofSeconds(60)), attach.output());
            }
            app.jvm.awaitOutput("this second start (attach) is ignored", Duration.ofSeconds(30));
            assertServes(app);
            assertEquals(List.of("[claw-ai-agent] WARN already running in this JVM; this second start (attach) is ignored"), warnings(app));
            assertFalse(Ports.isOpen("127.0.0.1", second), "the second start opened no port");
            app.scrape().assertValue(1, "claw_ai_http_requests_total", "method", "GET", "endpoint", "/greet/there", "status", "200");
        }
    }
}
