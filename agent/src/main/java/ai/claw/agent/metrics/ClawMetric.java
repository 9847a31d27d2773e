package ai.claw.agent.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The catalog: every {@code claw_ai_*} metric the agent exposes, in one place. Names carry the
 * unit and counters the {@code _total} suffix, as Prometheus expects. {@code docs/METRICS.md}
 * is checked against this list by a test.
 *
 * <p>Labels listed in {@code foldable} are the open-ended ones: once a metric holds
 * {@code cardinality.limit} label sets, a new set keeps its bounded labels (method, status,
 * outcome, ...) and has its foldable ones replaced by {@code OTHER}.
 */
public enum ClawMetric {

    HTTP_REQUESTS(Type.COUNTER, "claw_ai_http_requests_total",
            "HTTP requests served, counted once per request when the response is complete.",
            labels("method", "endpoint", "status"), labels("endpoint"), null),
    HTTP_REQUEST_DURATION(Type.HISTOGRAM, "claw_ai_http_request_duration_seconds",
            "Time from the start of servlet dispatch to the completion of the response (async included).",
            labels("method", "endpoint"), labels("endpoint"), Buckets.HTTP_SECONDS),
    HTTP_RESPONSE_SIZE(Type.HISTOGRAM, "claw_ai_http_response_size_bytes",
            "Response body bytes written by the application.",
            labels("method", "endpoint"), labels("endpoint"), Buckets.BYTES),
    HTTP_ACTIVE_CONNECTIONS(Type.GAUGE, "claw_ai_http_active_connections",
            "HTTP requests in flight (being dispatched or waiting for async completion).",
            labels(), labels(), null),

    DB_OPERATION_DURATION(Type.HISTOGRAM, "claw_ai_db_operation_duration_seconds",
            "JDBC statement executions by database system, SQL verb and main table; one executeBatch is one operation.",
            labels("system", "operation", "table", "outcome"), labels("table"), Buckets.DB_SECONDS),
    DB_POOL_CONNECTIONS(Type.GAUGE, "claw_ai_db_pool_connections",
            "Connections of each JDBC pool by state: active, idle, pending (threads waiting) and max (configured maximum).",
            labels("pool", "state"), labels("pool"), null),

    REDIS_OPERATION_DURATION(Type.HISTOGRAM, "claw_ai_redis_operation_duration_seconds",
            "Redis commands by client library and command name, timed from dispatch to completion.",
            labels("client", "command", "outcome"), labels("command"), Buckets.REDIS_SECONDS),

    AI_RESPONSE_DURATION(Type.HISTOGRAM, "claw_ai_ai_response_duration_seconds",
            "AI model calls, timed until the response (or the last streamed chunk) arrives.",
            labels("model", "outcome"), labels("model"), Buckets.AI_SECONDS),
    AI_TOKENS(Type.COUNTER, "claw_ai_ai_tokens_total",
            "Tokens used by AI model calls, by model and type (prompt or completion).",
            labels("model", "type"), labels("model"), null),
    VECTOR_DB_OPERATION_DURATION(Type.HISTOGRAM, "claw_ai_vector_db_operation_duration_seconds",
            "Vector store operations (searches and writes).",
            labels("operation", "outcome"), labels("operation"), Buckets.DB_SECONDS),
    CONVERSATIONS(Type.COUNTER, "claw_ai_conversations_total",
            "Conversations by status.",
            labels("status"), labels("status"), null),
    MESSAGES(Type.COUNTER, "claw_ai_messages_total",
            "Chat messages by role (user, assistant, ...).",
            labels("role"), labels("role"), null),

    AGENT_INFO(Type.INFO, "claw_ai_agent_info",
            "The CLAW.AI agent running in this JVM; the value is always 1.",
            labels("version"), labels(), null),
    AGENT_ERRORS(Type.COUNTER, "claw_ai_agent_errors_total",
            "Failures inside the agent that were swallowed so the application never saw them, by where they happened.",
            labels("kind"), labels(), null),
    AGENT_CARDINALITY_FOLDED(Type.COUNTER, "claw_ai_agent_cardinality_folded_total",
            "Observations whose label set was folded into OTHER because the metric reached cardinality.limit.",
            labels("metric"), labels(), null);

    /** The Prometheus metric type. */
    public enum Type { COUNTER, GAUGE, HISTOGRAM, INFO }

    /** Histogram bucket upper bounds. */
    static final class Buckets {
        static final double[] HTTP_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
        static final double[] DB_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
        static final double[] REDIS_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
        static final double[] AI_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120};
        static final double[] BYTES = {64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216};

        private Buckets() {
        }
    }

    public final Type type;
    /** The exposed name ({@code _total} included for counters, {@code _info} for info). */
    public final String name;
    public final String help;
    public final List<String> labels;
    final boolean[] foldable;
    final double[] buckets;

    ClawMetric(Type type, String name, String help, List<String> labels, List<String> foldable, double[] buckets) {
        this.type = type;
        this.name = name;
        this.help = help;
        this.labels = labels;
        this.foldable = new boolean[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            this.foldable[i] = foldable.contains(labels.get(i));
        }
        this.buckets = buckets;
    }

    /** The name without the suffix client_java appends by type. */
    String baseName() {
        if (type == Type.COUNTER) {
            return name.substring(0, name.length() - "_total".length());
        }
        if (type == Type.INFO) {
            return name.substring(0, name.length() - "_info".length());
        }
        return name;
    }

    private static List<String> labels(String... names) {
        return Collections.unmodifiableList(Arrays.asList(names));
    }
}
