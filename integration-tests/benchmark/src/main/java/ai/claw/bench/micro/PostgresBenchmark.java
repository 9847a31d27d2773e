package ai.claw.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.net.SocketFactory;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The same query as {@link JdbcBenchmark}, through the real PostgreSQL driver against a
 * {@link MemorySocket} that answers like a server that costs nothing: the driver's own work
 * (binding, the simple query protocol, decoding the row) is all there is, so the agent's record
 * shows where H2's engine, which varies by hundreds of nanoseconds from one JVM to the next,
 * would hide it. {@link #prepareAndExecute} is {@link JdbcBenchmark}'s other row on the same
 * driver: a new statement each time (in the simple query protocol preparing and closing one is
 * work in the driver only, no message to the server).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PostgresBenchmark {

    private Connection connection;
    private PreparedStatement prepared;

    /** The driver's socket factory (named in the connection's properties, made by reflection). */
    public static final class Sockets extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new MemorySocket(greeting(), reply());
        }

        @Override
        public Socket createSocket(String host, int port) {
            return createSocket();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            return createSocket();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            return createSocket();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            return createSocket();
        }
    }

    @Setup
    public void setup() throws Exception {
        AgentProbe.awaitReady();
        Properties properties = new Properties();
        properties.setProperty("user", "bench");
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("preferQueryMode", "simple");
        properties.setProperty("socketFactory", Sockets.class.getName());
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/bench", properties);
        prepared = connection.prepareStatement(JdbcBenchmark.SQL);
        for (int i = 0; i < 1000; i++) {
            if (!"one".equals(execute()) || !"one".equals(prepareAndExecute())) {
                throw new IllegalStateException("the driver did not read the canned row");
            }
        }
        AgentProbe.requireSeries("claw_ai_db_operation_duration_seconds_count{",
                "operation=\"SELECT\"", "table=\"bench_items\"", "system=\"postgresql\"", "outcome=\"success\"");
    }

    /** Closing the connection closes its statement too. */
    @TearDown
    public void tearDown() throws SQLException {
        connection.close();
    }

    @Benchmark
    public String execute() throws SQLException {
        return JdbcBenchmark.selectOne(prepared);
    }

    /** As {@link JdbcBenchmark#prepareAndExecute}: a new statement each time, for SQL the driver and the agent have seen. */
    @Benchmark
    public String prepareAndExecute() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(JdbcBenchmark.SQL)) {
            return JdbcBenchmark.selectOne(ps);
        }
    }

    /** What a server sends after a startup message: authentication ok, its parameters, ready. */
    static byte[] greeting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message(out, 'R', ByteBuffer.allocate(4).putInt(0));
        parameter(out, "server_version", "16.4");
        parameter(out, "client_encoding", "UTF8");
        parameter(out, "DateStyle", "ISO, MDY");
        parameter(out, "integer_datetimes", "on");
        parameter(out, "standard_conforming_strings", "on");
        message(out, 'K', ByteBuffer.allocate(8).putInt(1).putInt(2));
        message(out, 'Z', ByteBuffer.allocate(1).put((byte) 'I'));
        return out.toByteArray();
    }

    /** The result of the query: one varchar column, one row holding "one". */
    static byte[] reply() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] column = cString("name");
        message(out, 'T', ByteBuffer.allocate(2 + column.length + 18)
                .putShort((short) 1).put(column).putInt(0).putShort((short) 0).putInt(1043).putShort((short) -1)
                .putInt(24).putShort((short) 0));
        byte[] value = "one".getBytes(StandardCharsets.UTF_8);
        message(out, 'D', ByteBuffer.allocate(6 + value.length).putShort((short) 1).putInt(value.length).put(value));
        byte[] tag = cString("SELECT 1");
        message(out, 'C', ByteBuffer.allocate(tag.length).put(tag));
        message(out, 'Z', ByteBuffer.allocate(1).put((byte) 'I'));
        return out.toByteArray();
    }

    private static void parameter(ByteArrayOutputStream out, String name, String value) {
        byte[] n = cString(name);
        byte[] v = cString(value);
        message(out, 'S', ByteBuffer.allocate(n.length + v.length).put(n).put(v));
    }

    private static void message(ByteArrayOutputStream out, char type, ByteBuffer body) {
        byte[] bytes = body.array();
        out.write(type);
        out.write(ByteBuffer.allocate(4).putInt(bytes.length + 4).array(), 0, 4);
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, b.length);
        return c;
    }
}
