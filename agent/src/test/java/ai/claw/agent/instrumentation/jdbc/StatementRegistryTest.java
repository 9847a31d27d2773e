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

    /**
     * A long-lived statement pushed out of its slot by a short-lived one, which then closes: it is
     * still found, and again after the same happens with another.
     */
    @Test
    void aStatementPushedOutIsFoundThroughEachNewcomerInItsSlot() {
        Object longLived = new Object();
        StatementLabels labels = new StatementLabels("h2", "SELECT", "cached");
        registry.put(longLived, labels);
        for (int round = 0; round < 3; round++) {
            Object newcomer = collidingWith(longLived);
            StatementLabels other = new StatementLabels("h2", "UPDATE", "t" + round);
            registry.put(newcomer, other);
            assertSame(labels, registry.get(longLived), "pushed out, round " + round);
            assertSame(other, registry.get(newcomer));
            registry.remove(newcomer);
            assertNull(registry.get(newcomer));
            assertSame(labels, registry.get(longLived), "its slot free again, round " + round);
            assertSame(labels, registry.get(longLived));
        }
    }

    private static Object collidingWith(Object statement) {
        while (true) {
            Object candidate = new Object();
            if (StatementRegistry.slot(candidate) == StatementRegistry.slot(statement)) {
                return candidate;
            }
        }
    }
}
