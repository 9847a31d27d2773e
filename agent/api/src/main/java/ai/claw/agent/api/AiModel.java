package ai.claw.agent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code String} parameter of a {@link TrackAiResponse} method that names the model
 * at run time; when non-null its value becomes the {@code model} label of
 * {@code claw_ai_ai_response_duration_seconds} instead of {@link TrackAiResponse#model()}
 * (bounded by the agent's {@code cardinality.limit}).
 *
 * <pre>{@code
 * @TrackAiResponse
 * String complete(@AiModel String model, String prompt) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AiModel {
}
