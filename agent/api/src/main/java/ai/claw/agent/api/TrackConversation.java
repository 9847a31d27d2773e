package ai.claw.agent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts one into {@code claw_ai_conversations_total{status}} each time the method returns
 * normally (a thrown exception counts nothing). A call nested in a running call with the same
 * status on the same thread (a proxy copying the annotation, recursion) counts nothing more.
 * Without the agent this annotation does nothing.
 *
 * <pre>{@code
 * @TrackConversation(status = "created")
 * Conversation create(String title) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TrackConversation {
    /** The {@code status} label value, e.g. {@code "created"} or {@code "closed"}. */
    String status();
}
