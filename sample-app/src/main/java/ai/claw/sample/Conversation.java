package ai.claw.sample;

import java.time.Instant;

/** A row of table {@code conversations}; also the JSON of {@code GET /api/conversations/{id}}. */
public record Conversation(long id, String title, int messageCount, Instant createdAt, Instant updatedAt) {
}
