package ai.claw.agent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts one into {@code claw_ai_messages_total{role}} each time the method returns normally (a
 * thrown exception counts nothing). A call nested in a running call with the same role on the same
 * thread counts nothing more; a different role nested inside counts. Without the agent this
 * annotation does nothing.
 *
 * <pre>{@code
 * @TrackMessage(role = "user")
 * Message save(String content) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TrackMessage {
    /** The {@code role} label value, e.g. {@code "user"} or {@code "assistant"}. */
    String role();
}
