package ai.claw.agent.instrumentation.jdbc;

/**
 * What the agent knows about one statement object: its database system and, for a prepared or
 * callable statement, the operation and table of its SQL ({@code operation} null for a plain
 * {@code Statement}, whose SQL comes with each call). Shared between statements, never mutated.
 */
final class StatementLabels {

    final String system;
    final String operation;
    final String table;

    StatementLabels(String system, String operation, String table) {
        this.system = system;
        this.operation = operation;
        this.table = table;
    }
}
