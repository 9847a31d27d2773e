package ai.claw.sample;

import java.time.Instant;

/** A row of table {@code messages}; {@code role} is {@code user} or {@code assistant}. */
public record Message(long id, long conversationId, String role, String content, Instant createdAt) {
}
