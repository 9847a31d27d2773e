package ai.claw.sample;

import java.util.Map;

import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Announces every stored message on Redis channel {@code claw:messages} with Lettuce's
 * asynchronous API ({@code PUBLISH}); the request does not wait for it.
 */
@Component
public class MessagePublisher {

    private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);
    static final String CHANNEL = "claw:messages";

    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;

    public MessagePublisher(StatefulRedisConnection<String, String> redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** One asynchronous {@code PUBLISH}. */
    public void publish(Message message) {
        String event = json.writeValueAsString(Map.of(
                "conversationId", message.conversationId(), "messageId", message.id(), "role", message.role()));
        redis.async().publish(CHANNEL, event).whenComplete((receivers, error) -> {
            if (error != null) {
                log.warn("Could not publish message {} on {}: {}", message.id(), CHANNEL, error.toString());
            }
        });
    }
}
