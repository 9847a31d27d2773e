package ai.claw.agent.metrics;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data points of one metric by label values, at most {@code limit} label sets. Lookups of an
 * existing set allocate nothing (a per-thread probe key), so recording on the hot path costs a
 * hash lookup plus the data point's own update. Past the limit, a new set has its foldable
 * labels replaced by {@code OTHER}, and each such fold is counted.
 *
 * @param <P> the client_java data point type
 */
public final class BoundedSeries<P> {

    public static final String OTHER = "OTHER";

    /** Creates the data point for a new label set. */
    public interface Factory<P> {
        P create(String[] labelValues);
    }

    private final ConcurrentHashMap<Key, P> points = new ConcurrentHashMap<>();
    private final AtomicInteger distinct = new AtomicInteger();
    private final ThreadLocal<Key> probes;
    private final int limit;
    private final boolean[] foldable;
    private final Factory<P> factory;
    private final Runnable onFold;

    BoundedSeries(final int labelCount, int limit, boolean[] foldable, Factory<P> factory, Runnable onFold) {
        this.limit = limit;
        this.foldable = foldable;
        this.factory = factory;
        this.onFold = onFold;
        this.probes = new ThreadLocal<Key>() {
            @Override
            protected Key initialValue() {
                return new Key(new String[labelCount]);
            }
        };
    }

    public P get() {
        return lookup(probes.get().set());
    }

    public P get(String a) {
        return lookup(probes.get().set(a));
    }

    public P get(String a, String b) {
        return lookup(probes.get().set(a, b));
    }

    public P get(String a, String b, String c) {
        return lookup(probes.get().set(a, b, c));
    }

    public P get(String a, String b, String c, String d) {
        return lookup(probes.get().set(a, b, c, d));
    }

    /** Label sets held, folded ones included. */
    public int size() {
        return points.size();
    }

    private P lookup(Key probe) {
        if (FaultInjection.MODE != FaultInjection.NONE) {
            FaultInjection.fail(FaultInjection.MODE);
        }
        P point = points.get(probe);
        return point != null ? point : miss(probe.copy());
    }

    private P miss(Key key) {
        if (distinct.get() >= limit) {
            onFold.run();
            Key folded = key.fold(foldable);
            P point = points.get(folded);
            return point != null ? point : points.computeIfAbsent(folded, k -> factory.create(k.values));
        }
        return points.computeIfAbsent(key, k -> {
            distinct.incrementAndGet();
            return factory.create(k.values);
        });
    }

    /** Label values with a cached hash; probes are mutated in place, map keys never are. */
    static final class Key {
        final String[] values;
        int hash;

        Key(String[] values) {
            this.values = values;
        }

        Key set() {
            return rehash();
        }

        Key set(String a) {
            values[0] = orEmpty(a);
            return rehash();
        }

        Key set(String a, String b) {
            values[0] = orEmpty(a);
            values[1] = orEmpty(b);
            return rehash();
        }

        Key set(String a, String b, String c) {
            values[0] = orEmpty(a);
            values[1] = orEmpty(b);
            values[2] = orEmpty(c);
            return rehash();
        }

        Key set(String a, String b, String c, String d) {
            values[0] = orEmpty(a);
            values[1] = orEmpty(b);
            values[2] = orEmpty(c);
            values[3] = orEmpty(d);
            return rehash();
        }

        Key copy() {
            Key copy = new Key(values.clone());
            copy.hash = hash;
            return copy;
        }

        Key fold(boolean[] foldable) {
            String[] folded = values.clone();
            for (int i = 0; i < folded.length; i++) {
                if (foldable[i]) {
                    folded[i] = OTHER;
                }
            }
            return new Key(folded).rehash();
        }

        private Key rehash() {
            int h = 1;
            for (String v : values) {
                h = 31 * h + v.hashCode();
            }
            hash = h;
            return this;
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key)) {
                return false;
            }
            Key other = (Key) o;
            return hash == other.hash && Arrays.equals(values, other.values);
        }
    }
}
