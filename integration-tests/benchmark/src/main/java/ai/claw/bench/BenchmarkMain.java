package ai.claw.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark suite's entry point: {@code java -jar benchmark.jar [--quick]}. Runs the macro
 * and micro benchmarks and prints one table (a line of context, then Markdown) on standard
 * output; progress goes to standard error. See {@code docs/PERFORMANCE.md}.
 */
public final class BenchmarkMain {

    /** Goals of issue 6, judged on the full run's medians. */
    static final double MIN_THROUGHPUT_RATIO = 0.97;
    static final double MAX_STARTUP_ADDED_SECONDS = 0.3;
    static final double MAX_RSS_ADDED_MIB = 30;
    static final long MAX_JAR_BYTES = 5_000_000;
    static final double MAX_HTTP_NANOS = 150;
    static final double MAX_CLIENT_NANOS = 100;
    /**
     * Names the rows whose "no agent" column holds a JVM with an agent that does nothing
     * ({@code MicroSuite.Bench#emptyAgentBaseline}).
     */
    static final String EMPTY_AGENT_BASELINE = ", baseline with an empty -javaagent";
    static final double MAX_SCRAPE_MILLIS = 50;

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        try {
            Settings settings = Settings.parse(args);
            if (settings.help) {
                System.out.print(Settings.USAGE);
                return;
            }
            System.out.print(run(settings));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Settings.USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static String run(Settings settings) throws Exception {
        require(settings.agentJar, "the CLAW.AI agent jar; build it: mvn -q -pl agent -am package -DskipTests");
        if (settings.macro) {
            require(settings.otelJar, "the OpenTelemetry agent; mvn -q -pl integration-tests/benchmark -am package -DskipTests copies it");
            if (settings.apps.contains("sample")) {
                require(settings.sampleJar, "the sample app; mvn -q -pl sample-app -am package -DskipTests");
            }
            Wrk.require(settings.install);
        }
        Path logDir = Settings.benchmarkJarDir().resolve("benchmark-logs");
        Files.createDirectories(logDir);
        // A private copy: others may rebuild agent/target while this runs.
        Path clawJar = logDir.resolve("claw-ai-agent.jar");
        Files.copy(settings.agentJar, clawJar, StandardCopyOption.REPLACE_EXISTING);
        double loadBefore = ProcStats.loadAverage();
        long began = System.nanoTime();

        ResultTable table = new ResultTable();
        if (settings.macro) {
            Map<App, Map<Variant, List<MacroSuite.Run>>> runs = new MacroSuite(settings, clawJar, logDir).run();
            for (Map.Entry<App, Map<Variant, List<MacroSuite.Run>>> e : runs.entrySet()) {
                macroRows(table, settings, e.getKey(), e.getValue());
            }
            long claw = Files.size(clawJar);
            long otel = Files.size(settings.otelJar);
            table.add("agent jar size (MB)", "—", ResultTable.num(claw / 1e6, 2), "", ResultTable.num(otel / 1e6, 2), "",
                    goal(settings, "≤ 5 MB", claw <= MAX_JAR_BYTES));
        }
        if (settings.micro) {
            MicroSuite micro = new MicroSuite(settings, clawJar, logDir);
            Map<MicroSuite.Bench, Map<Variant, MicroSuite.Score>> scores = micro.run();
            microRows(table, settings, scores, micro.emptyAgent, micro.scrapeSeries);
        }
        double loadAfter = ProcStats.loadAverage();
        String caption = caption(settings, loadBefore, loadAfter, (System.nanoTime() - began) / 1e9);
        String text = caption + "\n\n" + table.render();
        Files.write(settings.out, text.getBytes(StandardCharsets.UTF_8));
        Log.info("table written to " + settings.out + "; JVM and JMH logs in " + logDir);
        return text;
    }

    /** The rows of one app, in the order the table prints them; {@code --quick} checks them all. */
    static List<String> macroMeasurements(App app) {
        String p = app.id + ": ";
        List<String> m = new ArrayList<>(Arrays.asList(p + "throughput (req/s)", p + "latency p50 (ms)", p + "latency p99 (ms)",
                p + "first response (s after JVM start)", p + "metrics endpoint up (s after JVM start)",
                p + "instrumentation installed (agent's timing, ms)", p + "RSS after warm-up (MiB)", p + "CPU per 10k requests (s)"));
        if (app == App.HELLO) {
            m.add(p + "memory run: RSS, heap fixed and pre-touched (MiB)");
            m.add(p + "memory run: live heap after full GC (MiB)");
            m.add(p + "memory run: held by the agent, non-heap + live heap (MiB)");
        }
        return m;
    }

    private static void macroRows(ResultTable t, Settings s, App app, Map<Variant, List<MacroSuite.Run>> runs) {
        List<String> m = macroMeasurements(app);
        Median none = new Median(runs.get(Variant.NONE));
        Median claw = new Median(runs.get(Variant.CLAW));
        Median otel = new Median(runs.get(Variant.OTEL));
        boolean hello = app == App.HELLO;

        double rpsNone = none.of(r -> r.requestsPerSecond);
        double rpsClaw = claw.of(r -> r.requestsPerSecond);
        double rpsOtel = otel.of(r -> r.requestsPerSecond);
        t.add(m.get(0), ResultTable.num(rpsNone, 0), ResultTable.num(rpsClaw, 0), ResultTable.ratio(rpsClaw, rpsNone),
                ResultTable.num(rpsOtel, 0), ResultTable.ratio(rpsOtel, rpsNone),
                hello ? goal(s, "≥ 0.97× and ahead of OTel", rpsClaw / rpsNone >= MIN_THROUGHPUT_RATIO && rpsClaw > rpsOtel) : "");
        ratioRow(t, m.get(1), none, claw, otel, r -> r.p50Millis, 2);
        ratioRow(t, m.get(2), none, claw, otel, r -> r.p99Millis, 2);

        double startNone = none.of(r -> r.firstResponseSeconds);
        double startClaw = claw.of(r -> r.firstResponseSeconds);
        double startOtel = otel.of(r -> r.firstResponseSeconds);
        t.add(m.get(3), ResultTable.num(startNone, 2), ResultTable.num(startClaw, 2), ResultTable.delta(startClaw, startNone, 2, " s"),
                ResultTable.num(startOtel, 2), ResultTable.delta(startOtel, startNone, 2, " s"),
                hello ? goal(s, "≤ +0.3 s and < 1/3 of OTel's",
                        startClaw - startNone <= MAX_STARTUP_ADDED_SECONDS && startClaw - startNone < (startOtel - startNone) / 3) : "");
        t.add(m.get(4), "—", ResultTable.num(claw.of(r -> r.metricsUpSeconds), 2), "",
                ResultTable.num(otel.of(r -> r.metricsUpSeconds), 2), "", "");
        t.add(m.get(5), "—", ResultTable.num(claw.of(r -> r.installedMillis), 0), "", "—", "", "");

        rssRow(t, s, m.get(6), none, claw, otel, r -> r.rssMiB);
        ratioRow(t, m.get(7), none, claw, otel, r -> r.cpuSecondsPer10k, 3);
        if (hello) {
            memoryRows(t, s, m.subList(8, 11), none, claw, otel);
        }
    }

    private static void rssRow(ResultTable t, Settings s, String measurement, Median none, Median claw, Median otel,
                               ToDoubleFunction<MacroSuite.Run> f) {
        double n = none.of(f);
        double c = claw.of(f);
        mibRow(t, measurement, n, c, otel.of(f), 0, goal(s, "≤ +30 MiB", c - n <= MAX_RSS_ADDED_MIB));
    }

    /** A row in MiB: each value, and what each agent adds to no agent. */
    private static void mibRow(ResultTable t, String measurement, double none, double claw, double otel, int decimals, String goal) {
        t.add(measurement, ResultTable.num(none, decimals), ResultTable.num(claw, decimals), ResultTable.delta(claw, none, decimals, " MiB"),
                ResultTable.num(otel, decimals), ResultTable.delta(otel, none, decimals, " MiB"), goal);
    }

    /**
     * The memory-only runs: non-heap memory (RSS with a pre-touched heap) and live heap, each
     * added by the agent, and their sum, the memory the agent holds whatever G1 makes of it.
     */
    private static void memoryRows(ResultTable t, Settings s, List<String> m, Median none, Median claw, Median otel) {
        double[] rss = {none.of(r -> r.rssPreTouchedMiB), claw.of(r -> r.rssPreTouchedMiB), otel.of(r -> r.rssPreTouchedMiB)};
        double[] live = {none.of(r -> r.liveHeapMiB), claw.of(r -> r.liveHeapMiB), otel.of(r -> r.liveHeapMiB)};
        mibRow(t, m.get(0), rss[0], rss[1], rss[2], 0, "");
        mibRow(t, m.get(1), live[0], live[1], live[2], 1, "");
        double clawAdded = rss[1] - rss[0] + live[1] - live[0];
        double otelAdded = rss[2] - rss[0] + live[2] - live[0];
        t.add(m.get(2), "—", ResultTable.num(clawAdded, 0), ResultTable.delta(clawAdded, 0, 0, " MiB"),
                ResultTable.num(otelAdded, 0), ResultTable.delta(otelAdded, 0, 0, " MiB"),
                goal(s, "≤ +30 MiB", clawAdded <= MAX_RSS_ADDED_MIB));
    }

    private static void ratioRow(ResultTable t, String measurement, Median none, Median claw, Median otel,
                                 ToDoubleFunction<MacroSuite.Run> f, int decimals) {
        double n = none.of(f);
        double c = claw.of(f);
        double o = otel.of(f);
        t.add(measurement, ResultTable.num(n, decimals), ResultTable.num(c, decimals), ResultTable.ratio(c, n),
                ResultTable.num(o, decimals), ResultTable.ratio(o, n), "");
    }

    /** Each benchmark gives a time row and an allocation row; the scrape a time row only. */
    static List<String> microMeasurements() {
        List<String> m = new ArrayList<>();
        for (MicroSuite.Bench b : MicroSuite.Bench.values()) {
            if (b == MicroSuite.Bench.SCRAPE) {
                m.add("micro: scrape of /metrics, ≥ 10,000 series (ms)");
            } else {
                m.add("micro: " + b.label + " (ns/op)");
                if (b.emptyAgentBaseline) {
                    m.add("micro: " + b.label + EMPTY_AGENT_BASELINE + " (ns/op)");
                }
                m.add("micro: " + b.label + " (B/op)");
                if (b.emptyAgentBaseline) {
                    m.add("micro: " + b.label + EMPTY_AGENT_BASELINE + " (B/op)");
                }
                m.add("micro: " + b.label + " (B/op, escape analysis off)");
            }
        }
        return m;
    }

    private static void microRows(ResultTable t, Settings s, Map<MicroSuite.Bench, Map<Variant, MicroSuite.Score>> scores,
                                  Map<MicroSuite.Bench, MicroSuite.Score> emptyAgent, int series) {
        List<String> names = microMeasurements();
        int i = 0;
        for (Map.Entry<MicroSuite.Bench, Map<Variant, MicroSuite.Score>> e : scores.entrySet()) {
            MicroSuite.Bench b = e.getKey();
            MicroSuite.Score claw = e.getValue().get(Variant.CLAW);
            if (b == MicroSuite.Bench.SCRAPE) {
                String name = names.get(i++);
                if (series > 0) {
                    name = name.replace("≥ 10,000", String.format(Locale.ROOT, "%,d", series));
                }
                t.add(name, "—", withError(claw, 1), "", "—", "",
                        goal(s, "≤ 50 ms", claw.time <= MAX_SCRAPE_MILLIS));
                continue;
            }
            MicroSuite.Score none = e.getValue().get(Variant.NONE);
            MicroSuite.Score empty = emptyAgent.get(b);
            t.add(names.get(i++), withError(none, 1), withError(claw, 1), ResultTable.delta(claw.time, none.time, 1, " ns"), "—", "",
                    timeGoal(s, b, claw.time - none.time));
            if (empty != null) {
                t.add(names.get(i++), withError(empty, 1), withError(claw, 1), ResultTable.delta(claw.time, empty.time, 1, " ns"), "—", "",
                        timeGoal(s, b, claw.time - empty.time));
            }
            // Allocation: JMH's figure is exact for a path that allocates the same every time; < 1 B/op is rounding.
            // The agent's own allocation is the difference with escape analysis off (see MicroSuite.Score).
            t.add(names.get(i++), ResultTable.num(none.bytes, 1), ResultTable.num(claw.bytes, 1),
                    ResultTable.delta(claw.bytes, none.bytes, 1, " B"), "—", "", "");
            if (empty != null) {
                t.add(names.get(i++), ResultTable.num(empty.bytes, 1), ResultTable.num(claw.bytes, 1),
                        ResultTable.delta(claw.bytes, empty.bytes, 1, " B"), "—", "", "");
            }
            double ownBytes = claw.bytesNoEscape - none.bytesNoEscape;
            String allocGoal = b == MicroSuite.Bench.JDBC_PREPARE || b == MicroSuite.Bench.JDBC_POSTGRES_PREPARE
                    ? "(a new statement is remembered once)"
                    : goal(s, "+0 B", ownBytes < 1);
            t.add(names.get(i++), ResultTable.num(none.bytesNoEscape, 1), ResultTable.num(claw.bytesNoEscape, 1),
                    ResultTable.delta(claw.bytesNoEscape, none.bytesNoEscape, 1, " B"), "—", "", allocGoal);
        }
    }

    /** The per-call time goal of a benchmark, judged on the time our agent adds. */
    private static String timeGoal(Settings s, MicroSuite.Bench b, double addedNanos) {
        switch (b) {
            case SERVLET:
                return goal(s, "≤ +150 ns", addedNanos <= MAX_HTTP_NANOS);
            case JDBC_EXECUTE:
            case JDBC_PREPARE:
            case JDBC_POSTGRES:
            case JDBC_POSTGRES_PREPARE:
            case REDIS:
                return goal(s, "≤ +100 ns", addedNanos <= MAX_CLIENT_NANOS);
            default:
                return "";
        }
    }

    private static String withError(MicroSuite.Score score, int decimals) {
        if (Double.isNaN(score.error)) {
            return ResultTable.num(score.time, decimals);
        }
        return ResultTable.num(score.time, decimals) + " ± " + ResultTable.num(score.error, decimals);
    }

    private static String goal(Settings s, String goal, boolean met) {
        if (s.quick) {
            return goal + ": not judged (--quick)";
        }
        return goal + ": " + (met ? "met" : "MISSED");
    }

    private static String caption(Settings s, double loadBefore, double loadAfter, double seconds) {
        StringBuilder c = new StringBuilder();
        c.append("CLAW.AI agent overhead, ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(": ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(ProcStats.cpuModel())
                .append("), JDK ").append(System.getProperty("java.version"))
                .append(String.format(Locale.ROOT, ", 1-min load average %.2f at start, %.2f at end, %.0f s in all.", loadBefore, loadAfter, seconds));
        if (s.macro) {
            c.append(" Macro: ").append(Wrk.describe()).append(" on 127.0.0.1, ").append(s.rounds).append(" round(s), ")
                    .append(s.warmupSeconds).append(" s warm-up + ").append(s.durationSeconds)
                    .append(" s measured in slices of up to ").append(MacroSuite.SLICE_SECONDS)
                    .append(" s taken in turn by the round's three JVMs, medians of the rounds.");
        }
        if (s.micro) {
            c.append(" Micro: JMH 1.37 -prof gc, 1 fork, ").append(s.microWarmupIterations).append(" + ").append(s.microIterations)
                    .append(" iterations of ").append(s.microIterationMillis).append(" ms, ± is JMH's 99.9% error.");
        }
        if (s.quick) {
            c.append(" QUICK RUN: numbers are not meaningful.");
        }
        return c.toString();
    }

    private static void require(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing " + file + ": " + what);
        }
    }

    /** Medians over a variant's runs. */
    private static final class Median {
        private final List<MacroSuite.Run> runs;

        Median(List<MacroSuite.Run> runs) {
            this.runs = runs;
        }

        double of(ToDoubleFunction<MacroSuite.Run> f) {
            List<Double> values = new ArrayList<>();
            for (MacroSuite.Run r : runs) {
                values.add(f.applyAsDouble(r));
            }
            return MacroSuite.median(values);
        }
    }
}
