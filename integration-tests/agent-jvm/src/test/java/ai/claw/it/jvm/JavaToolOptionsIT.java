package ai.claw.it.jvm;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Injection without touching the command line (the container pattern of stack/docker-compose.yml,
 * stack/kubernetes/ and stack/agent-image/): the UNMODIFIED sample app jar is started with a
 * plain {@code java -jar}, and the agent arrives only through {@code JAVA_TOOL_OPTIONS}, configured
 * only through {@code CLAW_AI_PORT}. The same app is run beside it without the agent, and the
 * two outputs are compared line by line.
 */
class JavaToolOptionsIT {

    private static final String STARTED = "Started ClawSampleApplication";
    /** Spring Boot's console line: timestamp, level, pid, ---, [app name]. */
    private static final Pattern APP_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s+\\d+ --- .*");
    /**
     * Printed by the JVM (not the agent) because the agent appends its facade jar to the
     * bootstrap class path; documented in docs/DEPLOYMENT.md#troubleshooting.
     */
    private static final String CDS_WARNING = "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader "
            + "classes because bootstrap classpath has been appended";

    @Test
    void anUnmodifiedAppJarGetsExactMetricsFromJavaToolOptionsAlone() throws Exception {
        int metricsPort = Ports.free();
        String toolOptions = "-javaagent:" + ForkedJvm.agentJar();
        SampleApp plain = null;
        SampleApp injected = null;
        try {
            // Same command line for both: java -Xmx256m -jar claw-ai-sample-app.jar --port N.
            plain = SampleApp.start(null, List.of(), Map.of());
            injected = SampleApp.start(null, List.of(), Map.of(
                    "JAVA_TOOL_OPTIONS", toolOptions,
                    "CLAW_AI_PORT", Integer.toString(metricsPort)));
            plain.jvm.awaitOutput(STARTED, Duration.ofSeconds(60));
            injected.jvm.awaitOutput(STARTED, Duration.ofSeconds(60));
            injected.jvm.awaitHttp("http://127.0.0.1:" + metricsPort + "/-/healthy", Duration.ofSeconds(30));

            for (SampleApp app : List.of(plain, injected)) {
                for (int i = 0; i < 3; i++) {
                    Http.Response r = Http.post(app.url("/api/conversations"), "{\"title\":\"jto " + i + "\"}");
                    assertEquals(201, r.status(), r.text());
                }
            }

            // Exact values: three POSTs, three requests recorded under the route, nothing else.
            Scrape scrape = Scrape.of(metricsPort);
            scrape.assertValue(3, "claw_ai_http_requests_total",
                    "method", "POST", "endpoint", "/api/conversations", "status", "201");
            assertEquals(3, scrape.sum("claw_ai_http_requests_total", "method", "POST"), scrape.describe("claw_ai_http_requests_total"));
            scrape.assertValue(3, "claw_ai_conversations_total", "status", "created");
            scrape.assertValue(3, "claw_ai_http_request_duration_seconds_count",
                    "method", "POST", "endpoint", "/api/conversations");

            // The output: the app's own lines are the same as without the agent; the only extra
            // lines are the JVM's "Picked up JAVA_TOOL_OPTIONS", the JVM's documented CDS warning
            // and the agent's INFO lines.
            String plainOut = plain.jvm.output();
            String injectedOut = injected.jvm.output();
            List<String> extra = new ArrayList<>();
            for (String line : injectedOut.lines().collect(Collectors.toList())) {
                if (!APP_LINE.matcher(line).matches() && !line.isBlank()) {
                    extra.add(line);
                }
            }
            List<String> agentLines = extra.stream().filter(l -> l.startsWith("[claw-ai-agent]")).collect(Collectors.toList());
            List<String> pickedUp = extra.stream().filter(l -> l.startsWith("Picked up JAVA_TOOL_OPTIONS:")).collect(Collectors.toList());
            List<String> jvmWarnings = extra.stream().filter(l -> l.equals(CDS_WARNING)).collect(Collectors.toList());
            assertEquals(List.of("Picked up JAVA_TOOL_OPTIONS: " + toolOptions), pickedUp, injectedOut);
            assertTrue(jvmWarnings.size() <= 1, injectedOut);
            assertEquals(extra.size(), agentLines.size() + pickedUp.size() + jvmWarnings.size(),
                    "unexpected extra output:\n" + String.join("\n", extra));
            assertTrue(agentLines.stream().allMatch(l -> l.startsWith("[claw-ai-agent] INFO ")), String.join("\n", agentLines));
            assertEquals(1, agentLines.stream().filter(l -> l.equals(
                    "[claw-ai-agent] INFO metrics on http://0.0.0.0:" + metricsPort + "/metrics")).count(), injectedOut);
            assertEquals(1, agentLines.stream().filter(l -> l.startsWith("[claw-ai-agent] INFO started ")
                    && l.contains("(javaagent)")).count(), injectedOut);
            assertTrue(injectedOut.startsWith("Picked up JAVA_TOOL_OPTIONS:"),
                    "the JVM prints the picked-up options first:\n" + injectedOut);

            // The application's own lines: the same as without the agent, once numbers (time,
            // pid, ports, durations) are masked. Compared from the first line to the "Started" line,
            // which both runs print whatever the timing.
            assertEquals(appLinesUntilStarted(plainOut), appLinesUntilStarted(injectedOut),
                    "the application's own output differs with the agent\nwithout:\n" + plainOut + "\nwith:\n" + injectedOut);
            assertTrue(plain.jvm.isAlive() && injected.jvm.isAlive());
        } finally {
            if (injected != null) {
                injected.jvm.close();
            }
            if (plain != null) {
                plain.jvm.close();
            }
        }
    }

    private static List<String> appLinesUntilStarted(String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.lines().collect(Collectors.toList())) {
            if (!APP_LINE.matcher(line).matches()) {
                continue;
            }
            String masked = line.substring(line.indexOf(' ')).replaceAll("\\d+", "#").replaceAll("\\s+", " ").trim();
            lines.add(masked);
            if (line.contains(STARTED)) {
                break;
            }
        }
        return lines;
    }
}
