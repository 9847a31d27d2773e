package ai.claw.it.redis;

import ai.claw.it.Growth;
import ai.claw.it.Scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code claw_ai_redis_operation_duration_seconds} of one client, and exact assertions on how
 * it grows between two scrapes ({@link Growth}): every listed {@code (command, outcome)} grows by
 * exactly the given count, and every other series of that client does not grow at all.
 */
public final class RedisSeries {

    public static final String COUNT = "claw_ai_redis_operation_duration_seconds_count";
    public static final String SUM = "claw_ai_redis_operation_duration_seconds_sum";
    public static final String BUCKET = "claw_ai_redis_operation_duration_seconds_bucket";
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    private final String client;
    private final Scrape before;
    private final Growth growth;
    private final List<String[]> expected = new ArrayList<>();

    private RedisSeries(String client, Scrape before) {
        this.client = client;
        this.before = before;
        this.growth = Growth.since(before).andAlso(this::otherSeriesMoved);
    }

    /** Distinctive text for keys and values, searched for in the scrape afterwards. */
    public static String secret(String what) {
        return "clawSecret" + what + UUID.randomUUID().toString().replace("-", "");
    }

    public static RedisSeries since(String client, Scrape before) {
        return new RedisSeries(client, before);
    }

    public RedisSeries grows(int count, String command, String outcome) {
        expected.add(new String[] {command, outcome});
        growth.grows(count, COUNT, labels(command, outcome));
        return this;
    }

    /**
     * Scrapes until the expectations hold, for at most 5 s (async commands are recorded by their
     * completion callback, which may run just after the application saw the result), then
     * returns that scrape; fails with the client's series listed if they never hold.
     */
    public Scrape settle() {
        return growth.settle();
    }

    /** Growth of one series of this client since {@code before}. */
    public double delta(Scrape now, String name, String command, String outcome, String... more) {
        return Growth.delta(before, now, name, labels(command, outcome, more));
    }

    /** None of the texts occurs anywhere in the scrape. */
    public static void assertAbsent(Scrape scrape, String... texts) {
        for (String t : texts) {
            assertFalse(scrape.text().contains(t), "the scrape contains " + t);
        }
        assertFalse(scrape.text().contains("clawSecret"), "the scrape contains a key or value");
    }

    /** The command took at least {@code seconds}: its sum grew by that much and it is above the {@code le} bucket. */
    public void assertSlowerThan(Scrape now, String command, String outcome, double seconds, String bucketBelow) {
        double sum = delta(now, SUM, command, outcome);
        assertTrue(sum >= seconds, command + " took " + sum + " s, expected at least " + seconds);
        double fast = delta(now, BUCKET, command, outcome, "le", bucketBelow);
        assertTrue(fast == 0, command + " counted in bucket le=" + bucketBelow);
    }

    /** The {@link Growth.Check} that no series of this client but the expected ones grew. */
    private String otherSeriesMoved(Scrape before, Scrape now) {
        for (Scrape.Sample s : now.samples(COUNT)) {
            if (!client.equals(s.label("client")) || isExpected(s.label("command"), s.label("outcome"))) {
                continue;
            }
            double delta = s.value() - before.valueOrZero(COUNT, labels(s.label("command"), s.label("outcome")));
            if (delta != 0) {
                return client + " " + s.label("command") + " " + s.label("outcome") + " grew by " + delta
                        + ", expected no change\nseries of " + COUNT + ":\n" + now.describe(COUNT);
            }
        }
        return null;
    }

    private boolean isExpected(String command, String outcome) {
        for (String[] e : expected) {
            if (e[0].equals(command) && e[1].equals(outcome)) {
                return true;
            }
        }
        return false;
    }

    private String[] labels(String command, String outcome, String... more) {
        String[] labels = new String[6 + more.length];
        labels[0] = "client";
        labels[1] = client;
        labels[2] = "command";
        labels[3] = command;
        labels[4] = "outcome";
        labels[5] = outcome;
        System.arraycopy(more, 0, labels, 6, more.length);
        return labels;
    }
}
