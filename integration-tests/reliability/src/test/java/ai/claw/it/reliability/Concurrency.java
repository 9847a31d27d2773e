package ai.claw.it.reliability;

import ai.claw.it.Scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code threads} concurrent callers x {@code calls} each, on every instrumented path: HTTP (one
 * keep-alive connection per caller, pipelined), JDBC, Jedis, Lettuce and annotated code (run
 * inside the app on platform or virtual threads). Every counter must move by exactly
 * {@code threads * calls}.
 */
final class Concurrency {

    static final int THREADS = 64;

    private Concurrency() {
    }

    /** 10,000 with {@code -Dclaw.it.full=true}, else 500. */
    static int calls() {
        return Floods.full() ? 10_000 : 500;
    }

    static void assertExactCounts(App app, int threads, int calls, boolean virtual) throws Exception {
        long total = (long) threads * calls;
        String http = "claw_ai_http_requests_total";
        String httpDuration = "claw_ai_http_request_duration_seconds_count";
        String db = "claw_ai_db_operation_duration_seconds_count";
        String redis = "claw_ai_redis_operation_duration_seconds_count";
        String ai = "claw_ai_ai_response_duration_seconds_count";
        String v = Boolean.toString(virtual);

        Scrape before = app.scrape();
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> answered = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                answered.add(callers.submit(() -> {
                    try (PipelinedHttp client = new PipelinedHttp(app.port)) {
                        return client.getAll(Floods.repeat("/greet/same", calls), 50);
                    }
                }));
            }
            long ok = 0;
            for (Future<Long> f : answered) {
                ok += f.get();
            }
            assertEquals(total, ok, "every request answered 200");
        } finally {
            callers.shutdown();
        }
        long t0 = System.nanoTime();
        String n = Integer.toString(calls);
        String th = Integer.toString(threads);
        System.out.println("jdbc: " + app.run("jdbc", "threads", th, "n", n, "virtual", v));
        System.out.println("jedis: " + app.run("jedis", "threads", th, "n", n, "virtual", v));
        System.out.println("lettuce: " + app.run("lettuce", "threads", th, "n", n, "virtual", v));
        System.out.println("ai: " + app.run("ai", "threads", th, "n", n, "virtual", v));
        System.out.printf("in-app calls took %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        Scrape after = app.scrape();
        assertDelta(total, before, after, http, "method", "GET", "endpoint", "/greet/same", "status", "200");
        assertDelta(total, before, after, httpDuration, "method", "GET", "endpoint", "/greet/same");
        after.assertValue(0, "claw_ai_http_active_connections");
        assertDelta(total, before, after, db, "system", "h2", "operation", "SELECT", "table", "items", "outcome", "success");
        assertDelta(total, before, after, redis, "client", "jedis", "command", "GET", "outcome", "success");
        assertDelta(total, before, after, redis, "client", "lettuce", "command", "GET", "outcome", "success");
        assertDelta(total, before, after, ai, "model", Assistant.MODEL, "outcome", "success");
        after.assertValue(0, "claw_ai_agent_errors_total", "kind", "advice");
    }

    private static void assertDelta(long expected, Scrape before, Scrape after, String name, String... labels) {
        after.assertValue(before.valueOrZero(name, labels) + expected, name, labels);
    }
}
