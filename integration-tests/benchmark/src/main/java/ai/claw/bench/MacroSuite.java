package ai.claw.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each app with no agent, CLAW.AI and OpenTelemetry. A round starts the three JVMs one after the
 * other, each once the ones before have gone quiet, timing each one's first successful response;
 * warms each up with wrk; then measures them in short wrk slices taken in turn (A B C A B C ...),
 * reading each process's CPU time around its slices; then their RSS, a check that the agent
 * really recorded the load, stop.
 * The VM this runs on drifts by 10-20% within a minute; slices a few seconds long, in turn,
 * put every JVM through the same drift, where one long run per JVM gave each its own. The start
 * order rotates from round to round, so no variant always starts, or is measured, first.
 */
final class MacroSuite {

    /** "startup timing: instrumentation installed after 123 ms, ready after 456 ms". */
    private static final Pattern TIMING = Pattern.compile("startup timing: instrumentation installed after (\\d+) ms, ready after (\\d+) ms");
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(180);
    private static final long QUIET_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long QUIET_WINDOW_MILLIS = 500;
    private static final double QUIET_CORES = 0.1;
    /** The length of one measured wrk slice, at most. */
    static final int SLICE_SECONDS = 3;
    /** The heap of the hello app's second, memory-only run. */
    static final List<String> PRE_TOUCHED_HEAP = Arrays.asList("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

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

    /** One started JVM of a round, and what its slices added up to. */
    private static final class Jvm {
        final Variant variant;
        final Process process;
        final Path log;
        final String url;
        final int metricsPort;
        final Run run = new Run();
        long requests;
        double seconds;
        double cpuSeconds;
        final List<Double> p50s = new ArrayList<>();
        final List<Double> p99s = new ArrayList<>();

        Jvm(Variant variant, Process process, Path log, String url, int metricsPort) {
            this.variant = variant;
            this.process = process;
            this.log = log;
            this.url = url;
            this.metricsPort = metricsPort;
        }
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
            List<Variant> order = new ArrayList<>(Arrays.asList(Variant.values()));
            Collections.rotate(order, -(round - 1));
            for (App app : apps) {
                Log.info("macro round " + round + "/" + settings.rounds + ": " + app.id + ", started and measured in turn: " + labels(order));
                Map<Variant, Run> measured = measureRound(app, order, round);
                for (Variant variant : order) {
                    Run r = measured.get(variant);
                    if (app == App.HELLO) {
                        Run memory = memoryRun(app, variant, round);
                        r.rssPreTouchedMiB = memory.rssMiB;
                        r.liveHeapMiB = memory.liveHeapMiB;
                    }
                    runs.get(app).get(variant).add(r);
                    Log.info(String.format(java.util.Locale.ROOT,
                            "  %s: first response %.2f s, %.0f req/s, p50 %.2f ms, p99 %.2f ms, RSS %.0f MiB"
                                    + " (heap pre-touched: %.0f MiB, %.1f MiB live), CPU %.2f s/10k req",
                            variant.label, r.firstResponseSeconds, r.requestsPerSecond, r.p50Millis, r.p99Millis, r.rssMiB,
                            r.rssPreTouchedMiB, r.liveHeapMiB, r.cpuSecondsPer10k));
                }
            }
        }
        return runs;
    }

