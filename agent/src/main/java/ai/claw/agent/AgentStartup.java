package ai.claw.agent;

import ai.claw.agent.bootstrap.AgentHealth;
import ai.claw.agent.config.AgentConfig;
import ai.claw.agent.instrumentation.Installer;
import ai.claw.agent.instrumentation.Instrumentation;
import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.JvmCollectors;
import ai.claw.agent.metrics.MetricsServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything after the facade is on the bootstrap class path, run on the agent's daemon thread:
 * metrics, sinks, instrumentation, JVM metrics, then the side port, so a scrape that answers
 * means instrumentation is in place.
 */
final class AgentStartup {

    private AgentStartup() {
    }

    static void run(AgentConfig config, java.lang.instrument.Instrumentation jvm, String how, long begin) {
        try {
            String version = ClawAgent.version();
            AgentMetrics metrics = new AgentMetrics(config.cardinalityLimit(), version);
            AgentHealth.install(new SuppressedErrors(metrics));
            List<Instrumentation> enabled = Installer.enabled(config);
            Installer.install(jvm, enabled, metrics);
            long instrumented = System.nanoTime();
            if (config.isEnabled("jvm")) {
                JvmCollectors.register(metrics.registry());
            }
            MetricsServer.start(config, metrics.registry());
            List<String> names = new ArrayList<>();
            for (Instrumentation i : enabled) {
                if (!names.contains(i.name())) {
                    names.add(i.name());
                }
            }
            AgentLog.info("started " + version + " (" + how + "); instrumentations " + names
                    + (config.isEnabled("jvm") ? " + jvm" : ""));
            if (AgentLog.isEnabled(AgentLog.Level.DEBUG)) {
                AgentLog.debug("startup timing: instrumentation installed after " + millis(begin, instrumented)
                        + " ms, ready after " + millis(begin, System.nanoTime()) + " ms (off the application's thread" + ownCost() + ")");
            }
        } catch (Throwable t) {
            AgentLog.error("failed to start (" + t + "); the application runs without the agent");
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** CPU time and heap allocated by this thread so far, where the JVM tells; debug only. */
    private static String ownCost() {
        try {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            String cost = ", which used " + threads.getCurrentThreadCpuTime() / 1_000_000 + " ms of CPU";
            if (threads instanceof com.sun.management.ThreadMXBean) {
                long bytes = ((com.sun.management.ThreadMXBean) threads).getThreadAllocatedBytes(Thread.currentThread().getId());
                cost += " and allocated " + bytes / 1_000_000 + " MB";
            }
            return cost;
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** Counts advice failures; the first few are logged with where they happened. */
    static final class SuppressedErrors implements AgentHealth.Sink {
        private static final int LOGGED = 5;
        private final AgentMetrics metrics;
        private final AtomicLong count = new AtomicLong();

        SuppressedErrors(AgentMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void suppressed(Throwable error) {
            metrics.agentError("advice");
            long n = count.incrementAndGet();
            if (n <= LOGGED) {
                StackTraceElement[] trace = error.getStackTrace();
                // A LinkageError's message names the class or method a library version lacks; others may carry data.
                String detail = error instanceof LinkageError && error.getMessage() != null ? ": " + error.getMessage() : "";
                AgentLog.warn("recording failed and was skipped, the application is unaffected: " + error.getClass().getName()
                        + detail + (trace.length > 0 ? " at " + trace[0] : "")
                        + (n == LOGGED ? " (further failures are only counted in claw_ai_agent_errors_total)" : ""));
            }
        }
    }
}
