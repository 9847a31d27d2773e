package ai.claw.agent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times a call to an AI model into {@code claw_ai_ai_response_duration_seconds{model, outcome}}.
 *
 * <p>{@code outcome} is {@code error} when the method throws, or when a returned
 * {@code CompletionStage} (or Reactor {@code Mono}/{@code Flux}) completes exceptionally; such
 * results are timed until they complete. When the model is only known at run time, mark the
 * {@code String} parameter that carries it with {@link AiModel}; a non-null value there wins
 * over {@link #model()}.
 *
 * <pre>{@code
 * @TrackAiResponse(model = "glm-4")
 * String complete(String prompt) { ... }
 * }</pre>
 *
 * <p>Without the agent this annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TrackAiResponse {
    /** The {@code model} label value, e.g. {@code "glm-4"}. */
    String model() default "unknown";
}
