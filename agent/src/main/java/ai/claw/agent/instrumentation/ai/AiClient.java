package ai.claw.agent.instrumentation.ai;

/**
 * How one zero-code client's objects are read (reflectively: the agent never links against
 * the library). Each client instrumentation registers one with {@link AiRecorder#register}.
 */
public interface AiClient {

    /** The model the caller asked for: the request's, else the client's default; null when unknown. */
    String requestModel(Object target, Object request);

    /** The model a response (or streamed chunk) names; null when it names none. */
    String responseModel(Object response);

    /**
     * Token usage of a response or streamed chunk as {@code {prompt, completion}} (-1 for a
     * count it lacks), or null when it carries no usage.
     */
    long[] usage(Object response);

    /**
     * A handler that reports the streaming call's end to {@code call}, delegating everything to
     * {@code handler}; {@code handler} itself when this client has no streaming handler.
     */
    default Object wrapStreamingHandler(Object handler, AiCall call) {
        return handler;
    }
}
