package ai.claw.agent.instrumentation.jdbc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StatementRegistryTest {

    private final StatementRegistry registry = new StatementRegistry();

    @Test
    void findsAStatementUntilItIsClosed() {
        Object statement = new Object();
        StatementLabels labels = new StatementLabels("h2", "SELECT", "items");
        registry.put(statement, labels);
        assertSame(labels, registry.get(statement));
        registry.remove(statement);
        assertNull(registry.get(statement));
        assertNull(registry.get(new Object()));
    }

    /** Far more open statements than slots: those pushed out of a slot are still found, and forgotten on close. */
    @Test
    void statementsPushedOutOfTheTableAreStillFound() {
        List<Object> open = new ArrayList<>();
        List<StatementLabels> labels = new ArrayList<>();
        for (int i = 0; i < StatementRegistry.SLOTS * 5; i++) {
            Object statement = new Object();
            StatementLabels l = new StatementLabels("h2", "SELECT", "t" + i);
            registry.put(statement, l);
            open.add(statement);
            labels.add(l);
        }
        for (int i = 0; i < open.size(); i++) {
            assertSame(labels.get(i), registry.get(open.get(i)), "statement " + i);
        }
        for (Object statement : open) {
            registry.remove(statement);
        }
        for (Object statement : open) {
            assertNull(registry.get(statement));
        }
    }

    @Test
    void aStatementPreparedAgainGetsItsNewLabels() {
        Object statement = new Object();
        registry.put(statement, new StatementLabels("h2", "SELECT", "a"));
        StatementLabels again = new StatementLabels("h2", "UPDATE", "b");
        registry.put(statement, again);
        assertSame(again, registry.get(statement));
    }
}
