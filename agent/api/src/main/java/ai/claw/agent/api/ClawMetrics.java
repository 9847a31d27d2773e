package ai.claw.agent.api;

/**
 * Records business metrics from code. Every method is a no-op without the agent (the JIT
 * removes the call); when the application runs with {@code -javaagent:claw-ai-agent.jar} the
 * agent makes them record into its registry (switch: {@code instrumentation.annotations.enabled}).
 */
public final class ClawMetrics {

    private ClawMetrics() {
    }

    /**
     * Counts one conversation into {@code claw_ai_conversations_total{status}}.
     *
     * @param status e.g. {@code "created"}, {@code "closed"}
     */
    public static void trackConversation(String status) {
        // Bridged by the agent.
    }

    /**
     * Counts one message into {@code claw_ai_messages_total{role}}.
     *
     * @param role e.g. {@code "user"}, {@code "assistant"}
     */
    public static void trackMessage(String role) {
        // Bridged by the agent.
    }

    /**
     * Adds token usage into {@code claw_ai_ai_tokens_total{model, type}}, {@code type} being
     * {@code prompt} and {@code completion}. A negative count is ignored (the other one still
     * counts). Inside a {@link TrackAiResponse} method, the call is ignored when a client the
     * agent instruments (LangChain4j, Spring AI, the OpenAI SDK) already reported that call's
     * tokens, so usage is never counted twice.
     *
     * @param model            the {@code model} label; null counts as {@code unknown}
     * @param promptTokens     tokens sent to the model
     * @param completionTokens tokens the model generated
     */
    public static void trackTokens(String model, long promptTokens, long completionTokens) {
        // Bridged by the agent.
    }
}
