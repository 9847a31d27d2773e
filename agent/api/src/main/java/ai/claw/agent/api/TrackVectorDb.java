package ai.claw.agent.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times a vector-store operation into
 * {@code claw_ai_vector_db_operation_duration_seconds{operation, outcome}}; {@code outcome} is
 * {@code error} when it throws (rethrown unchanged) or its asynchronous result fails. A
 * {@code CompletionStage} result is timed until it completes, a Reactor {@code Mono}/{@code Flux}
 * from subscription to its terminal signal, as for {@link TrackAiResponse}. Nested vector-store
 * operations on one thread (including the LangChain4j and Spring AI stores the agent instruments
 * by itself) record only the outermost. Without the agent this annotation does nothing.
 *
 * <pre>{@code
 * @TrackVectorDb(operation = "search")
 * List<Document> similar(float[] embedding) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TrackVectorDb {
    /** The {@code operation} label value, e.g. {@code "search"} or {@code "upsert"}. */
    String operation();
}
