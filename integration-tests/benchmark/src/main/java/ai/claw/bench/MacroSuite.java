package ai.claw.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each app with no agent, CLAW.AI and OpenTelemetry, interleaved (A B C A B C ...): start the
 * JVM, time its first successful response, warm up with wrk, measure with wrk while reading the
 * process's CPU time, then its RSS, check that the agent really recorded the load, stop.
 */
final class MacroSuite {

    /** "startup timing: instrumentation installed after 123 ms, ready after 456 ms". */
    private static final Pattern TIMING = Pattern.compile("startup timing: instrumentation installed after (\\d+) ms, ready after (\\d+) ms");
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);
    /** The heap of the hello app's second, memory-only run. */
    static final List<String> PRE_TOUCHED_HEAP = java.util.Arrays.asList("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

    /** One JVM run's measurements. */
    static final class Run {
        double firstResponseSeconds;
        double metricsUpSeconds = Double.NaN;
        double installedMillis = Double.NaN;
        double requestsPerSecond;
        double p50Millis;
        double p99Millis;
        double rssMiB;
        /** RSS of the memory-only run, whose heap is fixed and touched up front: the non-heap memory. */
        double rssPreTouchedMiB = Double.NaN;
        /** Heap in use after a full collection in the memory-only run. */
        double liveHeapMiB = Double.NaN;
        double cpuSecondsPer10k;
    }

    private final Settings settings;
    private final Path clawJar;
    private final Path logDir;
    private final Map<App, Map<Variant, List<Run>>> runs = new EnumMap<>(App.class);

    MacroSuite(Settings settings, Path clawJar, Path logDir) {
        this.settings = settings;
        this.clawJar = clawJar;
        this.logDir = logDir;
    }

    Map<App, Map<Variant, List<Run>>> run() throws Exception {
        List<App> apps = new ArrayList<>();
        for (String id : settings.apps) {
            apps.add(App.of(id));
        }
        for (App app : apps) {
            Map<Variant, List<Run>> byVariant = new EnumMap<>(Variant.class);
            for (Variant v : Variant.values()) {
                byVariant.put(v, new ArrayList<>());
            }
            runs.put(app, byVariant);
        }
        for (int round = 1; round <= settings.rounds; round++) {
            for (App app : apps) {
                for (Variant variant : Variant.values()) {
                    Log.info("macro round " + round + "/" + settings.rounds + ": " + app.id + " with " + variant.label);
                    Run r = runOnce(app, variant, round, false);
                    if (app == App.HELLO) {
                        Run memory = runOnce(app, variant, round, true);
                        r.rssPreTouchedMiB = memory.rssMiB;
                        r.liveHeapMiB = memory.liveHeapMiB;
                    }
                    runs.get(app).get(variant).add(r);
                    Log.info(String.format(java.util.Locale.ROOT,
                            "  first response %.2f s, %.0f req/s, p50 %.2f ms, p99 %.2f ms, RSS %.0f MiB"
                                    + " (heap pre-touched: %.0f MiB, %.1f MiB live), CPU %.2f s/10k req",
                            r.firstResponseSeconds, r.requestsPerSecond, r.p50Millis, r.p99Millis, r.rssMiB, r.rssPreTouchedMiB,
                            r.liveHeapMiB, r.cpuSecondsPer10k));
                }
            }
        }
        return runs;
    }

    /**
     * One JVM run. With {@code memoryOnly}, the heap is fixed and touched up front
     * ({@link #PRE_TOUCHED_HEAP}) and only memory is measured after the warm-up load: the RSS, which
     * then differs only by non-heap memory (metaspace, code, threads, ...), and the heap still in
     * use after a full collection. Their differences are what the agent itself holds. The default
     * run's RSS says more about G1: it sizes a default heap by how long its first collections took.
     */
    private Run runOnce(App app, Variant variant, int round, boolean memoryOnly) throws Exception {
        int port = Http.freePort();
        int metricsPort = Http.freePort();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (memoryOnly) {
            command.addAll(PRE_TOUCHED_HEAP);
        }
        command.addAll(variant.jvmArgs(clawJar, settings.otelJar, metricsPort));
        command.addAll(app.command(settings, port));
        Path log = logDir.resolve("macro-" + app.id + (memoryOnly ? "-memory-" : "-")
                + variant.name().toLowerCase(java.util.Locale.ROOT) + "-" + round + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CLAW_AI_") || k.startsWith("OTEL_") || k.equals("JAVA_TOOL_OPTIONS"));
        String url = "http://127.0.0.1:" + port + app.path;
        Run r = new Run();
        long start = System.nanoTime();
        Process process = pb.start();
        try {
            r.firstResponseSeconds = awaitStatus200(process, url, start, log) / 1e9;
            if (variant.metricsPath() != null) {
                r.metricsUpSeconds = awaitStatus200(process, "http://127.0.0.1:" + metricsPort + variant.metricsPath(), start, log) / 1e9;
            }
            if (variant == Variant.CLAW) {
                r.installedMillis = installedMillis(log);
            }
            Wrk.run(url, settings.warmupSeconds, false);
            long pid = process.pid();
            if (memoryOnly) {
                r.rssMiB = ProcStats.rssMiB(pid);
                r.liveHeapMiB = ProcStats.liveHeapMiB(pid);
                return r;
            }
            double cpuBefore = ProcStats.cpuSeconds(pid);
            Wrk.Result w = Wrk.run(url, settings.durationSeconds, true);
            double cpuAfter = ProcStats.cpuSeconds(pid);
            r.rssMiB = ProcStats.rssMiB(pid);
            if (w.failures > 0) {
                throw new IllegalStateException(w.failures + " failed requests to " + url + " with " + variant.label + "; see " + log);
            }
            r.requestsPerSecond = w.requestsPerSecond;
            r.p50Millis = w.p50Millis;
            r.p99Millis = w.p99Millis;
            r.cpuSecondsPer10k = (cpuAfter - cpuBefore) / w.requests * 10_000;
            verifyRecorded(app, variant, metricsPort, log);
            return r;
        } finally {
            stop(process);
        }
    }

    /** Nanoseconds from {@code start} until a GET of {@code url} answers 200. */
    private static long awaitStatus200(Process process, String url, long start, Path log) throws InterruptedException {
        while (System.nanoTime() - start < START_TIMEOUT_NANOS) {
            if (Http.status(url) == 200) {
                return System.nanoTime() - start;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the JVM exited before " + url + " answered; output:\n" + tail(log));
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + TimeUnit.NANOSECONDS.toSeconds(START_TIMEOUT_NANOS)
                + " s; output:\n" + tail(log));
    }

    /** Our agent's own measure, from its debug line: premain to instrumentation installed. */
    private static double installedMillis(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = TIMING.matcher(read(log));
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no 'startup timing' line from the agent; output:\n" + tail(log));
    }

    /** The numbers mean nothing if the agent did not measure the load: check its scrape. */
    private static void verifyRecorded(App app, Variant variant, int metricsPort, Path log) throws IOException {
        if (variant == Variant.NONE) {
            return;
        }
        String scrape = Http.get("http://127.0.0.1:" + metricsPort + "/metrics");
        String endpoint = "endpoint=\"" + app.path + "\"";
        String route = "http_route=\"" + app.path + "\"";
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (variant == Variant.CLAW && line.startsWith("claw_ai_http_requests_total{") && line.contains(endpoint)) {
                found = true;
            }
            if (variant == Variant.OTEL && line.startsWith("http_server_request_duration_seconds_count{") && line.contains(route)) {
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException(variant.label + " exposed no HTTP series for " + app.path
                    + " after the load; its scrape:\n" + scrape + "\noutput:\n" + tail(log));
        }
        if (variant == Variant.CLAW && app == App.SAMPLE
                && !(scrape.contains("claw_ai_db_operation_duration_seconds_count{") && scrape.contains("claw_ai_redis_operation_duration_seconds_count{"))) {
            Log.info("  warning: the sample app's JDBC or Redis series are missing from the agent's scrape");
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        String all = read(log);
        return all.length() <= 6000 ? all : "..." + all.substring(all.length() - 6000);
    }
}
