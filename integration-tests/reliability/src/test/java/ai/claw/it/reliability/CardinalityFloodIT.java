package ai.claw.it.reliability;

import ai.claw.it.Http;
import ai.claw.it.LocalServices;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static ai.claw.it.reliability.Floods.DEFAULT_LIMIT;
import static ai.claw.it.reliability.Floods.OTHER;
import static ai.claw.it.reliability.Floods.folded;
import static ai.claw.it.reliability.Floods.series;
import static ai.claw.it.reliability.Floods.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 distinct URLs, 100,000 distinct SQL texts and 100,000 distinct tables, 100,000 distinct
 * Redis keys (half Jedis, half Lettuce) and 20,000 distinct Redis command names (100,000 with
 * {@code -Dclaw.it.full=true}) through one application under the agent with the default
 * {@code cardinality.limit} (1000): every metric keeps at most that many label sets, the rest
 * are counted exactly in {@code OTHER} and in {@code claw_ai_agent_cardinality_folded_total},
 * heap after GC stays flat across the last 90% of each flood, and a scrape stays fast.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardinalityFloodIT {

    static final int N = Integer.getInteger("claw.it.flood", 100_000);
    /** Growth of heap after GC allowed over the last 90% of one flood. Unbounded label sets would take ~100 MB. */
    static final long MAX_HEAP_GROWTH = 6L << 20;

    static final String REQUESTS = "claw_ai_http_requests_total";
    static final String DURATION_COUNT = "claw_ai_http_request_duration_seconds_count";
    static final String SIZE_COUNT = "claw_ai_http_response_size_bytes_count";
    static final String DB_COUNT = "claw_ai_db_operation_duration_seconds_count";
    static final String REDIS_COUNT = "claw_ai_redis_operation_duration_seconds_count";

    static App app;

    @BeforeAll
    static void start() throws IOException {
        app = App.withAgent("");
        // The endpoints the tests call between floods get their label sets now, before any limit is reached.
        app.state();
        app.run("sql-literals", "n", "1");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Runs {@code flood(from, to)} for the warm-up tenth, then the rest; returns heap growth over the rest. */
    private static long heapGrowthOver(Flood flood) throws Exception {
        return heapGrowthOver(N, flood);
    }

    private static long heapGrowthOver(int n, Flood flood) throws Exception {
        flood.run(0, n / 10);
        long before = app.state().heap();
        flood.run(n / 10, n);
        long after = app.state().heap();
        return after - before;
    }

    interface Flood {
        void run(int from, int to) throws Exception;
    }

    @Test
    @Order(1)
    void distinctUrlsFoldPastTheLimit() throws Exception {
        Scrape before = app.scrape();
        long growth = heapGrowthOver((from, to) -> {
            try (PipelinedHttp http = new PipelinedHttp(app.port)) {
                assertEquals(to - from, http.getAll(Floods.distinctGreetPaths(from, to), 200));
            }
        });
        Scrape after = app.scrape();
        Predicate<Map<String, String>> flood = l -> l.get("endpoint").startsWith("/greet/") || OTHER.equals(l.get("endpoint"));

        for (String name : new String[] {REQUESTS, DURATION_COUNT, SIZE_COUNT}) {
            assertEquals(N, sum(after, name, flood) - sum(before, name, flood), 1e-9, name + ": every request counted once");
            assertEquals(DEFAULT_LIMIT, series(after, name, "endpoint", false), name + ": label sets held at the limit");
        }
        assertEquals(1, series(after, REQUESTS, "endpoint", true), after.describe(REQUESTS).lines().filter(l -> l.contains(OTHER)).toList().toString());
        double folded = after.value(REQUESTS, "method", "GET", "endpoint", OTHER, "status", "200");
        assertEquals(folded, folded(after, REQUESTS) - folded(before, REQUESTS), 1e-9, "every folded request is reported");
        assertTrue(folded > N - DEFAULT_LIMIT, "folded " + folded);
        assertEquals(after.value(DURATION_COUNT, "method", "GET", "endpoint", OTHER),
                folded(after, DURATION_COUNT.replace("_count", "")) - folded(before, DURATION_COUNT.replace("_count", "")), 1e-9);
        assertHeapFlat("URL flood", growth);
    }

    @Test
    @Order(2)
    void distinctSqlTextsAndTablesFoldPastTheLimit() throws Exception {
        String db = "claw_ai_db_operation_duration_seconds";
        Scrape before = app.scrape();
        long literals = heapGrowthOver((from, to) -> assertEquals("rows " + (to - from), app.run("sql-literals", "n", Integer.toString(to - from))));
        Scrape middle = app.scrape();
        middle.assertValue(before.valueOrZero(DB_COUNT, "system", "h2", "operation", "SELECT", "table", "items", "outcome", "success") + N,
                DB_COUNT, "system", "h2", "operation", "SELECT", "table", "items", "outcome", "success");
        assertEquals(folded(before, db), folded(middle, db), "distinct texts of one statement shape fold nothing");

        long tables = heapGrowthOver((from, to) -> assertEquals("errors " + (to - from), app.run("sql-tables", "n", Integer.toString(to - from))));
        Scrape after = app.scrape();
        Predicate<Map<String, String>> flood = l -> "error".equals(l.get("outcome")) && "SELECT".equals(l.get("operation"));
        assertEquals(N, sum(after, DB_COUNT, flood) - sum(middle, DB_COUNT, flood), 1e-9);
        assertTrue(series(after, DB_COUNT, "table", false) <= DEFAULT_LIMIT, after.describe(DB_COUNT).length() + " chars of series");
        assertEquals(DEFAULT_LIMIT, series(after, DB_COUNT, "table", false));
        double other = after.value(DB_COUNT, "system", "h2", "operation", "SELECT", "table", OTHER, "outcome", "error");
        assertEquals(other, folded(after, db) - folded(middle, db), 1e-9);
        // items and scratch: the workload's own tables, created when it starts (recorded if the agent is installed by then)
        assertEquals(List.of(), after.samples(DB_COUNT).stream().map(x -> x.label("table"))
                .filter(table -> !table.matches("items|scratch|OTHER|t_\\d{1,3}")).distinct().toList(), "only table names reach a label");
        assertHeapFlat("SQL literal flood", literals);
        assertHeapFlat("SQL table flood", tables);
    }

    @Test
    @Order(3)
    void distinctRedisKeysAddNoLabelSetsAndDistinctCommandsFold() throws Exception {
        LocalServices.requireRedis();
        String redis = "claw_ai_redis_operation_duration_seconds";
        Scrape before = app.scrape();
        // N distinct keys: half through Jedis (pipelined), half through Lettuce (async).
        long jedis = heapGrowthOver(N / 2, (from, to) -> app.run("redis-keys", "client", "jedis", "n", Integer.toString(to - from)));
        long lettuce = heapGrowthOver(N / 2, (from, to) -> app.run("redis-keys", "client", "lettuce", "n", Integer.toString(to - from)));
        Scrape middle = app.scrape();
        for (String client : new String[] {"jedis", "lettuce"}) {
            middle.assertValue(before.valueOrZero(REDIS_COUNT, "client", client, "command", "SETEX", "outcome", "success") + N / 2,
                    REDIS_COUNT, "client", client, "command", "SETEX", "outcome", "success");
        }
        assertFalse(middle.text().contains("claw:rel"), "no key reaches a label");

        // Each unknown command is a round trip with an error reply: a fifth of N by default, all N with claw.it.full.
        int commandCount = Floods.full() ? N : N / 5;
        long commands = heapGrowthOver(commandCount, (from, to) -> assertEquals("errors " + (to - from),
                app.run("redis-commands", "n", Integer.toString(to - from))));
        Scrape after = app.scrape();
        Predicate<Map<String, String>> flood = l -> "error".equals(l.get("outcome")) && "jedis".equals(l.get("client"));
        assertEquals(commandCount, sum(after, REDIS_COUNT, flood) - sum(middle, REDIS_COUNT, flood), 1e-9);
        assertEquals(DEFAULT_LIMIT, series(after, REDIS_COUNT, "command", false));
        double other = after.value(REDIS_COUNT, "client", "jedis", "command", OTHER, "outcome", "error");
        assertEquals(other, folded(after, redis) - folded(middle, redis), 1e-9);
        assertHeapFlat("Jedis key flood", jedis);
        assertHeapFlat("Lettuce key flood", lettuce);
        assertHeapFlat("Redis command flood", commands);
    }

    @Test
    @Order(4)
    void theScrapeStaysFastAndEveryMetricBounded() throws Exception {
        long best = Long.MAX_VALUE;
        String text = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Http.Response r = Http.get("http://127.0.0.1:" + app.metricsPort + "/metrics");
            best = Math.min(best, System.nanoTime() - t0);
            assertEquals(200, r.status());
            text = r.text();
        }
        Scrape s = Scrape.parse(text);
        for (String name : new String[] {REQUESTS, DURATION_COUNT, SIZE_COUNT, DB_COUNT, REDIS_COUNT}) {
            long sets = s.samples(name).size();
            assertTrue(sets <= DEFAULT_LIMIT + 10, name + " holds " + sets + " label sets");
        }
        System.out.printf("scrape after the floods: %d ms, %d KB, %d samples%n",
                best / 1_000_000, text.length() / 1024, s.samples().size());
        assertTrue(best < 1_000_000_000L, "a scrape took " + best / 1_000_000 + " ms");
        assertTrue(app.agentLines().stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")), String.join("\n", app.agentLines()));
    }

    private static void assertHeapFlat(String flood, long growth) {
        System.out.printf("%s: heap after GC grew %.1f MB over its last 90%%%n", flood, growth / 1048576.0);
        assertTrue(growth < MAX_HEAP_GROWTH, flood + ": heap after GC grew by " + growth / 1024 + " KB");
    }
}
