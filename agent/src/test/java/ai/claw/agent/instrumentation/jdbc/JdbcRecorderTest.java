package ai.claw.agent.instrumentation.jdbc;

import ai.claw.agent.bootstrap.JdbcFacade;
import ai.claw.agent.metrics.AgentMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade and recorder as the advice drives them, with plain objects standing in for
 * statements (the system is given, so no connection is asked). Real drivers: integration-tests/jdbc.
 */
class JdbcRecorderTest {

    private AgentMetrics metrics;
    private JdbcRecorder recorder;

    @BeforeEach
    void install() {
        metrics = new AgentMetrics(1000, "test");
        recorder = new JdbcRecorder(metrics);
        JdbcFacade.install(recorder);
    }

    @AfterEach
    void uninstall() {
        JdbcFacade.install(null);
    }

    /** What the advice of one outermost execute does. */
    private static void execute(Object statement, Object sqlArgument, Throwable thrown) {
        Object call = JdbcFacade.enterExecute();
        assertNotNull(call);
        JdbcFacade.executed(call, statement, sqlArgument, thrown);
    }

    private static void prepare(Object connection, Object statement, String sql) {
        JdbcFacade.prepared(JdbcFacade.enterPrepare(), connection, statement, sql);
    }

    private String count(String system, String operation, String table, String outcome) throws Exception {
        String prefix = "claw_ai_db_operation_duration_seconds_count{operation=\"" + operation + "\",outcome=\"" + outcome
                + "\",system=\"" + system + "\",table=\"" + table + "\"} ";
        for (String line : scrape().split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        return null;
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8.name());
    }

    @Test
    void preparedStatementsAreLabelledFromTheSqlTheyWerePreparedWith() throws Exception {
        Object statement = new Object();
        recorder.prepared(null, statement, "SELECT * FROM public.\"Users\" WHERE id = ?", "postgresql");
        execute(statement, null, null);
        execute(statement, null, null);
        execute(statement, null, new SQLException("boom", "42P01"));
        assertEquals("2", count("postgresql", "SELECT", "Users", "success"));
        assertEquals("1", count("postgresql", "SELECT", "Users", "error"));
    }

    @Test
    void nestedCallsRecordOnce() throws Exception {
        Object proxy = new Object();
        Object driver = new Object();
        recorder.prepared(null, proxy, "DELETE FROM t WHERE id = ?", "h2");
        recorder.prepared(null, driver, "DELETE FROM t WHERE id = ?", "h2");
        Object outer = JdbcFacade.enterExecute();
        assertNull(JdbcFacade.enterExecute(), "a nested call does not record");
        JdbcFacade.executed(outer, proxy, null, null);
        assertEquals("1", count("h2", "DELETE", "t", "success"));
        Object next = JdbcFacade.enterExecute();
        assertNotNull(next, "the flag is cleared by the outermost exit");
        JdbcFacade.executed(next, driver, null, null);
    }

    @Test
    void theInnermostPrepareNamesTheSystemForTheWrappersAroundIt() {
        List<String> given = new ArrayList<>();
        JdbcFacade.install(new JdbcFacade.Sink() {
            @Override
            public String prepared(Object connection, Object statement, String sql, String system) {
                given.add(connection + ":" + system);
                return system != null ? system : "from-" + connection;
            }

            @Override
            public void executed(long startNanos, Object statement, String sql, Throwable thrown) {
            }

            @Override
            public void batchExecuted(long startNanos, Object statement, Throwable thrown) {
            }

            @Override
            public void batchAdded(Object statement, String sql) {
            }

            @Override
            public void batchCleared(Object statement) {
            }
        });
        Object driverStatement = new Object();
        Object proxyCall = JdbcFacade.enterPrepare(); // pool proxy
        Object publicCall = JdbcFacade.enterPrepare(); // driver, public overload
        Object innerCall = JdbcFacade.enterPrepare(); // driver, the overload it delegates to
        JdbcFacade.prepared(innerCall, "driver", driverStatement, "SELECT 1");
        JdbcFacade.prepared(publicCall, "driver", driverStatement, "SELECT 1"); // same statement: registered once
        JdbcFacade.prepared(proxyCall, "proxy", new Object(), "SELECT 1");
        prepare("next", new Object(), "SELECT 1"); // a new nest starts without a system
        assertEquals(List.of("driver:null", "proxy:from-driver", "next:null"), given);
    }

