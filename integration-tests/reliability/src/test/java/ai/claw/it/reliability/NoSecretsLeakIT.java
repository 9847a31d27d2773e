package ai.claw.it.reliability;

import ai.claw.it.Http;
import ai.claw.it.LocalServices;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Secrets (a fixed table and random ones from a printed seed) sent every way an application gets
 * them: in path segments (raw and percent-encoded), query strings, path parameters, headers,
 * bodies, a request method, SQL literals and comments (statements that succeed and fail, with the
 * secret in the driver's error message), prepared-statement values, Redis keys, values and AUTH
 * passwords (Jedis and Lettuce), and exception messages (servlet and annotated code). None of
 * them, nor any 8 characters of one in a row, in any encoding or case, reaches a label (Prometheus
 * text and OpenMetrics) or a line of the agent's log at {@code log.level=debug}.
 */
class NoSecretsLeakIT {

    static final int RANDOM = 20;

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noSecretReachesALabelOrTheAgentsLog() throws Exception {
        LocalServices.requireRedis();
        long seed = Long.getLong("claw.it.seed", System.nanoTime());
        List<String> secrets = new ArrayList<>(Secrets.TABLE);
        secrets.addAll(Secrets.random(seed, RANDOM));
        String rerun = " (seed " + seed + "; rerun with -Dclaw.it.seed=" + seed + ")";

        try (App app = App.withAgent("log.level=debug")) {
            int id = 1000;
            for (String secret : secrets) {
                send(app, secret, id++);
            }
            customMethod(app);

            Scrape text = app.scrape();
            String openMetrics = Http.get("http://127.0.0.1:" + app.metricsPort + "/metrics",
                    "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").text();
            String labels = text.samples().stream()
                    .flatMap(s -> s.labels().entrySet().stream().filter(e -> !e.getKey().equals("le")).map(Map.Entry::getValue))
                    .distinct().collect(Collectors.joining("\n"));
            String openMetricsSeries = openMetrics.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll(" [^ ]+( [^ ]+)?$", ""))
                    .filter(l -> !l.contains("le=\"")).collect(Collectors.joining("\n"));
            String log = String.join("\n", app.agentLines());
            for (String secret : secrets) {
                for (Map.Entry<String, String> place : Map.of("a label", labels, "an OpenMetrics series", openMetricsSeries,
                        "the agent's log", log).entrySet()) {
                    String leak = Secrets.leakIn(secret, place.getValue());
                    if (leak != null) {
                        fail("'" + leak + "' of secret '" + secret + "' is in " + place.getKey() + rerun + ":\n" + place.getValue());
                    }
                }
            }

            // Not vacuous: all of it went through the instrumented paths.
            int n = secrets.size();
            assertTrue(text.sum("claw_ai_http_requests_total", "endpoint", "/greet/{id}") >= n, text.describe("claw_ai_http_requests_total") + rerun);
            assertTrue(text.sum("claw_ai_http_requests_total", "endpoint", "/greet/{id}/profile") >= n, text.describe("claw_ai_http_requests_total") + rerun);
            assertTrue(text.sum("claw_ai_http_requests_total", "endpoint", "/boom", "status", "500") == n);
            assertTrue(text.sum("claw_ai_db_operation_duration_seconds_count", "outcome", "error") >= n);
            assertTrue(text.sum("claw_ai_db_operation_duration_seconds_count", "outcome", "success") >= 5 * n);
            assertTrue(text.sum("claw_ai_redis_operation_duration_seconds_count", "command", "AUTH", "outcome", "error") == 2 * n,
                    text.describe("claw_ai_redis_operation_duration_seconds_count"));
            text.assertValue(n, "claw_ai_ai_response_duration_seconds_count", "model", Assistant.MODEL, "outcome", "error");
            assertTrue(log.contains("DEBUG instrumented "), log);
        }
    }

    private static void send(App app, String secret, int id) throws Exception {
        String inPath = Secrets.inPath(secret);
        String encoded = Secrets.encoded(secret);
        get(app, "/greet/" + inPath);
        get(app, "/greet/" + encoded + "/profile");
        get(app, "/greet/" + inPath + "/profile");
        get(app, "/greet/x?token=" + encoded + "&password=" + encoded + "&email=" + encoded);
        get(app, "/greet/x;jsessionid=" + encoded);
        HttpRequest withHeaders = HttpRequest.newBuilder(URI.create(app.url("/greet/y")))
                .header("Authorization", "Bearer " + secret).header("Cookie", "session=" + encoded)
                .header("X-Api-Key", secret).GET().build();
        assertEquals(200, CLIENT.send(withHeaders, HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(201, Http.post(app.url("/echo"), "{\"password\":\"" + secret + "\"}").status());
        assertEquals(500, app.get("/boom?msg=" + encoded).status());

        String literal = secret.replace("'", "''");
        for (String sql : List.of(
                "SELECT * FROM items WHERE name = '" + literal + "'",
                "INSERT INTO scratch (id, name) VALUES (" + id + ", '" + literal + "')",
                "UPDATE scratch SET name = '" + literal + "x' WHERE id = " + id,
                "/* " + secret.replace("*/", "") + " */ SELECT COUNT(*) FROM items",
                "SELECT * FROM items WHERE name LIKE '%" + literal + "%' OR name IN ('" + literal + "', 'b')",
                "SELECT '" + literal + "' AS x",
                "SELECT * FROM items WHERE nam = '" + literal + "'",
                "DELETE FROM scratch WHERE id = " + id + " AND name <> '" + literal + "'")) {
            app.run("sql", "sql", sql);
        }
        app.run("prepared", "value", secret);
        assertEquals("same", app.run("redis-set", "key", secret, "value", secret));
        app.run("redis-auth", "password", secret);
        assertEquals("threw IllegalArgumentException", app.run("ai-fail", "message", secret));
    }

    private static void get(App app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url(path))).GET().build();
        int status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status, path);
    }

    /** A request method the client made up: never a label value. */
    private static void customMethod(App app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/greet/z")))
                .method("S3CR3TM3THOD", HttpRequest.BodyPublishers.noBody()).build();
        CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
        assertTrue(app.scrape().samples("claw_ai_http_requests_total").stream().noneMatch(s -> "S3CR3TM3THOD".equals(s.label("method"))));
    }
}
