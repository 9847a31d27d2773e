package ai.claw.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app as {@code main} starts it, against the real PostgreSQL (127.0.0.1:5432, database
 * {@code test}, trust auth as {@code postgres} or {@code root}) and the real Redis
 * (127.0.0.1:6379). Skipped, with the reason, only when one of them cannot be reached.
 * Tables go into a throw-away schema and Redis keys into database 9, both cleaned up.
 */
class RealServicesTest {

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_OPTIONS = "connectTimeout=3&socketTimeout=10";
    private static final String REDIS_URL = "redis://127.0.0.1:6379/9";

    private static String pgUser;
    private static String schema;
    private static ConfigurableApplicationContext app;
    private static HttpJson api;

    @BeforeAll
    static void startAgainstRealServices() throws SQLException {
        pgUser = reachablePostgresUser();
        assumeTrue(pgUser != null, "skipped: PostgreSQL not reachable at 127.0.0.1:5432 (database test, user postgres or root)");
        assumeTrue(redisReachable(), "skipped: Redis not reachable at 127.0.0.1:6379");

        schema = "claw_sample_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        AppSettings settings = AppSettings.parse(new String[] {"--port", "0",
                "--db-url", PG_URL + "?currentSchema=" + schema + "&" + PG_OPTIONS, "--db-user", pgUser,
                "--redis-url", REDIS_URL}, Map.of());
        app = ClawSampleApplication.start(settings);
        api = new HttpJson("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (app != null) {
            app.close();
        }
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void fullChatAgainstPostgresAndRedis() throws SQLException {
        HttpJson.Response health = api.get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/db/database").asString()).isEqualTo("postgresql");
        assertThat(health.json().at("/db/status").asString()).isEqualTo("UP");
        assertThat(health.json().at("/redis/embedded").asBoolean()).isFalse();
        assertThat(health.json().at("/redis/status").asString()).isEqualTo("UP");

        HttpJson.Response created = api.post("/api/conversations", "{\"title\":\"On PostgreSQL\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        try (Jedis redis = new Jedis(REDIS_URL)) {
            redis.del(ConversationCache.key(id), MessageRateLimiter.key(id));
            try {
                assertThat(api.get("/api/conversations/" + id).status()).isEqualTo(200);
                assertThat(redis.ttl(ConversationCache.key(id))).isBetween(1L, ConversationCache.TTL_SECONDS);

                HttpJson.Response reply = api.post("/api/conversations/" + id + "/messages",
                        "{\"content\":\"Which metrics does the agent export?\"}");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.json().at("/reply/role").asString()).isEqualTo("assistant");
                assertThat(redis.exists(ConversationCache.key(id))).isFalse();
                assertThat(redis.get(MessageRateLimiter.key(id))).isEqualTo("1");

                assertThat(api.post("/api/conversations/" + id + "/messages", "{\"content\":\"/fail\"}").status())
                        .isEqualTo(500);
                assertThat(api.get("/api/conversations/" + id + "/messages").json()).hasSize(3);
                assertThat(api.get("/api/conversations/" + id).json().get("messageCount").asInt()).isEqualTo(3);
                assertThat(api.get("/api/conversations/" + (id + 1000)).status()).isEqualTo(404);
            } finally {
                redis.del(ConversationCache.key(id), MessageRateLimiter.key(id));
            }
        }

        try (Connection c = connect(pgUser); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM " + schema + ".messages WHERE conversation_id = " + id);
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }

    private static String reachablePostgresUser() {
        for (String user : new String[] {"postgres", "root"}) {
            try (Connection ignored = connect(user)) {
                return user;
            } catch (SQLException e) {
                // try the next user
            }
        }
        return null;
    }

    private static boolean redisReachable() {
        try (Jedis redis = new Jedis(REDIS_URL)) {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(PG_URL + "?" + PG_OPTIONS, user, null);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(pgUser); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
