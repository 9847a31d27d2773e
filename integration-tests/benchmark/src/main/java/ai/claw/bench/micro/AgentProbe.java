package ai.claw.bench.micro;

import ai.claw.bench.Http;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark JVM's view of the agent. The driver starts agent runs with
 * {@code -Dclaw.bench.agent.port=<port>}; without it the JVM runs without the agent and every
 * check here passes trivially.
 */
public final class AgentProbe {

    public static final String PORT_PROPERTY = "claw.bench.agent.port";

    private AgentProbe() {
    }

    public static boolean attached() {
        return System.getProperty(PORT_PROPERTY) != null;
    }

    static String metricsUrl() {
        return "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY) + "/metrics";
    }

    /** Waits until the agent serves its port, which it does once its instrumentation is installed. */
    public static void awaitReady() throws InterruptedException {
        if (!attached()) {
            return;
        }
        String url = "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY) + "/-/healthy";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Http.status(url) == 200) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the agent did not serve " + url + " within 120 s");
    }

    /**
     * Fails unless the agent exposes a sample line starting with {@code prefix} and containing
     * every {@code fragment}: proof that the benchmarked call was really instrumented.
     */
    public static void requireSeries(String prefix, String... fragments) throws IOException {
        if (!attached()) {
            return;
        }
        String scrape = Http.get(metricsUrl());
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix) && containsAll(line, fragments)) {
                return;
            }
        }
        throw new IllegalStateException("the agent did not record the benchmarked call: no " + prefix + " line with "
                + String.join(", ", fragments) + " in\n" + scrape);
    }

    private static boolean containsAll(String line, String[] fragments) {
        for (String f : fragments) {
            if (!line.contains(f)) {
                return false;
            }
        }
        return true;
    }
}
