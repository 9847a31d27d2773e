package ai.claw.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/** What Linux says about a process ({@code /proc/<pid>/status} and {@code stat}) and the machine. */
final class ProcStats {

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcStats() {
    }

    /** Resident set size in MiB ({@code VmRSS}). */
    static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return Long.parseLong(kb) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** User plus system CPU time in seconds ({@code utime + stime}). */
    /**
     * The Java heap in use right after a full collection (what the JVM holds live), in MiB, via
     * {@code jcmd GC.run} and {@code GC.heap_info} of the JDK running this benchmark.
     */
    static double liveHeapMiB(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap usage in the output of jcmd " + pid + " GC.heap_info");
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    static double cpuSeconds(long pid) throws IOException {
        String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")), StandardCharsets.UTF_8);
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) / (double) TICKS_PER_SECOND;
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.UTF_8).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // unknown
        }
        return "unknown CPU";
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
