package ai.claw.agent.instrumentation.jdbc;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The labels of each statement, by identity. Most statements live for one prepare, execute and
 * close, so they are kept first in a small direct-mapped table (slot by identity hash, strong
 * references): put, get and the remove on {@code close()} are an array access each. Only a
 * statement pushed out of its slot while still open (a second statement hashing to the same slot,
 * or one never closed) moves on to the {@link WeakIdentityMap}, whose weak reference per entry
 * made registering every statement cost more than the query itself in a tight loop on H2.
 */
final class StatementRegistry {

    static final int SLOTS = 1024;

    /** An immutable pair, so a slot is replaced atomically and never read half-written. */
    private static final class Entry {
        final Object statement;
        final StatementLabels labels;

        Entry(Object statement, StatementLabels labels) {
            this.statement = statement;
            this.labels = labels;
        }
    }

    private final AtomicReferenceArray<Entry> recent = new AtomicReferenceArray<>(SLOTS);
    private final WeakIdentityMap<Object, StatementLabels> older = new WeakIdentityMap<>();
    /** Set once anything went to {@link #older}: until then (usually for good) it is never looked into. */
    private volatile boolean olderUsed;

    void put(Object statement, StatementLabels labels) {
        int slot = slot(statement);
        Entry current = recent.get(slot);
        if (current != null && current.statement == statement && current.labels == labels) {
            return; // a driver's cached statement, prepared again with the same SQL
        }
        Entry evicted = recent.getAndSet(slot, new Entry(statement, labels));
        if (evicted != null && evicted.statement != statement) {
            olderUsed = true;
            older.put(evicted.statement, evicted.labels);
        }
    }

    /**
     * The statement's labels. One found in {@link #older} goes back into its slot if the statement
     * that pushed it out has left it: a long-lived statement (a statement cache's) pushed out once
     * by a short-lived one would otherwise pay the weak map's lookup on every execution for good.
     * Its older entry stays, weak, until it is pushed out again or collected.
     */
    StatementLabels get(Object statement) {
        int slot = slot(statement);
        Entry e = recent.get(slot);
        if (e != null && e.statement == statement) {
            return e.labels;
        }
        if (!olderUsed) {
            return null;
        }
        StatementLabels labels = older.get(statement);
        if (labels != null && e == null) {
            recent.compareAndSet(slot, null, new Entry(statement, labels));
        }
        return labels;
    }

    /**
     * {@code close()}: the statement is done with; forget it so nothing keeps it. One found in
     * its slot is not looked for in {@link #older} as well: once anything was pushed there (in a
     * long-running application, sooner or later), that lookup cost every close as much as the
     * rest of the statement's bookkeeping. An older entry it may have left from an earlier
     * eviction is weak, and goes when the statement does.
     */
    void remove(Object statement) {
        int slot = slot(statement);
        Entry e = recent.get(slot);
        if (e != null && e.statement == statement) {
            recent.compareAndSet(slot, e, null);
        } else if (olderUsed) {
            older.remove(statement);
        }
    }

    static int slot(Object statement) {
        int h = System.identityHashCode(statement);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
