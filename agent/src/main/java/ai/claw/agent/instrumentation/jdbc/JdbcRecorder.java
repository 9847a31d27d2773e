package ai.claw.agent.instrumentation.jdbc;

import ai.claw.agent.bootstrap.JdbcFacade;
import ai.claw.agent.metrics.AgentMetrics;
import ai.claw.agent.metrics.BoundedSeries;
import ai.claw.agent.metrics.ClawMetric;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns JDBC statement executions into {@code claw_ai_db_operation_duration_seconds}.
 *
 * <p>What it remembers, by object identity: each statement's labels (set when
 * {@code prepareStatement}/{@code prepareCall}/{@code createStatement} returns it, so a prepared
 * statement's SQL is read once, not per execution; forgotten on {@code close()}, see
 * {@link StatementRegistry}), and, weakly keyed, the first SQL of a plain statement's pending
 * batch and each driver connection's database system (read once from its URL). Parsed SQL is
 * cached by text, bounded by {@link SqlSummaryCache}.
 */
public final class JdbcRecorder implements JdbcFacade.Sink {

    static final String SUCCESS = "success";
    static final String ERROR = "error";
    static final int RECENT_CONNECTIONS = 64;

    private static JdbcRecorder installed;

    private final AgentMetrics metrics;
    private final BoundedSeries<DistributionDataPoint> durations;
    private final StatementRegistry statements = new StatementRegistry();
    private final WeakIdentityMap<Object, StatementLabels> batches = new WeakIdentityMap<>();
    private final WeakIdentityMap<Object, String> systems = new WeakIdentityMap<>();
    /**
     * The systems of the connections prepared on last, by identity hash, in front of
     * {@link #systems}: every prepare asks, and a hit here is one array read where the map costs a
     * thread-local probe and a hash lookup (30 ns of a prepare + query on the PostgreSQL driver).
     */
    private final ConnectionSystem[] recentConnections = new ConnectionSystem[RECENT_CONNECTIONS];
    private final ConcurrentHashMap<String, StatementLabels> plainStatements = new ConcurrentHashMap<>();
    private final SqlSummaryCache standardSql = new SqlSummaryCache(false, SqlSummaryCache.MAX_ENTRIES);
    private final SqlSummaryCache mysqlSql = new SqlSummaryCache(true, SqlSummaryCache.MAX_ENTRIES);

    JdbcRecorder(AgentMetrics metrics) {
        this.metrics = metrics;
        this.durations = metrics.histogram(ClawMetric.DB_OPERATION_DURATION);
    }

    static synchronized void install(AgentMetrics metrics) {
        if (installed == null || installed.metrics != metrics) {
            installed = new JdbcRecorder(metrics);
            JdbcFacade.install(installed);
        }
    }

    @Override
    public String prepared(Object connection, Object statement, String sql, String system) {
        String s = system != null ? system : system(connection);
        statements.put(statement, sql == null ? plain(s) : summary(sql, s).labels(s));
        return s;
    }

    @Override
    public void executed(long startNanos, Object statement, String sql, Throwable thrown) {
        long elapsed = System.nanoTime() - startNanos;
        dataPoint(statement, sql, thrown).observe(elapsed / 1e9);
    }

    @Override
    public void batchExecuted(long startNanos, Object statement, Throwable thrown) {
        long elapsed = System.nanoTime() - startNanos;
        StatementLabels pending = batches.remove(statement);
        dataPoint(pending != null ? pending : labels(statement), thrown).observe(elapsed / 1e9);
    }

    /** A plain statement's batch is labelled by its first SQL. */
    @Override
    public void batchAdded(Object statement, String sql) {
        if (batches.get(statement) == null) {
            String system = labels(statement).system;
            batches.put(statement, summary(sql, system).labels(system));
        }
    }

    @Override
    public void batchCleared(Object statement) {
        batches.remove(statement);
    }

    @Override
    public void closed(Object statement) {
        statements.remove(statement);
    }

