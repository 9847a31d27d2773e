package ai.claw.agent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times a call to an AI model into {@code claw_ai_ai_response_duration_seconds{model, outcome}}.
 *
 * <p>{@code outcome} is {@code error} when the method throws (the exception reaches the caller
 * unchanged), or when its asynchronous result fails. A returned {@code CompletionStage} is timed
 * until it completes (the same stage is returned). A Reactor {@code Mono}/{@code Flux}, from a
 * method declared to return {@code Mono}, {@code Flux}, {@code Publisher} or {@code Object}, stays
 * lazy and is timed from each subscription to its {@code onComplete}/{@code onError} (a cancel
 * counts as success), so a streamed answer is timed to its last element. When the model is only
 * known at run time, mark the {@code String} parameter that carries it with {@link AiModel}; a
 * non-null value there wins over {@link #model()}.
 *
 * <pre>{@code
 * @TrackAiResponse(model = "glm-4")
 * String complete(String prompt) { ... }
 * }</pre>
 *
 * <p>Put it on the method that has the body (instance, static, private or an interface's
 * default method); like every Java method annotation it is not inherited by overriding methods.
 * One call is recorded once: when annotated methods, or an annotated method and a client the
 * agent instruments by itself (LangChain4j, Spring AI, the OpenAI SDK), are nested on one
 * thread, only the outermost records the duration, with its model. Token counts in
 * {@code claw_ai_ai_tokens_total} come from such a client, or from
 * {@link ClawMetrics#trackTokens}.
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
