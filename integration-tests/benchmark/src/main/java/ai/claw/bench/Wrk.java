package ai.claw.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk -t2 -c32 --latency} against one URL on 127.0.0.1 and reads its summary. */
final class Wrk {

    static final int THREADS = 2;
    static final int CONNECTIONS = 32;

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** One run's summary. */
    static final class Result {
        final long requests;
        final double requestsPerSecond;
        final double p50Millis;
        final double p99Millis;
        final long failures;

        Result(long requests, double requestsPerSecond, double p50Millis, double p99Millis, long failures) {
            this.requests = requests;
            this.requestsPerSecond = requestsPerSecond;
            this.p50Millis = p50Millis;
            this.p99Millis = p99Millis;
            this.failures = failures;
        }
    }

    private Wrk() {
    }

    /**
     * Makes sure wrk is on the PATH: when it is not, installs it with apt-get if allowed and
     * possible (root on Debian/Ubuntu), else explains how and fails.
     */
    static void require(boolean install) throws IOException, InterruptedException {
        if (onPath("wrk")) {
            return;
        }
        boolean canInstall = install && onPath("apt-get") && "root".equals(System.getProperty("user.name"));
        if (canInstall) {
            Log.info("wrk is not installed; installing it with apt-get (wrk is the HTTP load generator of the macro runs)");
            run(Arrays.asList("apt-get", "-o", "DPkg::Lock::Timeout=600", "update", "-qq"));
            run(Arrays.asList("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq", "--no-install-recommends", "wrk"));
            if (onPath("wrk")) {
                return;
            }
        }
        throw new IllegalStateException("wrk (https://github.com/wg/wrk) is needed for the macro benchmark and is not on the PATH. "
                + "Install it (Debian/Ubuntu: sudo apt-get install --no-install-recommends wrk; macOS: brew install wrk), "
                + "or run only the micro benchmarks with --only micro.");
    }

    static Result run(String url, int seconds, boolean latency) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s"));
        if (latency) {
            command.add("--latency");
        }
        command.add(url);
        String out = run(command);
        return parse(out);
    }

    static Result parse(String out) {
        Matcher requests = REQUESTS.matcher(out);
        Matcher rate = RATE.matcher(out);
        if (!requests.find() || !rate.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + out);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            double millis = millis(Double.parseDouble(p.group(2)), p.group(3));
            if (p.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        long failures = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        Matcher errors = SOCKET_ERRORS.matcher(out);
        if (errors.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Long.parseLong(errors.group(g));
            }
        }
        return new Result(Long.parseLong(requests.group(1)), Double.parseDouble(rate.group(1)), p50, p99, failures);
    }

    private static double millis(double value, String unit) {
        switch (unit) {
            case "us":
                return value / 1000;
            case "ms":
                return value;
            case "s":
                return value * 1000;
            case "m":
                return value * 60_000;
            default:
                throw new IllegalArgumentException(unit);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) {
                return true;
            }
        }
        return false;
    }

    static String describe() {
        return String.format(Locale.ROOT, "wrk -t%d -c%d", THREADS, CONNECTIONS);
    }
}
