package ai.claw.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A JVM started by a test (with or without the agent), its output captured to a file. */
public final class ForkedJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ForkedJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The agent jar built by this reactor. */
    public static String agentJar() {
        String jar = System.getProperty("claw.agent.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("agent jar not found at " + jar + "; build it with mvn package first");
        }
        return jar;
    }

    /**
     * The java executable forked JVMs run on: {@code -Dclaw.it.jvm} (the Maven property that also
     * picks the test JVMs' java, e.g. a JDK 25 one), else the JDK running this test.
     */
    public static String javaBin() {
        String jvm = System.getProperty("claw.it.jvm", "").trim();
        return jvm.isEmpty() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : jvm;
    }

    /** Starts {@code java <jvmArgs> <mainArgs>} with extra environment variables. */
    public static ForkedJvm start(List<String> jvmArgs, List<String> mainArgs, Map<String, String> env) throws IOException {
        return start(javaBin(), jvmArgs, mainArgs, env);
    }

    /** The same on the java executable {@code java} (e.g. a JDK 21+ one for virtual threads). */
    public static ForkedJvm start(String java, List<String> jvmArgs, List<String> mainArgs, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        Path log = Files.createTempFile("forked-jvm-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("CLAW_AI_") || k.equals("JAVA_TOOL_OPTIONS"));
        environment.putAll(env == null ? new HashMap<>() : env);
        return new ForkedJvm(pb.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the JVM printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<cannot read " + log + ": " + e + ">";
        }
    }

    /** Waits until a GET of {@code url} answers at all (any status), failing with the JVM's output. */
    public ForkedJvm awaitHttp(String url, Duration timeout) {
        try {
            Waits.until(timeout, url, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited");
                }
                try {
                    Http.get(url);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (AssertionError | IllegalStateException e) {
            throw new AssertionError("JVM did not serve " + url + " (alive=" + process.isAlive() + "); output:\n" + output(), e);
        }
        return this;
    }

    /** Waits until the output contains {@code text}. */
    public ForkedJvm awaitOutput(String text, Duration timeout) {
        try {
            Waits.until(timeout, "'" + text + "' in output", () -> output().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output:\n" + output(), e);
        }
        return this;
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("JVM still running after " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
