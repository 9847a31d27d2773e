package ai.claw.it.reliability;

import ai.claw.it.ForkedJvm;
import ai.claw.it.Http;
import ai.claw.it.Ports;
import ai.claw.it.Scrape;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ReliabilityApp} (or another main class of these tests) in a forked JVM, with or without the agent. */
final class App implements AutoCloseable {

    /** The line every agent log line starts with. */
    static final String AGENT = "[claw-ai-agent]";

    final ForkedJvm jvm;
    final int port;
    /** The agent's metrics port; -1 without the agent. */
    final int metricsPort;

    private App(ForkedJvm jvm, int port, int metricsPort) {
        this.jvm = jvm;
        this.port = port;
        this.metricsPort = metricsPort;
    }

    /** Options of one start; all optional. */
    static final class Options {
        String java = ForkedJvm.javaBin();
        /** Null: no agent. Otherwise agent arguments; {@code port=<free>} is added unless a port is given. */
        String agentArgs;
        final List<String> jvmArgs = new ArrayList<>();
        Map<String, String> env = Map.of();
        String mainClass = ReliabilityApp.class.getName();
        /** The main class takes the HTTP port as its first argument and serves {@code /greet/*}. */
        boolean http = true;
        final List<String> mainArgs = new ArrayList<>();
        boolean awaitMetrics = true;
        String heap = "-Xmx256m";

        Options agent(String args) {
            agentArgs = args;
            return this;
        }

        Options jvm(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        Options env(Map<String, String> variables) {
            env = variables;
            return this;
        }

        Options java(String executable) {
            java = executable;
            return this;
        }

        /** Another HTTP application: port first, then {@code args}; waited for on {@code /greet/ready}. */
        Options app(String className, String... args) {
            mainClass = className;
            mainArgs.addAll(List.of(args));
            return this;
        }

        /** A plain main class, not waited for. */
        Options main(String className, String... args) {
            app(className, args);
            http = false;
            return this;
        }

        Options noMetricsWait() {
            awaitMetrics = false;
            return this;
        }
    }

    static Options options() {
        return new Options();
    }

    static App withAgent(String agentArgs) throws IOException {
        return start(options().agent(agentArgs));
    }

    static App withoutAgent() throws IOException {
        return start(options());
    }

    /** Starts the JVM and waits until the app serves (and, with the agent, until its port answers). */
    static App start(Options o) throws IOException {
        int port = Ports.free();
        int metricsPort = -1;
        List<String> args = new ArrayList<>();
        if (o.agentArgs != null) {
            String agentArgs = o.agentArgs;
            if (!agentArgs.matches("(^|.*,)port=.*")) {
                metricsPort = Ports.free();
                agentArgs = "port=" + metricsPort + (agentArgs.isEmpty() ? "" : "," + agentArgs);
            } else {
                metricsPort = Integer.parseInt(agentArgs.replaceAll("(^|.*,)port=(\\d+).*", "$2"));
            }
            args.add("-javaagent:" + ForkedJvm.agentJar() + "=" + agentArgs);
        }
        args.addAll(o.jvmArgs);
        args.add(o.heap);
        args.add("-cp");
        args.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        List<String> main = new ArrayList<>();
        main.add(o.mainClass);
        if (o.http) {
            main.add(Integer.toString(port));
        }
        main.addAll(o.mainArgs);
        ForkedJvm jvm = ForkedJvm.start(o.java, args, main, o.env);
        App app = new App(jvm, port, metricsPort);
        try {
            if (o.http) {
                jvm.awaitHttp(app.url("/greet/ready"), Duration.ofSeconds(60));
            }
            if (metricsPort > 0 && o.awaitMetrics) {
                jvm.awaitHttp("http://127.0.0.1:" + metricsPort + "/-/healthy", Duration.ofSeconds(60));
            }
        } catch (RuntimeException | AssertionError e) {
            jvm.close();
            throw e;
        }
        return app;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Http.Response get(String path) throws IOException {
        return Http.get(url(path));
    }

    /** {@code GET /run?op=...} with the given parameters (key, value, ...); fails unless 200. */
    String run(String op, String... params) throws IOException {
        StringBuilder q = new StringBuilder("/run?op=").append(op);
        for (int i = 0; i + 1 < params.length; i += 2) {
            q.append('&').append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        Http.Response r = get(q.toString());
        assertEquals(200, r.status(), q + " answered " + r.text() + "\noutput:\n" + jvm.output());
        return r.text();
    }

    /** The app's state after full GCs. */
    State state() throws IOException {
        return State.parse(get("/state").text());
    }

    Scrape scrape() {
        return Scrape.of(metricsPort);
    }

    String output() {
        return jvm.output();
    }

    /** The agent's own lines of output. */
    List<String> agentLines() {
        return output().lines().filter(l -> l.startsWith(AGENT)).collect(Collectors.toList());
    }

    /** Output lines that are neither the agent's nor the JVM's note about the bootstrap class path. */
    List<String> applicationLines() {
        return output().lines()
                .filter(l -> !l.startsWith(AGENT))
                .filter(l -> !l.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes"))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        jvm.close();
    }

    /** What {@code GET /state} reports. */
    record State(long heap, int threads, int fds, List<String> threadNames) {
        static State parse(String text) {
            long heap = 0;
            int threads = 0;
            int fds = 0;
            List<String> names = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("heap=")) {
                    heap = Long.parseLong(line.substring(5));
                } else if (line.startsWith("threads=")) {
                    threads = Integer.parseInt(line.substring(8));
                } else if (line.startsWith("fds=")) {
                    fds = Integer.parseInt(line.substring(4));
                } else if (line.startsWith("thread=")) {
                    names.add(line.substring(7));
                }
            }
            return new State(heap, threads, fds, names);
        }

        /** Threads the agent runs: its own, and those of its metrics server. */
        List<String> agentThreads() {
            return threadNames.stream()
                    .filter(n -> n.startsWith("claw-ai-agent") || n.startsWith("prometheus-http") || n.equals("HTTP-Dispatcher"))
                    .collect(Collectors.toList());
        }

        double heapMb() {
            return heap / 1024.0 / 1024.0;
        }
    }
}
