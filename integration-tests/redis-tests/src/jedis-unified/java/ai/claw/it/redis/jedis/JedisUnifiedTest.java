package ai.claw.it.redis.jedis;

import ai.claw.it.Scrape;
import ai.claw.it.redis.RedisEndpoint;
import ai.claw.it.redis.RedisSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;

import static ai.claw.it.redis.RedisSeries.ERROR;
import static ai.claw.it.redis.RedisSeries.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pooled {@code UnifiedJedis} client of Jedis 4+ ({@code JedisPooled}, or {@code RedisClient}
 * in Jedis 8: each module's {@code UnifiedClient.open()} says which), where commands run through
 * {@code Connection.executeCommand} and pipelines borrow a pooled connection.
 */
class JedisUnifiedTest {

    @BeforeAll
    static void redisAndAgent() {
        RedisEndpoint.require();
        Scrape.awaitOwnAgent();
    }

    @Test
    void pooledCommandsPipelinesAndTransactionsCountOnceEach() {
        String key = RedisSeries.secret("Key");
        String counter = RedisSeries.secret("Key");
        String value = RedisSeries.secret("Value");
        Scrape before = Scrape.own();

        try (var client = UnifiedClient.open()) {
            client.set(key, value);
            client.set(counter, "10");
            for (int i = 0; i < 3; i++) {
                assertEquals(value, client.get(key));
            }
            assertEquals(11L, client.incr(counter));
            JedisDataException error = assertThrows(JedisDataException.class, () -> client.incr(key));
            assertEquals("ERR value is not an integer or out of range", error.getMessage());

            try (var pipeline = client.pipelined()) {
                Response<String> get = pipeline.get(key);
                Response<Long> incr = pipeline.incr(counter);
                Response<Long> bad = pipeline.incr(key);
                pipeline.sync();
                assertEquals(value, get.get());
                assertEquals(12L, incr.get());
                assertThrows(JedisDataException.class, bad::get);
            }

            try (var tx = client.multi()) {
                tx.incr(counter);
                tx.get(key);
                List<Object> results = tx.exec();
                assertEquals(List.of(13L, value), results);
            }

            assertEquals(2L, client.del(key, counter));
        }

        Scrape after = RedisSeries.since("jedis", before)
                .grows(2, "SET", SUCCESS)
                .grows(5, "GET", SUCCESS)
                .grows(3, "INCR", SUCCESS)
                .grows(2, "INCR", ERROR)
                .grows(1, "MULTI", SUCCESS)
                .grows(1, "EXEC", SUCCESS)
                .grows(1, "DEL", SUCCESS)
                .settle();
        RedisSeries.assertAbsent(after, key, counter, value);
    }
}
