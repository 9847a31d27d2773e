package ai.claw.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exact assertions on how this JVM's agent's series grow between two scrapes:
 * {@code Growth.since(before).grows(5, name, "k", "v").settle()}. A library may record a call
 * just after the application has its answer (a container finishing a request, a completion
 * callback), so {@link #settle()} scrapes until every expectation holds, for at most 5 s; a series
 * that grows too much fails too (after the wait).
 */
public final class Growth {

    /** A further condition on a scrape, such as "no other series of this client moved". */
    @FunctionalInterface
    public interface Check {
        /** What does not hold in {@code now} (compared with {@code before}), or null when all does. */
        String mismatch(Scrape before, Scrape now);
    }

    private record Expected(double value, String name, String[] labels) {
    }

    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Scrape before;
    private final List<Expected> expected = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    private Growth(Scrape before) {
        this.before = before;
    }

    /** Expectations on growth since {@code before} (a scrape of this JVM's agent). */
    public static Growth since(Scrape before) {
        return new Growth(before);
    }

    /** The series with exactly these labels grows by exactly {@code value} (0: stays as it was, or absent). */
    public Growth grows(double value, String name, String... labels) {
        expected.add(new Expected(value, name, labels));
        return this;
    }

    /** {@code check} must hold too, after every {@link #grows} expectation does. */
    public Growth andAlso(Check check) {
        checks.add(check);
        return this;
    }

    /** Scrapes until every expectation holds, for at most 5 s, and returns that scrape; fails with the first mismatch. */
    public Scrape settle() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Scrape now = Scrape.own();
            String mismatch = mismatch(now);
            if (mismatch == null) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                fail(mismatch);
            }
            Waits.sleep(25);
        }
    }

    /** Growth of the series with exactly these labels from {@code before} to {@code after} (absent counts as 0). */
    public static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }

    private String mismatch(Scrape now) {
        for (Expected e : expected) {
            double delta = delta(before, now, e.name(), e.labels());
            if (Math.abs(delta - e.value()) > 1e-9) {
                return e.name() + List.of(e.labels()) + " grew by " + delta + ", expected " + e.value()
                        + "; series of that name:\n" + now.describe(e.name());
            }
        }
        for (Check check : checks) {
            String mismatch = check.mismatch(before, now);
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }
}
