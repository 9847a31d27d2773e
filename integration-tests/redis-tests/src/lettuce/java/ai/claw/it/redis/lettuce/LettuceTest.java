package ai.claw.it.redis.lettuce;

import ai.claw.it.Scrape;
import ai.claw.it.redis.RedisEndpoint;
import ai.claw.it.redis.RedisSeries;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static ai.claw.it.redis.RedisSeries.ERROR;
import static ai.claw.it.redis.RedisSeries.SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lettuce's sync, async and reactive APIs, written against what Lettuce 5.x to 7.x share, under
 * the agent and against the real Redis on 127.0.0.1:6379, or the one {@link RedisEndpoint} names.
 */
class LettuceTest {

    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

    static RedisClient client;
    static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        RedisEndpoint.require();
        Scrape.awaitOwnAgent();
        client = RedisClient.create(RedisEndpoint.uri());
        connection = client.connect();
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void syncAsyncReactivePipelinedAndTransactionalCommandsCountOnceEach() throws Exception {
        String k1 = RedisSeries.secret("Key");
        String k2 = RedisSeries.secret("Key");
        String counter = RedisSeries.secret("Key");
        String hash = RedisSeries.secret("Key");
        String piped = RedisSeries.secret("Key");
        String queued = RedisSeries.secret("Key");
        String value = RedisSeries.secret("Value");
        Scrape before = Scrape.own();

        RedisCommands<String, String> sync = connection.sync();
        sync.set(k1, value);
        sync.set(k2, value);
        sync.set(counter, "1");
        for (int i = 0; i < 5; i++) {
            assertEquals(value, sync.get(k1));
        }
        sync.hset(hash, "f1", value);
        sync.hset(hash, "f2", value);
        assertEquals(2L, sync.incr(counter));
        assertEquals(1L, sync.del(k2));

        RedisAsyncCommands<String, String> async = connection.async();
        assertEquals("OK", async.set(k2, value).get(5, TimeUnit.SECONDS));
        assertEquals(value, async.get(k2).get(5, TimeUnit.SECONDS));
        assertEquals(value, async.get(k1).get(5, TimeUnit.SECONDS));

        assertEquals("OK", connection.reactive().set(k2, value).block(Duration.ofSeconds(5)));
        assertEquals(value, connection.reactive().get(k2).block(Duration.ofSeconds(5)));

        // Pipelining: commands wait in the client until flushCommands(); each still counts one.
        try (StatefulRedisConnection<String, String> pipe = client.connect()) {
            pipe.setAutoFlushCommands(false);
            RedisAsyncCommands<String, String> p = pipe.async();
            RedisFuture<String> set = p.set(piped, value);
            RedisFuture<String> get = p.get(piped);
            RedisFuture<Long> incr = p.incr(counter);
            RedisFuture<String> hget = p.hget(hash, "f1");
            pipe.flushCommands();
            assertTrue(LettuceFutures.awaitAll(5, TimeUnit.SECONDS, set, get, incr, hget));
            assertEquals(value, get.get());
            assertEquals(3L, incr.get());
            assertEquals(value, hget.get());
        }

        assertEquals("OK", sync.multi());
        sync.set(queued, value);
        sync.incr(counter);
        TransactionResult tx = sync.exec();
        assertEquals(2, tx.size());
        assertEquals(4L, (Long) tx.get(1));

        assertEquals(6L, sync.del(k1, k2, counter, hash, piped, queued));

        Scrape after = RedisSeries.since("lettuce", before)
                .grows(7, "SET", SUCCESS)
                .grows(9, "GET", SUCCESS)
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
    void errorRepliesAreErrorsInEveryApiAndReachTheApplicationUnchanged() {
        String key = RedisSeries.secret("Key");
        String value = RedisSeries.secret("Value");
        Scrape before = Scrape.own();

        connection.sync().set(key, value);
        RedisCommandExecutionException sync = assertThrows(RedisCommandExecutionException.class,
                () -> connection.sync().incr(key));
        assertEquals(NOT_AN_INTEGER, sync.getMessage());

        ExecutionException async = assertThrows(ExecutionException.class,
                () -> connection.async().incr(key).get(5, TimeUnit.SECONDS));
        assertInstanceOf(RedisCommandExecutionException.class, async.getCause());
        assertEquals(NOT_AN_INTEGER, async.getCause().getMessage());

        RedisCommandExecutionException reactive = assertThrows(RedisCommandExecutionException.class,
                () -> connection.reactive().incr(key).block(Duration.ofSeconds(5)));
        assertEquals(NOT_AN_INTEGER, reactive.getMessage());

        assertEquals(1L, connection.sync().del(key));

        Scrape after = RedisSeries.since("lettuce", before)
                .grows(1, "SET", SUCCESS)
                .grows(3, "INCR", ERROR)
                .grows(1, "DEL", SUCCESS)
                .settle();
        RedisSeries.assertAbsent(after, key, value);
    }

    @Test
    void anAsyncCommandIsTimedFromDispatchToCompletion() throws Exception {
        Scrape before = Scrape.own();
        // No replica is attached: WAIT blocks on the server for its whole 300 ms timeout.
        RedisFuture<Long> wait = connection.async().waitForReplication(1, 300);
        assertEquals(0L, wait.get(5, TimeUnit.SECONDS));

        RedisSeries series = RedisSeries.since("lettuce", before).grows(1, "WAIT", SUCCESS);
        series.assertSlowerThan(series.settle(), "WAIT", SUCCESS, 0.3, "0.25");
    }

    @Test
    void aCommandTimeoutIsAnError() {
        Scrape before = Scrape.own();
        try (StatefulRedisConnection<String, String> slow = client.connect()) {
            slow.setTimeout(Duration.ofMillis(150));
            assertThrows(RedisCommandTimeoutException.class, () -> slow.sync().waitForReplication(1, 2000));
        }
        RedisSeries.since("lettuce", before).grows(1, "WAIT", ERROR).settle();
    }
}
