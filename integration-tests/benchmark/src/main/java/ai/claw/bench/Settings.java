package ai.claw.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's command line. Defaults are the full run (about 13 minutes on 2 cores);
 * {@code --quick} is the CI smoke run: every row, tiny durations, numbers meaningless.
 */
final class Settings {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar integration-tests/benchmark/target/benchmark.jar [options]",
            "  --quick              every row with tiny durations (CI smoke run; numbers are not meaningful)",
            "  --only macro|micro   run one half only",
            "  --apps hello,sample  macro apps to run (default both)",
            "  --rounds N           interleaved macro rounds per app and agent (default 3; medians are reported)",
            "  --warmup S           wrk warm-up seconds before each measurement (default 10)",
            "  --duration S         wrk measured seconds (default 15)",
            "  --micro-iterations N JMH measurement iterations of 1 s (default 5, after 5 warm-up iterations)",
            "  --agent-jar PATH     the CLAW.AI agent (default agent/target/claw-ai-agent.jar; copied before use)",
            "  --otel-jar PATH      the OpenTelemetry Java agent (default target/otel/opentelemetry-javaagent.jar)",
            "  --sample-jar PATH    the sample app (default sample-app/target/claw-ai-sample-app.jar)",
            "  --out PATH           also write the table here (default target/benchmark-results.md)",
            "  --no-install         never try to install wrk; fail with instructions instead",
            "  --help               this text",
            "");

    boolean quick;
    boolean macro = true;
    boolean micro = true;
    List<String> apps = new ArrayList<>(Arrays.asList("hello", "sample"));
    int rounds = 3;
    int warmupSeconds = 10;
    int durationSeconds = 15;
    int microIterations = 5;
    int microWarmupIterations = 5;
    long microIterationMillis = 1000;
    Path agentJar;
    Path otelJar;
    Path sampleJar;
    Path out;
    boolean install = true;
    boolean help;

    static Settings parse(String[] args) {
        Settings s = new Settings();
        Path here = benchmarkJarDir();
        Path root = here.getParent() != null && here.getParent().getParent() != null && here.getParent().getParent().getParent() != null
                ? here.getParent().getParent().getParent() : Paths.get(".");
        s.agentJar = root.resolve("agent/target/claw-ai-agent.jar");
        s.sampleJar = root.resolve("sample-app/target/claw-ai-sample-app.jar");
        s.otelJar = here.resolve("otel/opentelemetry-javaagent.jar");
        s.out = here.resolve("benchmark-results.md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick":
                    s.quick = true;
                    break;
                case "--only":
                    String only = value(args, ++i, a);
                    if (!only.equals("macro") && !only.equals("micro")) {
                        throw new IllegalArgumentException("--only takes macro or micro, not " + only);
                    }
                    s.macro = only.equals("macro");
                    s.micro = only.equals("micro");
                    break;
                case "--apps":
                    s.apps = new ArrayList<>(Arrays.asList(value(args, ++i, a).split(",")));
                    for (String app : s.apps) {
                        if (!app.equals("hello") && !app.equals("sample")) {
                            throw new IllegalArgumentException("unknown app " + app + " (hello, sample)");
                        }
                    }
                    break;
                case "--rounds":
                    s.rounds = positive(value(args, ++i, a), a);
                    break;
                case "--warmup":
                    s.warmupSeconds = positive(value(args, ++i, a), a);
                    break;
                case "--duration":
                    s.durationSeconds = positive(value(args, ++i, a), a);
                    break;
                case "--micro-iterations":
                    s.microIterations = positive(value(args, ++i, a), a);
                    break;
                case "--agent-jar":
                    s.agentJar = Paths.get(value(args, ++i, a));
                    break;
                case "--otel-jar":
                    s.otelJar = Paths.get(value(args, ++i, a));
                    break;
                case "--sample-jar":
                    s.sampleJar = Paths.get(value(args, ++i, a));
                    break;
                case "--out":
                    s.out = Paths.get(value(args, ++i, a));
                    break;
                case "--no-install":
                    s.install = false;
                    break;
                case "--help":
                case "-h":
                    s.help = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (s.quick) {
            s.rounds = 1;
            s.warmupSeconds = 1;
            s.durationSeconds = 1;
            s.microIterations = 1;
            s.microWarmupIterations = 1;
            s.microIterationMillis = 100;
        }
        return s;
    }

    /** The folder of benchmark.jar (its target/), or of the classes when run from an IDE. */
    static Path benchmarkJarDir() {
        try {
            // target/benchmark.jar, or target/classes when run from an IDE: either way target/.
            return Paths.get(Settings.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().getParent();
        } catch (Exception e) {
            return Paths.get("integration-tests/benchmark/target").toAbsolutePath();
        }
    }

    /** The classpath a forked JVM needs for HelloApp and the JMH benchmarks. */
    static String ownClasspath() {
        return System.getProperty("java.class.path");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(option + " takes a positive number, not " + v);
    }
}
