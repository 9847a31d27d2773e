package ai.claw.it.deploy;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files, and the tools the tests need (required in CI, a skip elsewhere). */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String root = System.getProperty("claw.repo.root");
        Path p = root != null ? Path.of(root) : Path.of("../..");
        return p.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** The absolute path of {@code tool} on PATH, or null. */
    static String which(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** The tool's path; outside CI a missing tool skips the test, in CI it fails it. */
    static String requireTool(String tool, String installHint) {
        String found = which(tool);
        if (found == null) {
            String message = tool + " is not installed (" + installHint + ")";
            if (inCi()) {
                throw new AssertionError(message + "; CI must have it (.ci/run installs it)");
            }
            Assumptions.assumeTrue(false, message);
        }
        return found;
    }
}
