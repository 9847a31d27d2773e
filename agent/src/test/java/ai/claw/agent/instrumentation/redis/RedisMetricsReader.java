package ai.claw.agent.instrumentation.redis;

import ai.claw.agent.metrics.AgentMetrics;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads {@code claw_ai_redis_operation_duration_seconds} counts straight from the agent's registry. */
public final class RedisMetricsReader {

    private RedisMetricsReader() {
    }

    public static long count(AgentMetrics metrics, String client, String command, String outcome) {
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (!snapshot.getMetadata().getPrometheusName().equals("claw_ai_redis_operation_duration_seconds")) {
                continue;
            }
            for (HistogramSnapshot.HistogramDataPointSnapshot point : ((HistogramSnapshot) snapshot).getDataPoints()) {
                if (client.equals(point.getLabels().get("client")) && command.equals(point.getLabels().get("command"))
                        && outcome.equals(point.getLabels().get("outcome"))) {
                    return point.getCount();
                }
            }
        }
        return 0;
    }

    /** Label sets of the metric, all clients. */
    public static int series(AgentMetrics metrics) {
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (snapshot.getMetadata().getPrometheusName().equals("claw_ai_redis_operation_duration_seconds")) {
                return snapshot.getDataPoints().size();
            }
        }
        return 0;
    }
}
