package ai.claw.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite in {@code --quick} mode, exactly as documented ({@code java -jar benchmark.jar}),
 * so it never rots: it must finish and print the table with every row. No threshold is
 * asserted; quick numbers mean nothing.
 */
class QuickBenchmarkIT {

    @Test
    void quickRunPrintsEveryRow() throws Exception {
        boolean ci = System.getenv("CI") != null;
        Assumptions.assumeTrue(ci || Wrk.onPath("wrk"), "wrk is not installed (apt-get install wrk); CI installs it");
        Path jar = Paths.get(System.getProperty("claw.benchmark.jar"));
        Path out = Files.createTempFile("benchmark-quick-", ".md");
        Path stderr = Files.createTempFile("benchmark-quick-", ".log");
        List<String> command = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--quick", "--no-install", "--agent-jar", System.getProperty("claw.agent.jar"), "--out", out.toString()));
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the quick run took more than 15 minutes");
        String progress = Files.readString(stderr);
        assertEquals(0, p.exitValue(), "the quick run failed:\n" + progress);

        List<String> expected = new ArrayList<>();
        expected.addAll(BenchmarkMain.macroMeasurements(App.HELLO));
        expected.addAll(BenchmarkMain.macroMeasurements(App.SAMPLE));
        expected.add("agent jar size (MB)");
        for (String m : BenchmarkMain.microMeasurements()) {
            // The scrape row names the series it really held.
            expected.add(m.replace(", ≥ 10,000 series (ms)", ""));
        }
        List<String> rows = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| measurement") && !line.startsWith("| :-")) {
                rows.add(line);
            }
        }
        assertEquals(expected.size(), rows.size(), "rows:\n" + stdout);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(rows.get(i).startsWith("| " + expected.get(i)), "row " + i + " should be " + expected.get(i) + ":\n" + stdout);
            String claw = rows.get(i).split("\\|")[3];
            assertTrue(claw.matches(".*\\d.*"), "no CLAW.AI number in row:\n" + rows.get(i));
        }
        assertEquals(stdout, Files.readString(out), "the table file differs from what was printed");
        assertTrue(new File(jar.getParent().toFile(), "benchmark-logs").isDirectory());
    }
}
