package ai.claw.it.jdbc;

import ai.claw.it.Scrape;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static ai.claw.it.Waits.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pool gauges on in-memory H2, where timing is ours: waiting threads, lazy pools, closing. */
class HikariPoolIT {

    static final String POOL = DatabaseScenario.POOL;

    static HikariConfig h2(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:claw_it_pool;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(20_000);
        return config;
    }

    @BeforeAll
    static void agentReady() {
        DatabaseScenario.agentReady();
    }

    static double value(String pool, String state) {
        Double v = Scrape.own().value(POOL, "pool", pool, "state", state);
        return v == null ? -1 : v;
    }

    @Test
    void aThreadWaitingForAConnectionIsPending() throws Exception {
        String name = "claw-it-h2-pending";
        try (HikariDataSource ds = new HikariDataSource(h2(name, 2))) {
            Connection a = ds.getConnection();
            Connection b = ds.getConnection();
            CompletableFuture<Connection> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return ds.getConnection();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            until(Duration.ofSeconds(10), "one pending", () -> value(name, "pending") == 1);
            Scrape busy = Scrape.own();
            busy.assertValue(2, POOL, "pool", name, "state", "active");
            busy.assertValue(0, POOL, "pool", name, "state", "idle");
            busy.assertValue(1, POOL, "pool", name, "state", "pending");
            busy.assertValue(2, POOL, "pool", name, "state", "max");

            a.close();
            Connection c = waiting.get(10, TimeUnit.SECONDS);
            Scrape served = Scrape.own();
            served.assertValue(2, POOL, "pool", name, "state", "active");
            served.assertValue(0, POOL, "pool", name, "state", "pending");
            c.close();
            b.close();
        }
        assertEquals(List.of(), Scrape.own().samples(POOL).stream().filter(s -> name.equals(s.label("pool"))).toList());
    }

    @Test
    void aLazyDataSourceIsSeenOnceItsPoolStarts() throws Exception {
        String name = "claw-it-h2-lazy";
        HikariDataSource ds = new HikariDataSource();
        try {
            ds.setJdbcUrl("jdbc:h2:mem:claw_it_pool;DB_CLOSE_DELAY=-1");
            ds.setUsername("sa");
            ds.setPoolName(name);
            ds.setMaximumPoolSize(3);
            assertEquals(-1, value(name, "max"));
            try (Connection c = ds.getConnection()) {
                assertTrue(c.isValid(1));
                Scrape scrape = Scrape.own();
                scrape.assertValue(1, POOL, "pool", name, "state", "active");
                scrape.assertValue(3, POOL, "pool", name, "state", "max");
            }
        } finally {
            ds.close();
        }
        assertEquals(-1, value(name, "max"));
    }

    @Test
    void poolsSharingANameAreSummed() throws Exception {
        String name = "claw-it-h2-twins";
        try (HikariDataSource one = new HikariDataSource(h2(name, 2));
             HikariDataSource two = new HikariDataSource(h2(name, 3));
             Connection c = one.getConnection()) {
            Scrape scrape = Scrape.own();
            scrape.assertValue(5, POOL, "pool", name, "state", "max");
            scrape.assertValue(1, POOL, "pool", name, "state", "active");
            assertTrue(two.isRunning());
        }
    }
}
