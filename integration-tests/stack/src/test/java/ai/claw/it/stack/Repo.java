package ai.claw.it.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Paths of the repository under test, and short-lived commands run to completion. */
final class Repo {

    private Repo() {
    }

    /** The repository root (system property {@code claw.repo.root}, set by the module's pom). */
    static Path root() {
        String root = System.getProperty("claw.repo.root");
        if (root == null) {
            throw new IllegalStateException("claw.repo.root is not set: run through the module's pom");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path stack() {
        return root().resolve("stack");
    }

    static String sampleJar() {
        String jar = System.getProperty("claw.sample.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("sample app jar not found at " + jar + "; build it with mvn package first");
        }
        return jar;
    }

    /** Exit code and everything printed (stdout and stderr interleaved). */
    record Result(int exitCode, String output) {
    }

    /** Runs a command in {@code dir} to completion, failing after {@code timeout}. */
    static Result run(Path dir, Duration timeout, Map<String, String> env, List<String> command) throws IOException {
        Path out = Files.createTempFile("claw-stack-cmd-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "; output:\n" + Files.readString(out, StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException(e);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The first of {@code /usr/bin/python3}, {@code python3} that imports PyYAML (stack/tools need it). */
    static String pythonWithYaml() throws IOException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                if (run(root(), Duration.ofSeconds(30), Map.of(), List.of(candidate, "-c", "import yaml")).exitCode() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next one
            }
        }
        return null;
    }

    /** Absolute path of an executable on PATH (or in the sbin folders), or null. */
    static String which(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }
}
