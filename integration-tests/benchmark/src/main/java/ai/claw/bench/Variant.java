package ai.claw.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What runs inside the application's JVM: nothing, our agent, or the OpenTelemetry Java agent. */
enum Variant {
    NONE("no agent"),
    CLAW("CLAW.AI"),
    OTEL("OpenTelemetry 2.33.1");

    final String label;

    Variant(String label) {
        this.label = label;
    }

    /**
     * JVM flags that attach the agent with its metrics endpoint on {@code metricsPort}. Our agent
     * logs at debug level so its own "startup timing" line can be read; debug adds only a line
     * per instrumented class at startup, nothing per request.
     */
    List<String> jvmArgs(Path clawJar, Path otelJar, int metricsPort) {
        switch (this) {
            case CLAW:
                return Collections.singletonList("-javaagent:" + clawJar + "=port=" + metricsPort + ",host=127.0.0.1,log.level=debug");
            case OTEL:
                return new ArrayList<>(Arrays.asList(
                        "-javaagent:" + otelJar,
                        "-Dotel.metrics.exporter=prometheus",
                        "-Dotel.traces.exporter=none",
                        "-Dotel.logs.exporter=none",
                        "-Dotel.exporter.prometheus.host=127.0.0.1",
                        "-Dotel.exporter.prometheus.port=" + metricsPort));
            default:
                return Collections.emptyList();
        }
    }

    /** Where the agent's metrics are served, or null without an agent. */
    String metricsPath() {
        switch (this) {
            case CLAW:
                return "/-/healthy";
            case OTEL:
                return "/metrics";
            default:
                return null;
        }
    }
}
