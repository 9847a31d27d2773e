package ai.claw.it.jdbc;

import ai.claw.it.Scrape;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static ai.claw.it.Waits.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One known sequence of JDBC calls through HikariCP against one database, then the exact
 * {@code claw_ai_db_operation_duration_seconds} series it must produce. Each database's test
 * class says how to reach it; tables are named after the system so the classes, which share
 * one agent, never see each other's series.
 *
 * <p>Two variants run this same scenario against PostgreSQL and MariaDB: the local servers
 * ({@link PostgresqlIT}, {@link MariaDbIT}: 127.0.0.1, skipped without them, failing in CI) and
 * Testcontainers ({@link PostgresqlContainerIT}, {@link MariaDbContainerIT}: a throwaway container,
 * the whole class skipped by {@code @Testcontainers(disabledWithoutDocker = true)} when no Docker
 * engine is there). Both label their series with the same {@code system}, and the counters
 * of one JVM only ever grow, so the container variant sets {@link #variant()}: its tables
 * ({@code claw_it_tc_<system>_*}) and pools ({@code claw-it-tc-<system>-*}) never share a series
 * with the local server's ({@code claw_it_<system>_*}), whichever class runs first, and every
 * expected count stays absolute and exact.
 */
abstract class DatabaseScenario {

    static final String DURATION_COUNT = "claw_ai_db_operation_duration_seconds_count";
    static final String POOL = "claw_ai_db_pool_connections";

    /** The expected {@code system} label. */
    abstract String system();

    abstract String url();

    abstract String user();

    /** Skips (or in CI fails) when the server is not there. */
    abstract void requireServer();

    /** SQLState of a query on a table that does not exist. */
    abstract String missingTableState();

    /** SQLState of a primary key violation. */
    abstract String duplicateKeyState();

    String password() {
        return "";
    }

    /**
     * Sets apart the tables and pools of a second class on the same {@code system} in this JVM:
     * empty for the local server, {@code "tc"} for the Testcontainers variant.
     */
    String variant() {
        return "";
    }

    /** Start of every table name of this class: {@code claw_it_<system>_} or {@code claw_it_<variant>_<system>_}. */
    String tablePrefix() {
        return "claw_it_" + (variant().isEmpty() ? "" : variant() + "_") + system() + "_";
    }

    /** A pool name of this class: {@code claw-it-<system>-<what>} or {@code claw-it-<variant>-<system>-<what>}. */
    String poolName(String what) {
        return "claw-it-" + (variant().isEmpty() ? "" : variant() + "-") + system() + "-" + what;
    }

    String items() {
        return tablePrefix() + "items";
    }

    String owners() {
        return tablePrefix() + "owners";
    }

    String missing() {
        return tablePrefix() + "missing";
    }

    HikariConfig pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(user());
        config.setPassword(password());
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        return config;
    }

    /**
     * The agent installs its instrumentation on a background thread and serves metrics once that
     * is done; a pool built before then would only be found by its first housekeeping run.
     */
    @BeforeAll
    static void agentReady() {
        until(Duration.ofSeconds(30), "the agent serving metrics", () -> Scrape.own() != null);
    }

    @BeforeEach
    void server() {
        requireServer();
    }

    @Test
    void everyOperationIsCountedOnceWithItsLabels() throws Exception {
        String items = items();
        String owners = owners();
        try (HikariDataSource ds = new HikariDataSource(pool(poolName("ops"), 2));
             Connection c = ds.getConnection();
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + items);
            st.execute("DROP TABLE IF EXISTS " + owners);
            st.execute("CREATE TABLE " + owners + " (id INT PRIMARY KEY, name VARCHAR(64))");
            st.execute("CREATE TABLE " + items + " (id INT PRIMARY KEY, owner_id INT, title VARCHAR(64), qty INT)");
            assertEquals(1, st.executeUpdate("INSERT INTO " + owners + " (id, name) VALUES (1, 'literal-owner-name')"));

            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO " + items + " (id, owner_id, title, qty) VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    insert.setInt(1, i);
                    insert.setInt(2, 1);
                    insert.setString(3, "secret-title-" + i);
                    insert.setInt(4, i * 10);
                    assertEquals(1, insert.executeUpdate());
                }
                // The same prepared statement failing: a duplicate key reaches the application as the driver threw it.
                insert.setInt(1, 2);
                SQLException duplicate = assertThrows(SQLException.class, insert::executeUpdate);
                assertEquals(duplicateKeyState(), duplicate.getSQLState(), duplicate.toString());
            }

            String join = "SELECT i.title, o.name FROM " + items + " i JOIN " + owners + " o ON o.id = i.owner_id"
                    + " WHERE i.qty > ? ORDER BY i.id";
            try (PreparedStatement query = c.prepareStatement(join)) {
                query.setInt(1, 15);
                assertEquals(List.of("secret-title-2/literal-owner-name", "secret-title-3/literal-owner-name"), rows(query));
                query.setInt(1, 25);
                assertEquals(List.of("secret-title-3/literal-owner-name"), rows(query));
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + items + " SET qty = qty + 1 WHERE id = ?")) {
                update.setInt(1, 2);
                assertEquals(1, update.executeUpdate());
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + items + " WHERE id = ?")) {
                delete.setInt(1, 1);
                assertEquals(1, delete.executeUpdate());
            }
            // A CTE: the operation and table of the main statement.
            try (ResultSet rs = st.executeQuery("WITH big AS (SELECT owner_id, qty FROM " + items + " WHERE qty > 0) "
                    + "SELECT o.name, SUM(b.qty) FROM " + owners + " o JOIN big b ON b.owner_id = o.id GROUP BY o.name")) {
                assertTrue(rs.next());
                assertEquals("literal-owner-name", rs.getString(1));
                assertEquals(51L, rs.getLong(2));
                assertFalse(rs.next());
            }
            // A batch of 10 is one operation.
            try (PreparedStatement batch = c.prepareStatement(
                    "INSERT INTO " + items + " (id, owner_id, title, qty) VALUES (?, ?, ?, ?)")) {
                for (int i = 100; i < 110; i++) {
                    batch.setInt(1, i);
                    batch.setInt(2, 1);
                    batch.setString(3, "secret-batch-" + i);
                    batch.setInt(4, 1);
                    batch.addBatch();
                }
                int[] counts = batch.executeBatch();
                assertEquals(10, counts.length);
            }
            // A plain statement's batch is labelled by its first statement.
            st.addBatch("UPDATE " + items + " SET qty = 0 WHERE id = 100");
            st.addBatch("DELETE FROM " + owners + " WHERE id = 99");
            assertArrayEquals(new int[] {1, 0}, st.executeBatch());

            SQLException missing = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM " + missing()));
            assertEquals(missingTableState(), missing.getSQLState(), missing.toString());
            assertTrue(missing.getMessage().toLowerCase(Locale.ROOT).contains(missing()), missing.getMessage());
            assertFalse(missing.getClass().getName().startsWith("com.zaxxer"), missing.getClass().getName());

            st.execute("ALTER TABLE " + items + " ADD note VARCHAR(10)");
            st.execute("TRUNCATE TABLE " + items);
            st.execute("DROP TABLE " + items);
            st.execute("DROP TABLE " + owners);
        }

        Map<String, Double> expected = new TreeMap<>();
        expected.put("DROP " + items + " success", 2.0);
        expected.put("DROP " + owners + " success", 2.0);
        expected.put("CREATE " + owners + " success", 1.0);
        expected.put("CREATE " + items + " success", 1.0);
        expected.put("INSERT " + owners + " success", 1.0);
        expected.put("INSERT " + items + " success", 4.0);
        expected.put("INSERT " + items + " error", 1.0);
        expected.put("SELECT " + items + " success", 2.0);
        expected.put("UPDATE " + items + " success", 2.0);
        expected.put("DELETE " + items + " success", 1.0);
        expected.put("SELECT " + owners + " success", 1.0);
        expected.put("SELECT " + missing() + " error", 1.0);
        expected.put("ALTER " + items + " success", 1.0);
        expected.put("TRUNCATE " + items + " success", 1.0);

        Scrape scrape = Scrape.own();
        assertEquals(expected, seriesOfThisTest(scrape), "series of " + system() + ":\n" + scrape.describe(DURATION_COUNT));
        scrape.assertValue(2, DURATION_COUNT, "system", system(), "operation", "SELECT", "table", items(), "outcome", "success");
        assertNoSqlIn(scrape.text());
    }

    @Test
    void poolGaugesAreExactAndGoAwayWithThePool() throws Exception {
        String name = poolName("pool");
        HikariDataSource ds = new HikariDataSource(pool(name, 4));
        try {
            // The pool fills to its minimum idle (= maximum by default) in the background.
            until(Duration.ofSeconds(20), "pool filled", () -> ds.getHikariPoolMXBean().getIdleConnections() == 4);
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                Scrape scrape = Scrape.own();
                scrape.assertValue(2, POOL, "pool", name, "state", "active");
                scrape.assertValue(2, POOL, "pool", name, "state", "idle");
                scrape.assertValue(0, POOL, "pool", name, "state", "pending");
                scrape.assertValue(4, POOL, "pool", name, "state", "max");
                assertSame(a.getClass(), b.getClass());
            }
            Scrape released = Scrape.own();
            released.assertValue(0, POOL, "pool", name, "state", "active");
            released.assertValue(4, POOL, "pool", name, "state", "idle");
        } finally {
            ds.close();
        }
        assertEquals(List.of(), Scrape.own().samples(POOL).stream().filter(s -> name.equals(s.label("pool"))).toList());
    }

    /** Every operation series of this system on this class's tables: "OPERATION table outcome" → count. */
    Map<String, Double> seriesOfThisTest(Scrape scrape) {
        Map<String, Double> found = new TreeMap<>();
        for (Scrape.Sample s : scrape.samples(DURATION_COUNT)) {
            if (system().equals(s.label("system")) && s.label("table").startsWith(tablePrefix())) {
                assertEquals(4, s.labels().size(), s.toString());
                found.put(s.label("operation") + " " + s.label("table") + " " + s.label("outcome"), s.value());
            }
        }
        return found;
    }

    static void assertNoSqlIn(String text) {
        for (String fragment : new String[] {"secret-title", "secret-batch", "literal-owner-name", "qty", "owner_id", "VALUES"}) {
            assertFalse(text.contains(fragment), "scrape contains '" + fragment + "'");
        }
    }

    static List<String> rows(PreparedStatement query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2));
            }
        }
        return rows;
    }
}
