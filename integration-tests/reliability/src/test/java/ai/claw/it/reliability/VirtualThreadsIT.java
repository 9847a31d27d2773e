package ai.claw.it.reliability;

import ai.claw.it.ForkedJvm;
import ai.claw.it.LocalServices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application on virtual threads (Tomcat's connector and every in-app caller), on a JDK 21+
 * (the JDK running the tests when it is one, else the Temurin 25 JDK beside it): 64 x 500 calls
 * of every kind give exact counts, and no carrier thread is pinned by the agent's code.
 *
 * <p>Pinning is checked with JFR: {@code jdk.VirtualThreadPinned} at threshold 0 with stack traces,
 * recorded after a warm-up (64 callers' first use of every path, where reflection may load classes
 * under a native frame and pin for a moment, once; those are printed, not failed).
 * On JDK 24+ {@code synchronized} no longer pins (JEP 491), so this sees what still pins there
 * (class initialisers, native frames); the application pins once on purpose (a virtual thread
 * blocking in a class initialiser) to prove the recording sees pinning. No event may have an
 * {@code ai.claw.agent} frame. On JDK 21-23 {@code -Djdk.tracePinnedThreads=full} would be the
 * tool; the agent's few {@code synchronized} sections (Jedis pipelines' reply queues, one-time
 * installs) never block inside, so they cannot pin a carrier across a park there either.
 */
class VirtualThreadsIT {

    static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @TempDir
    Path dir;

    /** A java executable of JDK 21+, or null. */
    static String java21() {
        if (Runtime.version().feature() >= 21) {
            return ForkedJvm.javaBin();
        }
        return Files.isExecutable(Path.of(TEMURIN_25)) ? TEMURIN_25 : null;
    }

    @Test
    void countsAreExactOnVirtualThreadsAndTheAgentPinsNoCarrier() throws Exception {
        LocalServices.requireRedis();
        String java = java21();
        Assumptions.assumeTrue(java != null, "no JDK 21+ here (virtual threads)");
        Path settings = dir.resolve("pinned.jfc");
        Files.writeString(settings, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration version=\"2.0\">\n"
                + "  <event name=\"jdk.VirtualThreadPinned\">\n"
                + "    <setting name=\"enabled\">true</setting>\n"
                + "    <setting name=\"stackTrace\">true</setting>\n"
                + "    <setting name=\"threshold\">0 ms</setting>\n"
                + "  </event>\n</configuration>\n");
        Path warmup = dir.resolve("warmup.jfr");
        Path recording = dir.resolve("pinned.jfr");

        App app = App.start(App.options().java(java).agent("").app(ReliabilityApp.class.getName(), "virtual")
                .jvm("-XX:StartFlightRecording=name=warmup,settings=" + settings));
        try {
            assertTrue(app.output().contains("(virtual threads)"), app.output());
            // Warm-up: the first use of each path (class loading, reflection caches) by 64 callers at once.
            Concurrency.assertExactCounts(app, Concurrency.THREADS, 20, true);
            jcmd(java, app, "JFR.dump", "name=warmup", "filename=" + warmup);
            jcmd(java, app, "JFR.stop", "name=warmup");

            jcmd(java, app, "JFR.start", "name=pinned", "settings=" + settings);
            Concurrency.assertExactCounts(app, Concurrency.THREADS, Concurrency.calls(), true);
            assertEquals("initialized true", app.run("pin-control"));
            jcmd(java, app, "JFR.dump", "name=pinned", "filename=" + recording);
        } finally {
            app.close();
        }

        // Informational: first uses may pin briefly where reflection loads classes under a native frame.
        List<String> warm = agentEvents(jfrPrint(java, warmup));
        System.out.println(warm.size() + " pinned event(s) with an agent frame during the warm-up");
        for (String event : warm) {
            System.out.println("  " + event.lines().filter(l -> l.contains("blockingOperation") || l.contains("ai.claw.agent"))
                    .map(String::trim).limit(3).collect(Collectors.joining(" / ")));
        }

        String events = jfrPrint(java, recording);
        int pinned = count(events, "jdk.VirtualThreadPinned {");
        assertTrue(pinned >= 1, "the recording saw no pinning at all, not even the application's own:\n" + events);
        assertTrue(events.contains("SlowInit"), events);
        List<String> ours = agentEvents(events);
        assertEquals(0, ours.size(), "a carrier pinned in the agent's code:\n" + String.join("\n", ours));
        System.out.println(pinned + " pinned event(s) after the warm-up, none in the agent's code, on " + java);
    }

    /** The pinned events whose stack has a frame of the agent. */
    private static List<String> agentEvents(String events) {
        List<String> ours = new ArrayList<>();
        for (String event : events.split("jdk.VirtualThreadPinned \\{")) {
            if (event.contains("ai.claw.agent")) {
                ours.add(event);
            }
        }
        return ours;
    }

    private static void jcmd(String java, App app, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(java).resolveSibling("jcmd").toString(), Long.toString(app.jvm.pid())));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + out);
    }

    private static String jfrPrint(String java, Path recording) throws Exception {
        Path jfr = Path.of(java).resolveSibling("jfr");
        List<String> command = new ArrayList<>(List.of(jfr.toString(), "print", "--stack-depth", "64",
                "--events", "jdk.VirtualThreadPinned", recording.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
