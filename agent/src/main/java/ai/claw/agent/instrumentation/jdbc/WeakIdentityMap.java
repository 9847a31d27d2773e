package ai.claw.agent.instrumentation.jdbc;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects (by identity, held weakly) to values: statements and
 * connections must neither be kept alive by the agent nor compared with their own
 * {@code equals}. Lookups use a per-thread probe key, so {@link #get} and {@link #remove}
 * allocate nothing; entries of collected keys are purged on each {@link #put}.
 */
final class WeakIdentityMap<K, V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
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
        purge();
        map.put(new WeakKey(key, collected), value);
    }

    V remove(K key) {
        Probe probe = PROBES.get().of(key);
        try {
            return map.remove(probe);
        } finally {
            probe.key = null;
        }
    }

    /** Entries held, some possibly of keys collected since the last purge. */
    int size() {
        purge();
        return map.size();
    }

    private void purge() {
        Reference<?> gone;
        while ((gone = collected.poll()) != null) {
            map.remove(gone);
        }
    }

    /** A stored key: equal to another key or probe referring to the same object. */
    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
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
