package ai.claw.it.reliability;

import ai.claw.agent.api.ClawMetrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What {@link ReliabilityApp} does in-process when a test asks ({@code GET /run?op=...}): floods,
 * concurrent calls on platform or virtual threads, single calls with given SQL, keys or
 * messages, and the behaviour transcript. H2 runs in memory; Redis is the real one on
 * 127.0.0.1:6379, its clients opened on first use. Every key written expires within a minute.
 */
final class Workloads {

    static final String H2_URL = "jdbc:h2:mem:reliability;DB_CLOSE_DELAY=-1";
    static final String REDIS_HOST = "127.0.0.1";
    static final int REDIS_PORT = 6379;
    static final long TTL_SECONDS = 60;

    private final Assistant assistant = new Assistant();
    private final String keyPrefix = "claw:rel:" + ProcessHandle.current().pid() + ":";
    private JedisPooled jedis;
    private RedisClient lettuceClient;
    private StatefulRedisConnection<String, String> lettuce;

    Workloads() throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(100))");
            s.execute("CREATE TABLE IF NOT EXISTS scratch (id INT PRIMARY KEY, name VARCHAR(4000))");
            s.execute("MERGE INTO items KEY (id) SELECT X, 'item-' || X FROM SYSTEM_RANGE(1, 100)");
        }
    }

    /** One operation; {@code p} holds the query parameters. Returns a short text for the test. */
    String run(Map<String, String> p) throws Exception {
        String op = p.get("op");
        int n = Integer.parseInt(p.getOrDefault("n", "1"));
        int threads = Integer.parseInt(p.getOrDefault("threads", "1"));
        boolean virtual = Boolean.parseBoolean(p.getOrDefault("virtual", "false"));
        switch (op) {
            case "sql-literals":
                return sqlLiterals(n);
            case "sql-tables":
                return sqlTables(n);
            case "redis-keys":
                return redisKeys(p.getOrDefault("client", "jedis"), n);
            case "redis-commands":
                return redisCommands(n);
            case "jdbc":
                return parallel(threads, virtual, n, this::jdbcWorker);
            case "jedis":
                jedis();
                return parallel(threads, virtual, n, this::jedisWorker);
            case "lettuce":
                lettuce();
                return parallel(threads, virtual, n, this::lettuceWorker);
            case "ai":
                return parallel(threads, virtual, n, this::aiWorker);
            case "pin-control":
                return pinControl();
            case "sql":
                return sql(p.get("sql"));
            case "prepared":
                return prepared(p.get("value"));
            case "redis-set":
                return redisSet(p.get("key"), p.get("value"));
            case "redis-auth":
                return redisAuth(p.get("password"));
            case "ai-fail":
                return aiFail(p.get("message"));
            default:
                throw new IllegalArgumentException("unknown op " + op);
        }
    }

    // ---- floods -------------------------------------------------------------------------

    /** {@code n} distinct SQL texts (inlined literals) with one label set: SELECT items. */
    private String sqlLiterals(int n) throws SQLException {
        long rows = 0;
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL); Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                try (ResultSet rs = s.executeQuery("SELECT id FROM items WHERE id = " + (i % 100 + 1) + " AND name <> '" + i + "'")) {
                    while (rs.next()) {
                        rows++;
                    }
                }
            }
        }
        return "rows " + rows;
    }

    /** {@code n} statements on {@code n} distinct (missing) tables: n label sets, all errors. */
    private String sqlTables(int n) throws SQLException {
        int errors = 0;
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL); Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                try {
                    s.executeQuery("SELECT * FROM t_" + i).close();
                } catch (SQLException expected) {
                    errors++;
                }
            }
        }
        return "errors " + errors;
    }

    /** {@code n} SETs of distinct keys. Lettuce's are sent asynchronously in windows of 1,000. */
    private String redisKeys(String client, int n) throws Exception {
        if ("lettuce".equals(client)) {
            RedisAsyncCommands<String, String> async = lettuce().async();
            List<RedisFuture<String>> window = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                window.add(async.setex(keyPrefix + "flood:l:" + i, TTL_SECONDS, "v" + i));
                if (window.size() == 1000 || i == n - 1) {
                    for (RedisFuture<String> f : window) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    window.clear();
                }
            }
        } else {
            try (Jedis j = new Jedis(REDIS_HOST, REDIS_PORT)) {
                for (int i = 0; i < n; i += 1000) {
                    Pipeline pipeline = j.pipelined();
                    for (int k = i; k < Math.min(n, i + 1000); k++) {
                        pipeline.setex(keyPrefix + "flood:j:" + k, TTL_SECONDS, "v" + k);
                    }
                    pipeline.sync();
                }
            }
        }
        return "set " + n;
    }

    /** {@code n} distinct command names the server does not know: n label sets, all errors. */
    private String redisCommands(int n) {
        int errors = 0;
        try (Jedis j = new Jedis(REDIS_HOST, REDIS_PORT)) {
            for (int i = 0; i < n; i++) {
                final byte[] name = ("XCMD" + i).getBytes(StandardCharsets.US_ASCII);
                ProtocolCommand command = () -> name;
                try {
                    j.sendCommand(command);
                } catch (JedisDataException expected) {
                    errors++;
                }
            }
        }
        return "errors " + errors;
    }

    // ---- concurrency ---------------------------------------------------------------------

    interface Worker {
        void run(int n) throws Exception;
    }

    /** {@code threads} workers (platform or virtual) started together, each doing {@code n} calls. */
    static String parallel(int threads, boolean virtual, int n, Worker worker) throws Exception {
        ExecutorService pool = virtual ? virtualThreads() : Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    worker.run(n);
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            return "calls " + (long) threads * n + " in " + (System.nanoTime() - begin) / 1_000_000 + " ms";
        } finally {
            pool.shutdown();
        }
    }

    /** Java 21+'s virtual-thread executor, looked up so this code compiles for Java 17. */
    static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private void jdbcWorker(int n) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL);
             PreparedStatement ps = c.prepareStatement("SELECT name FROM items WHERE id = ?")) {
            for (int i = 0; i < n; i++) {
                ps.setInt(1, i % 100 + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no row");
                    }
                }
            }
        }
    }

    private void jedisWorker(int n) {
        JedisPooled j = jedis();
        String key = keyPrefix + "c:" + Thread.currentThread().getId();
        for (int i = 0; i < n; i++) {
            j.get(key);
        }
    }

    private void lettuceWorker(int n) {
        String key = keyPrefix + "c:" + Thread.currentThread().getId();
        io.lettuce.core.api.sync.RedisCommands<String, String> sync = lettuce().sync();
        for (int i = 0; i < n; i++) {
            sync.get(key);
        }
    }

    private void aiWorker(int n) {
        for (int i = 0; i < n; i++) {
            assistant.answer("q");
        }
    }

    /** An application class whose initializer blocks: a virtual thread initializing it is pinned. */
    static final class SlowInit {
        static final long READY;

        static {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            READY = System.nanoTime();
        }

        private SlowInit() {
        }
    }

    /** Pins one virtual thread in application code, so a pinning check can see that it sees pinning. */
    private String pinControl() throws Exception {
        ExecutorService pool = virtualThreads();
        try {
            return "initialized " + (pool.submit(() -> SlowInit.READY).get() != 0);
        } finally {
            pool.shutdown();
        }
    }

    // ---- single calls with the test's data ------------------------------------------------

    private String sql(String sql) {
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL); Statement s = c.createStatement()) {
            s.execute(sql);
            return "ok";
        } catch (SQLException e) {
            return "error " + e.getClass().getSimpleName();
        }
    }

    private String prepared(String value) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM items WHERE name = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return "count " + rs.getInt(1);
            }
        }
    }

    private String redisSet(String key, String value) throws Exception {
        jedis().set(keyPrefix + key, value, SetParams.setParams().ex(TTL_SECONDS));
        lettuce().async().setex(keyPrefix + key + ":l", TTL_SECONDS, value).get(10, TimeUnit.SECONDS);
        return jedis().get(keyPrefix + key).equals(lettuce().sync().get(keyPrefix + key + ":l")) ? "same" : "different";
    }

    private String redisAuth(String password) {
        StringBuilder out = new StringBuilder();
        try (Jedis j = new Jedis(REDIS_HOST, REDIS_PORT)) {
            j.auth(password);
            out.append("jedis ok");
        } catch (RuntimeException e) {
            out.append("jedis ").append(e.getClass().getSimpleName());
        }
        try {
            lettuce().sync().auth(password);
            out.append(", lettuce ok");
        } catch (RuntimeException e) {
            out.append(", lettuce ").append(e.getClass().getSimpleName());
        }
        return out.toString();
    }

    private String aiFail(String message) {
        try {
            assistant.fail(message);
            return "no exception";
        } catch (IllegalArgumentException e) {
            return "threw " + e.getClass().getSimpleName();
        }
    }

    // ---- the behaviour transcript -------------------------------------------------------

    /**
     * A fixed script over JDBC, Jedis, Lettuce (sync, async, reactive) and the annotated code
     * (sync, throwing, CompletionStage), each step's result or exception (type, message, cause,
     * first stack frames) on one line. Run with and without the agent, the transcripts must be equal.
     */
    String transcript() throws Exception {
        Transcript t = new Transcript();
        try (java.sql.Connection c = DriverManager.getConnection(H2_URL)) {
            c.createStatement().execute("DELETE FROM scratch");
            t.step("jdbc query", () -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM items WHERE id = 7")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            t.step("jdbc prepared", () -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM items WHERE id < ?")) {
                    ps.setInt(1, 10);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            t.step("jdbc update", () -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE items SET name = name WHERE id > 95");
                }
            });
            t.step("jdbc batch", () -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO scratch (id, name) VALUES (?, ?)")) {
                    for (int i = 1; i <= 3; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "row " + i);
                        ps.addBatch();
                    }
                    return Arrays.toString(ps.executeBatch());
                }
            });
            t.step("jdbc generated keys", () -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO scratch (id, name) VALUES (10, 'ten')", Statement.RETURN_GENERATED_KEYS);
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        return keys.next() ? keys.getObject(1) : "none";
                    }
                }
            });
            t.step("jdbc call", () -> {
                try (CallableStatement cs = c.prepareCall("CALL 6 * 7"); ResultSet rs = cs.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            t.step("jdbc syntax error", () -> c.createStatement().executeQuery("SELEKT 1"));
            t.step("jdbc missing table", () -> c.createStatement().executeQuery("SELECT * FROM no_such_table"));
            t.step("jdbc duplicate key", () -> c.createStatement().executeUpdate("INSERT INTO scratch (id, name) VALUES (1, 'again')"));
            t.step("jdbc batch failure", () -> {
                try (Statement s = c.createStatement()) {
                    s.addBatch("INSERT INTO scratch (id, name) VALUES (20, 'a')");
                    s.addBatch("INSERT INTO scratch (id, name) VALUES (20, 'b')");
                    return Arrays.toString(s.executeBatch());
                }
            });
        }

        String k = keyPrefix + "t:";
        try (Jedis j = new Jedis(REDIS_HOST, REDIS_PORT)) {
            j.del(k + "s", k + "h", k + "n");
            t.step("jedis set", () -> j.set(k + "s", "value", SetParams.setParams().ex(TTL_SECONDS)));
            t.step("jedis get", () -> j.get(k + "s"));
            t.step("jedis incr", () -> j.incr(k + "n") + j.incrBy(k + "n", 41));
            t.step("jedis hset", () -> j.hset(k + "h", Map.of("a", "1")) + j.expire(k + "h", TTL_SECONDS));
            t.step("jedis hgetall", () -> j.hgetAll(k + "h"));
            t.step("jedis wrong type", () -> j.incr(k + "s"));
            t.step("jedis pipeline", () -> {
                Pipeline p = j.pipelined();
                Response<String> a = p.get(k + "s");
                Response<Long> b = p.incr(k + "n");
                Response<Long> c = p.incr(k + "s");
                p.sync();
                return a.get() + " " + b.get() + " " + describe(() -> c.get());
            });
            t.step("jedis transaction", () -> {
                Transaction tx = j.multi();
                tx.get(k + "s");
                tx.incr(k + "s");
                tx.incr(k + "n");
                List<Object> results = tx.exec();
                List<String> shown = new ArrayList<>();
                for (Object r : results) {
                    shown.add(r instanceof Throwable ? r.getClass().getName() + ": " + ((Throwable) r).getMessage() : String.valueOf(r));
                }
                return shown;
            });
            t.step("jedis unknown command", () -> j.sendCommand(() -> "NOSUCHCOMMAND".getBytes(StandardCharsets.US_ASCII)));
            t.step("jedis pooled get", () -> jedis().get(k + "s"));
            t.step("jedis expire", () -> j.expire(k + "n", TTL_SECONDS));
        }

        t.step("lettuce sync set", () -> lettuce().sync().setex(k + "ls", TTL_SECONDS, "lv"));
        t.step("lettuce sync get", () -> lettuce().sync().get(k + "ls"));
        t.step("lettuce sync wrong type", () -> lettuce().sync().incr(k + "ls"));
        t.step("lettuce async get", () -> lettuce().async().get(k + "ls").get(10, TimeUnit.SECONDS));
        t.step("lettuce async wrong type", () -> lettuce().async().incr(k + "ls").get(10, TimeUnit.SECONDS));
        t.step("lettuce async chained", () -> lettuce().async().get(k + "ls").thenApply(v -> v + "!").toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        t.step("lettuce reactive get", () -> lettuce().reactive().get(k + "ls").block());
        t.step("lettuce reactive wrong type", () -> lettuce().reactive().incr(k + "ls").block());

        t.step("ai answer", () -> assistant.answer("why"));
        t.step("ai fail", () -> assistant.fail("model unavailable"));
        t.step("ai later", () -> assistant.answerLater("when").get(10, TimeUnit.SECONDS));
        t.step("ai later failing", () -> assistant.failLater("model timed out").get(10, TimeUnit.SECONDS));
        t.step("ai later whenComplete", () -> assistant.answerLater("chain").thenApply(String::length).get(10, TimeUnit.SECONDS));
        t.step("vector search", () -> assistant.search("cats"));
        t.step("conversation", () -> assistant.createConversation(41) + 1);
        t.step("message", () -> assistant.say("hello"));
        t.step("tokens", () -> {
            ClawMetrics.trackTokens(Assistant.MODEL, 3, 4);
            return "tracked";
        });
        return t.text();
    }

    private static String describe(Callable<?> c) {
        try {
            return String.valueOf(c.call());
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Steps and their outcomes, one line each. */
    static final class Transcript {
        private static final int FRAMES = 6;
        private final StringBuilder out = new StringBuilder();

        void step(String name, Callable<?> step) {
            out.append(name).append(" -> ");
            try {
                Object value = step.call();
                out.append("returned ").append(value);
            } catch (Throwable e) {
                out.append("threw ");
                for (Throwable x = e; x != null; x = x.getCause() == x ? null : x.getCause()) {
                    out.append(x.getClass().getName()).append(": ").append(x.getMessage()).append(" at ");
                    StackTraceElement[] trace = x.getStackTrace();
                    for (int i = 0; i < Math.min(FRAMES, trace.length); i++) {
                        out.append(trace[i]).append(i + 1 < Math.min(FRAMES, trace.length) ? "; " : "");
                    }
                    if (x.getCause() != null) {
                        out.append(" | caused by ");
                    }
                }
            }
            out.append('\n');
        }

        String text() {
            return out.toString();
        }
    }

    // ---- clients, opened on first use -----------------------------------------------------

    synchronized JedisPooled jedis() {
        if (jedis == null) {
            GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
            pool.setMaxTotal(256);
            pool.setMaxIdle(256);
            jedis = new JedisPooled(pool, REDIS_HOST, REDIS_PORT);
        }
        return jedis;
    }

    synchronized StatefulRedisConnection<String, String> lettuce() {
        if (lettuce == null) {
            lettuceClient = RedisClient.create("redis://" + REDIS_HOST + ":" + REDIS_PORT);
            lettuce = lettuceClient.connect();
        }
        return lettuce;
    }
}
