package ai.claw.it.reliability;

import ai.claw.it.Scrape;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** Generators and scrape arithmetic shared by the flood, concurrency and soak tests. */
final class Floods {

    static final String OTHER = "OTHER";
    static final int DEFAULT_LIMIT = 1000;

    private Floods() {
    }

    /** {@code true} runs the full sizes of issue 7 (64 threads x 10,000 calls) instead of 64 x 1,000. */
    static boolean full() {
        return Boolean.getBoolean("claw.it.full");
    }

    /**
     * A path segment made of five lower-case letters, distinct for each {@code i} below 26^5:
     * no digits, so the endpoint normaliser keeps it as it is and each one is a new label set.
     */
    static String word(int i) {
        char[] c = new char[5];
        int v = i;
        for (int k = 4; k >= 0; k--) {
            c[k] = (char) ('a' + v % 26);
            v /= 26;
        }
        return new String(c);
    }

    /** {@code /greet/<word(i)>} for i in [from, to). */
    static Iterator<String> distinctGreetPaths(int from, int to) {
        return new Iterator<>() {
            int i = from;

            @Override
            public boolean hasNext() {
                return i < to;
            }

            @Override
            public String next() {
                if (i >= to) {
                    throw new NoSuchElementException();
                }
                return "/greet/" + word(i++);
            }
        };
    }

    /** {@code path} {@code count} times. */
    static Iterator<String> repeat(String path, long count) {
        return new Iterator<>() {
            long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public String next() {
                left--;
                return path;
            }
        };
    }

    /** Sum of the samples of {@code name} whose labels pass {@code filter}. */
    static double sum(Scrape s, String name, Predicate<Map<String, String>> filter) {
        return s.samples(name).stream().filter(x -> filter.test(x.labels())).mapToDouble(Scrape.Sample::value).sum();
    }

    /** How many series of {@code name} have label {@code label} not folded / folded. */
    static long series(Scrape s, String name, String label, boolean folded) {
        return s.samples(name).stream().filter(x -> OTHER.equals(x.label(label)) == folded).count();
    }

    static double folded(Scrape s, String metric) {
        return s.valueOrZero("claw_ai_agent_cardinality_folded_total", "metric", metric);
    }
}
