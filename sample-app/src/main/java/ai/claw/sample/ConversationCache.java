package ai.claw.sample;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A Jedis read-through cache of conversations: {@code GET} and {@code SET ... EX 60} on key
 * {@code claw:conversation:<id>}, {@code DEL} when a message changes the conversation. Redis
 * trouble never fails a request: it is logged and the database answers.
 */
@Component
public class ConversationCache {

    private static final Logger log = LoggerFactory.getLogger(ConversationCache.class);
    static final long TTL_SECONDS = 60;

    private final JedisPooled jedis;
    private final JsonMapper json;

    public ConversationCache(JedisPooled jedis, JsonMapper json) {
        this.jedis = jedis;
        this.json = json;
    }

    static String key(long conversationId) {
        return "claw:conversation:" + conversationId;
    }

    /** One {@code GET}. */
    public Optional<Conversation> get(long conversationId) {
        try {
            String cached = jedis.get(key(conversationId));
            return cached == null ? Optional.empty() : Optional.of(json.readValue(cached, Conversation.class));
        } catch (JedisException | JacksonException e) {
            log.warn("Conversation cache read failed, using the database: {}", e.toString());
            return Optional.empty();
        }
    }

    /** One {@code SET key value EX 60}. */
    public void put(Conversation conversation) {
        try {
            jedis.set(key(conversation.id()), json.writeValueAsString(conversation),
                    SetParams.setParams().ex(TTL_SECONDS));
        } catch (JedisException e) {
            log.warn("Conversation cache write failed: {}", e.toString());
        }
    }

    /** One {@code DEL}. */
    public void evict(long conversationId) {
        try {
            jedis.del(key(conversationId));
        } catch (JedisException e) {
            log.warn("Conversation cache eviction failed: {}", e.toString());
        }
    }
}
