package ai.claw.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * One JDBC query on H2 in memory: a primary-key SELECT. {@link #execute} reuses one prepared
 * statement (a statement cache); {@link #prepareAndExecute} prepares it each time, as code
 * without a statement cache does, so the agent meets a new statement whose SQL it has already
 * parsed (its SQL cache hit).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JdbcBenchmark {

    static final String SQL = "SELECT name FROM bench_items WHERE id = ?";

    private Connection connection;
    private PreparedStatement prepared;

    @Setup
    public void setup() throws Exception {
        AgentProbe.awaitReady();
        connection = DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_items (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("MERGE INTO bench_items KEY (id) VALUES (1, 'one')");
        }
        prepared = connection.prepareStatement(SQL);
        for (int i = 0; i < 1000; i++) {
            execute();
            prepareAndExecute();
        }
        AgentProbe.requireSeries("claw_ai_db_operation_duration_seconds_count{",
                "operation=\"SELECT\"", "table=\"bench_items\"", "system=\"h2\"", "outcome=\"success\"");
    }

    @TearDown
    public void tearDown() throws SQLException {
        prepared.close();
        connection.close();
    }

    @Benchmark
    public String execute() throws SQLException {
        return selectOne(prepared);
    }

    @Benchmark
    public String prepareAndExecute() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            return selectOne(ps);
        }
    }

    /** {@link #SQL} for id 1: its one row's name. */
    static String selectOne(PreparedStatement statement) throws SQLException {
        statement.setInt(1, 1);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
