package ai.claw.it.redis.jedis;

import redis.clients.jedis.RedisClient;

/** Jedis 8: the pooled client is {@code RedisClient} ({@code JedisPooled} is gone). */
final class UnifiedClient {

    private UnifiedClient() {
    }

    static RedisClient open() {
        return RedisClient.create(JedisClassicTest.HOST, JedisClassicTest.PORT);
    }
}