    /** The series an execution is recorded in; allocation-free for a statement seen before. */
    DistributionDataPoint dataPoint(Object statement, String sql, Throwable thrown) {
        StatementLabels labels = labels(statement);
        if (sql == null) {
            return dataPoint(labels, thrown);
        }
        return dataPoint(summary(sql, labels.system).labels(labels.system), thrown);
    }

    private DistributionDataPoint dataPoint(StatementLabels labels, Throwable thrown) {
        if (thrown == null) {
            DistributionDataPoint success = labels.success;
            if (success == null) {
                success = lookup(labels, SUCCESS);
                labels.success = success;
            }
            return success;
        }
        return lookup(labels, ERROR);
    }

    private DistributionDataPoint lookup(StatementLabels labels, String outcome) {
        return labels.operation == null
                ? durations.get(labels.system, SqlSummary.OTHER, "", outcome)
                : durations.get(labels.system, labels.operation, labels.table, outcome);
    }

    SqlSummary summary(String sql, String system) {
        return (DbSystem.backslashEscapes(system) ? mysqlSql : standardSql).get(sql);
    }

    /**
     * The labels registered for a statement; for one created before the agent was installed,
     * its connection's system and no SQL (registered, so this is asked once).
     */
    private StatementLabels labels(Object statement) {
        StatementLabels labels = statements.get(statement);
        if (labels == null) {
            Object connection = null;
            try {
                connection = ((Statement) statement).getConnection();
            } catch (Exception e) {
                // A closed statement: its system stays unknown.
            }
            labels = plain(connection == null ? DbSystem.OTHER : system(connection));
            statements.put(statement, labels);
        }
        return labels;
    }

    private StatementLabels plain(String system) {
        StatementLabels labels = plainStatements.get(system);
        if (labels == null) {
            labels = new StatementLabels(system, null, null);
            StatementLabels raced = plainStatements.putIfAbsent(system, labels);
            if (raced != null) {
                labels = raced;
            }
        }
        return labels;
    }

    /**
     * A connection's database system, from its URL, once per connection. A wrapper (a pool's
     * proxy) is asked for the driver's connection first, so the pool's own bookkeeping is untouched.
     */
    String system(Object connection) {
        int slot = System.identityHashCode(connection) & (RECENT_CONNECTIONS - 1);
        ConnectionSystem recent = recentConnections[slot];
        if (recent != null && connection != null && recent.get() == connection) {
            return recent.system;
        }
        String system = systems.get(connection);
        if (system == null) {
            system = DbSystem.fromUrl(url(connection));
            systems.put(connection, system);
        }
        if (recent == null || recent.get() == null) {
            // Only a free slot is taken: two busy connections sharing one would otherwise replace
            // each other (and allocate a weak reference) on every prepare.
            recentConnections[slot] = new ConnectionSystem(connection, system);
        }
        return system;
    }

    /**
     * A connection's system, in {@link #recentConnections}. Read and written without
     * synchronization: {@code system} is final, and an entry seen half-published (its referent not
     * yet visible) or overwritten by another thread only sends a lookup on to {@link #systems}.
     */
    private static final class ConnectionSystem extends WeakReference<Object> {
        final String system;

        ConnectionSystem(Object connection, String system) {
            super(connection);
            this.system = system;
        }
    }

    private static String url(Object connection) {
        if (!(connection instanceof Connection)) {
            return null;
        }
        Connection c = (Connection) connection;
        try {
            if (c.isWrapperFor(Connection.class)) {
                Connection unwrapped = c.unwrap(Connection.class);
                if (unwrapped != null) {
                    c = unwrapped;
                }
            }
        } catch (Exception | LinkageError e) {
            // Not a wrapper after all (or a driver without JDBC 4): ask the connection itself.
        }
        try {
            return c.getMetaData().getURL();
        } catch (Exception | LinkageError e) {
            return null;
        }
    }
}
