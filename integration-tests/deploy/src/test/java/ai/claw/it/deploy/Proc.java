package ai.claw.it.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short command to completion, output captured. */
final class Proc {

    record Result(int exit, String output) {
    }

    private Proc() {
    }

    static Result run(List<String> command, File dir, Map<String, String> env, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("claw-deploy-cmd-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (dir != null) {
                pb.directory(dir);
            }
            if (env != null) {
                pb.environment().putAll(env);
            }
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " still running after " + timeoutSeconds + " s; output:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(p.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and fails unless it exits 0. */
    static String ok(List<String> command, File dir, Map<String, String> env, long timeoutSeconds) {
        Result r = run(command, dir, env, timeoutSeconds);
        if (r.exit() != 0) {
            throw new AssertionError(command + " exited " + r.exit() + ":\n" + r.output());
        }
        return r.output();
    }
}
