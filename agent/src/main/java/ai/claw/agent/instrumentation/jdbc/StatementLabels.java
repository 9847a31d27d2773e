package ai.claw.agent.instrumentation.jdbc;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/**
 * What the agent knows about one statement object: its database system and, for a prepared or
 * callable statement, the operation and table of its SQL ({@code operation} null for a plain
 * {@code Statement}, whose SQL comes with each call). Shared between statements; the labels never
 * change, and the series of a successful execution is remembered once looked up.
 */
final class StatementLabels {

    final String system;
    final String operation;
    final String table;

    /**
     * The series of this statement's successful executions, once known: the common case then
     * skips the label lookup. A plain field: racing threads store the same series, and its
     * fields are final.
     */
    DistributionDataPoint success;

    StatementLabels(String system, String operation, String table) {
        this.system = system;
        this.operation = operation;
        this.table = table;
    }
}