    @Test
    void aPlainStatementTakesTheSqlOfEachCall() throws Exception {
        Object statement = new Object();
        recorder.prepared(null, statement, null, "mariadb");
        execute(statement, "INSERT INTO `shop`.`Orders` VALUES ('x', 'it\\'s')", null);
        execute(statement, "CREATE TABLE orders_2 (id INT)", null);
        execute(statement, 42, null); // not a String: no SQL
        assertEquals("1", count("mariadb", "INSERT", "Orders", "success"));
        assertEquals("1", count("mariadb", "CREATE", "orders_2", "success"));
        assertEquals("1", count("mariadb", "OTHER", "", "success"));
    }

    @Test
    void aBatchIsOneOperationNamedByItsFirstStatement() throws Exception {
        Object plain = new Object();
        recorder.prepared(null, plain, null, "h2");
        for (String sql : new String[] {"UPDATE a SET x = 1", "DELETE FROM b"}) {
            Object call = JdbcFacade.enterExecute();
            assertNotNull(call);
            JdbcFacade.batchAdded(call, plain, sql, null);
        }
        Object start = JdbcFacade.enterExecute();
        JdbcFacade.batchExecuted(start, plain, null);
        assertEquals("1", count("h2", "UPDATE", "a", "success"));
        assertNull(count("h2", "DELETE", "b", "success"));

        // The next batch starts afresh; a cleared one is forgotten.
        recorder.batchAdded(plain, "DELETE FROM c");
        JdbcFacade.batchCleared(plain);
        recorder.batchAdded(plain, "INSERT INTO d VALUES (1)");
        start = JdbcFacade.enterExecute();
        JdbcFacade.batchExecuted(start, plain, new SQLException("dup"));
        assertEquals("1", count("h2", "INSERT", "d", "error"));
        assertNull(count("h2", "DELETE", "c", "success"));

        Object prepared = new Object();
        recorder.prepared(null, prepared, "INSERT INTO e (id) VALUES (?)", "h2");
        start = JdbcFacade.enterExecute();
        JdbcFacade.batchExecuted(start, prepared, null);
        assertEquals("1", count("h2", "INSERT", "e", "success"));
    }

    /**
     * Far more connections than {@link JdbcRecorder#RECENT_CONNECTIONS} slots, asked in turn over
     * and over: each always gets its own system, and each connection's URL is read once.
     */
    @Test
    void eachConnectionsSystemIsReadOnceAndNeverMixedUp() {
        String[] urls = {"jdbc:postgresql://db/app", "jdbc:h2:mem:app", "jdbc:mariadb://db/app"};
        String[] systems = {"postgresql", "h2", "mariadb"};
        AtomicInteger urlReads = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < JdbcRecorder.RECENT_CONNECTIONS * 4; i++) {
            connections.add(connection(urls[i % urls.length], urlReads));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < connections.size(); i++) {
                assertEquals(systems[i % systems.length], recorder.system(connections.get(i)), "connection " + i);
            }
        }
        assertEquals(connections.size(), urlReads.get());
    }

    /** A connection whose metadata gives this URL, counting the reads. */
    private static Connection connection(String url, AtomicInteger urlReads) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(JdbcRecorderTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getURL")) {
                        urlReads.incrementAndGet();
                        return url;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(JdbcRecorderTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getMetaData":
                            return metaData;
                        case "isWrapperFor":
                            return false;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void anUnknownStatementIsOtherOnSystemOther() throws Exception {
        execute(new Object(), null, null);
        assertEquals("1", count("other", "OTHER", "", "success"));
    }

    @Test
    void noSqlTextReachesTheScrape() throws Exception {
        Object statement = new Object();
        recorder.prepared(null, statement, "SELECT secret_col FROM t WHERE name = 'literal-value'", "h2");
        execute(statement, null, null);
        String text = scrape();
        assertFalse(text.contains("secret_col"), text);
        assertFalse(text.contains("literal-value"), text);
    }

    /**
     * The agent's part of an execution (thread state, statement lookup, series lookup) allocates
     * nothing. The histogram's own {@code observe} is client_java's and left out.
     */
    @Test
    void executingAPreparedStatementAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object statement = new Object();
        recorder.prepared(null, statement, "SELECT * FROM orders WHERE id = ?", "postgresql");
        JdbcFacade.install(null); // the facade's thread state on its own, then the recorder's lookups
        Object[] sink = new Object[1];
        Runnable execution = () -> {
            JdbcFacade.executed(JdbcFacade.enterExecute(), statement, null, null);
            sink[0] = recorder.dataPoint(statement, null, null);
        };
        for (int i = 0; i < 200_000; i++) {
            execution.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            execution.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, allocated + " bytes for 100k executions");
    }
}
