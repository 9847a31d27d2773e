package ai.claw.bench;

import ai.claw.bench.micro.AgentProbe;
import ai.claw.bench.micro.AnnotatedBenchmark;
import ai.claw.bench.micro.EmptyAgent;
import ai.claw.bench.micro.JdbcBenchmark;
import ai.claw.bench.micro.PostgresBenchmark;
import ai.claw.bench.micro.RedisBenchmark;
import ai.claw.bench.micro.ScrapeBenchmark;
import ai.claw.bench.micro.ServletBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The JMH benchmarks, each run in a fresh JVM without the agent and then with it (the two
 * interleaved per benchmark), with {@code -prof gc} for bytes allocated per operation; the H2 rows
 * also with an agent that does nothing ({@link Bench#emptyAgentBaseline}).
 */
final class MicroSuite {

    /** One benchmark method and how the table names it. */
    enum Bench {
        SERVLET(ServletBenchmark.class, "request", "servlet request (HttpServlet.service)", "ns", true, false),
        JDBC_EXECUTE(JdbcBenchmark.class, "execute", "JDBC query, prepared statement reused (H2)", "ns", true, true),
        JDBC_PREPARE(JdbcBenchmark.class, "prepareAndExecute", "JDBC prepare + query, SQL seen before (H2)", "ns", true, true),
        JDBC_POSTGRES(PostgresBenchmark.class, "execute", "JDBC query, statement reused (PostgreSQL driver, in-memory socket)", "ns",
                true, false),
        JDBC_POSTGRES_PREPARE(PostgresBenchmark.class, "prepareAndExecute",
                "JDBC prepare + query, SQL seen before (PostgreSQL driver, in-memory socket)", "ns", true, false),
        REDIS(RedisBenchmark.class, "get", "Jedis GET (in-memory socket)", "ns", true, false),
        ANNOTATED(AnnotatedBenchmark.class, "aiResponse", "@TrackAiResponse method call", "ns", true, false),
        SCRAPE(ScrapeBenchmark.class, "scrape", "scrape of /metrics", "ms", false, false);

        final Class<?> type;
        final String method;
        final String label;
        final String unit;
        /** Also run without the agent (the scrape has nothing to scrape without it). */
        final boolean baseline;
        /**
         * Also run with {@link EmptyAgent}. Any {@code -javaagent} makes the JVM resolve the
         * {@code java.instrument} module, which turns off the class data archive's optimized module
         * handling, so the JDK boots its module system in Java code, in the interpreter, before
         * {@code main}. H2's query path then compiles differently: 120 B/op more is allocated and
         * 30–100 ns more spent with an agent that does nothing, exactly as without any agent but
         * with {@code --add-modules java.sql} (a module resolved anyway; the same switch), while the
         * PostgreSQL, Jedis and servlet rows do not move. The difference with the empty agent is
         * what our agent's code costs there.
         */
        final boolean emptyAgentBaseline;

        Bench(Class<?> type, String method, String label, String unit, boolean baseline, boolean emptyAgentBaseline) {
            this.type = type;
            this.method = method;
            this.label = label;
            this.unit = unit;
            this.baseline = baseline;
            this.emptyAgentBaseline = emptyAgentBaseline;
        }
    }

    /**
     * Time and allocation per operation, with JMH's 99.9% error of the time. {@code bytesNoEscape}
     * comes from a second, short run with escape analysis off: then every object a path creates
     * is really allocated, so the difference with and without the agent is the agent's own
     * allocation. With escape analysis on (the normal figure), the agent's advice, inlined into a
     * library method, can also make the JIT stop scalar-replacing some of the library's own objects.
     */
    static final class Score {
        final double time;
        final double error;
        final double bytes;
        double bytesNoEscape = Double.NaN;

        Score(double time, double error, double bytes) {
            this.time = time;
            this.error = error;
            this.bytes = bytes;
        }
    }

    /** Who is attached to a benchmark's JVM. */
    private enum Attached {
        NONE(Variant.NONE.label), EMPTY_AGENT("an empty agent"), CLAW(Variant.CLAW.label);

        final String label;

        Attached(String label) {
            this.label = label;
        }
    }

    private final Settings settings;
    private final Path clawJar;
    private final Path logDir;
    int scrapeSeries = -1;
    /** The benchmarks with {@link Bench#emptyAgentBaseline}, run with {@link EmptyAgent}. */
    final Map<Bench, Score> emptyAgent = new EnumMap<>(Bench.class);

    MicroSuite(Settings settings, Path clawJar, Path logDir) {
        this.settings = settings;
        this.clawJar = clawJar;
        this.logDir = logDir;
    }

    Map<Bench, Map<Variant, Score>> run() throws Exception {
        if (settings.quick) {
            // JMH refuses to start while another JMH run holds /tmp/jmh.lock; a smoke run need not wait.
            System.setProperty("jmh.ignoreLock", "true");
        }
        Map<Bench, Map<Variant, Score>> scores = new LinkedHashMap<>();
        for (Bench b : Bench.values()) {
            Map<Variant, Score> byVariant = new EnumMap<>(Variant.class);
            if (b.baseline) {
                byVariant.put(Variant.NONE, runOne(b, Attached.NONE, false));
            }
            if (b.emptyAgentBaseline) {
                emptyAgent.put(b, runOne(b, Attached.EMPTY_AGENT, false));
            }
            byVariant.put(Variant.CLAW, runOne(b, Attached.CLAW, false));
            if (b.baseline) {
                for (Map.Entry<Variant, Score> e : byVariant.entrySet()) {
                    e.getValue().bytesNoEscape = runOne(b, Attached.valueOf(e.getKey().name()), true).bytes;
                }
            }
            scores.put(b, byVariant);
        }
        return scores;
    }

    private Score runOne(Bench b, Attached attached, boolean noEscape) throws Exception {
        Log.info("micro: " + b.label + " with " + attached.label + (noEscape ? ", escape analysis off (allocation only)" : ""));
        String name = b.type.getName() + "." + b.method;
        Path output = logDir.resolve("jmh-" + b.name().toLowerCase(java.util.Locale.ROOT) + "-" + attached.name().toLowerCase(java.util.Locale.ROOT)
                + (noEscape ? "-noescape" : "") + ".log");
        Path report = logDir.resolve("scrape-series.txt");
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add("-Xms512m");
        jvmArgs.add("-Xmx512m");
        if (noEscape) {
            jvmArgs.add("-XX:-DoEscapeAnalysis");
        }
        if (attached == Attached.EMPTY_AGENT) {
            jvmArgs.add("-javaagent:" + emptyAgentJar());
        }
        if (attached == Attached.CLAW) {
            int port = Http.freePort();
            jvmArgs.add("-javaagent:" + clawJar + "=port=" + port + ",host=127.0.0.1");
            jvmArgs.add("-D" + AgentProbe.PORT_PROPERTY + "=" + port);
            jvmArgs.add("-D" + ScrapeBenchmark.REPORT_PROPERTY + "=" + report);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(name) + "$")
                .forks(1)
                .threads(1)
                .warmupIterations(noEscape ? 1 : settings.microWarmupIterations)
                .warmupTime(TimeValue.milliseconds(settings.microIterationMillis))
                .measurementIterations(noEscape ? 1 : settings.microIterations)
                .measurementTime(TimeValue.milliseconds(settings.microIterationMillis))
                .addProfiler(GCProfiler.class)
                .jvmArgs(jvmArgs.toArray(new String[0]))
                .shouldFailOnError(true)
                .output(output.toString());
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH produced no result for " + name + "; see " + output);
        }
        RunResult r = results.iterator().next();
        Result<?> primary = r.getPrimaryResult();
        double bytes = Double.NaN;
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                bytes = e.getValue().getScore();
            }
        }
        if (b == Bench.SCRAPE && Files.exists(report)) {
            scrapeSeries = Integer.parseInt(new String(Files.readAllBytes(report), StandardCharsets.UTF_8).trim());
        }
        Log.info(String.format(java.util.Locale.ROOT, "  %.1f %s/op, %.1f B/op", primary.getScore(), b.unit, bytes));
        return new Score(primary.getScore(), primary.getScoreError(), bytes);
    }

    /** A jar of a manifest only: {@link EmptyAgent} itself is on the forked JVM's class path already. */
    private Path emptyAgentJar() throws IOException {
        Path jar = logDir.resolve("empty-agent.jar");
        if (!Files.exists(jar)) {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Premain-Class", EmptyAgent.class.getName());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // the manifest is the whole jar
            }
        }
        return jar;
    }
}
