package ai.claw.it.reliability;

import ai.claw.it.Http;
import ai.claw.it.LocalServices;
import ai.claw.it.Scrape;
import ai.claw.it.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same application run without the agent, with it, and with it while every recording fails
 * ({@code -Dclaw.agent.test.fault=runtime|linkage}, see the agent's {@code FaultInjection}):
 * HTTP answers (status, headers, body; sync, async, 404, an exception), the behaviour transcript
 * (JDBC, Jedis, Lettuce sync/async/reactive, annotated sync/throwing/CompletionStage code: every
 * return value, exception type, message, cause and first stack frames) and the application's
 * own log lines are identical in all four runs.
 */
class BehaviourUnchangedIT {

    static final String REQUESTS = "claw_ai_http_requests_total";

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    record Run(List<Answer> answers, String transcript, List<String> applicationLines) {
    }

    static Run without;

    @BeforeAll
    static void baseline() throws Exception {
        LocalServices.requireRedis();
        try (App app = App.withoutAgent()) {
            without = exercise(app);
        }
    }

    /** Every request and the transcript, in a fixed order, then the app's output so far. */
    static Run exercise(App app) throws Exception {
        List<Answer> answers = new ArrayList<>();
        answers.add(answer(app.get("/greet/world")));
        answers.add(answer(Http.post(app.url("/echo"), "{\"x\":[1,2,3]}")));
        answers.add(answer(app.get("/missing/page")));
        answers.add(answer(app.get("/boom")));
        answers.add(answer(app.get("/boom?msg=an+exception+message")));
        answers.add(answer(app.get("/later")));
        Http.Response behaviour = app.get("/behaviour");
        assertEquals(200, behaviour.status(), behaviour.text());
        // Proxy classes are numbered in the order a JVM makes them (the agent makes some too).
        String transcript = behaviour.text().replaceAll("\\$Proxy\\d+", "\\$ProxyN");
        Waits.sleep(300); // let the container finish logging
        return new Run(answers, transcript, masked(app.applicationLines()));
    }

    private static Answer answer(Http.Response r) {
        Map<String, List<String>> headers = new TreeMap<>(r.headers());
        headers.remove("date");
        return new Answer(r.status(), headers, r.body());
    }

    /**
     * Numbers (times, ports, thread ids) masked, so two runs of the same app compare equal; without
     * Tomcat's note that seeding its session-id SecureRandom took long (timing on a busy machine).
     */
    static List<String> masked(List<String> lines) {
        return lines.stream()
                .filter(l -> !l.contains("SessionIdGeneratorBase createSecureRandom") && !l.contains("Creation of SecureRandom instance"))
                .map(l -> l.replaceAll("\\d+", "#")).collect(Collectors.toList());
    }

    static void assertSameAsWithout(Run run) {
        assertEquals(without.answers.size(), run.answers.size());
        for (int i = 0; i < without.answers.size(); i++) {
            Answer a = without.answers.get(i);
            Answer b = run.answers.get(i);
            assertEquals(a.status, b.status, "request " + i);
            assertEquals(a.headers, b.headers, "request " + i);
            assertArrayEquals(a.body, b.body, "request " + i + ":\n" + new String(a.body) + "\n---\n" + new String(b.body));
        }
        assertEquals(without.transcript, run.transcript);
        assertEquals(String.join("\n", without.applicationLines), String.join("\n", run.applicationLines),
                "the application's own output");
    }

    @Test
    void withTheAgentEverythingIsTheSameAndRecorded() throws Exception {
        try (App app = App.withAgent("")) {
            Run run = exercise(app);
            assertSameAsWithout(run);
            assertTrue(without.transcript.contains("threw org.h2.jdbc.JdbcSQLSyntaxErrorException"), without.transcript);
            assertTrue(without.transcript.contains("threw java.util.concurrent.ExecutionException"), without.transcript);

            // Not vacuous: the agent saw all of it.
            Scrape s = app.scrape();
            String db = "claw_ai_db_operation_duration_seconds_count";
            String redis = "claw_ai_redis_operation_duration_seconds_count";
            String ai = "claw_ai_ai_response_duration_seconds_count";
            s.assertValue(1, REQUESTS, "method", "GET", "endpoint", "/later", "status", "200");
            s.assertValue(2, REQUESTS, "method", "GET", "endpoint", "/boom", "status", "500");
            s.assertValue(2, db, "system", "h2", "operation", "INSERT", "table", "scratch", "outcome", "error");
            s.assertValue(1, db, "system", "h2", "operation", "OTHER", "table", "", "outcome", "error");
            s.assertValue(1, db, "system", "h2", "operation", "SELECT", "table", "no_such_table", "outcome", "error");
            s.assertValue(1, db, "system", "h2", "operation", "CALL", "table", "", "outcome", "success");
            s.assertValue(2, redis, "client", "jedis", "command", "INCR", "outcome", "error");
            s.assertValue(1, redis, "client", "jedis", "command", "NOSUCHCOMMAND", "outcome", "error");
            s.assertValue(3, redis, "client", "lettuce", "command", "INCR", "outcome", "error");
            s.assertValue(4, redis, "client", "lettuce", "command", "GET", "outcome", "success");
            s.assertValue(1, ai, "model", Assistant.MODEL, "outcome", "success");
            s.assertValue(1, ai, "model", Assistant.MODEL, "outcome", "error");
            s.assertValue(2, ai, "model", Assistant.ASYNC_MODEL, "outcome", "success");
            s.assertValue(1, ai, "model", Assistant.ASYNC_MODEL, "outcome", "error");
            s.assertValue(0, "claw_ai_agent_errors_total", "kind", "advice");
            assertEquals(List.of(), app.agentLines().stream().filter(l -> !l.contains(" INFO ")).collect(Collectors.toList()));
        }
    }

    @Test
    void everyRecordingFailingWithARuntimeExceptionChangesNothing() throws Exception {
        assertFailOpen("runtime", "java.lang.IllegalStateException");
    }

    @Test
    void everyRecordingFailingWithALinkageErrorChangesNothing() throws Exception {
        assertFailOpen("linkage", "java.lang.NoClassDefFoundError: claw.agent.test.fault=linkage: injected failure");
    }

    private static void assertFailOpen(String fault, String thrown) throws Exception {
        try (App app = App.start(App.options().agent("").jvm("-Dclaw.agent.test.fault=" + fault))) {
            assertSameAsWithout(exercise(app));

            // Each recording failed, was counted and swallowed: exactly one more per request.
            Scrape before = app.scrape();
            double errors = before.value("claw_ai_agent_errors_total", "kind", "advice");
            assertTrue(errors > 50, "failures counted: " + errors);
            for (int i = 0; i < 7; i++) {
                assertEquals(200, app.get("/greet/x").status());
            }
            Scrape after = app.scrape();
            after.assertValue(errors + 7, "claw_ai_agent_errors_total", "kind", "advice");
            assertEquals(0, after.samples(REQUESTS).size(), "nothing could be recorded");
            after.assertValue(0, "claw_ai_http_active_connections");

            // Said in at most five lines, naming what failed (a LinkageError with its message), never anything else.
            List<String> lines = app.agentLines().stream().filter(l -> !l.contains(" INFO ")).collect(Collectors.toList());
            assertEquals(5, lines.size(), String.join("\n", lines));
            for (String line : lines) {
                assertTrue(line.startsWith("[claw-ai-agent] WARN recording failed and was skipped, the application is unaffected: "
                        + thrown + " at ai.claw.agent."), line);
            }
            assertTrue(lines.get(4).endsWith("(further failures are only counted in claw_ai_agent_errors_total)"), lines.get(4));
        }
    }
}
