package ai.claw.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/** Every endpoint over real HTTP, on the embedded defaults (H2 and the jedis-mock Redis server). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    AppSettings settings;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JedisPooled jedis;
    @Autowired
    RedisClient lettuceClient;
    @Autowired
    StatefulRedisConnection<String, String> lettuce;

    private HttpJson api() {
        return new HttpJson("http://127.0.0.1:" + port);
    }

    @Test
    void runsOnTheEmbeddedDefaults() {
        assertThat(settings.dbUrl()).startsWith("jdbc:h2:mem:");
        assertThat(settings.embeddedRedis()).isTrue();
    }

    @Test
    void healthReportsDatabaseAndRedis() {
        HttpJson.Response r = api().get("/api/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("UP");
        assertThat(r.json().at("/db/status").asString()).isEqualTo("UP");
        assertThat(r.json().at("/db/database").asString()).isEqualTo("h2");
        assertThat(r.json().at("/db/pool").asString()).isEqualTo("claw-ai-pool");
        assertThat(r.json().at("/redis/status").asString()).isEqualTo("UP");
        assertThat(r.json().at("/redis/embedded").asBoolean()).isTrue();
        assertThat(r.json().at("/redis/jedis").asString()).isEqualTo("UP");
        assertThat(r.json().at("/redis/lettuce").asString()).isEqualTo("UP");
    }

    @Test
    void createAndReadAConversationThroughTheCache() {
        HttpJson.Response created = api().post("/api/conversations", "{\"title\":\"  Latency questions \"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(id).isPositive();
        assertThat(created.header("Location")).isEqualTo("/api/conversations/" + id);
        assertThat(created.json().get("title").asString()).isEqualTo("Latency questions");
        assertThat(created.json().get("messageCount").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT title FROM conversations WHERE id = ?", String.class, id))
                .isEqualTo("Latency questions");
        assertThat(jedis.exists(ConversationCache.key(id))).isFalse();

        HttpJson.Response first = api().get("/api/conversations/" + id);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("id").asLong()).isEqualTo(id);
        assertThat(first.json().get("title").asString()).isEqualTo("Latency questions");
        // The miss filled the Jedis cache with a TTL; the second read is served from it.
        assertThat(jedis.ttl(ConversationCache.key(id))).isBetween(1L, ConversationCache.TTL_SECONDS);
        HttpJson.Response second = api().get("/api/conversations/" + id);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
    }

    @Test
    void badConversationRequestsAre400() {
        assertThat(api().post("/api/conversations", "{\"title\":\"   \"}").status()).isEqualTo(400);
        HttpJson.Response missing = api().post("/api/conversations", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).isEqualTo("\"title\" is required and must not be blank");
        assertThat(api().post("/api/conversations", "not json").status()).isEqualTo(400);
        assertThat(api().post("/api/conversations", "").status()).isEqualTo(400);
        assertThat(api().post("/api/conversations", "{\"title\":\"" + "x".repeat(201) + "\"}").status()).isEqualTo(400);
    }

    @Test
    void unknownConversationsAre404() {
        HttpJson.Response r = api().get("/api/conversations/987654321");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("detail").asString()).isEqualTo("conversation 987654321 not found");
        assertThat(api().get("/api/conversations/987654321/messages").status()).isEqualTo(404);
        assertThat(api().post("/api/conversations/987654321/messages", "{\"content\":\"hi\"}").status()).isEqualTo(404);
        assertThat(jedis.exists(ConversationCache.key(987654321))).isFalse();
    }

    @Test
    void pathsWithoutARouteAre404AndNonNumericIdsAre400() {
        assertThat(api().get("/api/no-such-route").status()).isEqualTo(404);
        assertThat(api().get("/").status()).isEqualTo(404);
        assertThat(api().get("/api/conversations/abc").status()).isEqualTo(400);
    }

    @Test
    void aMessageGetsASimulatedReply() throws Exception {
        long id = api().post("/api/conversations", "{\"title\":\"Tokens\"}").json().get("id").asLong();
        api().get("/api/conversations/" + id); // fills the cache

        List<String> published = new CopyOnWriteArrayList<>();
        JsonNode body;
        try (StatefulRedisPubSubConnection<String, String> sub = lettuceClient.connectPubSub()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    published.add(message);
                }
            });
            sub.sync().subscribe(MessagePublisher.CHANNEL);

            HttpJson.Response r = api().post("/api/conversations/" + id + "/messages",
                    "{\"content\":\"How are prompt tokens counted?\"}");
            assertThat(r.status()).isEqualTo(200);
            body = r.json();
            assertThat(body.get("conversationId").asLong()).isEqualTo(id);
            assertThat(body.at("/message/role").asString()).isEqualTo("user");
            assertThat(body.at("/message/content").asString()).isEqualTo("How are prompt tokens counted?");
            assertThat(body.at("/reply/role").asString()).isEqualTo("assistant");
            assertThat(body.at("/reply/content").asString()).contains("How are prompt tokens counted?");
            assertThat(body.get("model").asString()).isEqualTo("glm-4");
            assertThat(body.get("context")).hasSize(2);
            assertThat(body.get("context").get(0).asString()).contains("prompt and completion tokens");
            assertThat(body.get("completionTokens").asLong())
                    .isEqualTo(SimulatedChatModel.countTokens(body.at("/reply/content").asString()));
            assertThat(body.get("promptTokens").asLong()).isGreaterThan(5);

            await().atMost(5, TimeUnit.SECONDS).until(() -> published.size() == 2);
        }
        assertThat(published).allSatisfy(event -> assertThat(event).contains("\"conversationId\":" + id));
        assertThat(published.get(0)).contains("\"role\":\"user\"");
        assertThat(published.get(1)).contains("\"role\":\"assistant\"");

        // Stored (INSERT + UPDATE), cache evicted (DEL), rate-limit window open (INCR + EXPIRE).
        assertThat(jdbc.queryForObject("SELECT message_count FROM conversations WHERE id = ?", Integer.class, id))
                .isEqualTo(2);
        assertThat(jedis.exists(ConversationCache.key(id))).isFalse();
        assertThat(jedis.get(MessageRateLimiter.key(id))).isEqualTo("1");
        assertThat(jedis.ttl(MessageRateLimiter.key(id))).isBetween(1L, MessageRateLimiter.WINDOW_SECONDS);

        HttpJson.Response conversation = api().get("/api/conversations/" + id);
        assertThat(conversation.json().get("messageCount").asInt()).isEqualTo(2);

        HttpJson.Response list = api().get("/api/conversations/" + id + "/messages");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(2);
        assertThat(list.json().get(0).get("role").asString()).isEqualTo("user");
        assertThat(list.json().get(1).get("role").asString()).isEqualTo("assistant");
        assertThat(list.json().get(0)).isEqualTo(body.get("message"));
        assertThat(list.json().get(1)).isEqualTo(body.get("reply"));
    }

    @Test
    void failTriggersA500AndKeepsTheUserMessage() {
        long id = api().post("/api/conversations", "{\"title\":\"Failing\"}").json().get("id").asLong();
        HttpJson.Response r = api().post("/api/conversations/" + id + "/messages", "{\"content\":\"/fail\"}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("detail").asString()).contains("failed on purpose");

        HttpJson.Response list = api().get("/api/conversations/" + id + "/messages");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("content").asString()).isEqualTo("/fail");
    }

    @Test
    void badMessagesAre400() {
        long id = api().post("/api/conversations", "{\"title\":\"Bad\"}").json().get("id").asLong();
        assertThat(api().post("/api/conversations/" + id + "/messages", "{\"content\":\" \"}").status()).isEqualTo(400);
        assertThat(api().post("/api/conversations/" + id + "/messages", "{}").status()).isEqualTo(400);
        assertThat(api().post("/api/conversations/" + id + "/messages", "{\"content\":\"" + "y".repeat(4001) + "\"}")
                .status()).isEqualTo(400);
        assertThat(api().get("/api/conversations/" + id + "/messages").json()).isEmpty();
    }

    @Test
    void newConversationHasAnEmptyMessageList() {
        long id = api().post("/api/conversations", "{\"title\":\"Empty\"}").json().get("id").asLong();
        HttpJson.Response list = api().get("/api/conversations/" + id + "/messages");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json()).isEmpty();
    }

    @Test
    void rateLimiterStopsAtItsLimit() {
        MessageRateLimiter limiter = new MessageRateLimiter(lettuce, 2);
        long conversation = 555_000_001L;
        assertThat(limiter.tryAcquire(conversation)).isTrue();
        assertThat(limiter.tryAcquire(conversation)).isTrue();
        assertThat(limiter.tryAcquire(conversation)).isFalse();
        assertThat(new MessageRateLimiter(lettuce, 0).tryAcquire(conversation)).isTrue();
    }
}
