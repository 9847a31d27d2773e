package ai.claw.sample;

import java.io.IOException;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.clients.jedis.JedisPooled;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Both Redis clients, on the same server: Jedis (a pool) and Lettuce (one shared connection). */
@Configuration(proxyBeanMethods = false)
class RedisConfig {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "close")
    RedisEndpoint redisEndpoint(AppSettings settings) throws IOException {
        return RedisEndpoint.of(settings);
    }

    @Bean(destroyMethod = "close")
    JedisPooled jedis(RedisEndpoint endpoint) {
        return new JedisPooled(endpoint.uri(), (int) TIMEOUT.toMillis());
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient lettuceClient(RedisEndpoint endpoint) {
        RedisURI uri = RedisURI.create(endpoint.uri());
        uri.setTimeout(TIMEOUT);
        return RedisClient.create(uri);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> lettuceConnection(RedisClient client) {
        return client.connect();
    }
}
