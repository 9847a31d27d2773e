package ai.claw.it.stack;

import ai.claw.it.Ports;
import ai.claw.it.Waits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server process started by the test, its output captured to a file; {@link #close()} ends it and its children. */
final class NativeProcess implements AutoCloseable {

    final String name;
    private final Process process;
    private final Path log;

    private NativeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static NativeProcess start(String name, Path logDir, Map<String, String> env, List<String> command) throws IOException {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return new NativeProcess(name, pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<cannot read " + log + ": " + e + ">";
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:port, failing early if the process exits. */
    NativeProcess awaitPort(int port, Duration timeout) {
        try {
            Waits.until(timeout, name + " listening on 127.0.0.1:" + port, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited");
                }
                return Ports.isOpen("127.0.0.1", port);
            });
        } catch (AssertionError | IllegalStateException e) {
            throw new AssertionError(name + " does not listen on 127.0.0.1:" + port + " (alive=" + process.isAlive()
                    + "); output:\n" + Repo.tail(output(), 40), e);
        }
        return this;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Nginx workers exit with their master; anything left over is ended by its own pid.
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
