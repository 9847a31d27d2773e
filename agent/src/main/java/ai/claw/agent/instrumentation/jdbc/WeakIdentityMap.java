package ai.claw.agent.instrumentation.jdbc;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects (by identity, held weakly) to values: statements and
 * connections must neither be kept alive by the agent nor compared with their own
 * {@code equals}. Lookups use a per-thread probe key, so {@link #get} and {@link #remove}
 * allocate nothing. Entries of collected keys are swept out by a {@link #put} that finds the map
 * grown to twice its size after the last sweep: no {@code ReferenceQueue}, whose lock (shared with
 * the JVM's reference handler) an application thread would otherwise take on every put, and a
 * virtual thread blocked on it was seen to pin its carrier (JDK 25, {@code VirtualThreadsIT}).
 */
final class WeakIdentityMap<K, V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    static final int FIRST_SWEEP = 64;
    /** The size at which a put sweeps; after a sweep, twice what is left (at least {@link #FIRST_SWEEP}). */
    private volatile int sweepAt = FIRST_SWEEP;
    /**
     * One probe per thread for all maps (a lookup never runs inside another): every thread-local
     * the agent adds makes the thread's own thread-local table fuller, and H2, for one, sets and
     * removes one of its own on every query.
     */
    private static final ThreadLocal<Probe> PROBES = new ThreadLocal<Probe>() {
        @Override
        protected Probe initialValue() {
            return new Probe();
        }
    };

    V get(K key) {
        Probe probe = PROBES.get().of(key);
        try {
            return map.get(probe);
        } finally {
            probe.key = null;
        }
    }

    void put(K key, V value) {
        if (map.size() >= sweepAt) {
            sweep();
        }
        map.put(new WeakKey(key), value);
    }

    V remove(K key) {
        Probe probe = PROBES.get().of(key);
        try {
            return map.remove(probe);
        } finally {
            probe.key = null;
        }
    }

    /** Entries held, after a sweep of those whose keys were collected. */
    int size() {
        sweep();
        return map.size();
    }

    /** Entries held, as they are (tests). */
    int entries() {
        return map.size();
    }

    /** Drops the entries of collected keys; lock-free, like the map's own iteration. */
    private void sweep() {
        for (Iterator<Object> i = map.keySet().iterator(); i.hasNext(); ) {
            if (((WeakKey) i.next()).get() == null) {
                i.remove();
            }
        }
        sweepAt = Math.max(FIRST_SWEEP, 2 * map.size());
    }

    /** A stored key: equal to another key or probe referring to the same object. */
    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object key) {
            super(key);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object referent = get();
            if (referent == null) {
                return false;
            }
            if (o instanceof WeakKey) {
                return referent == ((WeakKey) o).get();
            }
            return o instanceof Probe && referent == ((Probe) o).key;
        }
    }

    /** A lookup key reused by one thread; cleared after each use so it keeps nothing alive. */
    private static final class Probe {
        Object key;
        int hash;

        Probe of(Object k) {
            key = k;
            hash = System.identityHashCode(k);
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WeakKey && key != null && ((WeakKey) o).get() == key;
        }
    }
}
