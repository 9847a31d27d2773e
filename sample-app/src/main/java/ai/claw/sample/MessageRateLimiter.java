package ai.claw.sample;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A fixed-window limit on messages per conversation, on Lettuce's synchronous API: {@code INCR}
 * of {@code claw:rate:<id>}, and {@code EXPIRE 60} when the window opens (count 1). Fails open
 * when Redis is unavailable.
 */
@Component
public class MessageRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(MessageRateLimiter.class);
    static final long WINDOW_SECONDS = 60;

    private final StatefulRedisConnection<String, String> redis;
    private final int limit;

    @Autowired
    public MessageRateLimiter(StatefulRedisConnection<String, String> redis, AppSettings settings) {
        this(redis, settings.rateLimit());
    }

    MessageRateLimiter(StatefulRedisConnection<String, String> redis, int limit) {
        this.redis = redis;
        this.limit = limit;
    }

    static String key(long conversationId) {
        return "claw:rate:" + conversationId;
    }

    /** True when one more message may be posted to the conversation now. */
    public boolean tryAcquire(long conversationId) {
        if (limit <= 0) {
            return true;
        }
        try {
            RedisCommands<String, String> commands = redis.sync();
            long count = commands.incr(key(conversationId));
            if (count == 1) {
                commands.expire(key(conversationId), WINDOW_SECONDS);
            }
            return count <= limit;
        } catch (RedisException e) {
            log.warn("Rate limiter unavailable, letting the message through: {}", e.toString());
            return true;
        }
    }

    public int limit() {
        return limit;
    }
}
