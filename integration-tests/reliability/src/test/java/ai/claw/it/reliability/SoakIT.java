package ai.claw.it.reliability;

import ai.claw.it.Http;
import ai.claw.it.LocalServices;
import ai.claw.it.Scrape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady load for {@code -Dclaw.it.soak.seconds} (default 30; set it to minutes for a real soak):
 * HTTP with ever-new URLs (so folding and the bounded caches work all the time), errors and 404s,
 * JDBC with ever-new SQL texts, Jedis, Lettuce and annotated calls, and a scrape every second in
 * both formats. After a warm-up (a quarter, at least 10 s), the application's heap after GC, its threads and its
 * file descriptors are sampled; none may grow, the agent's own threads stay its metrics server's
 * bounded pool (10 and a dispatcher), every
 * scrape answers, and the agent swallows no error.
 */
class SoakIT {

    static final long MAX_HEAP_GROWTH = 8L << 20;
    static final int MAX_AGENT_THREADS = 11;

    @Test
    void nothingGrowsUnderSteadyLoad() throws Exception {
        LocalServices.requireRedis();
        long seconds = Long.getLong("claw.it.soak.seconds", 30);
        try (App app = App.withAgent("")) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong requests = new AtomicLong();
            AtomicLong scrapes = new AtomicLong();
            AtomicLong slowestScrapeMs = new AtomicLong();
            AtomicInteger nextWord = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(5);
            List<Future<?>> workers = new ArrayList<>();
            workers.add(load.submit(() -> {
                try (PipelinedHttp http = new PipelinedHttp(app.port)) {
                    while (running.get()) {
                        requests.addAndGet(http.getAll(mixedPaths(nextWord.getAndAdd(20)), 60));
                    }
                }
                return null;
            }));
            workers.add(load.submit(() -> {
                while (running.get()) {
                    app.run("jdbc", "threads", "4", "n", "200");
                    app.run("sql-literals", "n", "300");
                }
                return null;
            }));
            workers.add(load.submit(() -> {
                while (running.get()) {
                    app.run("jedis", "threads", "4", "n", "100");
                    app.run("lettuce", "threads", "4", "n", "100");
                }
                return null;
            }));
            workers.add(load.submit(() -> {
                while (running.get()) {
                    app.run("ai", "threads", "2", "n", "500");
                    assertEquals(200, app.get("/later").status());
                    assertEquals(500, app.get("/boom").status());
                }
                return null;
            }));
            workers.add(load.submit(() -> {
                boolean openMetrics = false;
                while (running.get()) {
                    long t0 = System.nanoTime();
                    Http.Response r = openMetrics
                            ? Http.get("http://127.0.0.1:" + app.metricsPort + "/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                            : Http.get("http://127.0.0.1:" + app.metricsPort + "/metrics");
                    assertEquals(200, r.status());
                    slowestScrapeMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    scrapes.incrementAndGet();
                    openMetrics = !openMetrics;
                    TimeUnit.SECONDS.sleep(1);
                }
                return null;
            }));

            List<App.State> samples = new ArrayList<>();
            long start = System.nanoTime();
            long warmup = Math.max(TimeUnit.SECONDS.toNanos(seconds) / 4, TimeUnit.SECONDS.toNanos(Math.min(10, seconds / 2)));
            int sampleCount = 6;
            for (int i = 0; i <= sampleCount; i++) {
                long due = start + warmup + (TimeUnit.SECONDS.toNanos(seconds) - warmup) * i / sampleCount;
                while (System.nanoTime() < due) {
                    TimeUnit.MILLISECONDS.sleep(100);
                    for (Future<?> w : workers) {
                        if (w.isDone()) {
                            w.get(); // a worker failed: report why
                        }
                    }
                }
                samples.add(app.state());
            }
            running.set(false);
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
            load.shutdown();

            // Growth is the last sample against the first half's highest (pools may still fill up early on).
            List<App.State> firstHalf = samples.subList(0, samples.size() / 2);
            long heapBase = firstHalf.stream().mapToLong(App.State::heap).max().orElseThrow();
            int threadBase = firstHalf.stream().mapToInt(App.State::threads).max().orElseThrow();
            int fdBase = firstHalf.stream().mapToInt(App.State::fds).max().orElseThrow();
            long minHeap = samples.stream().mapToLong(App.State::heap).min().orElseThrow();
            App.State last = samples.get(samples.size() - 1);
            StringBuilder report = new StringBuilder(String.format("soak %d s: %d HTTP requests (%d distinct URLs), %d scrapes (slowest %d ms)%n",
                    seconds, requests.get(), nextWord.get(), scrapes.get(), slowestScrapeMs.get()));
            for (App.State s : samples) {
                report.append(String.format("  heap %.1f MB, %d threads (%d the agent's), %d fds%n", s.heapMb(), s.threads(),
                        s.agentThreads().size(), s.fds()));
            }
            System.out.print(report);

            long maxHeap = samples.stream().mapToLong(App.State::heap).max().orElseThrow();
            assertTrue(last.heap() - heapBase < MAX_HEAP_GROWTH / 2 && maxHeap - minHeap < MAX_HEAP_GROWTH, "heap grew\n" + report);
            // The load itself starts and stops up to 14 short-lived worker threads in the app at any moment.
            assertTrue(last.threads() <= threadBase + 14, "threads grew\n" + report);
            // The metrics server's pool starts a thread per scrape until it holds its 10; nothing else of the agent runs.
            for (App.State sample : samples) {
                assertTrue(sample.agentThreads().stream().allMatch(n -> n.matches("HTTP-Dispatcher|prometheus-http-1-([1-9]|10)")),
                        sample.agentThreads().toString());
            }
            assertTrue(last.agentThreads().size() <= MAX_AGENT_THREADS, last.agentThreads().toString());
            assertTrue(last.fds() <= fdBase + 2, "file descriptors grew\n" + report);
            assertTrue(scrapes.get() >= seconds / 2, "scrapes: " + scrapes.get());
            assertTrue(slowestScrapeMs.get() < 2000, report.toString());

            Scrape s = app.scrape();
            s.assertValue(0, "claw_ai_agent_errors_total", "kind", "advice");
            assertTrue(app.agentLines().stream().allMatch(l -> l.contains(" INFO ")), String.join("\n", app.agentLines()));
        }
    }

    /** One window of the pipelined HTTP mix: repeated routes, 20 new URLs, IDs, a 404 (errors close the connection: sent apart). */
    private static Iterator<String> mixedPaths(int firstNewWord) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            paths.add("/greet/same");
            paths.add("/greet/" + Floods.word(firstNewWord + i));
        }
        for (int i = 0; i < 10; i++) {
            paths.add("/greet/user-" + i + "/items/" + (firstNewWord + i));
        }
        paths.add("/no/such/page/" + firstNewWord);
        return paths.iterator();
    }
}
