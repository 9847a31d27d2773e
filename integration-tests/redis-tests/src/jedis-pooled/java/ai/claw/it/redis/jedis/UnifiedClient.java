package ai.claw.it.redis.jedis;

import ai.claw.it.redis.RedisEndpoint;
import redis.clients.jedis.JedisPooled;

/** Jedis 4 to 7: the pooled client is {@code JedisPooled}. */
final class UnifiedClient {

    private UnifiedClient() {
    }

    static JedisPooled open() {
        return new JedisPooled(RedisEndpoint.host(), RedisEndpoint.port());
    }
}