    /**
     * One round of one app: the JVMs started in {@code order}, then warmed up in that order, then
     * all measured in slices taken in turn. Throughput and CPU are over all of a JVM's slices; p50 and p99 are
     * the medians of its slices' own.
     */
    private Map<Variant, Run> measureRound(App app, List<Variant> order, int round) throws Exception {
        List<Jvm> jvms = new ArrayList<>();
        try {
            for (Variant variant : order) {
                awaitQuiet(jvms);
                jvms.add(start(app, variant, round, false));
            }
            for (Jvm jvm : jvms) {
                Wrk.run(jvm.url, settings.warmupSeconds, false);
            }
            int slices = Math.max(1, settings.durationSeconds / SLICE_SECONDS);
            int sliceSeconds = settings.durationSeconds / slices;
            for (int slice = 0; slice < slices; slice++) {
                for (Jvm jvm : jvms) {
                    long pid = jvm.process.pid();
                    double cpuBefore = ProcStats.cpuSeconds(pid);
                    Wrk.Result w = Wrk.run(jvm.url, sliceSeconds, true);
                    jvm.cpuSeconds += ProcStats.cpuSeconds(pid) - cpuBefore;
                    if (w.failures > 0) {
                        throw new IllegalStateException(w.failures + " failed requests to " + jvm.url + " with " + jvm.variant.label
                                + "; see " + jvm.log);
                    }
                    jvm.requests += w.requests;
                    jvm.seconds += w.requests / w.requestsPerSecond;
                    jvm.p50s.add(w.p50Millis);
                    jvm.p99s.add(w.p99Millis);
                }
            }
            Map<Variant, Run> measured = new EnumMap<>(Variant.class);
            for (Jvm jvm : jvms) {
                Run r = jvm.run;
                r.rssMiB = ProcStats.rssMiB(jvm.process.pid());
                r.requestsPerSecond = jvm.requests / jvm.seconds;
                r.p50Millis = median(jvm.p50s);
                r.p99Millis = median(jvm.p99s);
                r.cpuSecondsPer10k = jvm.cpuSeconds / jvm.requests * 10_000;
                verifyRecorded(app, jvm);
                measured.put(jvm.variant, r);
            }
            return measured;
        } finally {
            for (Jvm jvm : jvms) {
                stop(jvm.process);
            }
        }
    }

    /**
     * The hello app's second, memory-only run of a variant, alone: the heap is fixed and touched
     * up front ({@link #PRE_TOUCHED_HEAP}) and after the warm-up load only memory is measured: the
     * RSS, which then differs only by non-heap memory (metaspace, code, threads, ...), and the heap
     * still in use after a full collection. Their differences are what the agent itself holds. The
     * measured run's RSS says more about G1: it sizes a default heap by how long its first
     * collections took.
     */
    private Run memoryRun(App app, Variant variant, int round) throws Exception {
        Jvm jvm = start(app, variant, round, true);
        try {
            Wrk.run(jvm.url, settings.warmupSeconds, false);
            long pid = jvm.process.pid();
            jvm.run.rssMiB = ProcStats.rssMiB(pid);
            jvm.run.liveHeapMiB = ProcStats.liveHeapMiB(pid);
            return jvm.run;
        } finally {
            stop(jvm.process);
        }
    }

    /**
     * Waits until the JVMs already started use less than a tenth of a core (or 15 s have passed),
     * so that the next one's start is timed on a quiet machine: a JVM that has just answered
     * its first request may still be compiling for a few seconds.
     */
    private static void awaitQuiet(List<Jvm> running) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUIET_TIMEOUT_NANOS;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            double before = cpuSeconds(running);
            Thread.sleep(QUIET_WINDOW_MILLIS);
            if (cpuSeconds(running) - before < QUIET_WINDOW_MILLIS / 1000.0 * QUIET_CORES) {
                return;
            }
        }
    }

    /** The CPU seconds the JVMs have used so far, together. */
    private static double cpuSeconds(List<Jvm> jvms) throws IOException {
        double sum = 0;
        for (Jvm jvm : jvms) {
            sum += ProcStats.cpuSeconds(jvm.process.pid());
        }
        return sum;
    }

    /** Starts a JVM and waits for its first successful response (and its agent's endpoint). */
    private Jvm start(App app, Variant variant, int round, boolean memoryOnly) throws Exception {
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
        long start = System.nanoTime();
        Jvm jvm = new Jvm(variant, pb.start(), log, url, metricsPort);
        try {
            jvm.run.firstResponseSeconds = awaitStatus200(jvm.process, url, start, log) / 1e9;
            if (variant.metricsPath() != null) {
                jvm.run.metricsUpSeconds = awaitStatus200(jvm.process, "http://127.0.0.1:" + metricsPort + variant.metricsPath(), start, log) / 1e9;
            }
            if (variant == Variant.CLAW) {
                jvm.run.installedMillis = installedMillis(log);
            }
            return jvm;
        } catch (Exception | Error e) {
            stop(jvm.process);
            throw e;
        }
    }

    private static String labels(List<Variant> order) {
        List<String> labels = new ArrayList<>();
        for (Variant v : order) {
            labels.add(v.label);
        }
        return String.join(", ", labels);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
    private static void verifyRecorded(App app, Jvm jvm) throws IOException {
        Variant variant = jvm.variant;
        Path log = jvm.log;
        int metricsPort = jvm.metricsPort;
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
