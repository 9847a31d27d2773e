package ai.claw.it.reliability;

import ai.claw.it.LocalServices;
import org.junit.jupiter.api.Test;

/**
 * 64 threads x 500 calls (x 10,000 with {@code -Dclaw.it.full=true}) of HTTP, JDBC, Jedis,
 * Lettuce and annotated code at once, on platform threads: every count is exact.
 * (Virtual threads: {@link VirtualThreadsIT}.)
 */
class ConcurrencyIT {

    @Test
    void countsAreExactUnderConcurrency() throws Exception {
        LocalServices.requireRedis();
        try (App app = App.withAgent("")) {
            Concurrency.assertExactCounts(app, Concurrency.THREADS, Concurrency.calls(), false);
        }
    }
}
