package ai.claw.it.redis.jedis;

import ai.claw.it.Scrape;
import ai.claw.it.redis.RedisEndpoint;
import ai.claw.it.redis.RedisSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;

import static ai.claw.it.redis.RedisSeries.ERROR;
import static ai.claw.it.redis.RedisSeries.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The classic {@code Jedis} class, written against the API that Jedis 3.x to 8.x share, under
 * the agent and against the real Redis on 127.0.0.1:6379, or the one {@link RedisEndpoint} names.
 */
class JedisClassicTest {

    /**
     * The local server, still read by redis-jedis8's own {@code UnifiedClient}; the tests here
     * connect to {@link RedisEndpoint}, which is this server unless a container variant runs.
     */
    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    @BeforeAll
    static void redisAndAgent() {
        RedisEndpoint.require();
        Scrape.awaitOwnAgent();
    }

    @Test
    void everyCommandCountsOnceIncludingPipelinesAndTransactions() {
        String k1 = RedisSeries.secret("Key");
        String k2 = RedisSeries.secret("Key");
        String counter = RedisSeries.secret("Key");
        String hash = RedisSeries.secret("Key");
        String piped = RedisSeries.secret("Key");
        String queued = RedisSeries.secret("Key");
        String value = RedisSeries.secret("Value");
        Scrape before = Scrape.own();

        try (Jedis jedis = new Jedis(RedisEndpoint.host(), RedisEndpoint.port())) {
            jedis.set(k1, value);
            jedis.set(k2, value);
            jedis.set(counter, "1");
            for (int i = 0; i < 5; i++) {
                assertEquals(value, jedis.get(k1));
            }
            jedis.hset(hash, "f1", value);
            jedis.hset(hash, "f2", value);
            assertEquals(2L, (long) jedis.incr(counter));
            assertEquals(1L, (long) jedis.del(k2));

            Pipeline pipeline = jedis.pipelined();
            pipeline.set(piped, value);
            Response<String> pipedGet = pipeline.get(piped);
            Response<Long> pipedIncr = pipeline.incr(counter);
            Response<String> pipedHget = pipeline.hget(hash, "f1");
            pipeline.sync();
            assertEquals(value, pipedGet.get());
            assertEquals(3L, (long) pipedIncr.get());
            assertEquals(value, pipedHget.get());

            Transaction tx = jedis.multi();
            tx.set(queued, value);
            tx.incr(counter);
            List<Object> results = tx.exec();
            assertEquals(2, results.size());
            assertEquals(4L, results.get(1));

            assertEquals(5L, (long) jedis.del(k1, counter, hash, piped, queued));
        }

        Scrape after = RedisSeries.since("jedis", before)
                .grows(5, "SET", SUCCESS)
                .grows(6, "GET", SUCCESS)
                .grows(2, "HSET", SUCCESS)
                .grows(3, "INCR", SUCCESS)
                .grows(2, "DEL", SUCCESS)
                .grows(1, "HGET", SUCCESS)
                .grows(1, "MULTI", SUCCESS)
                .grows(1, "EXEC", SUCCESS)
                .settle();
        RedisSeries.assertAbsent(after, k1, counter, hash, value);
    }

    @Test
    void anErrorReplyIsAnErrorAndReachesTheApplicationUnchanged() {
        String key = RedisSeries.secret("Key");
        String value = RedisSeries.secret("Value");
        Scrape before = Scrape.own();

        try (Jedis jedis = new Jedis(RedisEndpoint.host(), RedisEndpoint.port())) {
            jedis.set(key, value);
            JedisDataException direct = assertThrows(JedisDataException.class, () -> jedis.incr(key));
            assertEquals("ERR value is not an integer or out of range", direct.getMessage());

            Pipeline pipeline = jedis.pipelined();
            Response<Long> piped = pipeline.incr(key);
            Response<String> after = pipeline.get(key);
            pipeline.sync();
            JedisDataException inPipeline = assertThrows(JedisDataException.class, piped::get);
            assertEquals("ERR value is not an integer or out of range", inPipeline.getMessage());
            assertEquals(value, after.get());

            assertEquals(1L, (long) jedis.del(key));
        }

        Scrape after = RedisSeries.since("jedis", before)
                .grows(1, "SET", SUCCESS)
                .grows(2, "INCR", ERROR)
                .grows(1, "GET", SUCCESS)
                .grows(1, "DEL", SUCCESS)
                .settle();
        RedisSeries.assertAbsent(after, key, value);
    }

    @Test
    void aBlockingCommandIsTimedUntilItsReply() {
        Scrape before = Scrape.own();
        try (Jedis jedis = new Jedis(RedisEndpoint.host(), RedisEndpoint.port())) {
            // No replica is attached: WAIT blocks on the server for its whole 300 ms timeout.
            assertEquals(0L, (long) jedis.waitReplicas(1, 300));
        }
        RedisSeries series = RedisSeries.since("jedis", before).grows(1, "WAIT", SUCCESS);
        series.assertSlowerThan(series.settle(), "WAIT", SUCCESS, 0.3, "0.25");
    }

    @Test
    void aSocketTimeoutIsAnError() {
        Scrape before = Scrape.own();
        try (Jedis jedis = new Jedis(RedisEndpoint.host(), RedisEndpoint.port(), 150)) {
            assertThrows(JedisConnectionException.class, () -> jedis.waitReplicas(1, 2000));
        }
        RedisSeries.since("jedis", before).grows(1, "WAIT", ERROR).settle();
    }
}
